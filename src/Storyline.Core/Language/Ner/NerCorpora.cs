using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Storyline.Language.Ner;

/// <summary>
/// A corpus folder read for NER: its sentences split into a training part and a held-out part. Every corpus's
/// labels are mapped with <see cref="NerLabels.FromCorpus"/>; labels with no counterpart (MISC…) become O.
/// </summary>
/// <param name="Format">What was detected: <c>iob2</c>, <c>conll</c>, <c>gum-conllu</c> or <c>meantime-xml</c>.</param>
/// <param name="SplitRule">How the held-out part was chosen, in words (for the report).</param>
public sealed record NerCorpus(string Name, string Format, IReadOnlyList<NerSentence> Train, IReadOnlyList<NerSentence> HeldOut, string SplitRule)
{
    /// <summary>
    /// The sentences of a split: <c>test</c> (the held-out part, the default), <c>train</c>, <c>all</c>, or <c>dev</c>
    /// (the development fold of the training part, see <see cref="IsDevelopment"/>).
    /// </summary>
    public Outcome<IReadOnlyList<NerSentence>> Split(string? name) => (name ?? "test").ToLowerInvariant() switch
    {
        "test" or "heldout" or "held-out" => Outcome<IReadOnlyList<NerSentence>>.Ok(HeldOut),
        "train" => Outcome<IReadOnlyList<NerSentence>>.Ok(Train),
        "dev" => Outcome<IReadOnlyList<NerSentence>>.Ok(Train.Where(IsDevelopment).ToList()),
        "all" => Outcome<IReadOnlyList<NerSentence>>.Ok(Train.Concat(HeldOut).ToList()),
        var other => Outcome<IReadOnlyList<NerSentence>>.Fail($"unknown split '{other}' (use test, train, dev or all)"),
    };

    /// <summary>
    /// The development fold: one training document (or sentence) in four, by a hash of its id salted so that it does
    /// not follow the held-out rule. `storyline train ner --dev` trains without it and reports on it, so settings
    /// are chosen without the held-out part.
    /// </summary>
    public static bool IsDevelopment(NerSentence sentence) => Hashing.Fnv1a("dev:" + sentence.DocumentId) % 4 == 0;

    /// <summary>
    /// Reads any folder laid out like the NER datasets in ../shared/datasets, detecting the format from its files.
    /// Where the corpus fixes no split, one is derived from a hash of each document (or sentence), so it is the
    /// same on every machine.
    /// </summary>
    public static Outcome<NerCorpus> Load(string folder)
    {
        if (!Directory.Exists(folder)) return Outcome<NerCorpus>.Fail($"folder not found: {folder}");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var files = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        var iob2 = files.Where(f => f.EndsWith(".iob2", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (iob2.Length > 0)
        {
            // UNER publishes dev and test; its train file is missing here, so dev is what we train on.
            var test = iob2.Where(f => Path.GetFileName(f).Contains("test", StringComparison.OrdinalIgnoreCase)).ToArray();
            var train = iob2.Except(test).ToArray();
            return Outcome<NerCorpus>.Ok(new NerCorpus(name, "iob2", train.SelectMany(ReadConll).ToList(), test.SelectMany(ReadConll).ToList(),
                "train on the non-test .iob2 files (dev), test on the *test*.iob2 file"));
        }

        var conllu = files.Where(f => f.EndsWith(".conllu", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (conllu.Length > 0)
        {
            var test = conllu.Where(f => Path.GetFileName(f).Contains("test", StringComparison.OrdinalIgnoreCase)).ToArray();
            var train = conllu.Except(test).ToArray();
            return Outcome<NerCorpus>.Ok(new NerCorpus(name, "gum-conllu", train.SelectMany(ReadGum).ToList(), test.SelectMany(ReadGum).ToList(),
                "train on the train and dev .conllu files, test on the test file; named mentions are person/place/organization mentions whose first and last tokens (after a determiner and title words) are proper nouns (UPOS PROPN or XPOS NNP/NNPS)"));
        }

        var xmlFolder = new[] { Path.Combine(folder, "intra-doc_annotation"), folder }.FirstOrDefault(d => Directory.Exists(d) && Directory.EnumerateFiles(d, "*.xml", SearchOption.AllDirectories).Any());
        if (xmlFolder is not null)
        {
            var docs = Directory.GetFiles(xmlFolder, "*.xml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(ReadMeantime).Where(d => d.Count > 0).ToList();
            // One document in three is held out, chosen by a hash of the document id.
            var held = docs.Where(d => IsHeldOut(d[0].DocumentId, 3)).SelectMany(d => d).ToList();
            var rest = docs.Where(d => !IsHeldOut(d[0].DocumentId, 3)).SelectMany(d => d).ToList();
            return Outcome<NerCorpus>.Ok(new NerCorpus(name, "meantime-xml", rest, held,
                "documents whose FNV-1a hash of the doc_id is divisible by 3 are held out; the rest is training data"));
        }

        var conll = files.Where(LooksLikeConll).ToArray();
        if (conll.Length == 0) return Outcome<NerCorpus>.Fail($"no NER data recognised in {folder} (expected .iob2, .conllu, CAT XML or CoNLL token/tag files)");
        var testFiles = conll.Where(IsTestFile).ToArray();
        if (testFiles.Length > 0)
        {
            var train = conll.Except(testFiles).SelectMany(ReadConll).ToList();
            return Outcome<NerCorpus>.Ok(new NerCorpus(name, "conll", train, testFiles.SelectMany(ReadConll).ToList(),
                $"train on {string.Join(", ", conll.Except(testFiles).Select(Path.GetFileName))}, test on {string.Join(", ", testFiles.Select(Path.GetFileName))}"));
        }
        var all = conll.SelectMany(ReadConll).ToList();
        return Outcome<NerCorpus>.Ok(new NerCorpus(name, "conll", all.Where(s => !IsHeldOut(s.DocumentId, 5)).ToList(), all.Where(s => IsHeldOut(s.DocumentId, 5)).ToList(),
            "no published split: documents (or sentences, when the file has no -DOCSTART- lines) whose FNV-1a hash of their first 200 characters is divisible by 5 are held out"));
    }

    /// <summary>Files a corpus publishes as its test part: named so, or SEC's FIN3 (its authors' test set).</summary>
    private static bool IsTestFile(string path)
    {
        var file = Path.GetFileName(path);
        return file.Contains("test", StringComparison.OrdinalIgnoreCase) || file.StartsWith("FIN3", StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsHeldOut(string key, int oneIn) => Hashing.Fnv1a(key) % (ulong)oneIn == 0;

    private static readonly Regex TagPattern = new(@"^(O|[BIELSU]-\S+)$", RegexOptions.Compiled);

    private static bool LooksLikeConll(string path)
    {
        var lines = File.ReadLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith("-DOCSTART-")).Take(50).ToList();
        if (lines.Count < 5) return false;
        int ok = lines.Count(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is { Length: >= 2 } cols && TagPattern.IsMatch(cols[^1]));
        return ok >= lines.Count * 0.8;
    }

    /// <summary>Token-per-line files: CoNLL (token first, tag last), UNER .iob2 (index, token, tag…) with # comments.</summary>
    public static IEnumerable<NerSentence> ReadConll(string path)
    {
        bool iob2 = path.EndsWith(".iob2", StringComparison.OrdinalIgnoreCase);
        var file = Path.GetFileName(path);
        var tokens = new List<string>();
        var tags = new List<string>();
        string? sentId = null;
        string docKey = "";
        int docOrdinal = 0, sentOrdinal = 0;
        bool hasDocStarts = File.ReadLines(path).Take(5).Any(l => l.StartsWith("-DOCSTART-") || l.StartsWith("# newdoc"));
        var docSentences = new List<NerSentence>();

        NerSentence? Flush()
        {
            if (tokens.Count == 0) return null;
            var id = sentId ?? $"{file}#{sentOrdinal}";
            var text = string.Join(' ', tokens);
            if (!hasDocStarts || docKey.Length == 0) docKey = text.Length > 200 ? text[..200] : text;
            var sentence = new NerSentence(id, hasDocStarts ? $"{file}:{docKey}" : $"{file}:{docKey}", tokens.ToArray(), SpansFromTags(tags));
            tokens.Clear();
            tags.Clear();
            sentId = null;
            sentOrdinal++;
            if (!hasDocStarts) docKey = "";
            return sentence;
        }

        var pendingDoc = new List<NerSentence>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("-DOCSTART-") || line.StartsWith("# newdoc"))
            {
                if (Flush() is { } s) pendingDoc.Add(s);
                foreach (var d in Rekey(pendingDoc)) yield return d;
                pendingDoc.Clear();
                docOrdinal++;
                docKey = "";
                continue;
            }
            if (iob2 && line.StartsWith('#'))
            {
                if (line.StartsWith("# sent_id = ")) sentId = line["# sent_id = ".Length..].Trim();
                continue;
            }
            if (line.Trim().Length == 0)
            {
                if (Flush() is { } s) pendingDoc.Add(s);
                continue;
            }
            var cols = line.Split(iob2 ? ['\t'] : ['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (cols.Length < 2) continue;
            tokens.Add(iob2 ? cols[1] : cols[0]);
            tags.Add(iob2 ? cols[2] : cols[^1]);
        }
        if (Flush() is { } last) pendingDoc.Add(last);
        foreach (var d in Rekey(pendingDoc)) yield return d;

        // Sentences of one document share the document's key: the first 200 characters of its text.
        IEnumerable<NerSentence> Rekey(List<NerSentence> doc)
        {
            if (!hasDocStarts || doc.Count == 0) return doc.ToList();
            var text = string.Join(' ', doc.SelectMany(s => s.Tokens));
            var key = $"{file}:{(text.Length > 200 ? text[..200] : text)}";
            return doc.Select(s => s with { DocumentId = key }).ToList();
        }
    }

    /// <summary>Decodes IOB1/IOB2/IO/BIOES/BILOU tags into spans; labels are mapped onto ours, unmapped ones dropped.</summary>
    public static NerSpan[] SpansFromTags(IReadOnlyList<string> tags)
    {
        var spans = new List<NerSpan>();
        int start = -1;
        string? type = null;
        void Close(int end)
        {
            if (type is not null && start >= 0 && NerLabels.FromCorpus(type) is { } mapped) spans.Add(new NerSpan(start, end, mapped));
            start = -1;
            type = null;
        }
        for (int i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (tag == "O" || tag.Length < 3 || tag[1] != '-') { Close(i); continue; }
            char prefix = tag[0];
            var label = tag[2..];
            bool continues = (prefix is 'I' or 'E' or 'L') && type == label;
            if (!continues)
            {
                Close(i);
                start = i;
                type = label;
            }
            if (prefix is 'E' or 'L' or 'S' or 'U') Close(i + 1);
        }
        Close(tags.Count);
        return spans.ToArray();
    }

    private static readonly Regex EntityOpen = new(@"\((\d+)-([^()|]*)(\))?|(\d+)\)", RegexOptions.Compiled);

    /// <summary>
    /// GUM's CoNLL-U with entity annotation in the MISC column (<c>Entity=(1-person-…-Identity</c> … <c>1)</c>).
    /// A person, place or organization mention counts as a named entity when, after a leading determiner and
    /// title words ("Dr."), its first and last tokens are proper nouns. Nested named mentions keep the outermost.
    /// </summary>
    public static IEnumerable<NerSentence> ReadGum(string path)
    {
        string doc = Path.GetFileName(path);
        string? sentId = null;
        var forms = new List<string>();
        var upos = new List<string>();
        var proper = new List<bool>();
        var mentions = new List<(int Start, int End, string Type, bool Linked)>();
        var open = new Dictionary<string, Stack<(int Start, string Type, bool Linked)>>();

        NerSentence? Flush()
        {
            if (forms.Count == 0) return null;
            var spans = new List<NerSpan>();
            foreach (var (s0, end, type, _) in mentions)
            {
                if (NerLabels.FromCorpus(type) is not { } mapped) continue;
                int s = s0;
                while (s < end && upos[s] == "DET") s++;
                while (s + 1 < end && Gazetteers.Titles.ContainsWord(forms[s])) s++;
                if (s >= end || !proper[s] || !proper[end - 1]) continue;
                spans.Add(new NerSpan(s, end, mapped));
            }
            var outer = spans.Where(a => !spans.Any(b => b != a && b.Start <= a.Start && b.End >= a.End && b.Length > a.Length))
                .Distinct().OrderBy(x => x.Start).ToList();
            // Keep spans disjoint: an earlier or longer span wins.
            var kept = new List<NerSpan>();
            foreach (var sp in outer.OrderByDescending(x => x.Length).ThenBy(x => x.Start))
                if (kept.All(k => k.End <= sp.Start || sp.End <= k.Start)) kept.Add(sp);
            var sentence = new NerSentence(sentId ?? $"{doc}#{forms.Count}", doc, forms.ToArray(), kept.OrderBy(x => x.Start).ToArray());
            forms.Clear(); upos.Clear(); proper.Clear(); mentions.Clear(); open.Clear(); sentId = null;
            return sentence;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("# newdoc id = ")) { doc = line["# newdoc id = ".Length..].Trim(); continue; }
            if (line.StartsWith("# sent_id = ")) { sentId = line["# sent_id = ".Length..].Trim(); continue; }
            if (line.StartsWith('#')) continue;
            if (line.Length == 0) { if (Flush() is { } s) yield return s; continue; }
            var cols = line.Split('\t');
            if (cols.Length < 10 || cols[0].Contains('-') || cols[0].Contains('.')) continue;
            int index = forms.Count;
            forms.Add(cols[1]);
            upos.Add(cols[3]);
            // GUM tags the "New" of "New York" ADJ (UD's rule for adjectives in names) but NNP: either tag marks a name word.
            proper.Add(cols[3] == "PROPN" || cols[4] is "NNP" or "NNPS");
            var entity = cols[9].Split('|').FirstOrDefault(p => p.StartsWith("Entity="));
            if (entity is null) continue;
            foreach (Match m in EntityOpen.Matches(entity[7..]))
            {
                if (m.Groups[4].Success)
                {
                    var id = m.Groups[4].Value;
                    if (open.TryGetValue(id, out var stack) && stack.Count > 0)
                    {
                        var (st, type, linked) = stack.Pop();
                        mentions.Add((st, index + 1, type, linked));
                    }
                    continue;
                }
                var fields = m.Groups[2].Value.Split('-');
                var etype = fields.Length > 0 ? fields[0] : "";
                // The identity is the last field of GRP-etype-infstat-salience-centering-minspan-link-identity; the
                // group number was captured separately, so the identity is the seventh field here.
                bool isLinked = fields.Length >= 7 && fields[6].Length > 0;
                if (m.Groups[3].Success) mentions.Add((index, index + 1, etype, isLinked));
                else
                {
                    var id = m.Groups[1].Value;
                    if (!open.TryGetValue(id, out var stack)) open[id] = stack = new();
                    stack.Push((index, etype, isLinked));
                }
            }
        }
        if (Flush() is { } final) yield return final;
    }

    /// <summary>
    /// One MEANTIME (CAT XML) document. MEANTIME marks whole noun phrases ("JSA Research defence analyst Paul
    /// Nesbit"), so named mentions (syntactic type NAM or PRE.NAM) are cut down to their name: text after an
    /// opening parenthesis is dropped, then the last run of capitalised tokens (with lowercase joiners such as
    /// "of" inside) is kept, minus a leading "The"; person names also lose leading title words from our titles
    /// gazetteer, and person "names" with "of" in them are role descriptions, left out.
    /// Types come from the ENTITY each mention refers to: PER, ORG, LOC; PRO and FIN are not ours.
    /// </summary>
    public static List<NerSentence> ReadMeantime(string path)
    {
        var root = XDocument.Load(path).Root!;
        var docId = root.Attribute("doc_id")?.Value ?? Path.GetFileNameWithoutExtension(path);
        var tokens = root.Elements("token").Select(t => (Id: t.Attribute("t_id")!.Value, Sentence: int.Parse(t.Attribute("sentence")!.Value), Text: t.Value)).ToList();
        var tokenIndex = tokens.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var markables = root.Element("Markables");
        var relations = root.Element("Relations");
        if (markables is null) return [];
        var entityTypes = markables.Elements("ENTITY").ToDictionary(e => e.Attribute("m_id")!.Value, e => e.Attribute("ent_type")?.Value ?? "");
        var mentionTokens = markables.Elements("ENTITY_MENTION")
            .Where(m => m.Attribute("syntactic_type")?.Value is "NAM" or "PRE.NAM" && m.Elements("token_anchor").Any())
            .ToDictionary(m => m.Attribute("m_id")!.Value, m => m.Elements("token_anchor").Select(a => tokenIndex[a.Attribute("t_id")!.Value]).OrderBy(i => i).ToArray());
        var spans = new List<NerSpan>();
        foreach (var r in relations?.Elements("REFERS_TO") ?? [])
        {
            var target = r.Element("target")?.Attribute("m_id")?.Value;
            if (target is null || !entityTypes.TryGetValue(target, out var type) || NerLabels.FromCorpus(type) is not { } mapped) continue;
            foreach (var source in r.Elements("source"))
                if (mentionTokens.TryGetValue(source.Attribute("m_id")!.Value, out var ids) && NameWithin(tokens.Select(t => t.Text).ToList(), ids, mapped == NerLabels.Person) is { } name)
                    spans.Add(new NerSpan(name.Start, name.End, mapped));
        }
        // A person span that swallowed an organisation before the name ("Chrysler LLC Jim Press") starts after it.
        var others = spans.Where(x => x.Type != NerLabels.Person).ToList();
        spans = spans.Select(sp => sp.Type == NerLabels.Person && others.Where(o => o.Start == sp.Start && o.End < sp.End).Select(o => o.End).DefaultIfEmpty(-1).Max() is var cut and >= 0
            ? sp with { Start = cut } : sp).ToList();
        var kept = new List<NerSpan>();
        foreach (var sp in spans.Distinct().OrderByDescending(x => x.Length).ThenBy(x => x.Start))
            if (kept.All(k => k.End <= sp.Start || sp.End <= k.Start)) kept.Add(sp);

        // MEANTIME annotates only the first sentences of each article: sentences after the last one holding
        // any annotation (entity, event or time) are not evidence of anything, so they are left out.
        var annotated = markables.Elements().SelectMany(m => m.Elements("token_anchor")).Select(a => tokenIndex[a.Attribute("t_id")!.Value]).ToList();
        int lastAnnotatedSentence = annotated.Count == 0 ? -1 : annotated.Max(i => tokens[i].Sentence);
        var result = new List<NerSentence>();
        foreach (var group in tokens.Select((t, i) => (t, i)).GroupBy(x => x.t.Sentence).Where(g => g.Key <= lastAnnotatedSentence))
        {
            int first = group.First().i, last = group.Last().i + 1;
            var sentenceSpans = kept.Where(s => s.Start >= first && s.End <= last).OrderBy(s => s.Start)
                .Select(s => s with { Start = s.Start - first, End = s.End - first }).ToArray();
            result.Add(new NerSentence($"{docId}-{group.Key}", docId, group.Select(x => x.t.Text).ToArray(), sentenceSpans));
        }
        return result;
    }

    private static readonly HashSet<string> NameJoiners = ["of", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "&", "-", "'s", "for", "and"];

    private static (int Start, int End)? NameWithin(IReadOnlyList<string> tokens, int[] ids, bool person)
    {
        int start = ids[0], end = ids[^1] + 1;
        for (int i = start; i < end; i++) if (tokens[i] == "(") { end = i; break; }
        while (end > start && !IsCapitalised(tokens[end - 1])) end--;
        if (end <= start) return null;
        int s = end - 1;
        while (s > start && (IsCapitalised(tokens[s - 1]) || (NameJoiners.Contains(tokens[s - 1]) && tokens[s - 1] != "and" && s - 2 >= start && IsCapitalised(tokens[s - 2])))) s--;
        if (string.Equals(tokens[s], "the", StringComparison.OrdinalIgnoreCase) && s + 1 < end) s++;
        if (!person) return (s, end);
        // Titles belong to people's mentions only ("General Motors" keeps its "General").
        while (s + 1 < end && Entities.NameForms.LeadingTitleLength(Enumerable.Range(s, end - s).Select(i => tokens[i]).ToList()) is > 0 and var title && s + title < end) s += title;
        // "Executive Officer of General Motors" describes a person; it is not a name.
        if (Enumerable.Range(s, end - s).Any(i => tokens[i] == "of")) return null;
        return (s, end);
    }

    private static bool IsCapitalised(string token) => token.Length > 0 && (char.IsUpper(token[0]) || (char.IsDigit(token[0]) && token.Any(char.IsLetter)));
}
