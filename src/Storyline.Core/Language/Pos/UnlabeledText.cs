using System.Net;
using System.Text.RegularExpressions;
using Storyline.Language.Corpora;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Stories;

namespace Storyline.Language.Pos;

/// <summary>
/// The unlabeled text the word clusters are learned from, read from the datasets folder at training time: the
/// words of the UD training splits (tags ignored), and news text tokenised by our own tokenizer — PolNeAR's
/// training articles, ECB+ articles, UCI headlines, TempEval-3 (TimeBank, AQUAINT) and the WNUT-17 training
/// tweets (closer to the web text of EWT). Held-out splits are left out. Missing folders are skipped.
/// </summary>
internal static partial class UnlabeledText
{
    public static IEnumerable<string[]> Sentences(string datasetsRoot, IEnumerable<string> conlluFiles) =>
        conlluFiles.SelectMany(file => Conllu.ReadSentences(file).Select(s => s.Words.Select(w => w.Form).ToArray()))
            .Concat(Untagged(datasetsRoot, splitSentences: false));

    /// <summary>The text that has no tags anywhere in the datasets folder (everything but the UD splits): what
    /// self-training tags for itself. With <paramref name="splitSentences"/>, a line (a paragraph in PolNeAR and
    /// TempEval) is split into sentences by <see cref="SentenceSplitter"/>, so a sentence can be kept or dropped on
    /// its own; the clusters read whole lines, as they were tuned. <paramref name="only"/> names the dataset folders
    /// to read (all when null).</summary>
    public static IEnumerable<string[]> Untagged(string datasetsRoot, bool splitSentences, IReadOnlySet<string>? only = null)
    {
        bool Reads(string name) => only is null || only.Contains(name);
        foreach (var split in new[] { "train", "annotator-training" })
        {
            if (!Reads("polnear")) break;
            var folder = Path.Combine(datasetsRoot, "polnear", split, "text");
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
                foreach (var line in Lines(File.ReadAllText(file), splitSentences)) yield return line;
        }

        foreach (var name in new[] { "ecbplus-event-coref-news-clusters", "uci-news-aggregator-subset" })
        {
            var folder = Path.Combine(datasetsRoot, name);
            if (!Reads(name) || !Directory.Exists(folder) || !StoryEvaluation.Load(folder).TryGetValue(out var labelled)) continue;
            foreach (var article in labelled.Articles)
                foreach (var line in Lines(article.Text, splitSentences)) yield return line;
        }

        var tempeval = Path.Combine(datasetsRoot, "tempeval3");
        if (Reads("tempeval3") && Directory.Exists(tempeval))
            foreach (var file in Directory.EnumerateFiles(tempeval, "*.tml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var xml = File.ReadAllText(file);
                int start = xml.IndexOf("<TEXT>", StringComparison.Ordinal), end = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
                if (start < 0 || end < start) continue;
                var text = WebUtility.HtmlDecode(Tags().Replace(xml[(start + 6)..end], ""));
                foreach (var line in Lines(text, splitSentences)) yield return line;
            }

        var wnut = Path.Combine(datasetsRoot, "ner-wnut17", "wnut17train.conll");
        if (Reads("ner-wnut17") && File.Exists(wnut))
        {
            var words = new List<string>();
            foreach (var line in File.ReadLines(wnut))
            {
                var tab = line.IndexOf('\t');
                if (tab > 0) { words.Add(line[..tab]); continue; }
                if (words.Count > 0) yield return words.ToArray();
                words.Clear();
            }
            if (words.Count > 0) yield return words.ToArray();
        }
    }

    /// <summary>Tokens of each non-blank line (a paragraph or a sentence, depending on the source), or of each of its
    /// sentences.</summary>
    private static IEnumerable<string[]> Lines(string text, bool splitSentences)
    {
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var tokens = Tokenizer.Tokenize(line);
            if (tokens.Length == 0) continue;
            if (!splitSentences) { yield return tokens.Select(t => t.Text).ToArray(); continue; }
            foreach (var sentence in SentenceSplitter.Split(line, tokens))
                yield return tokens.AsSpan(sentence.FirstToken, sentence.TokenCount).ToArray().Select(t => t.Text).ToArray();
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
