using Storyline.Documents;

namespace Storyline.Cleaning;

/// <summary>One line of the input: its span (without the line break) and its text.</summary>
public readonly record struct TextLine(int Start, int End, string Text)
{
    public string Trimmed => Text.Trim();
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>A span a rule wants removed, with its kind and the rule's name (the "why").</summary>
public readonly record struct Removal(int Start, int End, string Kind, string Rule);

/// <summary>
/// A cleaning rule. It sees every line of the input and names the spans to remove; the cleaner merges the
/// rules' answers (earlier rules win where two overlap) and keeps everything else.
/// </summary>
public interface ICleaningRule
{
    string Name { get; }
    IEnumerable<Removal> Find(IReadOnlyList<TextLine> lines);
}

/// <summary>The clean text, what was removed (offsets into the cleaner's input), and the map back to the input.</summary>
public sealed record CleanedText(string Text, IReadOnlyList<RemovedPart> Removed, OffsetMap Offsets);
