using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// The kinds of text the model knows the conventions of. Each training corpus is its own domain, except MEANTIME,
/// which is <see cref="News"/>: the domain the pipeline asks for, since Storyline reads news.
/// </summary>
public static class NerDomains
{
    public const string News = "news";

    public static string Of(NerCorpus corpus) => corpus.Format == "meantime-xml" ? News : corpus.Name;

    public static ulong Key(string? domain) => string.IsNullOrEmpty(domain) ? 0 : Hashing.Fnv1a(domain) | 1;
}

/// <summary>
/// The named-entity recogniser: an averaged perceptron over hashed features that tags each token with a BILOU
/// label (Begin, Inside, Last, Unit, Outside) for PER, ORG and LOC, decoded greedily left to right with the
/// transitions a BILOU sequence allows. Besides the gazetteers shipped as data files, the model file carries two
/// lists baked in as hashes at training time: given names and the world's country and capital names.
/// </summary>
public sealed class NerModel
{
    public const string Kind = "ner";
    /// <summary>2: the baked gazetteers carry their phrase prefixes (version 1 files still load).</summary>
    public const int Version = 2;

    private static readonly Lazy<Outcome<NerModel>> _embedded = new(() => ModelFile.ReadEmbedded("ner", Kind, (r, h) => Load(r, h)));

    private readonly AveragedPerceptron _perceptron;
    private readonly int[] _classType; // per class: index into ModelTypes, or -1 for O
    private readonly char[] _classPrefix; // 'O', 'B', 'I', 'L', 'U'
    private readonly int[] _closed; // per class: the class that ends the name there

    internal NerModel(AveragedPerceptron perceptron, PhraseGazetteer givenNames, PhraseGazetteer worldPlaces, ModelHeader? header = null)
    {
        _perceptron = perceptron;
        GivenNames = givenNames;
        WorldPlaces = worldPlaces;
        Header = header;
        _classType = perceptron.Classes.Select(c => c == "O" ? -1 : Array.IndexOf(NerLabels.ModelTypes, c[2..])).ToArray();
        _classPrefix = perceptron.Classes.Select(c => c[0]).ToArray();
        LabelKeys = perceptron.Classes.Select(NerFeatures.LabelKey).ToArray();
        // B-X closed becomes U-X, I-X becomes L-X.
        _closed = perceptron.Classes.Select((c, k) => c.Length > 2 && c[0] is 'B' or 'I' ? Array.IndexOf(perceptron.Classes, (c[0] == 'B' ? "U-" : "L-") + c[2..]) : k).ToArray();
        _matcher = new Lazy<GazetteerMatcher>(() => new GazetteerMatcher(NerFeatures.Sources(this)));
    }

    private readonly Lazy<GazetteerMatcher> _matcher;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ulong, NerScorer> _scorers = new();

    /// <summary>Per class, the key its label has in the previous-label features.</summary>
    internal ulong[] LabelKeys { get; }

    internal GazetteerMatcher Matcher => _matcher.Value;

    /// <summary>The model shipped in the assembly (models/ner.stlm), loaded on first use.</summary>
    public static Outcome<NerModel> Embedded => _embedded.Value;

    public ModelHeader? Header { get; }

    /// <summary>Whether the model was trained with part-of-speech features (Penn tags from our POS tagger).</summary>
    public bool UsesPos => Header?.Notes.GetValueOrDefault(FeaturesNote) == PosFeatures;

    public const string FeaturesNote = "features";
    public const string PosFeatures = "words+pos";
    public PhraseGazetteer GivenNames { get; }
    public PhraseGazetteer WorldPlaces { get; }
    public int FeatureCount => _perceptron.FeatureCount;
    internal AveragedPerceptron Perceptron => _perceptron;

    public static string[] Classes() =>
        ["O", .. NerLabels.ModelTypes.SelectMany(t => new[] { "B-" + t, "I-" + t, "L-" + t, "U-" + t })];

    /// <summary>Finds the PER/ORG/LOC spans of one tokenised sentence (token indices, end exclusive).</summary>
    public NerSpan[] Recognize(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags = null, string? domain = NerDomains.News)
    {
        if (tokens.Count == 0) return [];
        ulong domainKey = NerDomains.Key(domain);
        if (!_perceptron.IsFrozen) return RecognizeDirectly(tokens, posTags, domain);
        // TryGetValue first: GetOrAdd's lambda captures this, a delegate allocated per sentence.
        if (!_scorers.TryGetValue(domainKey, out var scorer)) scorer = _scorers.GetOrAdd(domainKey, key => new NerScorer(this, key));
        return ToSpans(Decode(tokens, scorer.Begin(tokens, posTags)));
    }

    /// <summary>Forgets every word form's cached scores, so the next text is read as by a freshly loaded model (to
    /// time text never seen before).</summary>
    internal void ForgetWords()
    {
        foreach (var scorer in _scorers.Values) scorer.ForgetWords();
    }

    /// <summary>
    /// The same as <see cref="Recognize"/>, computed the straightforward way: every feature of every token hashed and
    /// looked up. The reference the fast scorer is tested against, and the path of a model still in training.
    /// </summary>
    internal NerSpan[] RecognizeDirectly(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags = null, string? domain = NerDomains.News)
    {
        if (tokens.Count == 0) return [];
        return ToSpans(Decode(tokens, new DirectScores(this, new NerFeatures.SentenceContext(tokens, posTags, this), NerDomains.Key(domain))));
    }

    /// <summary>The scores of one token's classes given the two previous classes.</summary>
    internal interface ITokenScores
    {
        void Score(int i, int previous, int previous2, Span<float> scores);
    }

    private sealed class DirectScores(NerModel model, NerFeatures.SentenceContext context, ulong domain) : ITokenScores
    {
        public void Score(int i, int previous, int previous2, Span<float> scores)
        {
            Span<ulong> features = stackalloc ulong[NerFeatures.MaxFeatures];
            int n = NerFeatures.Extract(context, i, model.LabelKeys[previous], model.LabelKeys[previous2], features, domain);
            model._perceptron.Score(features[..n], scores);
        }
    }

    /// <summary>Greedy left-to-right decoding over valid BILOU transitions.</summary>
    private int[] Decode(IReadOnlyList<string> tokens, ITokenScores scorer)
    {
        var classes = new int[tokens.Count];
        Span<float> scores = stackalloc float[_perceptron.ClassCount];
        for (int i = 0; i < tokens.Count; i++)
        {
            int prev = i > 0 ? classes[i - 1] : 0, prev2 = i > 1 ? classes[i - 2] : 0;
            scorer.Score(i, prev, prev2, scores);
            bool last = i == tokens.Count - 1;
            int wanted = AveragedPerceptron.ArgMax(scores);
            if (_classPrefix[prev] is 'B' or 'I' && wanted == 0 && StartsLower(tokens[i]) && !Joiners.Contains(tokens[i]))
            {
                // The model sees no name in this lowercase word: end the name at the previous token rather than
                // drag it on until the model agrees to close it ("Louis plants will be closed").
                classes[i - 1] = _closed[prev];
                prev = classes[i - 1];
            }
            classes[i] = BestAllowed(scores, prev, last);
        }
        return classes;
    }

    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "of", "and", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "&", "for", "the", "y", "da", "di" };

    private static bool StartsLower(string token) => token.Length > 0 && !char.IsUpper(token[0]) && !char.IsDigit(token[0]);

    /// <summary>The best class that may follow <paramref name="previous"/> in a BILOU sequence.</summary>
    internal int BestAllowed(ReadOnlySpan<float> scores, int previous, bool last)
    {
        int best = -1;
        for (int c = 0; c < scores.Length; c++)
        {
            if (!Allowed(previous, c, last)) continue;
            if (best < 0 || scores[c] > scores[best]) best = c;
        }
        return best;
    }

    internal bool Allowed(int previous, int next, bool last)
    {
        char p = _classPrefix[previous], n = _classPrefix[next];
        bool open = p is 'B' or 'I';
        if (open) return (n is 'I' or 'L') && _classType[next] == _classType[previous];
        if (n is 'I' or 'L') return false;
        return !(last && n == 'B');
    }

    internal NerSpan[] ToSpans(int[] classes)
    {
        var spans = new List<NerSpan>();
        int start = -1;
        for (int i = 0; i < classes.Length; i++)
        {
            switch (_classPrefix[classes[i]])
            {
                case 'U': spans.Add(new NerSpan(i, i + 1, NerLabels.ModelTypes[_classType[classes[i]]])); break;
                case 'B': start = i; break;
                case 'L': if (start >= 0) spans.Add(new NerSpan(start, i + 1, NerLabels.ModelTypes[_classType[classes[i]]])); start = -1; break;
            }
        }
        return spans.ToArray();
    }

    /// <summary>Gold spans as one BILOU class index per token.</summary>
    internal int[] ToClasses(int tokenCount, IEnumerable<NerSpan> spans)
    {
        var classes = new int[tokenCount];
        foreach (var s in spans)
        {
            if (Array.IndexOf(NerLabels.ModelTypes, s.Type) < 0) continue;
            if (s.Length == 1) classes[s.Start] = ClassIndex("U-" + s.Type);
            else
            {
                classes[s.Start] = ClassIndex("B-" + s.Type);
                for (int k = s.Start + 1; k < s.End - 1; k++) classes[k] = ClassIndex("I-" + s.Type);
                classes[s.End - 1] = ClassIndex("L-" + s.Type);
            }
        }
        return classes;
    }

    internal int ClassIndex(string label) => Array.IndexOf(_perceptron.Classes, label);

    public void Save(string path, ModelHeader header) => ModelFile.Write(path, header, Write);

    public void Save(Stream stream, ModelHeader header) => ModelFile.Write(stream, header, Write);

    private void Write(BinaryWriter writer)
    {
        writer.Write(Version);
        _perceptron.Save(writer);
        GivenNames.Save(writer);
        WorldPlaces.Save(writer);
        GivenNames.SavePrefixes(writer);
        WorldPlaces.SavePrefixes(writer);
    }

    public static NerModel Load(BinaryReader reader, ModelHeader header)
    {
        int version = reader.ReadInt32();
        if (version is not (1 or Version)) throw new InvalidDataException($"NER payload version {version} is not supported (expected {Version})");
        var perceptron = AveragedPerceptron.Load(reader);
        var names = PhraseGazetteer.Load(reader);
        var places = PhraseGazetteer.Load(reader);
        if (version >= 2)
        {
            names = names.LoadPrefixes(reader);
            places = places.LoadPrefixes(reader);
        }
        return new NerModel(perceptron, names, places, header);
    }

    public static Outcome<NerModel> Load(string path) => ModelFile.Read(path, Kind, (r, h) => Load(r, h));

    public static Outcome<NerModel> Load(Stream stream) => ModelFile.Read(stream, Kind, (r, h) => Load(r, h));
}
