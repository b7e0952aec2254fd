using System.Collections.Concurrent;
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

    [ThreadStatic] private static SentenceWords? _words;

    // Scoring is bound by memory latency, and most features depend on one word alone; their summed weights are
    // cached per word (and per word and universal tag for Penn tags), leaving a dozen lookups per token.
    private readonly ConcurrentDictionary<string, float[]> _wordScores = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Word, int Universal), float[]> _pennWordScores = new();
    private const int CacheLimit = 100_000;
    private static readonly string[] PaddingKeys = ["\u0000<s2>", "\u0000<s1>", "\u0000</s1>", "\u0000</s2>"];
    private readonly int[] _onlyPenn;

    private static readonly Lazy<Outcome<PosTagger>> Embedded = new(() => ModelFile.ReadEmbedded(ModelName, ModelKind, (reader, header) => Read(reader, header)));

    internal PosTagger(AveragedPerceptron firstPass, AveragedPerceptron? secondPass, AveragedPerceptron penn,
        Dictionary<string, (int, int)> frequentWords, bool[][] pennAllowed, AmbiguityLexicon lexicon,
        Dictionary<(string, int), int> pennLexicon, WordClusters clusters, ModelHeader? header = null)
    {
        _clusters = clusters;
        _pennLexicon = pennLexicon;
        _lexicon = lexicon;
        _firstPass = firstPass;
        _secondPass = secondPass;
        _penn = penn;
        _frequentWords = frequentWords;
        _pennAllowed = pennAllowed;
        _onlyPenn = pennAllowed.Select(a => a.Count(x => x) == 1 ? Array.IndexOf(a, true) : -1).ToArray();
        Header = header;
    }

    /// <summary>The tagger that ships with Storyline (<c>models/pos.stlm</c>), loaded on first use.</summary>
    public static Outcome<PosTagger> Shipped => Embedded.Value;

    public ModelHeader? Header { get; }

    public bool HasSecondPass => _secondPass is not null;
    public IReadOnlyList<string> UniversalTags => _firstPass.Classes;
    public IReadOnlyList<string> PennTags => _penn.Classes;

    /// <summary>Tags one sentence's words; writes the universal and Penn tags into the two spans.</summary>
    public void Tag(IReadOnlyList<string> words, Span<string> universal, Span<string> penn)
    {
        int n = words.Count;
        var first = n <= 256 ? stackalloc int[n] : new int[n];
        var second = n <= 256 ? stackalloc int[n] : new int[n];
        var pennTags = n <= 256 ? stackalloc int[n] : new int[n];
        TagIndices(words, first, second, pennTags);
        for (int i = 0; i < n; i++)
        {
            universal[i] = _firstPass.Classes[second[i]];
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
        var words = new List<string>();
        foreach (var sentence in sentences)
        {
            words.Clear();
            for (int k = 0; k < sentence.TokenCount; k++) words.Add(tokens[sentence.FirstToken + k].Text);
            var (universal, penn) = Tag(words);
            for (int k = 0; k < sentence.TokenCount; k++)
            {
                ref var token = ref tagged[sentence.FirstToken + k];
                token = token with { Tag = universal[k], PennTag = penn[k] };
            }
        }
        return ImmutableArray.Create(tagged);
    }

    internal void TagIndices(IReadOnlyList<string> words, Span<int> first, Span<int> second, Span<int> penn)
    {
        var w = _words ??= new SentenceWords();
        w.Load(words, _lexicon, _clusters);
        int n = words.Count;
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Math.Max(_firstPass.ClassCount, _penn.ClassCount)];
        var known = n <= 256 ? stackalloc bool[n] : new bool[n];
        for (int i = 0; i < n; i++)
        {
            if (_frequentWords.TryGetValue(words[i], out var tags))
            {
                known[i] = true;
                first[i] = second[i] = tags.Universal;
                penn[i] = tags.Penn;
            }
            else
            {
                known[i] = false;
                first[i] = second[i] = penn[i] = -1;
            }
        }
        int classes = _firstPass.ClassCount;
        var rows = new float[n + 4][];
        for (int j = -2; j < n + 2; j++) rows[j + 2] = WordScores(w, words, j);
        var universalScores = scores[..classes];
        for (int i = 0; i < n; i++)
        {
            if (known[i]) continue;
            int count = PosFeatures.Context(w, i, first, default, features);
            _firstPass.Score(features[..count], universalScores);
            for (int role = 0; role < PosFeatures.RoleCount; role++)
                TensorPrimitives.Add(universalScores, rows[i + PosFeatures.RoleOffsets[role] + 2].AsSpan(role * classes, classes), universalScores);
            first[i] = AveragedPerceptron.ArgMax(universalScores);
        }
        for (int i = 0; i < n; i++)
        {
            if (known[i]) continue;
            if (_secondPass is null) { second[i] = first[i]; continue; }
            int count = PosFeatures.Universal(w, i, second, first, features);
            second[i] = _secondPass.Predict(features[..count]);
        }
        var pennScores = scores[.._penn.ClassCount];
        for (int i = 0; i < n; i++)
        {
            if (known[i]) continue;
            if (_onlyPenn[second[i]] is var only && only >= 0) { penn[i] = only; continue; }
            if (_pennLexicon.TryGetValue((words[i], second[i]), out var listed)) { penn[i] = listed; continue; }
            int count = PosFeatures.PennContext(w, i, second, penn, features);
            _penn.Score(features[..count], pennScores);
            TensorPrimitives.Add(pennScores, PennWordScores(w, words[i], i, second[i]), pennScores);
            penn[i] = ArgMaxAllowed(pennScores, _pennAllowed[second[i]]);
        }
    }

    /// <summary>The summed weights of a word's own features in each of its roles (itself, previous word, next word…).</summary>
    private float[] WordScores(SentenceWords w, IReadOnlyList<string> words, int j)
    {
        int n = words.Count;
        var key = j < 0 ? PaddingKeys[j + 2] : j >= n ? PaddingKeys[2 + j - n] : words[j];
        if (_wordScores.TryGetValue(key, out var cached)) return cached;
        int classes = _firstPass.ClassCount;
        var scores = new float[PosFeatures.RoleCount * classes];
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        for (int role = 0; role < PosFeatures.RoleCount; role++)
        {
            int count = PosFeatures.WordFeatures(w, j, role, features);
            _firstPass.Score(features[..count], scores.AsSpan(role * classes, classes));
        }
        if (_wordScores.Count >= CacheLimit) _wordScores.Clear();
        _wordScores[key] = scores;
        return scores;
    }

    private float[] PennWordScores(SentenceWords w, string word, int i, int universal)
    {
        if (_pennWordScores.TryGetValue((word, universal), out var cached)) return cached;
        var scores = new float[_penn.ClassCount];
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        int count = PosFeatures.PennWord(w, i, (ulong)(universal + 1), features);
        _penn.Score(features[..count], scores);
        if (_pennWordScores.Count >= CacheLimit) _pennWordScores.Clear();
        _pennWordScores[(word, universal)] = scores;
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
