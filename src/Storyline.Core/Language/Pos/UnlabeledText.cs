using System.Net;
using System.Text.RegularExpressions;
using Storyline.Language.Corpora;
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
    public static IEnumerable<string[]> Sentences(string datasetsRoot, IEnumerable<string> conlluFiles)
    {
        foreach (var file in conlluFiles)
            foreach (var s in Conllu.ReadSentences(file)) yield return s.Words.Select(w => w.Form).ToArray();

        foreach (var split in new[] { "train", "annotator-training" })
        {
            var folder = Path.Combine(datasetsRoot, "polnear", split, "text");
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt").Order(StringComparer.Ordinal))
                foreach (var line in Lines(File.ReadAllText(file))) yield return line;
        }

        foreach (var name in new[] { "ecbplus-event-coref-news-clusters", "uci-news-aggregator-subset" })
        {
            var folder = Path.Combine(datasetsRoot, name);
            if (!Directory.Exists(folder) || !StoryEvaluation.Load(folder).TryGetValue(out var labelled)) continue;
            foreach (var article in labelled.Articles)
                foreach (var line in Lines(article.Text)) yield return line;
        }

        var tempeval = Path.Combine(datasetsRoot, "tempeval3");
        if (Directory.Exists(tempeval))
            foreach (var file in Directory.EnumerateFiles(tempeval, "*.tml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var xml = File.ReadAllText(file);
                int start = xml.IndexOf("<TEXT>", StringComparison.Ordinal), end = xml.IndexOf("</TEXT>", StringComparison.Ordinal);
                if (start < 0 || end < start) continue;
                var text = WebUtility.HtmlDecode(Tags().Replace(xml[(start + 6)..end], ""));
                foreach (var line in Lines(text)) yield return line;
            }

        var wnut = Path.Combine(datasetsRoot, "ner-wnut17", "wnut17train.conll");
        if (File.Exists(wnut))
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

    /// <summary>Tokens of each non-blank line (a paragraph or a sentence, depending on the source).</summary>
    private static IEnumerable<string[]> Lines(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var tokens = Tokenizer.Tokenize(line);
            if (tokens.Length > 0) yield return tokens.Select(t => t.Text).ToArray();
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
