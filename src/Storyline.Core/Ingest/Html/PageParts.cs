using Storyline.Learning;

namespace Storyline.Ingest.Html;

/// <summary>
/// Recognises page parts (navigation, share bars, comments…) by the words of an element's class and id, from the
/// rules in <c>Resources/html/page-parts.txt</c>.
/// </summary>
public sealed class PageParts
{
    public const string Positive = "positive";
    public const string WeakNegative = "weak-negative";

    public static PageParts Default { get; } = Load(EmbeddedData.ReadLines("html/page-parts.txt"));

    private readonly Dictionary<string, string> _kindByWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _kindByPair = new(StringComparer.Ordinal);

    public static PageParts Load(IEnumerable<string> lines)
    {
        var parts = new PageParts();
        foreach (var line in lines)
        {
            int colon = line.IndexOf(':');
            if (colon <= 0) throw new FormatException($"page-parts rule without 'kind:': {line}");
            var kind = line[..colon].Trim();
            foreach (var entry in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var words = entry.Split('-');
                if (words.Length == 1) parts._kindByWord[entry] = kind;
                else if (words.Length == 2) parts._kindByPair[entry] = kind;
                else throw new FormatException($"page-parts entry has more than two words: {entry}");
            }
        }
        return parts;
    }

    /// <summary>What the class and id words say about an element: the removable kind found first, and whether positive or weak-negative words occur.</summary>
    public PartSignal Classify(HtmlNode element)
    {
        var signal = new PartSignal();
        Scan(element.Attribute("class"), ref signal);
        Scan(element.Attribute("id"), ref signal);
        return signal;
    }

    private void Scan(string? value, ref PartSignal signal)
    {
        if (string.IsNullOrEmpty(value)) return;
        Span<char> word = stackalloc char[64];
        Span<char> previous = stackalloc char[64];
        int length = 0, previousLength = 0;
        for (int i = 0; i <= value.Length; i++)
        {
            char c = i < value.Length ? value[i] : ' ';
            bool hump = length > 0 && char.IsUpper(c) && i > 0 && char.IsLower(value[i - 1]);
            if (!char.IsLetterOrDigit(c) || hump)
            {
                if (length > 0)
                {
                    Match(word[..length], previous[..previousLength], ref signal);
                    word[..length].CopyTo(previous);
                    previousLength = length;
                    length = 0;
                }
                if (c is ' ' or '\t' or '\n') previousLength = 0; // a new class token: no pair across tokens
                if (!hump) continue;
            }
            if (length < word.Length) word[length++] = char.ToLowerInvariant(c);
        }
    }

    private void Match(ReadOnlySpan<char> word, ReadOnlySpan<char> previous, ref PartSignal signal)
    {
        if (_kindByWord.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(word, out var kind)) signal.Add(kind);
        if (previous.Length > 0)
        {
            Span<char> pair = stackalloc char[previous.Length + 1 + word.Length];
            previous.CopyTo(pair);
            pair[previous.Length] = '-';
            word.CopyTo(pair[(previous.Length + 1)..]);
            if (_kindByPair.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(pair, out var pairKind)) signal.Add(pairKind);
        }
    }
}

/// <summary>What the class and id words of one element say.</summary>
public struct PartSignal
{
    public string? RemovableKind { get; private set; }
    public bool Positive { get; private set; }
    public bool WeakNegative { get; private set; }

    internal void Add(string kind)
    {
        if (kind == PageParts.Positive) Positive = true;
        else if (kind == PageParts.WeakNegative) WeakNegative = true;
        else RemovableKind ??= kind;
    }

    /// <summary>Readability's class weight: +25 for content words, −25 for boilerplate words.</summary>
    public readonly int Weight => (Positive ? 25 : 0) - (RemovableKind is not null || WeakNegative ? 25 : 0);
}
