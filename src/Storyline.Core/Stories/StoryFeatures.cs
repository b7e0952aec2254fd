using NodaTime;
using Storyline.Documents;
using Storyline.Language;
using Storyline.Segmentation;

namespace Storyline.Stories;

/// <summary>
/// What story clustering knows about one article: its raw term weights (before IDF), its publication date, and
/// the key that fixes its place in the canonical processing order.
/// </summary>
/// <param name="Terms">Content words (stems), boosted when they belong to a name, in the title/lead or in the URL.</param>
/// <param name="Specific">The specific facts: names of people, places and organisations, and numbers.</param>
/// <param name="DisplayTitle">The article's headline, or its first sentence without the dateline.</param>
/// <param name="HasHeadline">Whether <paramref name="DisplayTitle"/> is a real headline, which names a story better than a lead.</param>
public sealed record StoryDocument(string Id, LocalDate? Date, string ContentHash, SparseVector Terms, SparseVector Specific, string DisplayTitle, bool HasHeadline = false)
{
    /// <summary>Every term key of both vectors, for document frequencies.</summary>
    public IEnumerable<ulong> AllKeys => Terms.Keys.ToArray().Concat(Specific.Keys.ToArray());

    /// <summary>Canonical order: dated articles by date, then undated ones; ties by content hash, then id.</summary>
    public static readonly IComparer<StoryDocument> CanonicalOrder = Comparer<StoryDocument>.Create((a, b) =>
    {
        int c = (a.Date.HasValue, b.Date.HasValue) switch
        {
            (true, true) => a.Date!.Value.CompareTo(b.Date!.Value),
            (true, false) => -1,
            (false, true) => 1,
            _ => 0,
        };
        if (c == 0) c = string.CompareOrdinal(a.ContentHash, b.ContentHash);
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });
}

/// <summary>
/// Turns an article into weighted terms: content-word stems (stopwords removed), names of people, places and
/// organisations (from the NER layer when it ran, otherwise a proper-noun heuristic), title or lead words,
/// numbers, and the words of the URL path.
/// </summary>
public static class StoryFeatures
{
    private const ulong WordKind = 0x5753_4F52_4457_0001UL;
    private const ulong NameKind = 0x5753_4F52_4457_0002UL;
    private const ulong NumberKind = 0x5753_4F52_4457_0003UL;
    private const ulong EntityKind = 0x5753_4F52_4457_0004UL;

    private static readonly HashSet<string> EntityTypeNames =
        [EntityTypes.Person, EntityTypes.Organization, EntityTypes.Gpe, EntityTypes.Location, EntityTypes.Nationality];

    public static ulong WordKey(string stem) => Hashing.Combine(WordKind, Hashing.Fnv1a(stem));
    public static ulong NameKey(string lowerName) => Hashing.Combine(NameKind, Hashing.Fnv1a(lowerName));
    public static ulong NumberKey(string digits) => Hashing.Combine(NumberKind, Hashing.Fnv1a(digits));
    public static ulong EntityKey(string stem) => Hashing.Combine(EntityKind, Hashing.Fnv1a(stem));

    public static StoryDocument Extract(AnalyzedArticle analyzed, StoryOptions options)
    {
        var article = analyzed.Article;
        var text = article.Text;
        var tokens = StoryText.Tokenize(text);
        var title = article.Title ?? article.Metadata.Title;

        var wordCounts = new Dictionary<ulong, int>();
        var numberCounts = new Dictionary<ulong, int>();
        foreach (var t in tokens)
        {
            var surface = text[t.Start..t.End];
            if (t.Numeric) { if (surface.Length >= 2) Increment(numberCounts, NumberKey(surface)); continue; }
            var lower = surface.ToLowerInvariant();
            if (lower.Length < 2 || StoryText.IsStopword(lower)) continue;
            Increment(wordCounts, WordKey(StoryText.Stem(lower)));
        }

        var names = analyzed.Mentions.IsDefaultOrEmpty
            ? ProperNouns(text, tokens)
            : analyzed.Mentions.Where(m => EntityTypeNames.Contains(m.Type)).Select(m => m.Text).ToList();
        var entityWords = new Dictionary<ulong, int>();
        var specificCounts = new Dictionary<ulong, int>();
        foreach (var name in names)
        {
            var words = WordsOf(name);
            foreach (var w in words)
            {
                Increment(entityWords, WordKey(StoryText.Stem(w)));
                Increment(specificCounts, EntityKey(StoryText.Stem(w)));
            }
            // Adjacent word pairs rather than the whole run, so "Russian President Vladimir Putin" and
            // "Vladimir Putin" share "vladimir putin".
            for (int w = 0; w + 1 < words.Count; w++) Increment(specificCounts, NameKey(words[w] + " " + words[w + 1]));
        }

        var weights = new Dictionary<ulong, double>();
        foreach (var (key, count) in wordCounts)
        {
            double w = Damp(count);
            if (entityWords.TryGetValue(key, out var ec)) w += options.EntityWeight * Damp(ec);
            weights[key] = w;
        }
        var specific = specificCounts.ToDictionary(kv => kv.Key, kv => Damp(kv.Value));
        foreach (var (key, count) in numberCounts) specific[key] = options.NumberWeight * Damp(count);

        var lead = string.IsNullOrWhiteSpace(title) ? FirstSentence(text, tokens) : title;
        var (leadWords, leadNumbers) = DistinctTermsOf(lead);
        foreach (var key in leadWords) Add(weights, key, options.TitleWeight);
        foreach (var key in leadNumbers) Add(specific, key, options.TitleWeight);
        var (urlWords, urlNumbers) = UrlTerms(article);
        foreach (var key in urlWords) Add(weights, key, options.UrlWeight);
        foreach (var key in urlNumbers) Add(specific, key, options.UrlWeight);

        var displayTitle = string.IsNullOrWhiteSpace(title) ? Trim(LeadSentence(text, tokens), 100) : title.Trim();
        return new StoryDocument(article.Id, article.Published.Date, article.ContentHash, SparseVector.From(weights), SparseVector.From(specific), displayTitle, article.HasHeadline);
    }

    private static double Damp(int count) => 1 + Math.Log(count);

    private static void Increment(Dictionary<ulong, int> counts, ulong key) =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Add(Dictionary<ulong, double> weights, ulong key, double value) =>
        weights[key] = weights.GetValueOrDefault(key) + value;

    private static List<string> WordsOf(string name)
    {
        var words = new List<string>();
        foreach (var t in StoryText.Tokenize(name))
        {
            var lower = name[t.Start..t.End].ToLowerInvariant();
            if (!t.Numeric && lower.Length >= 2 && !StoryText.IsStopword(lower)) words.Add(lower);
        }
        return words;
    }

    /// <summary>The distinct word and number keys of a short text (a title or lead).</summary>
    private static (HashSet<ulong> Words, HashSet<ulong> Numbers) DistinctTermsOf(string text)
    {
        var keys = new HashSet<ulong>();
        var numbers = new HashSet<ulong>();
        foreach (var t in StoryText.Tokenize(text))
        {
            var surface = text[t.Start..t.End];
            if (t.Numeric) { if (surface.Length >= 2) numbers.Add(NumberKey(surface)); continue; }
            var lower = surface.ToLowerInvariant();
            if (lower.Length >= 2 && !StoryText.IsStopword(lower)) keys.Add(WordKey(StoryText.Stem(lower)));
        }
        return (keys, numbers);
    }

    /// <summary>
    /// Words of the URL path: outlets put the headline's words and the date in their slugs. The host name is
    /// left out (it names the outlet, not the story), and so are long ids and hex strings.
    /// </summary>
    private static (HashSet<ulong> Words, HashSet<ulong> Numbers) UrlTerms(Article article)
    {
        var keys = new HashSet<ulong>();
        var numbers = new HashSet<ulong>();
        var url = article.Metadata.CanonicalUrl ?? article.Metadata.Url ?? article.Source;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return (keys, numbers);
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        foreach (var part in System.Text.RegularExpressions.Regex.Split(path, "[^\\p{L}\\p{Nd}]+"))
        {
            if (part.Length < 2) continue;
            bool allDigits = part.All(char.IsDigit);
            if (allDigits) { if (part.Length <= 4) numbers.Add(NumberKey(part)); continue; }
            if (part.Any(char.IsDigit)) continue;
            var lower = part.ToLowerInvariant();
            if (lower is "html" or "htm" or "php" or "aspx" or "story" or "article" or "news" or "index") continue;
            if (!StoryText.IsStopword(lower)) keys.Add(WordKey(StoryText.Stem(lower)));
        }
        return (keys, numbers);
    }

    /// <summary>
    /// Proper nouns without a tagger: capitalised words that do not start a sentence, a sentence-initial
    /// capitalised word when the same word is capitalised elsewhere in the text or starts a capitalised run, and
    /// runs of adjacent capitalised words as multiword names ("Steve Witkoff", "Betty Ford Center").
    /// A text written in title case (a headline list) tells nothing through capitals, so it yields no names.
    /// </summary>
    public static IReadOnlyList<string> ProperNouns(string text) => ProperNouns(text, StoryText.Tokenize(text));

    internal static List<string> ProperNouns(string text, List<StoryToken> tokens)
    {
        var names = new List<string>();
        int wordTokens = 0, capitalised = 0;
        var capitalisedInside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tokens)
        {
            if (t.Numeric) continue;
            var lower = text[t.Start..t.End].ToLowerInvariant();
            if (StoryText.IsStopword(lower)) continue;
            wordTokens++;
            if (t.Capitalised) capitalised++;
            if (t.Capitalised && !t.SentenceStart) capitalisedInside.Add(lower);
        }
        if (wordTokens == 0 || capitalised > 0.6 * wordTokens) return names;

        int i = 0;
        while (i < tokens.Count)
        {
            if (!IsNameWord(text, tokens[i])) { i++; continue; }
            int j = i + 1;
            while (j < tokens.Count && IsNameWord(text, tokens[j]) && !tokens[j].SentenceStart && OnlySpaceBetween(text, tokens[j - 1], tokens[j])) j++;
            int first = i;
            // A sentence-initial word joins a name only when it is known as a name elsewhere.
            if (tokens[first].SentenceStart && !capitalisedInside.Contains(text[tokens[first].Start..tokens[first].End].ToLowerInvariant()))
                first++;
            if (first < j) names.Add(text[tokens[first].Start..tokens[j - 1].End]);
            i = j;
        }
        return names;
    }

    private static bool IsNameWord(string text, StoryToken t) =>
        t.Capitalised && !t.Numeric && !StoryText.IsStopword(text[t.Start..t.End].ToLowerInvariant());

    private static bool OnlySpaceBetween(string text, StoryToken a, StoryToken b)
    {
        for (int k = a.End; k < b.Start; k++)
            if (text[k] != ' ' && text[k] != '\'' && text[k] != '’' && !(char.IsLetter(text[k]))) return false;
        return true;
    }

    /// <summary>The first sentence after the dateline, if the text opens with one.</summary>
    private static string LeadSentence(string text, List<StoryToken> tokens)
    {
        int dateline = DatelineSegmenter.LeadingDatelineLength(text);
        var afterDateline = dateline > 0 ? tokens.SkipWhile(t => t.Start < dateline).ToList() : tokens;
        return FirstSentence(text, afterDateline.Count > 0 ? afterDateline : tokens);
    }

    internal static string FirstSentence(string text, List<StoryToken> tokens)
    {
        if (tokens.Count == 0) return text.Trim();
        int end = tokens[^1].End;
        for (int k = 1; k < tokens.Count; k++)
            if (tokens[k].SentenceStart) { end = tokens[k].Start; break; }
        return text[tokens[0].Start..end].Trim();
    }

    internal static string Trim(string sentence, int maxLength)
    {
        sentence = string.Join(' ', sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (sentence.Length <= maxLength) return sentence;
        int cut = sentence.LastIndexOf(' ', maxLength);
        return (cut > maxLength / 2 ? sentence[..cut] : sentence[..maxLength]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
