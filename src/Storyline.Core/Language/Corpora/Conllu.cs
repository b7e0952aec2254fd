namespace Storyline.Language.Corpora;

/// <summary>One syntactic word of a CoNLL-U sentence (multiword tokens such as "don't" hold two: "do", "n't").</summary>
public sealed record ConlluWord(string Form, string Upos, string Xpos);

/// <summary>A surface token that UD splits into several words: its form and the range of words it covers.</summary>
public sealed record ConlluMultiwordToken(int FirstWord, int LastWord, string Form);

/// <summary>A CoNLL-U sentence with the comments that matter here: its id, raw text and document/paragraph starts.</summary>
public sealed record ConlluSentence(string Id, string Text, string DocumentId, bool StartsParagraph,
    IReadOnlyList<ConlluWord> Words, IReadOnlyList<ConlluMultiwordToken> MultiwordTokens);

/// <summary>A document: the sentences between two <c># newdoc</c> markers.</summary>
public sealed record ConlluDocument(string Id, IReadOnlyList<ConlluSentence> Sentences);

/// <summary>Reads Universal Dependencies CoNLL-U files (UD English-EWT, GUM).</summary>
public static class Conllu
{
    /// <summary>
    /// The file of one split in a UD folder, whatever the corpus calls it: <c>en_ewt-ud-test.conllu</c>,
    /// <c>en_gum-ud-test.ccby-subset.conllu</c>.
    /// </summary>
    public static Outcome<string> FindSplit(string folder, string split)
    {
        if (!Directory.Exists(folder)) return Outcome<string>.Fail($"folder not found: {folder}");
        var matches = Directory.EnumerateFiles(folder, "*.conllu")
            .Where(f => Path.GetFileName(f).Contains($"-{split}.", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return matches.Count switch
        {
            1 => Outcome<string>.Ok(matches[0]),
            0 => Outcome<string>.Fail($"no CoNLL-U file for split '{split}' in {folder} (expected a name like *-{split}.conllu)"),
            _ => Outcome<string>.Fail($"several CoNLL-U files for split '{split}' in {folder}: {string.Join(", ", matches.Select(Path.GetFileName))}"),
        };
    }

    public static List<ConlluSentence> ReadSentences(string path)
    {
        var sentences = new List<ConlluSentence>();
        string? id = null, text = null, documentId = null;
        bool newParagraph = false;
        int documentNumber = 0, sentenceNumber = 0;
        var words = new List<ConlluWord>();
        var multiword = new List<ConlluMultiwordToken>();

        void Flush()
        {
            if (words.Count == 0) return;
            sentenceNumber++;
            documentId ??= $"doc-{++documentNumber}";
            text ??= string.Join(' ', words.Select(w => w.Form));
            sentences.Add(new ConlluSentence(id ?? $"{documentId}-s{sentenceNumber}", text.Trim(), documentId, newParagraph, words.ToArray(), multiword.ToArray()));
            id = null; text = null; newParagraph = false;
            words.Clear(); multiword.Clear();
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) { Flush(); continue; }
            if (line[0] == '#')
            {
                if (Comment(line, "newdoc") is { } doc)
                {
                    Flush();
                    documentId = doc.Length > 0 ? doc : $"doc-{++documentNumber}";
                    newParagraph = true;
                }
                else if (Comment(line, "newpar") is not null) newParagraph = true;
                else if (Comment(line, "sent_id") is { } sid) id = sid;
                else if (Comment(line, "text") is { } t) text = t;
                continue;
            }
            var columns = line.Split('\t');
            if (columns.Length < 5) continue;
            var index = columns[0];
            int dash = index.IndexOf('-');
            if (dash > 0)
            {
                multiword.Add(new ConlluMultiwordToken(int.Parse(index[..dash]) - 1, int.Parse(index[(dash + 1)..]) - 1, columns[1]));
                continue;
            }
            if (index.Contains('.')) continue; // empty nodes of enhanced dependencies carry no surface word
            words.Add(new ConlluWord(columns[1], columns[3], columns[4]));
        }
        Flush();
        return sentences;
    }

    public static List<ConlluDocument> ReadDocuments(string path) =>
        ReadSentences(path).GroupBy(s => s.DocumentId).Select(g => new ConlluDocument(g.Key, g.ToList())).ToList();

    /// <summary>The value of a comment such as <c># sent_id = x</c> ("x"), "" for a bare <c># newdoc</c>, or null for another comment.</summary>
    private static string? Comment(string line, string key)
    {
        var body = line.AsSpan(1).TrimStart();
        if (!body.StartsWith(key, StringComparison.Ordinal)) return null;
        var rest = body[key.Length..];
        if (rest.Length > 0 && !char.IsWhiteSpace(rest[0]) && rest[0] != '=') return null;
        rest = rest.Trim();
        if (rest.StartsWith("id", StringComparison.Ordinal) && key is "newdoc" or "newpar") rest = rest[2..].TrimStart();
        if (rest.Length == 0) return "";
        return rest[0] == '=' ? rest[1..].Trim().ToString() : null;
    }
}
