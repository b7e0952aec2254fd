namespace Storyline;

/// <summary>
/// The result of an operation whose failure is expected (bad input, nothing found), in the NodaTime
/// <c>ParseResult</c> manner: callers branch on <see cref="Success"/> instead of catching exceptions.
/// </summary>
public readonly record struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, string? problem)
    {
        _value = value;
        Problem = problem;
    }

    public bool Success => Problem is null;

    /// <summary>Why the operation failed, in words a user can act on; null on success.</summary>
    public string? Problem { get; }

    public T Value => Success ? _value! : throw new InvalidOperationException($"No value: {Problem}");

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Fail(string problem) => new(default, problem ?? throw new ArgumentNullException(nameof(problem)));

    public bool TryGetValue(out T value)
    {
        value = _value!;
        return Success;
    }

    public override string ToString() => Success ? $"Ok({_value})" : $"Fail({Problem})";
}
