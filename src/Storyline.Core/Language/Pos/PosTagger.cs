using System.Collections.Immutable;
using System.Numerics.Tensors;
using Storyline.Learning;

namespace Storyline.Language.Pos;

/// <summary>
/// Part-of-speech tagger: greedy averaged perceptrons (the Collins / Honnibal design) giving each token a Universal
/// Dependencies tag and a Penn Treebank tag. Universal tags come from two passes: the first tags left to right
/// from the words and the tags already given; the second does the same but also sees the first pass's tags on the
/// right. The Penn tag is then chosen among those seen with the universal tag, from the word's form and the
/// universal tags around it. Frequent words that always take the same pair of tags are looked up, not scored.
/// Word clusters learned from unlabeled text (<see cref="WordClusters"/>) describe words the tagged data lacks.
/// The second pass is optional (<see cref="PosTrainer.SecondPass"/>); with the clusters it adds about 0.2 point of
/// accuracy on EWT dev, so the shipped model has it.
/// </summary>
public sealed class PosTagger
{
    public const string ModelName = "pos";
    public const string ModelKind = "pos";
    private const int PayloadVersion = 5;

    private readonly AveragedPerceptron _firstPass;
    private readonly AveragedPerceptron? _secondPass;
    private readonly AveragedPerceptron _penn;
    private readonly Dictionary<string, (int Universal, int Penn)> _frequentWords;
    private readonly bool[][] _pennAllowed;
    private readonly AmbiguityLexicon _lexicon;
    private readonly WordClusters _clusters;
    // Known words whose Penn tag follows from the word and its universal tag ("president" as NOUN is NN).
    private readonly Dictionary<(string Word, int Universal), int> _pennLexicon;
    // What a word seen for the first time is looked up in, merged so that it costs one probe by its form and one by
    // its normalised form rather than four: by form, its fixed tags (if it is a frequent word) and the same Penn
    // lexicon per word (its listed Penn tag for each universal tag, or -1; words it does not list share one row of -1);
    // by normalised form, its ambiguity class and cluster path.
    private readonly Dictionary<string, (int Universal, int Penn, int[] PennListed)> _byForm;
    private readonly Dictionary<string, (uint Ambiguity, uint Path)>.AlternateLookup<ReadOnlySpan<char>> _byNormalisedForm;
    private readonly int[] _noneListed;

    [ThreadStatic] private static SentenceWords? _words, _single;
    [ThreadStatic] private static WordEntry[]? _entries;

    /// <summary>
    /// What the tagger keeps per word form, so that a word seen before costs one dictionary lookup: the hashes the
    /// context features read, the summed weights of its own features in each role for the first pass and, once a
    /// word near it needs the second pass, for that pass, its fixed tags if it is a looked-up word, and per universal
    /// tag its listed Penn tag or Penn word scores.
    /// </summary>
    private sealed class WordEntry(string word, SentenceWords.ContextValues values, uint path, ArraySegment<float> scores, int universal, int penn, int[] pennListed)
    {
        public readonly string Word = word;
        public readonly SentenceWords.ContextValues Values = values;
        // Kept with the ambiguity class (in Values) so that rehashing the word for its second-pass or Penn scores
        // needs no dictionary lookup.
        public readonly uint Path = path;
        // Set before the entry is shared, so a slab's row (a struct, which could tear if written while read) is safe
        // here; the rows made later, by whichever thread needs them first, stay arrays of their own.
        public readonly ArraySegment<float> Scores = scores;
        // Most words the first pass tags with a wide margin, and so do their neighbours: the second pass then never
        // reads this word's sums, which cost as many lookups as the first pass's.
        public float[]? SecondScores;
        public readonly int FixedUniversal = universal, FixedPenn = penn;
        public readonly int[] PennListed = pennListed;
        // Made when the word first needs Penn word scores: most words never do (a listed Penn tag, or one alone).
        public float[]?[]? PennScores;
    }

    // Scoring is bound by memory latency, and most features depend on one word alone; their summed weights are
    // cached per word (and per word and universal tag for Penn tags), leaving a dozen lookups per token.
    private readonly BoundedCache<string, WordEntry> _cache = new(100_000, StringComparer.Ordinal);
    private readonly ArraySegment<float>[] _paddingScores, _paddingSecondScores;
    private readonly RowSlabs<float> _scoreRows;
    private readonly int[] _onlyPenn;

    private static readonly Lazy<Outcome<PosTagger>> Embedded = new(() => ModelFile.ReadEmbedded(ModelName, ModelKind, (reader, header) => Read(reader, header)));

    internal PosTagger(AveragedPerceptron firstPass, AveragedPerceptron? secondPass, AveragedPerceptron penn,
        Dictionary<string, (int, int)> frequentWords, bool[][] pennAllowed, AmbiguityLexicon lexicon,
        Dictionary<(string, int), int> pennLexicon, WordClusters clusters, ModelHeader? header = null)
    {
        _clusters = clusters;
        _pennLexicon = pennLexicon;
        _noneListed = Enumerable.Repeat(-1, firstPass.ClassCount).ToArray();
        var pennListed = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var ((word, universal), pennTag) in pennLexicon)
        {
            if (!pennListed.TryGetValue(word, out var row)) pennListed[word] = row = (int[])_noneListed.Clone();
            row[universal] = pennTag;
        }
        _byForm = new Dictionary<string, (int, int, int[])>(StringComparer.Ordinal);
        foreach (var word in frequentWords.Keys.Concat(pennListed.Keys))
        {
            var (fixedUniversal, fixedPenn) = frequentWords.TryGetValue(word, out var tags) ? tags : (-1, -1);
            _byForm[word] = (fixedUniversal, fixedPenn, pennListed.TryGetValue(word, out var row) ? row : _noneListed);
        }
        var byNormalisedForm = new Dictionary<string, (uint, uint)>(StringComparer.Ordinal);
        foreach (var word in lexicon.Classes.Keys.Concat(clusters.Paths.Keys))
            byNormalisedForm[word] = (lexicon.Lookup(word), clusters.Lookup(word));
        _byNormalisedForm = byNormalisedForm.GetAlternateLookup<ReadOnlySpan<char>>();
        _lexicon = lexicon;
        _firstPass = firstPass;
        _secondPass = secondPass;
        _penn = penn;
        _frequentWords = frequentWords;
        _pennAllowed = pennAllowed;
        _onlyPenn = pennAllowed.Select(a => a.Count(x => x) == 1 ? Array.IndexOf(a, true) : -1).ToArray();
        Header = header;
        // The positions before and after the sentence have fixed features of their own.
        var padding = new SentenceWords();
        padding.Load([], lexicon, clusters);
        _paddingScores = new[] { -2, -1, 0, 1 }.Select(j => (ArraySegment<float>)RoleScores(padding, j, firstPass)).ToArray();
        _paddingSecondScores = secondPass is null ? [] : new[] { -2, -1, 0, 1 }.Select(j => (ArraySegment<float>)RoleScores(padding, j, secondPass)).ToArray();
        _scoreRows = new RowSlabs<float>(PosFeatures.RoleCount * firstPass.ClassCount);
    }

    /// <summary>The tagger that ships with Storyline (<c>models/pos.stlm</c>), loaded on first use.</summary>
    public static Outcome<PosTagger> Shipped => Embedded.Value;

    public ModelHeader? Header { get; }

    /// <summary>The word clusters the tagger carries, read-only, for other taggers that describe unseen words the same way.</summary>
    internal WordClusters Clusters => _clusters;

    public bool HasSecondPass => _secondPass is not null;
    public IReadOnlyList<string> UniversalTags => _firstPass.Classes;
    public IReadOnlyList<string> PennTags => _penn.Classes;

    /// <summary>Tags one sentence's words; writes the universal and Penn tags into the two spans.</summary>
    public void Tag(IReadOnlyList<string> words, Span<string> universal, Span<string> penn)
    {
        int n = words.Count;
        var entries = Entries(n);
        for (int i = 0; i < n; i++) entries[i] = Entry(words[i]);
        var universalTags = n <= 256 ? stackalloc int[n] : new int[n];
        var pennTags = n <= 256 ? stackalloc int[n] : new int[n];
        TagIndices(entries, n, universalTags, pennTags);
        for (int i = 0; i < n; i++)
        {
            universal[i] = _firstPass.Classes[universalTags[i]];
            penn[i] = _penn.Classes[pennTags[i]];
        }
    }

    public (string[] Universal, string[] Penn) Tag(IReadOnlyList<string> words)
    {
        var universal = new string[words.Count];
        var penn = new string[words.Count];
        Tag(words, universal, penn);
        return (universal, penn);
    }

    /// <summary>Returns the tokens with <see cref="Token.Tag"/> and <see cref="Token.PennTag"/> set, tagging sentence by sentence.</summary>
    public ImmutableArray<Token> Tag(ReadOnlySpan<Token> tokens, ReadOnlySpan<Sentence> sentences)
    {
        var tagged = new Token[tokens.Length];
        tokens.CopyTo(tagged);
        Span<int> universal = stackalloc int[256], penn = stackalloc int[256];
        foreach (var sentence in sentences)
        {
            int n = sentence.TokenCount;
            var entries = Entries(n);
            for (int k = 0; k < n; k++) entries[k] = Entry(tokens[sentence.FirstToken + k].Text);
            var u = n <= 256 ? universal[..n] : new int[n];
            var p = n <= 256 ? penn[..n] : new int[n];
            TagIndices(entries, n, u, p);
            for (int k = 0; k < n; k++)
            {
                ref var token = ref tagged[sentence.FirstToken + k];
                token = token with { Tag = _firstPass.Classes[u[k]], PennTag = _penn.Classes[p[k]] };
            }
        }
        // The array is ours alone: handed over without the copy ImmutableArray.Create makes.
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(tagged);
    }

    private static WordEntry[] Entries(int n)
    {
        var entries = _entries;
        if (entries is null || entries.Length < n) _entries = entries = new WordEntry[Math.Max(n, 2 * (entries?.Length ?? 32))];
        return entries;
    }

    private void TagIndices(WordEntry[] entries, int n, Span<int> universal, Span<int> penn)
    {
        var w = _words ??= new SentenceWords();
        w.Reset(n);
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        int classes = _firstPass.ClassCount;
        Span<float> scores = stackalloc float[Math.Max(classes, _penn.ClassCount)];
        var first = n <= 256 ? stackalloc int[n] : new int[n];
        var sure = n <= 256 ? stackalloc bool[n] : new bool[n];
        for (int i = 0; i < n; i++)
        {
            var entry = entries[i];
            w.Set(i, entry.Values);
            first[i] = universal[i] = entry.FixedUniversal;
            penn[i] = entry.FixedPenn;
        }
        var universalScores = scores[..classes];
        for (int pass = 0; pass < (_secondPass is null ? 1 : 2); pass++)
        {
            var model = pass == 0 ? _firstPass : _secondPass!;
            var padding = pass == 0 ? _paddingScores : _paddingSecondScores;
            var tags = pass == 0 ? first : universal;
            var right = pass == 0 ? default : (ReadOnlySpan<int>)first;
            for (int i = 0; i < n; i++)
            {
                if (entries[i].FixedUniversal >= 0) continue;
                if (pass == 1 && sure[i]) { tags[i] = first[i]; continue; }
                int count = PosFeatures.Context(w, i, tags, right, features);
                model.Score(features[..count], universalScores);
                for (int role = 0; role < PosFeatures.RoleCount; role++)
                {
                    int j = i + PosFeatures.RoleOffsets[role];
                    var row = j < 0 ? padding[j + 2] : j >= n ? padding[2 + j - n] : pass == 0 ? entries[j].Scores : (ArraySegment<float>)SecondPassScores(entries[j]);
                    RowSums.AddTo(universalScores, row.AsSpan(role * classes, classes));
                }
                tags[i] = BestWithMargin(universalScores, out float margin);
                if (pass == 0) sure[i] = margin >= SureMargin;
            }
        }
        if (_secondPass is null) first.CopyTo(universal);
        var pennScores = scores[.._penn.ClassCount];
        for (int i = 0; i < n; i++)
        {
            var entry = entries[i];
            if (entry.FixedUniversal >= 0) continue;
            int u = universal[i];
            if (_onlyPenn[u] is var only && only >= 0) { penn[i] = only; continue; }
            if (entry.PennListed[u] is var listed && listed >= 0) { penn[i] = listed; continue; }
            int count = PosFeatures.PennContext(w, i, universal, penn, features);
            _penn.Score(features[..count], pennScores);
            RowSums.AddTo(pennScores, (entry.PennScores ??= new float[]?[entry.PennListed.Length])[u] ??= PennWordScores(entry, u));
            penn[i] = ArgMaxAllowed(pennScores, _pennAllowed[u]);
        }
    }

    /// <summary>
    /// The same tags as <see cref="Tag(IReadOnlyList{string})"/>, computed the straightforward way: every feature of
    /// every word hashed and scored where it is used, nothing cached. Scores are summed in the same groups (the context,
    /// then each role's word features) so that they are the same floats. The reference the cached path is tested against.
    /// </summary>
    internal (string[] Universal, string[] Penn) TagDirectly(IReadOnlyList<string> words)
    {
        int n = words.Count, classes = _firstPass.ClassCount;
        var w = new SentenceWords();
        w.Load(words, _lexicon, _clusters);
        var fixedTags = words.Select(word => _frequentWords.TryGetValue(word, out var t) ? t : (-1, -1)).ToArray();
        var first = fixedTags.Select(t => t.Item1).ToArray();
        var universal = (int[])first.Clone();
        var penn = fixedTags.Select(t => t.Item2).ToArray();
        var sure = new bool[n];
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        var scores = new float[Math.Max(classes, _penn.ClassCount)];
        var universalScores = scores.AsSpan(0, classes);
        var role = new float[classes];
        for (int pass = 0; pass < (_secondPass is null ? 1 : 2); pass++)
        {
            var model = pass == 0 ? _firstPass : _secondPass!;
            var tags = pass == 0 ? first : universal;
            for (int i = 0; i < n; i++)
            {
                if (fixedTags[i].Item1 >= 0) continue;
                if (pass == 1 && sure[i]) { tags[i] = first[i]; continue; }
                model.Score(features[..PosFeatures.Context(w, i, tags, pass == 0 ? default : first, features)], universalScores);
                for (int r = 0; r < PosFeatures.RoleCount; r++)
                {
                    model.Score(features[..PosFeatures.WordFeatures(w, i + PosFeatures.RoleOffsets[r], r, features)], role);
                    TensorPrimitives.Add(universalScores, role, universalScores);
                }
                tags[i] = AveragedPerceptron.ArgMax(universalScores);
                if (pass == 0) sure[i] = Margin(universalScores, tags[i]) >= SureMargin;
            }
        }
        if (_secondPass is null) first.CopyTo(universal, 0);
        var pennScores = scores.AsSpan(0, _penn.ClassCount);
        var pennWord = new float[_penn.ClassCount];
        for (int i = 0; i < n; i++)
        {
            if (fixedTags[i].Item1 >= 0) continue;
            int u = universal[i];
            if (_onlyPenn[u] is var only && only >= 0) { penn[i] = only; continue; }
            if (_pennLexicon.TryGetValue((words[i], u), out var listed)) { penn[i] = listed; continue; }
            _penn.Score(features[..PosFeatures.PennContext(w, i, universal, penn, features)], pennScores);
            _penn.Score(features[..PosFeatures.PennWord(w, i, (ulong)(u + 1), features)], pennWord);
            TensorPrimitives.Add(pennScores, pennWord, pennScores);
            penn[i] = ArgMaxAllowed(pennScores, _pennAllowed[u]);
        }
        return (universal.Select(u => _firstPass.Classes[u]).ToArray(), penn.Select(p => _penn.Classes[p]).ToArray());
    }

    // Words the first pass tags with a wide margin between its best and second-best scores keep that tag: the
    // second pass (which sees the tags on the right) changes almost only close calls. Tuned on EWT dev for the
    // shipped model's score scale: at 10, UPOS accuracy drops by 0.01 point and the layer runs about 30% faster.
    private const float SureMargin = 10f;

    /// <summary>The same class as <see cref="AveragedPerceptron.ArgMax"/> (the first of equal best scores) and its
    /// <see cref="Margin"/>, in one pass over the scores.</summary>
    private static int BestWithMargin(ReadOnlySpan<float> scores, out float margin)
    {
        int best = 0;
        float top = scores[0], second = float.MinValue;
        for (int c = 1; c < scores.Length; c++)
        {
            float x = scores[c];
            if (x > top) { second = top; top = x; best = c; }
            else if (x > second) second = x;
        }
        margin = top - second;
        return best;
    }

    private static float Margin(ReadOnlySpan<float> scores, int best)
    {
        float second = float.MinValue;
        for (int c = 0; c < scores.Length; c++) if (c != best && scores[c] > second) second = scores[c];
        return scores[best] - second;
    }

    /// <summary>Forgets every word form's cached scores, so the next text is tagged as by a freshly loaded tagger
    /// (to time text never seen before).</summary>
    internal void ForgetWords() => _cache.Clear();

    private WordEntry Entry(string word)
    {
        if (_cache.TryGetValue(word, out var cached)) return cached;
        Span<char> buffer = stackalloc char[SentenceWords.MaxLength];
        var (ambiguity, path) = _byNormalisedForm.TryGetValue(SentenceWords.Normalised(word, buffer), out var known) ? known : default;
        var w = Single(word, ambiguity, path);
        var (universal, penn, listed) = _byForm.TryGetValue(word, out var tags) ? tags : (-1, -1, _noneListed);
        var scores = _scoreRows.Take();
        RoleScores(w, 0, _firstPass, scores);
        var entry = new WordEntry(word, w.ContextAt(0), path, scores, universal, penn, listed);
        _cache.Add(word, entry);
        return entry;
    }

    /// <summary>The hashes of one word, in this thread's one-word sentence.</summary>
    private static SentenceWords Single(string word, uint ambiguity, uint path)
    {
        var w = _single ??= new SentenceWords();
        w.LoadOne(word, ambiguity, path);
        return w;
    }

    private static SentenceWords Single(WordEntry entry) => Single(entry.Word, (uint)entry.Values.Ambiguity, entry.Path);

    private float[] SecondPassScores(WordEntry entry) => entry.SecondScores ??= RoleScores(Single(entry), 0, _secondPass!);

    /// <summary>The summed weights of a word's own features in each of its roles (itself, previous word, next word…) for one pass.</summary>
    private static float[] RoleScores(SentenceWords w, int j, AveragedPerceptron model)
    {
        var scores = new float[PosFeatures.RoleCount * model.ClassCount];
        RoleScores(w, j, model, scores);
        return scores;
    }

    /// <summary>The same, written to <paramref name="scores"/> (role by role, <see cref="PosFeatures.RoleCount"/> rows of the classes).</summary>
    private static void RoleScores(SentenceWords w, int j, AveragedPerceptron model, Span<float> scores)
    {
        Span<ulong> features = stackalloc ulong[PosFeatures.RoleCount * PosFeatures.MaxFeatures];
        Span<int> rows = stackalloc int[features.Length];
        int n = 0;
        for (int role = 0; role < PosFeatures.RoleCount; role++)
        {
            int count = PosFeatures.WordFeatures(w, j, role, features[n..]);
            rows.Slice(n, count).Fill(role);
            n += count;
        }
        model.ScoreRows(features[..n], rows[..n], scores);
    }

    private float[] PennWordScores(WordEntry entry, int universal)
    {
        var w = Single(entry);
        var scores = new float[_penn.ClassCount];
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        int count = PosFeatures.PennWord(w, 0, (ulong)(universal + 1), features);
        _penn.Score(features[..count], scores);
        return scores;
    }

    internal static int ArgMaxAllowed(ReadOnlySpan<float> scores, bool[] allowed)
    {
        int best = -1;
        for (int c = 0; c < scores.Length; c++)
            if (allowed[c] && (best < 0 || scores[c] > scores[best])) best = c;
        return best < 0 ? AveragedPerceptron.ArgMax(scores) : best;
    }

    public void Save(string path, ModelHeader header) => ModelFile.Write(path, header, Write);

    public void Save(Stream stream, ModelHeader header) => ModelFile.Write(stream, header, Write);

    private void Write(BinaryWriter writer)
    {
        writer.Write(PayloadVersion);
        _firstPass.Save(writer);
        writer.Write(_secondPass is not null);
        _secondPass?.Save(writer);
        _penn.Save(writer);
        writer.Write(_frequentWords.Count);
        foreach (var (word, (universal, penn)) in _frequentWords.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(word);
            writer.Write((byte)universal);
            writer.Write((byte)penn);
        }
        foreach (var allowed in _pennAllowed)
            foreach (var a in allowed) writer.Write(a);
        writer.Write(_pennLexicon.Count);
        foreach (var ((word, universal), pennTag) in _pennLexicon.OrderBy(kv => kv.Key.Word, StringComparer.Ordinal).ThenBy(kv => kv.Key.Universal))
        {
            writer.Write(word);
            writer.Write((byte)universal);
            writer.Write((byte)pennTag);
        }
        writer.Write(_lexicon.Classes.Count);
        foreach (var (word, classes) in _lexicon.Classes.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            writer.Write(word);
            writer.Write(classes);
        }
        _clusters.Write(writer);
    }

    public static Outcome<PosTagger> Load(string path) => ModelFile.Read(path, ModelKind, Read);

    public static Outcome<PosTagger> Load(Stream stream) => ModelFile.Read(stream, ModelKind, Read);

    private static PosTagger Read(BinaryReader reader, ModelHeader header)
    {
        int version = reader.ReadInt32();
        if (version != PayloadVersion) throw new InvalidDataException($"POS model payload version {version} is not supported (expected {PayloadVersion})");
        var first = AveragedPerceptron.Load(reader);
        var second = reader.ReadBoolean() ? AveragedPerceptron.Load(reader) : null;
        var penn = AveragedPerceptron.Load(reader);
        int count = reader.ReadInt32();
        var frequent = new Dictionary<string, (int, int)>(count, StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            var word = reader.ReadString();
            frequent[word] = (reader.ReadByte(), reader.ReadByte());
        }
        var allowed = new bool[first.ClassCount][];
        for (int u = 0; u < allowed.Length; u++)
        {
            allowed[u] = new bool[penn.ClassCount];
            for (int p = 0; p < penn.ClassCount; p++) allowed[u][p] = reader.ReadBoolean();
        }
        int pennWords = reader.ReadInt32();
        var pennLexicon = new Dictionary<(string, int), int>(pennWords);
        for (int i = 0; i < pennWords; i++)
        {
            var word = reader.ReadString();
            int universal = reader.ReadByte();
            pennLexicon[(word, universal)] = reader.ReadByte();
        }
        int words = reader.ReadInt32();
        var classes = new Dictionary<string, uint>(words, StringComparer.Ordinal);
        for (int i = 0; i < words; i++)
        {
            var word = reader.ReadString();
            classes[word] = reader.ReadUInt32();
        }
        var clusters = WordClusters.Read(reader);
        return new PosTagger(first, second, penn, frequent, allowed, new AmbiguityLexicon(classes), pennLexicon, clusters, header);
    }
}
