namespace Storyline.Documents;

/// <summary>
/// Maps an offset in a derived text (the clean body) back to the text it was cut from. The derived text is a
/// concatenation of kept pieces of the source; each piece is recorded as (derived start, source start, length).
/// </summary>
public sealed class OffsetMap
{
    private readonly int[] _derivedStarts;
    private readonly int[] _sourceStarts;
    private readonly int[] _lengths;

    public OffsetMap(IReadOnlyList<(int DerivedStart, int SourceStart, int Length)> pieces)
    {
        _derivedStarts = pieces.Select(p => p.DerivedStart).ToArray();
        _sourceStarts = pieces.Select(p => p.SourceStart).ToArray();
        _lengths = pieces.Select(p => p.Length).ToArray();
    }

    public int PieceCount => _lengths.Length;

    /// <summary>The same map with every source offset moved by <paramref name="shift"/>.</summary>
    public OffsetMap Shifted(int shift) =>
        new(Enumerable.Range(0, _lengths.Length).Select(i => (_derivedStarts[i], _sourceStarts[i] + shift, _lengths[i])).ToList());

    /// <summary>The pieces, for storage: (derived start, source start, length).</summary>
    public IEnumerable<(int DerivedStart, int SourceStart, int Length)> Pieces =>
        Enumerable.Range(0, _lengths.Length).Select(i => (_derivedStarts[i], _sourceStarts[i], _lengths[i]));

    /// <summary>The source offset of a derived offset. An offset at a piece's end maps to the end of that piece.</summary>
    public int ToSource(int derivedOffset)
    {
        if (_lengths.Length == 0) return derivedOffset;
        int i = Array.BinarySearch(_derivedStarts, derivedOffset);
        if (i < 0) i = ~i - 1;
        if (i < 0) i = 0;
        return _sourceStarts[i] + Math.Min(derivedOffset - _derivedStarts[i], _lengths[i]);
    }

    public TextSpan ToSource(TextSpan derived)
    {
        int start = ToSource(derived.Start);
        int end = derived.Length == 0 ? start : ToSource(derived.End - 1) + 1;
        return new TextSpan(start, end);
    }
}
