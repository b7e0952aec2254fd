using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// Scores tokens for one model and domain with the features of <see cref="NerFeatures.Extract"/>, but few lookups.
/// Scoring is bound by memory latency: each feature is a random read in a table of megabytes, and a domain doubles
/// the reads. So the features are summed in groups, and groups that recur are summed once and kept:
/// <list type="bullet">
/// <item>per word, the features of the word alone (its own, as each neighbour, and after an O label);</item>
/// <item>per value, the few-valued features: labels, sentence case, capitalisation, gazetteer marks, and (cached
/// as they come) shapes and tags;</item>
/// <item>per token, what cannot be shared: the two word bigrams, and the previous label with the word when it is
/// not O.</item>
/// </list>
/// A feature's general and domain weights are always read together. Weights are summed as the integers of the
/// frozen table, whose sums do not depend on their order, so the scores are exactly those of the direct path
/// (<see cref="NerModel.RecognizeDirectly"/>).
/// </summary>
internal sealed class NerScorer
{
    private const int CacheLimit = 50_000;
    private const int GazetteerKinds = 7; // 0-2: at the token, in case mode 0-2; 3-4: the previous token's, lower/capitalised; 5-6: the next token's
    private const int BigramLookups = 4; // the left and right word bigrams, general and in the domain
    private const int OwnRow = 0, PlainRow = 1, AfterOutsideRow = 2, NeighbourRow = 3, RowCount = 3 + NerFeatures.NeighbourRoles;

    private readonly NerModel _model;
    private readonly AveragedPerceptron _weights;
    private readonly ulong _domain;
    private readonly int _classes;
    private readonly int _outside;
    private readonly ulong[] _labelKeys;
    private readonly int[] _labels;    // [(previous * C + previous2) * C]
    private readonly int[] _cases;     // [case mode * C]: the bias and the sentence's case
    private readonly int[] _capitals;  // [pattern * C]
    private readonly int[] _gazetteers; // [((g * 5 + mark) * GazetteerKinds + kind) * C]
    private readonly int[] _boundary;  // [role * C]: a neighbour outside the sentence
    private readonly BoundedCache<string, WordEntry> _words = new(CacheLimit, StringComparer.Ordinal);
    private readonly BoundedCache<ulong, int[]> _features = new(CacheLimit);

    /// <summary>A word's hashes and its summed rows: <see cref="OwnRow"/> its own features; <see cref="PlainRow"/>
    /// its shape in a sentence of mixed case, not first (the usual case); <see cref="AfterOutsideRow"/> after an O
    /// label; then as each neighbour.</summary>
    private sealed class WordEntry(NerFeatures.WordHashes hashes, ArraySegment<int> rows)
    {
        public readonly NerFeatures.WordHashes Hashes = hashes;
        public readonly ArraySegment<int> Rows = rows;
    }

    private readonly RowSlabs<int> _rows;

    internal void ForgetWords()
    {
        _words.Clear();
        _features.Clear();
    }

    public NerScorer(NerModel model, ulong domain)
    {
        _model = model;
        _weights = model.Perceptron;
        _domain = domain;
        _classes = _weights.ClassCount;
        _outside = Array.IndexOf(_weights.Classes, "O");
        _labelKeys = model.LabelKeys;
        int c = _classes;
        _rows = new RowSlabs<int>(RowCount * c);
        _labels = new int[c * c * c];
        for (int p = 0; p < c; p++)
            for (int p2 = 0; p2 < c; p2++)
            {
                var row = _labels.AsSpan((p * c + p2) * c, c);
                Add(NerFeatures.Previous(_labelKeys[p]), row);
                Add(NerFeatures.Previous2(_labelKeys[p], _labelKeys[p2]), row);
            }
        _cases = new int[3 * c];
        for (int mode = 0; mode < 3; mode++)
        {
            Add(NerFeatures.Bias(), _cases.AsSpan(mode * c, c));
            Add(NerFeatures.Case((ulong)mode), _cases.AsSpan(mode * c, c));
        }
        _capitals = new int[8 * c];
        for (int pattern = 0; pattern < 8; pattern++) Add(NerFeatures.Capitals((ulong)pattern), _capitals.AsSpan(pattern * c, c));
        int gazetteers = model.Matcher.Count;
        _gazetteers = new int[gazetteers * 5 * GazetteerKinds * c];
        for (int g = 0; g < gazetteers; g++)
            for (byte mark = 1; mark <= 4; mark++)
            {
                ulong key = NerFeatures.GazetteerKey(g, mark);
                for (int mode = 0; mode < 3; mode++)
                {
                    Add(NerFeatures.Gazetteer(key), GazetteerRow(g, mark, mode));
                    Add(NerFeatures.GazetteerInCase(key, (ulong)mode), GazetteerRow(g, mark, mode));
                }
                for (int capitalised = 0; capitalised < 2; capitalised++)
                {
                    Add(NerFeatures.GazetteerLeft(key, capitalised == 1), GazetteerRow(g, mark, 3 + capitalised));
                    Add(NerFeatures.GazetteerRight(key, capitalised == 1), GazetteerRow(g, mark, 5 + capitalised));
                }
            }
        _boundary = new int[NerFeatures.NeighbourRoles * c];
        for (int role = 0; role < NerFeatures.NeighbourRoles; role++)
            Add(NerFeatures.Neighbour(role, NerFeatures.Boundary), _boundary.AsSpan(role * c, c));
    }

    private Span<int> GazetteerRow(int g, int mark, int kind) => _gazetteers.AsSpan(((g * 5 + mark) * GazetteerKinds + kind) * _classes, _classes);

    /// <summary>A feature's general weights and, with a domain, its domain copy's.</summary>
    private void Add(ulong feature, Span<int> sums)
    {
        _weights.Accumulate(feature, sums);
        if (_domain != 0) _weights.Accumulate(NerFeatures.InDomain(feature, _domain), sums);
    }

    /// <summary>A few-valued feature's weights, summed once.</summary>
    private int[] Cached(ulong feature)
    {
        if (_features.TryGetValue(feature, out var row)) return row;
        row = new int[_classes];
        Add(feature, row);
        _features.Add(feature, row);
        return row;
    }

    private WordEntry Word(string word)
    {
        if (_words.TryGetValue(word, out var entry)) return entry;
        var h = NerFeatures.WordHashes.Of(word);
        int c = _classes;
        var rows = _rows.Take();
        // The word's features (and their domain copies) are looked up together, so that their cache misses overlap.
        const int general = NerFeatures.WordCount + 4 + NerFeatures.NeighbourRoles;
        Span<ulong> features = stackalloc ulong[2 * general];
        Span<int> rowOf = stackalloc int[2 * general];
        NerFeatures.Word(h.Lower, h.Form, h.Suffix3, h.Suffix2, h.Prefix3, h.Shape, features);
        rowOf[..NerFeatures.WordCount].Fill(OwnRow);
        int n = NerFeatures.WordCount;
        (features[n], rowOf[n++]) = (NerFeatures.ShapeInCase(h.ShortShape, 0), PlainRow);
        (features[n], rowOf[n++]) = (NerFeatures.FirstShape(false, h.ShortShape), PlainRow);
        (features[n], rowOf[n++]) = (NerFeatures.PreviousWord(_labelKeys[_outside], h.Lower), AfterOutsideRow);
        (features[n], rowOf[n++]) = (NerFeatures.PreviousShape(_labelKeys[_outside], h.ShortShape), AfterOutsideRow);
        for (int role = 0; role < NerFeatures.NeighbourRoles; role++)
            (features[n], rowOf[n++]) = (NerFeatures.Neighbour(role, h.Lower), NeighbourRow + role);
        if (_domain != 0)
            for (int k = 0; k < general; k++)
                (features[n], rowOf[n++]) = (NerFeatures.InDomain(features[k], _domain), rowOf[k]);
        _weights.AccumulateRows(features[..n], rowOf[..n], rows);
        entry = new WordEntry(h, rows);
        _words.Add(word, entry);
        return entry;
    }

    private static void AddTo(Span<int> sums, ReadOnlySpan<int> row) => RowSums.AddTo(sums, row);

    [ThreadStatic] private static Scratch? _scratch;

    private sealed class Scratch
    {
        public WordEntry[] Entries = [];
        public ulong[] Lower = [], Pos = [], Bigrams = [];
        public int[] Found = [];
        public int[] Static = [];
        public byte[] Marks = [];
        public SentenceScores? Scores;

        public void Ensure(int tokens, int classes, int gazetteers)
        {
            if (Entries.Length < tokens)
            {
                int size = Math.Max(tokens, Entries.Length * 2);
                Entries = new WordEntry[size];
                Lower = new ulong[size];
                Pos = new ulong[size];
                Bigrams = new ulong[size * BigramLookups];
                Found = new int[size * BigramLookups];
            }
            if (Static.Length < tokens * classes) Static = new int[Math.Max(tokens * classes, Static.Length * 2)];
            if (Marks.Length < tokens * gazetteers) Marks = new byte[Math.Max(tokens * gazetteers, Marks.Length * 2)];
        }
    }

    /// <summary>Sums everything that does not depend on the labels, for each token of the sentence; the returned
    /// scores are valid until the next call on this thread.</summary>
    public NerModel.ITokenScores Begin(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags)
    {
        int n = tokens.Count, c = _classes;
        var matcher = _model.Matcher;
        var s = _scratch ??= new Scratch();
        s.Ensure(n, c, matcher.Count);
        var entries = s.Entries;
        int upper = 0, lower = 0, alpha = 0;
        for (int i = 0; i < n; i++)
        {
            var e = entries[i] = Word(tokens[i]);
            s.Lower[i] = e.Hashes.Lower;
            s.Pos[i] = NerFeatures.PosKey(posTags, i);
            if (e.Hashes.HasLetter) { alpha++; if (e.Hashes.AllUpper) upper++; if (e.Hashes.AllLower) lower++; }
        }
        int mode = (int)NerFeatures.CaseModeOf(alpha, upper, lower);
        // The word bigrams are the features no cache holds: their lookups are issued together, so that their waits
        // for memory overlap (and with the gazetteer matching below) instead of adding up.
        int lookups = _domain != 0 ? BigramLookups : BigramLookups / 2;
        for (int i = 0; i < n; i++)
        {
            var at = s.Bigrams.AsSpan(i * lookups, lookups);
            at[0] = NerFeatures.BigramLeft(i > 0 ? s.Lower[i - 1] : NerFeatures.Boundary, s.Lower[i]);
            at[1] = NerFeatures.BigramRight(s.Lower[i], i + 1 < n ? s.Lower[i + 1] : NerFeatures.Boundary);
            if (_domain != 0)
            {
                at[2] = NerFeatures.InDomain(at[0], _domain);
                at[3] = NerFeatures.InDomain(at[1], _domain);
            }
            foreach (var f in at) _weights.Prefetch(f);
        }
        for (int k = 0; k < n * lookups; k++) s.Found[k] = _weights.Find(s.Bigrams[k]);
        var marks = s.Marks.AsSpan(0, n * matcher.Count);
        matcher.Mark(tokens, s.Lower.AsSpan(0, n), marks);
        for (int i = 0; i < n; i++)
        {
            var row = s.Static.AsSpan(i * c, c);
            var e = entries[i];
            var h = e.Hashes;
            var own = e.Rows.AsSpan();
            own.Slice(OwnRow * c, c).CopyTo(row);
            AddTo(row, _cases.AsSpan(mode * c, c));
            if (mode == 0 && i > 0) AddTo(row, own.Slice(PlainRow * c, c));
            else
            {
                AddTo(row, Cached(NerFeatures.ShapeInCase(h.ShortShape, (ulong)mode)));
                AddTo(row, Cached(NerFeatures.FirstShape(i == 0, h.ShortShape)));
            }
            for (int role = 0; role < NerFeatures.NeighbourRoles; role++)
            {
                int j = i + role switch { 0 => -1, 1 => 1, 2 => -2, _ => 2 };
                var neighbour = j >= 0 && j < n ? entries[j].Rows.AsSpan((NeighbourRow + role) * c, c) : _boundary.AsSpan(role * c, c);
                AddTo(row, neighbour);
            }
            ulong shapePrev = i > 0 ? entries[i - 1].Hashes.ShortShape : NerFeatures.Boundary;
            ulong shapeNext = i + 1 < n ? entries[i + 1].Hashes.ShortShape : NerFeatures.Boundary;
            AddTo(row, Cached(NerFeatures.ShapeLeft(shapePrev, h.ShortShape)));
            AddTo(row, Cached(NerFeatures.ShapeRight(h.ShortShape, shapeNext)));
            for (int k = i * lookups; k < (i + 1) * lookups; k++) _weights.AccumulateFound(s.Found[k], row);
            int pattern = (i > 0 && entries[i - 1].Hashes.Capitalised ? 4 : 0) | (h.Capitalised ? 2 : 0) | (i + 1 < n && entries[i + 1].Hashes.Capitalised ? 1 : 0);
            AddTo(row, _capitals.AsSpan(pattern * c, c));
            ulong pos = s.Pos[i];
            if (pos != 0)
            {
                AddTo(row, Cached(NerFeatures.Pos(pos)));
                AddTo(row, Cached(NerFeatures.PosLeft(i > 0 ? s.Pos[i - 1] : NerFeatures.Boundary, pos)));
                AddTo(row, Cached(NerFeatures.PosRight(pos, i + 1 < n ? s.Pos[i + 1] : NerFeatures.Boundary)));
            }
            int capitalised = h.Capitalised ? 1 : 0;
            for (int g = 0; g < matcher.Count; g++)
            {
                int at = g * n + i;
                if (marks[at] != 0) AddTo(row, GazetteerRow(g, marks[at], mode));
                if (i > 0 && marks[at - 1] != 0) AddTo(row, GazetteerRow(g, marks[at - 1], 3 + capitalised));
                if (i + 1 < n && marks[at + 1] != 0) AddTo(row, GazetteerRow(g, marks[at + 1], 5 + capitalised));
            }
        }
        // One scores object per scorer and thread, reused: the scores are valid until the next call anyway.
        if (s.Scores?.Scorer != this) s.Scores = new SentenceScores(this, s);
        return s.Scores;
    }

    private sealed class SentenceScores(NerScorer scorer, Scratch scratch) : NerModel.ITokenScores
    {
        public NerScorer Scorer => scorer;

        public void Score(int i, int previous, int previous2, Span<float> scores)
        {
            int c = scorer._classes;
            Span<int> sums = stackalloc int[c];
            scratch.Static.AsSpan(i * c, c).CopyTo(sums);
            AddTo(sums, scorer._labels.AsSpan((previous * c + previous2) * c, c));
            var h = scratch.Entries[i].Hashes;
            if (previous == scorer._outside) AddTo(sums, scratch.Entries[i].Rows.AsSpan(AfterOutsideRow * c, c));
            else
            {
                scorer.Add(NerFeatures.PreviousWord(scorer._labelKeys[previous], h.Lower), sums);
                AddTo(sums, scorer.Cached(NerFeatures.PreviousShape(scorer._labelKeys[previous], h.ShortShape)));
            }
            scorer._weights.ToScores(sums, scores);
        }
    }
}
