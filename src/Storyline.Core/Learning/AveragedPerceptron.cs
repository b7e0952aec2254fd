using System.Numerics.Tensors;

namespace Storyline.Learning;

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

    public AveragedPerceptron(IReadOnlyList<string> classes)
    {
        Classes = classes.ToArray();
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
            Apply(w, t, truth, +1f);
            Apply(w, t, guess, -1f);
        }
    }

    private void Apply(float[] w, (double[] Totals, int[] Stamps) t, int c, float delta)
    {
        t.Totals[c] += (_step - t.Stamps[c]) * (double)w[c];
        t.Stamps[c] = _step;
        w[c] += delta;
    }

    /// <summary>Replaces the weights by their averages and drops the training state. Weights whose magnitude is
    /// below <paramref name="prune"/> are dropped, and features left with no weight are removed.</summary>
    public void Average(float prune = 0f)
    {
        if (_training is null) return;
        var empty = new List<ulong>();
        foreach (var (f, w) in _weights)
        {
            var t = _training[f];
            bool any = false;
            for (int c = 0; c < w.Length; c++)
            {
                double total = t.Totals[c] + (_step - t.Stamps[c]) * (double)w[c];
                float avg = (float)(total / Math.Max(1, _step));
                w[c] = Math.Abs(avg) < prune ? 0f : avg;
                any |= w[c] != 0f;
            }
            if (!any) empty.Add(f);
        }
        foreach (var f in empty) _weights.Remove(f);
        _training = null;
        _frozen = new FrozenWeights(_weights, ClassCount);
    }

    /// <summary>Drops weights whose magnitude is below <paramref name="threshold"/>, and features left with none,
    /// to make a trained model smaller. Returns how many features remain.</summary>
    public int Prune(float threshold)
    {
        var empty = new List<ulong>();
        foreach (var (f, w) in _weights)
        {
            bool any = false;
            for (int c = 0; c < w.Length; c++)
            {
                if (Math.Abs(w[c]) < threshold) w[c] = 0f;
                any |= w[c] != 0f;
            }
            if (!any) empty.Add(f);
        }
        foreach (var f in empty) _weights.Remove(f);
        return _weights.Count;
    }

    /// <summary>Writes classes and weights; weights are stored as half precision, which costs no measurable accuracy.</summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(Classes.Length);
        foreach (var c in Classes) writer.Write(c);
        writer.Write(_weights.Count);
        foreach (var (f, w) in _weights.OrderBy(kv => kv.Key))
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

    public static AveragedPerceptron Load(BinaryReader reader)
    {
        var classes = new string[reader.ReadInt32()];
        for (int i = 0; i < classes.Length; i++) classes[i] = reader.ReadString();
        var model = new AveragedPerceptron(classes);
        int count = reader.ReadInt32();
        model._weights.EnsureCapacity(count);
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
            model._weights[f] = w;
        }
        model._frozen = new FrozenWeights(model._weights, classes.Length);
        return model;
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
            _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
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
            foreach (var (feature, w) in weights.OrderBy(kv => kv.Key))
            {
                int slot = Slot(feature);
                while (_slots[slot].Start >= 0) slot = (slot + 1) & mask;
                _slots[slot] = (Fingerprint(feature), next);
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

        private int Slot(ulong feature) => (int)((feature * 0x9E3779B97F4A7C15UL) >> _shift);

        private static uint Fingerprint(ulong feature) => (uint)feature ^ (uint)(feature >> 32);

        public void Score(ReadOnlySpan<ulong> features, Span<float> scores)
        {
            Span<int> sums = stackalloc int[_classes];
            sums.Clear();
            // Each feature costs two cache misses (its slot, then its weights). Finding every slot first and then
            // every feature's weights lets the misses of different features overlap instead of queueing.
            Span<int> starts = stackalloc int[features.Length];
            for (int i = 0; i < features.Length; i++) Prefetch(ref _slots[Slot(features[i])]);
            int found = 0;
            foreach (var f in features)
            {
                int start = Find(f);
                if (start >= 0) starts[found++] = start;
            }
            foreach (var start in starts[..found]) AddAt(start, sums);
            ToScores(sums, scores);
        }

        public void Add(ulong feature, Span<int> sums) => AddAt(Find(feature), sums);

        /// <summary>Where the feature's weights start (and asks for them to be fetched), or -1 when it has none.</summary>
        public int Find(ulong feature)
        {
            int mask = _slots.Length - 1;
            int slot = Slot(feature);
            uint fingerprint = Fingerprint(feature);
            while (true)
            {
                var (key, start) = _slots[slot];
                if (start < 0) return -1;
                if (key == fingerprint)
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

        public void Prefetch(ulong feature) => Prefetch(ref _slots[Slot(feature)]);

        public void ToScores(ReadOnlySpan<int> sums, Span<float> scores)
        {
            for (int c = 0; c < sums.Length; c++) scores[c] = sums[c] * _scale;
        }
    }
}
