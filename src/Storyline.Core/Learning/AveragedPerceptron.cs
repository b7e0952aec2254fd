using System.Numerics.Tensors;

namespace Storyline.Learning;

/// <summary>How finely a trained model's weights are stored: one byte on a log scale (format 2, small) or half
/// precision with full feature keys (format 1, about four times larger). Models whose decisions rest on many small
/// weights, such as the quote filter and span rankers, lose accuracy at one byte.</summary>
public enum WeightPrecision { Byte, Half }

/// <summary>
/// A multi-class averaged perceptron over hashed features (Collins 2002; the Honnibal tagger design).
/// Features are 64-bit hashes, so extractors can build them from spans without allocating strings.
/// Training keeps running totals so the final weights are the average over all updates, which generalises
/// far better than the last weights.
/// </summary>
public sealed class AveragedPerceptron
{
    private readonly Dictionary<ulong, float[]> _weights = new();
    // Training state only: per feature, the accumulated totals and the step of the last change per class.
    private Dictionary<ulong, (double[] Totals, int[] Stamps)>? _training;
    private int _step;
    // Once averaged or loaded, the weights are also laid out in one flat table for fast, allocation-free scoring.
    private FrozenWeights? _frozen;
    // Once averaged or loaded, weights are keyed by ShortKey(feature), not by the feature itself.
    private bool _shortKeys;
    // A model read from format 1 keeps its full keys and half-precision weights so that saving it writes the same
    // model back, not a re-rounded one (the NER model still ships in format 1).
    private Dictionary<ulong, float[]>? _formatOne;

    private readonly WeightPrecision _precision;

    public AveragedPerceptron(IReadOnlyList<string> classes, WeightPrecision precision = WeightPrecision.Byte)
    {
        Classes = classes.ToArray();
        _precision = precision;
    }

    public string[] Classes { get; }
    public int ClassCount => Classes.Length;
    public int FeatureCount => _weights.Count;

    /// <summary>Adds each feature's weights into <paramref name="scores"/> (length = class count).</summary>
    public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
    {
        scores.Clear();
        if (_frozen is { } frozen)
        {
            frozen.Score(features, scores);
            return;
        }
        foreach (var f in features)
        {
            if (!_weights.TryGetValue(f, out var w)) continue;
            for (int c = 0; c < w.Length; c++) scores[c] += w[c];
        }
    }

    /// <summary>
    /// <see cref="Score"/> for several rows of scores at once: feature k's weights are added into the row that starts
    /// at <c>rows[k] * ClassCount</c> of <paramref name="scores"/>. Each row gets exactly what <see cref="Score"/> gives
    /// for that row's features, but the lookups of all rows are issued together, so their cache misses overlap.
    /// </summary>
    public void ScoreRows(ReadOnlySpan<ulong> features, ReadOnlySpan<int> rows, Span<float> scores)
    {
        scores.Clear();
        if (_frozen is { } frozen)
        {
            Span<int> sums = scores.Length <= 1024 ? stackalloc int[scores.Length] : new int[scores.Length];
            sums.Clear();
            frozen.AddRows(features, rows, sums);
            frozen.ToScores(sums, scores);
            return;
        }
        for (int k = 0; k < features.Length; k++)
        {
            if (!_weights.TryGetValue(features[k], out var w)) continue;
            var row = scores.Slice(rows[k] * ClassCount, ClassCount);
            for (int c = 0; c < w.Length; c++) row[c] += w[c];
        }
    }

    /// <summary>Whether the weights are frozen (averaged or loaded), so that <see cref="Accumulate"/> can be used.</summary>
    internal bool IsFrozen => _frozen is not null;

    /// <summary>
    /// Adds one feature's frozen weights, in fixed point, into <paramref name="sums"/>. Integer sums do not depend on
    /// the order of the additions, so callers may add features in groups and cache partial sums: turned into scores
    /// by <see cref="ToScores"/>, they give exactly what <see cref="Score"/> gives for the same features.
    /// </summary>
    internal void Accumulate(ulong feature, Span<int> sums) => _frozen!.Add(feature, sums);

    internal void ToScores(ReadOnlySpan<int> sums, Span<float> scores) => _frozen!.ToScores(sums, scores);

    /// <summary>
    /// <see cref="Accumulate"/> for many features at once, each into its own row of <paramref name="sums"/>: feature
    /// k's weights are added at <c>rows[k] * ClassCount</c>. All lookups are issued before any is used, so that their
    /// waits for memory overlap; the sums are exactly those of calling <see cref="Accumulate"/> for each feature.
    /// </summary>
    internal void AccumulateRows(ReadOnlySpan<ulong> features, ReadOnlySpan<int> rows, Span<int> sums) => _frozen!.AddRows(features, rows, sums);

    /// <summary>
    /// Batched lookups for many features at once, which lets the memory system fetch them in parallel: first
    /// <see cref="Prefetch"/> each feature, then <see cref="Find"/> each (which prefetches its weights), then
    /// <see cref="AccumulateFound"/>. Gives exactly what <see cref="Accumulate"/> gives.
    /// </summary>
    internal void Prefetch(ulong feature) => _frozen!.Prefetch(feature);

    internal int Find(ulong feature) => _frozen!.Find(feature);

    internal void AccumulateFound(int found, Span<int> sums) => _frozen!.AddAt(found, sums);

    public int Predict(ReadOnlySpan<ulong> features)
    {
        Span<float> scores = stackalloc float[ClassCount];
        Score(features, scores);
        return ArgMax(scores);
    }

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        int best = 0;
        for (int c = 1; c < scores.Length; c++) if (scores[c] > scores[best]) best = c;
        return best;
    }

    /// <summary>Counts one training example; call once per example, before <see cref="Update"/>.</summary>
    public void Tick() => _step++;

    /// <summary>One perceptron update: reward the truth, penalise the guess.</summary>
    public void Update(int truth, int guess, ReadOnlySpan<ulong> features)
    {
        if (truth == guess) return;
        Adjust(truth, +1f, features);
        Adjust(guess, -1f, features);
    }

    /// <summary>One step of a structured update, where the truth and the guess have features of their own (a
    /// sequence model whose features include the previous label): reward the truth's, penalise the guess's.</summary>
    public void Update(int truth, ReadOnlySpan<ulong> truthFeatures, int guess, ReadOnlySpan<ulong> guessFeatures)
    {
        if (truth == guess && truthFeatures.SequenceEqual(guessFeatures)) return;
        Adjust(truth, +1f, truthFeatures);
        Adjust(guess, -1f, guessFeatures);
    }

    private void Adjust(int c, float delta, ReadOnlySpan<ulong> features)
    {
        if (_shortKeys) throw new InvalidOperationException("an averaged or loaded perceptron cannot be trained further");
        _training ??= new();
        _frozen = null;
        foreach (var f in features)
        {
            if (!_weights.TryGetValue(f, out var w))
            {
                w = new float[ClassCount];
                _weights[f] = w;
            }
            if (!_training.TryGetValue(f, out var t))
            {
                t = (new double[ClassCount], new int[ClassCount]);
                _training[f] = t;
            }
            Apply(w, t, c, delta);
        }
    }

    private void Apply(float[] w, (double[] Totals, int[] Stamps) t, int c, float delta)
    {
        t.Totals[c] += (_step - t.Stamps[c]) * (double)w[c];
        t.Stamps[c] = _step;
        w[c] += delta;
    }

    /// <summary>Replaces the weights by their averages and drops the training state. Weights whose magnitude is
    /// below <paramref name="prune"/> are dropped, and features left with no weight are removed. The weights are
    /// then rounded as <see cref="Save"/> stores them and keyed by their short keys, so the trained model scores
    /// exactly as it will once saved and loaded.</summary>
    public void Average(float prune = 0f)
    {
        if (_training is null) return;
        AverageOverSteps();
        Finish(prune);
    }

    /// <summary>
    /// Folds perceptrons trained apart on the same data and classes (for instance over differently shuffled orders)
    /// into one: each member's averaged weights are averaged again, then pruned and rounded as <see cref="Average"/>
    /// does. One weight table scores like the members' summed scores, so the ensemble costs no more at run time,
    /// and the result depends much less on any one order than a single member does. The members are consumed.
    /// </summary>
    public static AveragedPerceptron Fold(IReadOnlyList<AveragedPerceptron> members, float prune = 0f)
    {
        if (members.Count == 0) throw new ArgumentException("nothing to fold", nameof(members));
        var first = members[0];
        var folded = new AveragedPerceptron(first.Classes, first._precision);
        foreach (var member in members)
        {
            if (member._training is null) throw new InvalidOperationException("only perceptrons still in training can be folded");
            if (!member.Classes.SequenceEqual(first.Classes)) throw new ArgumentException("members have different classes", nameof(members));
            member.AverageOverSteps();
            foreach (var (f, w) in member._weights)
            {
                if (!folded._weights.TryGetValue(f, out var sum))
                {
                    sum = new float[w.Length];
                    folded._weights[f] = sum;
                }
                for (int c = 0; c < w.Length; c++) sum[c] += w[c] / members.Count;
            }
            member._weights.Clear();
        }
        folded.Finish(prune);
        return folded;
    }

    /// <summary>Replaces each weight by its average over all training steps and drops the training state.</summary>
    private void AverageOverSteps()
    {
        foreach (var (f, w) in _weights)
        {
            var t = _training![f];
            for (int c = 0; c < w.Length; c++)
            {
                double total = t.Totals[c] + (_step - t.Stamps[c]) * (double)w[c];
                w[c] = (float)(total / Math.Max(1, _step));
            }
        }
        _training = null;
    }

    /// <summary>Prunes averaged weights and rounds them as they will be saved (see <see cref="Average"/>).</summary>
    private void Finish(float prune)
    {
        foreach (var w in _weights.Values)
            for (int c = 0; c < w.Length; c++)
                if (Math.Abs(w[c]) < prune) w[c] = 0f;
        if (_precision == WeightPrecision.Half)
        {
            // Kept as a format-1 model is: full keys and half-precision weights for saving, short keys for scoring.
            var full = new Dictionary<ulong, float[]>(_weights.Count);
            foreach (var (f, w) in _weights)
            {
                for (int c = 0; c < w.Length; c++) w[c] = (float)(Half)w[c];
                if (Array.Exists(w, x => x != 0f)) full[f] = w;
            }
            KeepFormatOne(full);
            return;
        }
        var shortened = Shorten(_weights);
        var codec = WeightCodec.For(shortened.Values);
        foreach (var w in shortened.Values) codec.Round(w);
        Replace(shortened);
    }

    /// <summary>A format-1 model saves its full keys and half-precision weights as they are, and scores by short keys.</summary>
    private void KeepFormatOne(Dictionary<ulong, float[]> weights)
    {
        _formatOne = weights;
        Replace(Shorten(weights));
    }

    private void Replace(Dictionary<ulong, float[]> shortened)
    {
        _weights.Clear();
        foreach (var (key, w) in shortened)
            if (Array.Exists(w, x => x != 0f)) _weights[key] = w;
        _shortKeys = true;
        _frozen = new FrozenWeights(_weights, ClassCount);
    }

    /// <summary>
    /// A feature's stored key: the top 40 bits of its mixed hash. Among half a million features a clash between
    /// two of them is unlikely (about one chance in ten) and a new feature is taken for a stored one about once in
    /// two million lookups, far below any effect on accuracy, while a key costs 3-4 bytes on disk instead of 8.
    /// </summary>
    private static ulong ShortKey(ulong feature) => (feature * 0x9E3779B97F4A7C15UL) >> (64 - ShortKeyBits);
    private const int ShortKeyBits = 40;

    /// <summary>Regroups full-hash weights by short key; clashing features add up, as they would when scored.</summary>
    private static Dictionary<ulong, float[]> Shorten(Dictionary<ulong, float[]> weights)
    {
        var shortened = new Dictionary<ulong, float[]>(weights.Count);
        foreach (var (f, w) in weights.OrderBy(kv => kv.Key))
        {
            var key = ShortKey(f);
            if (shortened.TryGetValue(key, out var sum))
                for (int c = 0; c < w.Length; c++) sum[c] += w[c];
            else shortened[key] = (float[])w.Clone();
        }
        return shortened;
    }

    /// <summary>Drops weights whose magnitude is below <paramref name="threshold"/>, and features left with none,
    /// to make a trained model smaller. Returns how many features remain.</summary>
    public int Prune(float threshold)
    {
        if (_formatOne is not null)
        {
            PruneIn(_formatOne, threshold);
            KeepFormatOne(_formatOne);
            return _weights.Count;
        }
        PruneIn(_weights, threshold);
        if (_frozen is not null) _frozen = new FrozenWeights(_weights, ClassCount);
        return _weights.Count;
    }

    private static void PruneIn(Dictionary<ulong, float[]> weights, float threshold)
    {
        var empty = new List<ulong>();
        foreach (var (f, w) in weights)
        {
            bool any = false;
            for (int c = 0; c < w.Length; c++)
            {
                if (Math.Abs(w[c]) < threshold) w[c] = 0f;
                any |= w[c] != 0f;
            }
            if (!any) empty.Add(f);
        }
        foreach (var f in empty) weights.Remove(f);
    }

    /// <summary>
    /// Writes classes and weights (format 2). Keys are short keys, sorted and written as variable-length gaps; each
    /// feature's non-zero classes are a bit mask; each weight is one byte on a logarithmic scale (<see cref="WeightCodec"/>).
    /// The three columns are written one after the other, which gzip compresses better than interleaved records.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        if (_formatOne is not null)
        {
            SaveFormatOne(writer, _formatOne);
            return;
        }
        var weights = _shortKeys ? _weights : Shorten(_weights);
        var codec = WeightCodec.For(weights.Values);
        var features = weights.Where(kv => Array.Exists(kv.Value, x => codec.Encode(x) != 0)).OrderBy(kv => kv.Key).ToList();
        writer.Write(-FormatVersion);
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        codec.Write(writer);
        writer.Write(features.Count);
        ulong previous = 0;
        foreach (var (key, _) in features)
        {
            writer.Write7BitEncodedInt64((long)(key - previous));
            previous = key;
        }
        int maskBytes = (Classes.Length + 7) / 8;
        foreach (var (_, w) in features)
            for (int b = 0; b < maskBytes; b++)
            {
                int mask = 0;
                for (int c = b * 8; c < Math.Min(w.Length, b * 8 + 8); c++) if (codec.Encode(w[c]) != 0) mask |= 1 << (c - b * 8);
                writer.Write((byte)mask);
            }
        foreach (var (_, w) in features)
            foreach (var x in w)
            {
                byte code = codec.Encode(x);
                if (code != 0) writer.Write(code);
            }
    }

    private const int FormatVersion = 2;

    private void SaveFormatOne(BinaryWriter writer, Dictionary<ulong, float[]> weights)
    {
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        writer.Write(weights.Count);
        foreach (var (f, w) in weights.OrderBy(kv => kv.Key))
        {
            writer.Write(f);
            byte nonZero = 0;
            for (int c = 0; c < w.Length; c++) if (w[c] != 0f) nonZero++;
            writer.Write(nonZero);
            for (int c = 0; c < w.Length; c++)
            {
                if (w[c] == 0f) continue;
                writer.Write((byte)c);
                writer.Write((Half)w[c]);
            }
        }
    }

    /// <summary>Reads format 2, and format 1 (class count first, then full keys with (class, half) pairs), which
    /// models trained before it still use.</summary>
    public static AveragedPerceptron Load(BinaryReader reader)
    {
        int first = reader.ReadInt32();
        int version = first < 0 ? -first : 1;
        if (version > FormatVersion) throw new InvalidDataException($"perceptron weights format {version} is not supported (expected {FormatVersion} or older)");
        var classes = new string[version == 1 ? first : reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadString();
        var model = new AveragedPerceptron(classes);
        var weights = new Dictionary<ulong, float[]>();
        if (version == 1)
        {
            int count = reader.ReadInt32();
            weights.EnsureCapacity(count);
            for (int i = 0; i < count; i++)
            {
                ulong f = reader.ReadUInt64();
                var w = new float[classes.Length];
                int nonZero = reader.ReadByte();
                for (int k = 0; k < nonZero; k++)
                {
                    int c = reader.ReadByte();
                    w[c] = (float)reader.ReadHalf();
                }
                weights[f] = w;
            }
            model.KeepFormatOne(weights);
            return model;
        }
        var codec = WeightCodec.Read(reader);
        int features = reader.ReadInt32();
        var keys = new ulong[features];
        ulong key = 0;
        for (int i = 0; i < features; i++) keys[i] = key += (ulong)reader.Read7BitEncodedInt64();
        var all = new float[features][];
        int maskBytes = (classes.Length + 7) / 8;
        var masks = reader.ReadBytes(features * maskBytes);
        for (int i = 0; i < features; i++) all[i] = new float[classes.Length];
        for (int i = 0; i < features; i++)
            for (int c = 0; c < classes.Length; c++)
                if ((masks[i * maskBytes + c / 8] & (1 << (c % 8))) != 0) all[i][c] = codec.Decode(reader.ReadByte());
        weights.EnsureCapacity(features);
        for (int i = 0; i < features; i++) weights[keys[i]] = all[i];
        model.Replace(weights);
        return model;
    }

    /// <summary>
    /// One byte per weight: a sign bit and 127 magnitudes spaced evenly on a log scale between the model's smallest
    /// kept magnitude and its largest, so every weight keeps its value within a few percent however large it is
    /// (a linear byte would flatten the many small weights to zero). Magnitudes below a ten-thousandth of the
    /// largest are dropped; pruning at that depth cost nothing on the POS tagger.
    /// </summary>
    private sealed class WeightCodec
    {
        private const int Levels = 127;
        private readonly float _low, _high;
        private readonly double _logLow, _step;
        private readonly float[] _values = new float[256];

        private WeightCodec(float low, float high)
        {
            _low = low;
            _high = high;
            _logLow = Math.Log(low);
            _step = Levels > 1 && high > low ? (Math.Log(high) - _logLow) / (Levels - 1) : 1;
            for (int k = 0; k < Levels; k++)
            {
                var magnitude = (float)Math.Exp(_logLow + k * _step);
                _values[k + 1] = magnitude;
                _values[k + 1 + 128] = -magnitude;
            }
        }

        public static WeightCodec For(IEnumerable<float[]> weights)
        {
            float high = 0f, low = float.MaxValue;
            foreach (var w in weights)
                foreach (var x in w)
                {
                    float a = Math.Abs(x);
                    if (a == 0f) continue;
                    high = Math.Max(high, a);
                    low = Math.Min(low, a);
                }
            if (high == 0f) return new WeightCodec(1f, 1f);
            return new WeightCodec(Math.Max(low, high * 1e-4f), high);
        }

        public void Write(BinaryWriter writer)
        {
            writer.Write(_low);
            writer.Write(_high);
        }

        public static WeightCodec Read(BinaryReader reader) => new(reader.ReadSingle(), reader.ReadSingle());

        /// <summary>0 for a weight too small to keep; otherwise 1-127 for a positive weight, 129-255 for a negative one.</summary>
        public byte Encode(float x)
        {
            float a = Math.Abs(x);
            if (a == 0f) return 0;
            double k = Math.Round((Math.Log(a) - _logLow) / _step);
            if (k < -0.5) return 0;
            int level = (int)Math.Min(Levels - 1, Math.Max(0, k));
            return (byte)(level + 1 + (x < 0 ? 128 : 0));
        }

        public float Decode(byte code) => _values[code];

        public void Round(float[] w)
        {
            for (int c = 0; c < w.Length; c++) w[c] = Decode(Encode(w[c]));
        }
    }

    /// <summary>
    /// An open-addressing table from feature to its non-zero class weights. Scoring is bound by memory latency, so
    /// the table is kept small: a slot is 8 bytes (a 32-bit fingerprint of the feature and where its weights start),
    /// and a feature's weights are packed as (weight in 24-bit fixed point, class) integers, only the non-zero ones.
    /// The fingerprint plus the slot position tell features apart with about 50 bits, far below any effect on accuracy.
    /// </summary>
    private sealed class FrozenWeights
    {
        private readonly (uint Fingerprint, int Start)[] _slots;
        private readonly int[] _weights;
        private readonly float _scale;
        private readonly int _classes;
        private readonly int _shift;
        private const int Resolution = (1 << 23) - 1;

        public FrozenWeights(Dictionary<ulong, float[]> weights, int classes)
        {
            _classes = classes;
            int capacity = 16;
            while (capacity < weights.Count * 2) capacity <<= 1;
            _shift = ShortKeyBits - System.Numerics.BitOperations.Log2((uint)capacity);
            _slots = new (uint, int)[capacity];
            for (int i = 0; i < capacity; i++) _slots[i].Start = -1;
            float max = 1e-6f;
            int nonZero = 0;
            foreach (var w in weights.Values)
                foreach (var x in w)
                {
                    max = Math.Max(max, Math.Abs(x));
                    if (x != 0f) nonZero++;
                }
            // Sums of up to a few dozen features must not overflow an int: keep 8 bits of head room.
            _scale = max / (Resolution >> 8);
            _weights = new int[weights.Count + nonZero];
            int next = 0;
            int mask = capacity - 1;
            foreach (var (key, w) in weights.OrderBy(kv => kv.Key))
            {
                int slot = Slot(key);
                while (_slots[slot].Start >= 0) slot = (slot + 1) & mask;
                _slots[slot] = (Fingerprint(key), next);
                int countAt = next++;
                for (int c = 0; c < classes; c++)
                {
                    if (w[c] == 0f) continue;
                    _weights[next++] = (int)Math.Round(w[c] / _scale) << 8 | c;
                }
                _weights[countAt] = next - countAt - 1;
            }
        }

        private static unsafe void Prefetch<T>(ref T target)
        {
            if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
                System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref target));
        }

        private int Slot(ulong key) => (int)(key >> _shift);

        private static uint Fingerprint(ulong key) => (uint)key;

        public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
        {
            Span<int> sums = stackalloc int[_classes];
            sums.Clear();
            // Each feature costs two cache misses (its slot, then its weights). Finding every slot first and then
            // every feature's weights lets the misses of different features overlap instead of queueing.
            Span<int> starts = stackalloc int[features.Length];
            int found = 0;
            foreach (var f in features) Prefetch(f);
            foreach (var f in features)
            {
                int start = Find(f);
                if (start >= 0) starts[found++] = start;
            }
            foreach (var start in starts[..found]) AddAt(start, sums);
            ToScores(sums, scores);
        }

        public void Add(ulong feature, Span<int> sums) => AddAt(Find(feature), sums);

        public void AddRows(ReadOnlySpan<ulong> features, ReadOnlySpan<int> rows, Span<int> sums)
        {
            Span<int> starts = features.Length <= 512 ? stackalloc int[features.Length] : new int[features.Length];
            foreach (var f in features) Prefetch(f);
            for (int k = 0; k < features.Length; k++) starts[k] = Find(features[k]);
            for (int k = 0; k < features.Length; k++) AddAt(starts[k], sums.Slice(rows[k] * _classes, _classes));
        }

        /// <summary>Where the feature's weights start (and asks for them to be fetched), or -1 when it has none.</summary>
        public int Find(ulong feature)
        {
            int mask = _slots.Length - 1;
            ulong key = ShortKey(feature);
            int slot = Slot(key);
            uint fingerprint = Fingerprint(key);
            while (true)
            {
                var (stored, start) = _slots[slot];
                if (start < 0) return -1;
                if (stored == fingerprint)
                {
                    Prefetch(ref _weights[start]);
                    return start;
                }
                slot = (slot + 1) & mask;
            }
        }

        public void AddAt(int start, Span<int> sums)
        {
            if (start < 0) return;
            int count = _weights[start];
            for (int k = start + 1; k <= start + count; k++)
            {
                int packed = _weights[k];
                sums[packed & 0xFF] += packed >> 8;
            }
        }

        public void Prefetch(ulong feature) => Prefetch(ref _slots[Slot(ShortKey(feature))]);

        public void ToScores(ReadOnlySpan<int> sums, Span<float> scores)
        {
            for (int c = 0; c < sums.Length; c++) scores[c] = sums[c] * _scale;
        }
    }
}
