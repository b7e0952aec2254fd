using Storyline.Documents;
using Storyline.Language;

namespace Storyline.Quotes;

/// <summary>
/// One attribution as found in the text, before its speaker is resolved: spans only.
/// Split direct quotes (<c>"…," he said. "…"</c>) are linked parts: one attribution per quoted part, each carrying
/// the same <see cref="Cue"/> and <see cref="Source"/>, the later parts with <see cref="ContinuesPrevious"/> set.
/// </summary>
public sealed record Attribution(TextSpan Content, string Kind, TextSpan? Source, TextSpan? Cue)
{
    /// <summary>For a nested attribution ("…, Witkoff said, recounting Putin's comments"), the person recounted.</summary>
    public TextSpan? Reported { get; init; }
    /// <summary>This part continues the attribution before it (a split direct quote, or a quote that runs on into
    /// the next paragraph of the same speaker without a cue of its own).</summary>
    public bool ContinuesPrevious { get; init; }
}

/// <summary>
/// Finds attributions (source, cue, content) in tokenised text with rules over quote marks and the cue lexicon.
/// <list type="bullet">
/// <item>Direct: a quoted span with a cue after it (<c>"…," Macron said</c>, <c>"…," said Macron</c>) or before it
/// (<c>Lavrov stated: "…"</c>, <c>Trump added, "…"</c>, <c>…, saying, "…"</c>).</item>
/// <item>A sentence-opening quote with no cue of its own right after an attributed quote continues it (same source).</item>
/// <item>Indirect and partial: a cue outside quotes with its source before it and the reported clause after it
/// (<c>Witkoff said Trump was touched</c>), or the clause before it (<c>…, a source said.</c>); partial when the clause
/// holds quoted words.</item>
/// <item>According to: <c>According to X, …</c> and <c>…, according to X.</c></item>
/// </list>
/// Contents exclude a clause's final full stop but keep quote marks, as PolNeAR annotates them.
/// </summary>
public sealed class AttributionFinder(CueLexicon cues)
{
    public static AttributionFinder Default { get; } = new(CueLexicon.Default);

    private static readonly HashSet<string> SubjectPronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "i", "we", "it", "you" };
    private static readonly HashSet<string> Conjunctions = new(StringComparer.OrdinalIgnoreCase)
        { "but", "and", "so", "yet", "still", "however", "now", "then", "meanwhile", "instead", "also", "or" };
    private static readonly HashSet<string> Auxiliaries = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "has", "have", "had", "was", "is", "were", "are", "would", "will", "later", "previously", "then", "reportedly",
        "publicly", "once", "repeatedly", "recently", "further", "earlier", "did", "does", "do", "never", "often", "already",
        "still", "just", "even", "again", "privately", "flatly", "simply", "first", "had", "may", "might", "could", "should",
        "not", "n't", "never", "frequently", "quickly", "initially", "separately", "similarly", "subsequently", "famously", "boldly", "openly",
    };
    private static readonly HashSet<string> NounPhraseStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "but", "because", "when", "while", "if", "as", "after", "before", "since", "although", "though", "where",
        "and", "which", "who", "whom", "what", "how", "whether", "than", "to", "not", "n't", "said", "says",
    };
    private static readonly HashSet<string> ClauseBreakers = new(StringComparer.OrdinalIgnoreCase)
        { "while", "whereas", "however", "but", "although", "though", "who", "which", "prompting", "despite" };
    private static readonly HashSet<string> RelativeSources = new(StringComparer.OrdinalIgnoreCase) { "who", "which" };
    private static readonly HashSet<string> Recounting = new(StringComparer.OrdinalIgnoreCase) { "recounting", "quoting", "citing", "relaying", "paraphrasing", "describing" };
    // Cue forms that are also common nouns ("news reports", "his claims"): a cue only before "that", a quote or a comma.
    private static readonly HashSet<string> NounLikeCues = new(StringComparer.OrdinalIgnoreCase)
        { "reports", "claims", "notes", "states", "tweets", "posted", "estimated", "promised", "warning", "writing", "continued" };
    private static readonly HashSet<string> BeForms = new(StringComparer.OrdinalIgnoreCase) { "was", "were", "been", "being", "be", "is", "are" };
    private static readonly HashSet<string> Prepositions = new(StringComparer.OrdinalIgnoreCase)
        { "on", "in", "at", "during", "after", "before", "earlier", "later", "last", "this", "meanwhile", "however", "since", "for", "with", "by", "from", "in" };
    private static readonly HashSet<string> PhrasalParticles = new(StringComparer.OrdinalIgnoreCase) { "for", "on", "off", "up", "out", "in", "into", "back", "upon" };

    public IReadOnlyList<Attribution> Find(string text, IReadOnlyList<Token> tokens, IReadOnlyList<Sentence> sentences)
    {
        var doc = new Doc(text, tokens, sentences, QuoteScanner.Scan(text));
        var found = new List<(int Order, Attribution A)>();
        var usedCues = new HashSet<int>();
        FindDirect(doc, found, usedCues);
        FindIndirect(doc, found, usedCues);
        return found.OrderBy(f => f.A.Content.Start).ThenBy(f => f.Order).Select(f => f.A).ToList();
    }

    private sealed class Doc
    {
        public Doc(string text, IReadOnlyList<Token> tokens, IReadOnlyList<Sentence> sentences, IReadOnlyList<QuotedSpan> quotes)
        {
            Text = text; Tokens = tokens; Quotes = quotes;
            Words = tokens.Select(t => t.Text).ToArray();
            QuoteOf = new int[tokens.Count];
            SentenceOf = new int[tokens.Count];
            Array.Fill(QuoteOf, -1);
            int q = 0;
            for (int i = 0; i < tokens.Count; i++)
            {
                while (q < quotes.Count && quotes[q].End <= tokens[i].Start) q++;
                if (q < quotes.Count && tokens[i].Start >= quotes[q].Start && tokens[i].End <= quotes[q].End) QuoteOf[i] = q;
            }
            Sentences = sentences.Count > 0 ? sentences : [new Sentence(0, text.Length, 0, tokens.Count)];
            for (int s = 0; s < Sentences.Count; s++)
                for (int i = Sentences[s].FirstToken; i < Sentences[s].FirstToken + Sentences[s].TokenCount; i++) SentenceOf[i] = s;
        }

        public string Text { get; }
        public IReadOnlyList<Token> Tokens { get; }
        public IReadOnlyList<Sentence> Sentences { get; }
        public IReadOnlyList<QuotedSpan> Quotes { get; }
        public string[] Words { get; }
        public int[] QuoteOf { get; }
        public int[] SentenceOf { get; }

        public int SentenceFirst(int s) => Sentences[s].FirstToken;
        public int SentenceLast(int s) => Sentences[s].FirstToken + Sentences[s].TokenCount - 1;
        public bool LineBreakBetween(int a, int b) => Text.AsSpan(Tokens[a].End, Math.Max(0, Tokens[b].Start - Tokens[a].End)).IndexOfAny('\n', '\r') >= 0;
        public bool IsWord(int i) => Words[i].Length > 0 && (char.IsLetterOrDigit(Words[i][0]) || Words[i][0] is '$' or '@' or '#') || IsPossessive(i);
        /// <summary>A word or the inner punctuation of a name: "Sen. Rand Paul (R-Ky.)", "Jean-Yves".</summary>
        public bool IsNameWord(int i) => IsWord(i) || Words[i] is "(" or ")" or "-" or "." or "&";
        public bool IsPossessive(int i) => Words[i] is "'s" or "’s" or "'" or "’" && i > 0 && Tokens[i - 1].End == Tokens[i].Start;
        public bool IsQuoteMark(int i) => Words[i].Length == 1 && QuoteScanner.IsDoubleQuote(Words[i][0]) || (Words[i] is "'" or "''" or "``" && QuoteOf[i] >= 0);
        public TextSpan Span(int first, int last) => new(Tokens[first].Start, Tokens[last].End);

        /// <summary>The first and last token inside a quoted span (marks included).</summary>
        public (int First, int Last) TokensOf(int quote)
        {
            var q = Quotes[quote];
            int first = FirstTokenAt(q.Start), last = first;
            while (last + 1 < Tokens.Count && Tokens[last + 1].End <= q.End) last++;
            return (first, last);
        }

        public int FirstTokenAt(int offset)
        {
            int lo = 0, hi = Tokens.Count;
            while (lo < hi) { int mid = (lo + hi) / 2; if (Tokens[mid].Start < offset) lo = mid + 1; else hi = mid; }
            return lo;
        }
    }

    private (int Length, CueClass Class)? CueAt(Doc d, int i)
    {
        if (d.QuoteOf[i] >= 0 || !d.IsWord(i)) return null;
        var match = cues.Match(d.Words, i);
        if (match is null) return null;
        int after = i + match.Value.Length;
        string? next = after < d.Words.Length ? d.Words[after] : null;
        if (NounLikeCues.Contains(d.Words[i]) && match.Value.Class != CueClass.According)
        {
            bool beforeContent = next is null || next is "that" or "," or ":" || (after < d.Words.Length && d.IsQuoteMark(after));
            bool afterName = i > 0 && d.IsWord(i - 1) && char.IsUpper(d.Words[i - 1][0]) && !d.IsPossessive(i - 1);
            if (!beforeContent && !(afterName && d.Words[i] is not "continued")) return null;
            if (d.Words[i] is "called" or "calling" && next is not null && PhrasalParticles.Contains(next)) return null;
        }
        if (d.Words[i] is "called" or "calling" && next is not null && PhrasalParticles.Contains(next)) return null;
        // "the said", "as said" and a cue used as an adjective are not attributions; nor is a passive ("was mentioned").
        if (i > 0 && d.Words[i - 1] is "the" or "The" or "a" or "an") return null;
        if (match.Value.Class != CueClass.According && !IsParticiple(d.Words[i]) && SkipAdverbsBack(d, i - 1) is int b && b >= 0 && BeForms.Contains(d.Words[b])) return null;
        return match;
    }

    // ---------------------------------------------------------------- direct quotes

    private void FindDirect(Doc d, List<(int, Attribution)> found, HashSet<int> usedCues)
    {
        Attribution? previous = null;
        int previousQuote = -1;
        for (int q = 0; q < d.Quotes.Count; q++)
        {
            var (first, last) = d.TokensOf(q);
            if (first >= d.Tokens.Count) continue;
            var content = d.Quotes[q].Span;
            var attribution = TrailingAttribution(d, q, content, last, usedCues) ?? LeadingAttribution(d, q, content, first, usedCues);
            if (attribution is null && previous is not null && OpensSentence(d, first) && last - first >= 3
                && NothingAttributedBetween(d, previousQuote, q))
            {
                bool sameParagraph = !d.LineBreakBetween(d.TokensOf(previousQuote).Last, first);
                attribution = new Attribution(content, QuoteKinds.Direct, previous.Source, sameParagraph ? previous.Cue : null)
                {
                    Reported = previous.Reported,
                    ContinuesPrevious = true,
                };
            }
            if (attribution is null)
            {
                // A quote that opens its sentence but is not attributed here ends any run of continued quotes.
                if (OpensSentence(d, first)) previous = null;
                continue;
            }
            found.Add((0, attribution));
            previous = attribution;
            previousQuote = q;
        }
    }

    /// <summary>Nothing but the previous quote's own sentence (its cue) and at most one paragraph break lies between.</summary>
    private static bool NothingAttributedBetween(Doc d, int previousQuote, int quote)
    {
        int previousLast = d.TokensOf(previousQuote).Last, first = d.TokensOf(quote).First;
        int previousSentence = d.SentenceOf[previousLast];
        int lineBreaks = 0;
        for (int i = previousLast + 1; i <= first; i++)
        {
            if (d.LineBreakBetween(i - 1, i)) lineBreaks++;
            if (i < first && d.SentenceOf[i] != previousSentence && d.QuoteOf[i] < 0) return false;
        }
        return lineBreaks <= 1;
    }

    private static bool OpensSentence(Doc d, int first)
    {
        if (first == 0) return true;
        if (d.LineBreakBetween(first - 1, first)) return true;
        return d.SentenceOf[first] != d.SentenceOf[first - 1] || d.Words[first - 1] is "." or "!" or "?" or "…";
    }

    /// <summary><c>"…," Macron said</c>, <c>"…," said Macron</c>, <c>"…," he said in an interview</c>.</summary>
    private Attribution? TrailingAttribution(Doc d, int quote, TextSpan content, int last, HashSet<int> usedCues)
    {
        int t = last + 1;
        if (t < d.Tokens.Count && d.Words[t] is "," or "—" or "–") t++;
        if (t >= d.Tokens.Count || d.LineBreakBetween(last, t) || d.QuoteOf[t] >= 0) return null;
        // A quote that ends its sentence takes a cue after it only in the inverted or pronoun form ("… ." he said).
        for (int i = t; i < Math.Min(d.Tokens.Count, t + 9); i++)
        {
            if (d.QuoteOf[i] >= 0 || !d.IsWord(i) || (i > t && d.LineBreakBetween(i - 1, i))) return null;
            if (CueAt(d, i) is not { } cue || cue.Class == CueClass.According) continue;
            TextSpan? source;
            if (i == t)
            {
                var np = ForwardNounPhrase(d, i + cue.Length);
                if (np is null) return null;
                source = d.Span(np.Value.First, np.Value.Last);
            }
            else
            {
                var np = NounPhraseEndingAt(d, SkipAuxiliariesBack(d, i - 1, t), t);
                if (np is null || np.Value.First != t) return null;
                source = d.Span(np.Value.First, np.Value.Last);
            }
            usedCues.Add(i);
            var cueSpan = i == t ? d.Span(i, i + cue.Length - 1) : CueSpan(d, i, cue.Length, t);
            return new Attribution(content, QuoteKinds.Direct, source, cueSpan) { Reported = ReportedAfter(d, i + cue.Length) };
        }
        return null;
    }

    /// <summary>The cue with the auxiliaries and adverbs right before it ("has said", "also told"), as PolNeAR marks cues.</summary>
    private Documents.TextSpan CueSpan(Doc d, int i, int length, int floor) =>
        d.Span(Math.Min(i, SkipAuxiliariesBack(d, i - 1, floor) + 1), i + length - 1);

    /// <summary><c>Lavrov stated: "…"</c>, <c>Trump added, "…"</c>, <c>Trump told reporters: "…"</c>, <c>…, saying, "…"</c>.</summary>
    private Attribution? LeadingAttribution(Doc d, int quote, TextSpan content, int first, HashSet<int> usedCues)
    {
        int p = first - 1;
        if (p < 0 || d.LineBreakBetween(p, first)) return null;
        bool introduced = d.Words[p] is "," or ":" or "—";
        if (introduced) p--;
        for (int i = p; i >= Math.Max(0, introduced ? p - 5 : p); i--)
        {
            if (d.QuoteOf[i] >= 0 || d.Words[i] is "." or "!" or "?" || d.LineBreakBetween(i, i + 1)) return null;
            if (i < p && d.Words[i] is "," or ";") return null;
            if (CueAt(d, i) is not { } cue || cue.Class == CueClass.According) continue;
            if (i + cue.Length - 1 > p) continue;
            // Between the cue and the quote only a hearer or a short adverbial ("told reporters", "added on Friday").
            var source = SourceBefore(d, i);
            if (source is null) return null;
            usedCues.Add(i);
            return new Attribution(content, QuoteKinds.Direct, source, CueSpan(d, i, cue.Length, d.SentenceFirst(d.SentenceOf[i]))) { Reported = ReportedAfter(d, i + cue.Length) };
        }
        return null;
    }

    // ---------------------------------------------------------------- indirect, partial, according to

    private void FindIndirect(Doc d, List<(int, Attribution)> found, HashSet<int> usedCues)
    {
        for (int i = 0; i < d.Tokens.Count; i++)
        {
            if (usedCues.Contains(i) || CueAt(d, i) is not { } cue) continue;
            var attribution = cue.Class == CueClass.According ? AccordingTo(d, i, cue.Length) : Reported(d, i, cue.Length, cue.Class);
            if (attribution is null) continue;
            if (found.Any(f => f.Item2.Content == attribution.Content)) continue;
            found.Add((1, attribution));
            usedCues.Add(i);
        }
    }

    private Attribution? AccordingTo(Doc d, int i, int length)
    {
        int s = d.SentenceOf[i];
        int sf = d.SentenceFirst(s), sl = d.SentenceLast(s);
        var np = ForwardNounPhrase(d, i + length);
        if (np is null) return null;
        var source = d.Span(np.Value.First, np.Value.Last);
        var cue = d.Span(i, i + length - 1);
        sf = ClauseStart(d, sf, i);
        int start = SkipConjunctions(d, sf, i);
        TextSpan? content;
        if (start == i)
        {
            int comma = np.Value.Last + 1;
            if (comma > sl || d.Words[comma] != ",") return null;
            content = ClauseSpan(d, comma + 1, sl);
        }
        else
        {
            int end = i - 1;
            if (d.Words[end] is "," or "—" or "(") end--;
            content = ClauseSpan(d, sf, end);
        }
        return content is null ? null : new Attribution(content.Value, QuoteKinds.AccordingTo, source, cue);
    }

    private Attribution? Reported(Doc d, int i, int length, CueClass cueClass)
    {
        int s = d.SentenceOf[i];
        int sf = d.SentenceFirst(s), sl = d.SentenceLast(s);
        var cue = CueSpan(d, i, length, sf);
        int after = i + length;
        int back = SkipAuxiliariesBack(d, i - 1, sf);
        TextSpan? source;
        TextSpan? content;
        bool inverted = back < sf || d.Words[back] is "," || d.IsQuoteMark(back);
        if (inverted && back >= sf && d.Words[back] == "," && !IsParticiple(d.Words[i]) && !IsInverted(d, back, after, sf, sl)
            && !ClauseEndsAfter(d, after, sl) && SubjectBeforeComma(d, back, sf) is { } subject)
        {
            // "Witkoff, during an interview with Carlson, said …", "Mike Smith, a veteran of the agency, said …"
            source = d.Span(subject.First, subject.Last);
            content = ForwardContent(d, after, sl, cueClass);
        }
        else if (!inverted && d.Words[back] is "and" or "but")
        {
            // "Boreing said …, but said, …": the clause's subject speaks again.
            source = ClauseSubject(d, sf, back);
            content = ForwardContent(d, after, sl, cueClass);
        }
        else if (IsParticiple(d.Words[i]))
        {
            if (back < sf || d.Words[back] != ",") return null;
            source = ClauseSubject(d, sf, i);
            content = ForwardContent(d, after, sl, cueClass);
        }
        else if (inverted)
        {
            // "…, said Smith." / "…, says the report."
            if (back < sf) return null;
            var np = ForwardNounPhrase(d, after);
            if (np is not null && (np.Value.Last + 1 > sl || d.Words[np.Value.Last + 1] is "." or "," or "!" or "?" or ";"))
            {
                source = d.Span(np.Value.First, np.Value.Last);
                int end = back;
                if (d.Words[end] is ",") end--;
                content = ClauseSpan(d, SkipConjunctions(d, ClauseStart(d, sf, end), end), end);
            }
            else if (d.Words[back] == "," && TrailingApposition(d, back, sf) is { } apposition)
            {
                // "…, the Kremlin's spokesperson, Dmitry Peskov, said."
                source = d.Span(apposition.First, apposition.Last);
                int end = apposition.First - 2;
                content = ClauseSpan(d, SkipConjunctions(d, ClauseStart(d, sf, end), end), end);
            }
            else return null;
        }
        else
        {
            var np = NounPhraseEndingAt(d, back, sf);
            if (np is null) return null;
            source = d.Span(np.Value.First, np.Value.Last);
            int before = np.Value.First - 1;
            bool relative = np.Value.First == np.Value.Last && RelativeSources.Contains(d.Words[np.Value.First]);
            bool trailing = !relative && before > sf && d.Words[before] is "," && ClauseEndsAfter(d, after, sl);
            content = trailing ? ClauseSpan(d, SkipConjunctions(d, ClauseStart(d, sf, before), before), before - 1) : ForwardContent(d, after, sl, cueClass);
        }
        if (content is null) return null;
        string kind = KindOf(d, content.Value);
        return new Attribution(content.Value, kind, source, cue) { Reported = ReportedAfter(d, after) };
    }

    /// <summary>Whether the clause ends after the cue ("…, she said." / "…, she said on Friday.").</summary>
    private static bool ClauseEndsAfter(Doc d, int after, int sl)
    {
        for (int k = after; k <= sl && k < after + 8; k++)
        {
            var w = d.Words[k];
            if (w is "." or "!" or "?" or "," or ";" or "—") return true;
            if (w is "that" || d.IsQuoteMark(k)) return false;
        }
        return after > sl;
    }

    private TextSpan? ForwardContent(Doc d, int from, int sl, CueClass cueClass)
    {
        int k = from;
        if (cueClass == CueClass.Tell)
        {
            // The hearer: "told reporters", "told Fox News", "told him".
            int hearer = k;
            while (k <= sl && k < hearer + 5 && d.IsWord(k) && d.Words[k] is not "that" && CueAt(d, k) is null) k++;
            if (k == hearer) return null;
        }
        while (k <= sl && d.Words[k] is "," or ":" or "—") k++;
        // "said Wednesday that …", "said in an interview with Fox News that …": the content starts at "that".
        for (int j = k; j <= sl && j < k + 12; j++)
        {
            if (d.Words[j] == "that") { k = j; break; }
            if (!d.IsWord(j) || d.QuoteOf[j] >= 0) break;
        }
        // "said of Putin" / "said on Friday": an adverbial before a comma is not content.
        if (k <= sl && d.Words[k] is "on" or "in" or "of" or "at" or "during" && CommaWithin(d, k, sl, 6) is int comma) k = comma + 1;
        // "Trump continued, calling …": the participle carries the attribution, not the verb before it.
        if (k <= sl && IsParticiple(d.Words[k]) && CueAt(d, k) is not null) return null;
        // The content ends before a further participle cue ("…, describing it as …", "… before joking, …").
        int end = sl;
        for (int j = k + 1; j <= sl; j++)
        {
            bool coordinated = d.Words[j - 1] is "and" && CueAt(d, j) is not null;
            if (!coordinated && (d.QuoteOf[j] >= 0 || !IsParticiple(d.Words[j]) || CueAt(d, j) is null)) continue;
            end = j - 1;
            while (end > k && d.Words[end] is "," or "before" or "after" or "while" or "when" or "and" or "by") end--;
            break;
        }
        // A contrast or a relative clause after a comma is the writer's, not the source's ("…, while 9 percent …").
        for (int j = k + 2; j < end; j++)
            if (d.QuoteOf[j] < 0 && d.Words[j] == "," && ClauseBreakers.Contains(d.Words[j + 1])) { end = j - 1; break; }
        // A sentence that ends inside a quote: the content runs to the quote's end.
        if (end >= 0 && end < d.Tokens.Count && d.QuoteOf[end] >= 0)
        {
            var (_, quoteLast) = d.TokensOf(d.QuoteOf[end]);
            if (quoteLast > end && !d.LineBreakBetween(end, quoteLast)) end = quoteLast;
        }
        return ClauseSpan(d, k, end);
    }

    private static int? CommaWithin(Doc d, int from, int sl, int n)
    {
        for (int k = from; k <= sl && k < from + n; k++)
        {
            if (d.Words[k] == ",") return k;
            if (!d.IsWord(k)) return null;
        }
        return null;
    }

    /// <summary>Tokens [first, last] as a content span, without edge punctuation (but keeping closing quotes).</summary>
    private static TextSpan? ClauseSpan(Doc d, int first, int last)
    {
        while (first <= last && d.Words[first] is "," or ":" or ";" or "—" or "–" or "-") first++;
        while (last >= first && d.Words[last] is "." or "," or ":" or ";" or "—" or "–" or "-" or "(") last--;
        if (last - first < 1) return null;
        return d.Span(first, last);
    }

    private static string KindOf(Doc d, TextSpan content)
    {
        foreach (var q in d.Quotes)
        {
            if (q.Start == content.Start && q.End == content.End) return QuoteKinds.Direct;
            if (q.Start >= content.Start && q.End <= content.End) return QuoteKinds.Partial;
        }
        return QuoteKinds.Indirect;
    }

    // ---------------------------------------------------------------- sources

    private static bool IsParticiple(string word) => word.EndsWith("ing", StringComparison.OrdinalIgnoreCase);

    private TextSpan? SourceBefore(Doc d, int cue)
    {
        int s = d.SentenceOf[cue];
        int sf = d.SentenceFirst(s);
        int back = SkipAuxiliariesBack(d, cue - 1, sf);
        if (IsParticiple(d.Words[cue])) return ClauseSubject(d, sf, cue);
        if (back < sf) return null;
        if (d.Words[back] == ",")
            return SubjectBeforeComma(d, back, sf) is { } subject ? d.Span(subject.First, subject.Last) : null;
        if (d.Words[back] is "and" or "but") return ClauseSubject(d, sf, back);
        var np = NounPhraseEndingAt(d, back, sf);
        return np is null ? null : d.Span(np.Value.First, np.Value.Last);
    }

    /// <summary>The source of "…, [role,] Name, said": the name with a short role before it.</summary>
    private (int First, int Last)? TrailingApposition(Doc d, int comma, int sf)
    {
        var name = NounPhraseEndingAt(d, comma - 1, sf);
        if (name is null || name.Value.First - 1 <= sf || d.Words[name.Value.First - 1] != ",") return null;
        int first = name.Value.First;
        var role = NounPhraseEndingAt(d, first - 2, sf);
        if (role is { } r && r.First - 1 > sf && d.Words[r.First - 1] == "," && r.Last - r.First < 6
            && d.Words[r.First] is "the" or "The" or "a" or "an" or "his" or "her" or "its" or "their") first = r.First;
        return (first, name.Value.Last);
    }

    /// <summary>"…, said Smith." rather than "Smith, a veteran, said …".</summary>
    private bool IsInverted(Doc d, int back, int after, int sf, int sl)
    {
        var np = ForwardNounPhrase(d, after);
        if (np is null) return false;
        bool closes = np.Value.Last + 1 > sl || d.Words[np.Value.Last + 1] is "." or "," or "!" or "?" or ";";
        return closes && ClauseSpan(d, sf, back - 1) is not null;
    }

    /// <summary>
    /// The subject of "X, &lt;aside&gt;, said": before an aside that opens with a preposition ("Witkoff, during an
    /// interview, said"), the name alone; before an apposition ("Mike Smith, a veteran of the agency, said") the
    /// whole noun phrase, as PolNeAR marks sources.
    /// </summary>
    private (int First, int Last)? SubjectBeforeComma(Doc d, int comma, int sf)
    {
        if (ParentheticalSubject(d, comma, sf) is { } name)
        {
            int asideStart = name.Last + 2;
            if (asideStart < comma && Prepositions.Contains(d.Words[asideStart])) return name;
        }
        int start = SkipConjunctions(d, ClauseStart(d, sf, comma), comma);
        if (start >= comma || comma - start > 20 || !d.IsWord(start) || !char.IsUpper(d.Words[start][0])) return null;
        for (int k = start; k < comma; k++)
            if (d.QuoteOf[k] >= 0 || d.Words[k] is "." or ";" or ":" || CueAt(d, k) is not null) return null;
        return (start, comma - 1);
    }

    /// <summary>"X, &lt;aside&gt;, said": the subject before an aside that opens its sentence, or null.</summary>
    private (int First, int Last)? ParentheticalSubject(Doc d, int comma, int sf)
    {
        for (int j = comma - 1; j > sf && j > comma - 14; j--)
        {
            if (d.QuoteOf[j] >= 0 || d.Words[j] is "." or ";" or ":") return null;
            if (d.Words[j] != ",") continue;
            var np = NounPhraseEndingAt(d, j - 1, sf);
            return np is { } found && SkipConjunctions(d, sf, found.First) == found.First && found.First <= SkipConjunctions(d, sf, j) ? found : null;
        }
        return null;
    }

    private static int SkipAdverbsBack(Doc d, int i)
    {
        while (i >= 0 && d.Words[i] is "also" or "first" or "later" or "previously" or "reportedly" or "widely" or "often" or "publicly" or "never") i--;
        return i;
    }

    private int SkipAuxiliariesBack(Doc d, int i, int floor)
    {
        while (i >= floor && i > 0 && Auxiliaries.Contains(d.Words[i])) i--;
        return i;
    }

    /// <summary>Where the clause holding token <paramref name="limit"/> starts: after the last colon or semicolon outside quotes.</summary>
    private static int ClauseStart(Doc d, int sf, int limit)
    {
        for (int k = limit - 1; k > sf; k--)
            if (d.Words[k] is ":" or ";" && d.QuoteOf[k] < 0) return k + 1;
        return sf;
    }

    private static int SkipConjunctions(Doc d, int from, int limit)
    {
        while (from < limit && (Conjunctions.Contains(d.Words[from]) || d.Words[from] is ",")) from++;
        return from;
    }

    /// <summary>The noun phrase ending at token <paramref name="end"/>: words back to a boundary, at most eight.</summary>
    private (int First, int Last)? NounPhraseEndingAt(Doc d, int end, int floor)
    {
        if (end < floor || end < 0 || !(d.IsWord(end) || d.Words[end] == ")") || d.QuoteOf[end] >= 0) return null;
        if (RelativeSources.Contains(d.Words[end])) return (end, end);
        int first = end;
        while (first - 1 >= floor && d.IsNameWord(first - 1) && d.QuoteOf[first - 1] < 0 && !NounPhraseStops.Contains(d.Words[first - 1])
               && !d.LineBreakBetween(first - 1, first) && CueAt(d, first - 1) is null)
            first--;
        while (first < end && (Conjunctions.Contains(d.Words[first]) || !d.IsWord(first))) first++;
        if (end - first >= 10) return null;
        if (NounPhraseStops.Contains(d.Words[end]) && !SubjectPronouns.Contains(d.Words[end])) return null;
        return (first, end);
    }

    /// <summary>The noun phrase starting at token <paramref name="start"/> ("said Macron", "according to the report").</summary>
    private (int First, int Last)? ForwardNounPhrase(Doc d, int start)
    {
        if (start >= d.Tokens.Count || !d.IsWord(start) || d.QuoteOf[start] >= 0) return null;
        int last = start;
        while (last + 1 < d.Tokens.Count && last - start < 7 && d.IsWord(last + 1) && d.QuoteOf[last + 1] < 0
               && !d.LineBreakBetween(last, last + 1) && !NounPhraseStops.Contains(d.Words[last + 1]) && CueAt(d, last + 1) is null
               && !(d.Words[last + 1] is "on" or "in" or "at" or "during" or "last" or "this" or "earlier" && last > start))
            last++;
        return (start, last);
    }

    /// <summary>The subject of the clause a participle cue hangs from: the sentence's first pronoun or name.</summary>
    private TextSpan? ClauseSubject(Doc d, int sf, int limit)
    {
        int k = SkipConjunctions(d, sf, limit);
        // A leading adverbial ("On Friday, Trump …") is skipped up to its comma.
        if (k < limit && Prepositions.Contains(d.Words[k]) && CommaWithin(d, k, limit, 6) is int comma && comma + 1 < limit) k = comma + 1;
        if (k >= limit || d.QuoteOf[k] >= 0 || !d.IsWord(k)) return null;
        if (SubjectPronouns.Contains(d.Words[k])) return d.Span(k, k);
        int last = k;
        while (last + 1 < limit && d.IsWord(last + 1) && (char.IsUpper(d.Words[last + 1][0]) || d.IsPossessive(last + 1) || d.Words[last + 1] is "of")) last++;
        if (!char.IsUpper(d.Words[k][0])) return null;
        return d.Span(k, last);
    }

    /// <summary>"…, Witkoff said, recounting Putin's comments" → Putin; "Witkoff said of Putin" → Putin.</summary>
    private static TextSpan? ReportedAfter(Doc d, int after)
    {
        for (int k = after; k < Math.Min(d.Tokens.Count, after + 4); k++)
        {
            if (d.QuoteOf[k] >= 0 || d.Words[k] is "." or "!" or "?") return null;
            bool of = d.Words[k] == "of" && k == after;
            if (!of && !Recounting.Contains(d.Words[k])) continue;
            int first = k + 1;
            if (first >= d.Tokens.Count || !d.IsWord(first) || !char.IsUpper(d.Words[first][0])) return null;
            int last = first;
            while (last + 1 < d.Tokens.Count && d.IsWord(last + 1) && char.IsUpper(d.Words[last + 1][0]) && !d.IsPossessive(last + 1)) last++;
            return d.Span(first, last);
        }
        return null;
    }
}
