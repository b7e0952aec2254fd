using System.Text.RegularExpressions;
using Storyline.Documents;
using Storyline.Language;

namespace Storyline.Time;

/// <summary>The tense of the clause a time expression sits in, which decides whether "Thursday" is the last one or the next.</summary>
public enum Tense
{
    Unknown,
    Past,
    Present,
    Future,
}

/// <summary>
/// Finds the tense around a time expression from the verb nearest to it in its sentence: from Penn Treebank tags
/// when the tokens carry them (VBD past, MD will/shall future, VBZ/VBP present), otherwise from the cue words of
/// <c>Resources/time/tense-cues.tsv</c> and regular <c>-ed</c> past forms. The nearest cue wins because a
/// sentence often mixes tenses ("Macron spoke … ahead of a summit on Thursday that will discuss …").
/// </summary>
public sealed partial class TenseDetector(TimeLexicon lexicon)
{
    [GeneratedRegex(@"[A-Za-z]+(?:['’][a-z]+)?|['’]ll")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[;:]|\s[—–]\s|,?\s+(?:and|but|while|whereas)\s+(?=(?:the|a|an|he|she|it|they|we|i|his|her|their|its)\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseBreak();

    /// <summary>The clause around the expression: the sentence cut at semicolons, dashes and "and/but" before a new subject.</summary>
    public static TextSpan ClauseOf(string text, TextSpan expression, TextSpan sentence)
    {
        int start = sentence.Start, end = sentence.End;
        foreach (var m in ClauseBreak().EnumerateMatches(text.AsSpan(sentence.Start, sentence.Length)))
        {
            int at = sentence.Start + m.Index;
            if (at + m.Length <= expression.Start) start = at + m.Length;
            else if (at >= expression.End) { end = at; break; }
        }
        return new TextSpan(start, end);
    }

    public Tense Detect(string text, TextSpan expression, TextSpan sentence, IReadOnlyList<Token>? tokens = null)
    {
        sentence = ClauseOf(text, expression, sentence);
        var best = Tense.Unknown;
        int bestDistance = int.MaxValue;
        void Consider(int start, int end, Tense tense)
        {
            if (tense == Tense.Unknown || (start < expression.End && expression.Start < end)) return;
            int distance = end <= expression.Start ? expression.Start - end : start - expression.End;
            if (distance < bestDistance) { bestDistance = distance; best = tense; }
        }

        var tagged = tokens is { Count: > 0 } && tokens.Any(t => t.PennTag is not null);
        Dictionary<int, string?>? tagAt = tagged ? tokens!.Where(t => t.Start >= sentence.Start && t.End <= sentence.End).GroupBy(t => t.Start).ToDictionary(g => g.Key, g => g.First().PennTag) : null;
        var words = new List<(int Start, int End, Tense Tense)>();
        string? previous = null;
        foreach (Match word in WordPattern().Matches(text, sentence.Start))
        {
            if (word.Index >= sentence.End) break;
            var tense = FromWord(word.Value, text, word.Index);
            // "the plan", "a scheduled stop": after a determiner a cue word is a noun or an adjective, not a verb.
            if (previous is not null && IsDeterminer(previous)) tense = Tense.Unknown;
            // "will be held", "was being planned": a participle after a form of "be" is passive or progressive; the
            // auxiliary carries the tense.
            if (tense == Tense.Past && previous is not null && previous.ToLowerInvariant() is "be" or "been" or "being") tense = Tense.Unknown;
            // "the hastily planned trip", "markets untouched by": an -ed word the tagger reads as an adjective is no verb.
            if (tagAt is not null && word.Value.EndsWith("ed", StringComparison.OrdinalIgnoreCase) && tagAt.TryGetValue(word.Index, out var tag) && tag is "JJ")
                tense = Tense.Unknown;
            // "were planning to", "is expected to": an auxiliary takes the tense of the future-looking verb after it.
            // "is to resume", "was set to meet" look ahead as well.
            if (tense is Tense.Past or Tense.Present && IsAuxiliary(word.Value) && NextWord(text, word.Index + word.Length, sentence.End) is { } next
                && (FromWord(next, text, 0) == Tense.Future || next.Equals("to", StringComparison.OrdinalIgnoreCase)
                    || (next.Equals("set", StringComparison.OrdinalIgnoreCase) && FollowedBy(text, text.IndexOf(next, word.Index + word.Length, StringComparison.Ordinal) + 3, "to"))))
                tense = Tense.Future;
            if (word.Value.Equals("set", StringComparison.OrdinalIgnoreCase) && FollowedBy(text, word.Index + word.Length, "to")) tense = Tense.Future;
            words.Add((word.Index, word.Index + word.Length, tense));
            previous = word.Value;
        }

        // A future cue of the lexicon ("planned", "scheduled") overrules the past tag of the same word when the
        // expression follows it ("planned to leave on Thursday"); a fronted expression dates the planning itself
        // ("On Friday, the government planned to …"), so there the past tag stands.
        if (tagged)
            foreach (var (start, end, tense) in words)
                if (tense == Tense.Future && !(start >= expression.End && tagAt!.GetValueOrDefault(start) == "VBD")) Consider(start, end, tense);
        if (tagged)
        {
            for (int i = 0; i < tokens!.Count; i++)
            {
                var token = tokens[i];
                if (token.Start < sentence.Start || token.End > sentence.End) continue;
                Consider(token.Start, token.End, FromTag(tokens, i));
            }
        }
        foreach (var (start, end, tense) in words)
        {
            // With tags, the lexicon adds only the non-verbal cues ("ahead of", "upcoming") that tags cannot show.
            if (tagged && tense == Tense.Present) continue;
            Consider(start, end, tense);
        }
        return best;
    }

    private static Tense FromTag(IReadOnlyList<Token> tokens, int i)
    {
        var token = tokens[i];
        var word = token.Text.ToLowerInvariant();
        switch (token.PennTag)
        {
            case "MD": return word is "will" or "'ll" or "’ll" or "shall" or "wo" ? Tense.Future : Tense.Unknown;
            case "VBD": return Tense.Past;
            case "VBN":
                for (int j = Math.Max(0, i - 3); j < i; j++)
                    if (tokens[j].Text.ToLowerInvariant() is "has" or "have" or "had" or "'ve") return Tense.Past;
                return Tense.Unknown;
            case "VBZ":
            case "VBP":
                return Tense.Present;
            default:
                return Tense.Unknown;
        }
    }

    private Tense FromWord(string word, string text, int at)
    {
        if (lexicon.TenseCues.TryGetValue(word.Replace('’', '\''), out var cue))
            return cue switch { "past" => Tense.Past, "future" => Tense.Future, "present" => Tense.Present, _ => Tense.Unknown };
        if (word.Equals("going", StringComparison.OrdinalIgnoreCase) && FollowedBy(text, at + word.Length, "to"))
            return Tense.Future;
        // Regular past forms; capitalised words are mostly names ("United"), so they do not count.
        if (word.Length > 4 && char.IsLower(word[0]) && word.EndsWith("ed", StringComparison.Ordinal) && !word.EndsWith("eed", StringComparison.Ordinal))
            return Tense.Past;
        return Tense.Unknown;
    }

    private static bool IsDeterminer(string word) =>
        word.ToLowerInvariant() is "the" or "a" or "an" or "this" or "that" or "these" or "those" or "his" or "her" or "its" or "their" or "our" or "my" or "your";

    private static bool IsAuxiliary(string word) =>
        word.ToLowerInvariant() is "is" or "are" or "am" or "was" or "were" or "be" or "been" or "has" or "have" or "had";

    private static string? NextWord(string text, int at, int end)
    {
        while (at < end && char.IsWhiteSpace(text[at])) at++;
        int start = at;
        while (at < end && char.IsLetter(text[at])) at++;
        return at > start ? text[start..at] : null;
    }

    private static bool FollowedBy(string text, int at, string next)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at])) at++;
        return string.Compare(text, at, next, 0, next.Length, StringComparison.OrdinalIgnoreCase) == 0
            && (at + next.Length == text.Length || !char.IsLetter(text[at + next.Length]));
    }
}
