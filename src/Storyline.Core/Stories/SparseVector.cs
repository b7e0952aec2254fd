using System.Numerics.Tensors;

namespace Storyline.Stories;

/// <summary>An immutable sparse vector over hashed terms, keys sorted ascending so that dot products are a merge.</summary>
public sealed class SparseVector
{
    public static readonly SparseVector Empty = new([], []);

    private readonly ulong[] _keys;
    private readonly float[] _values;

    private SparseVector(ulong[] keys, float[] values)
    {
        _keys = keys;
        _values = values;
    }

    public ReadOnlySpan<ulong> Keys => _keys;
    public ReadOnlySpan<float> Values => _values;
    public int Count => _keys.Length;

    public static SparseVector From(IEnumerable<KeyValuePair<ulong, double>> weights)
    {
        var pairs = weights.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key).ToArray();
        return new SparseVector(pairs.Select(p => p.Key).ToArray(), pairs.Select(p => (float)p.Value).ToArray());
    }

    /// <summary>The vector scaled to unit length (SIMD norm and division).</summary>
    public SparseVector Normalized()
    {
        if (_values.Length == 0) return this;
        float norm = TensorPrimitives.Norm<float>(_values);
        if (norm == 0) return Empty;
        var scaled = new float[_values.Length];
        TensorPrimitives.Divide(_values, norm, scaled);
        return new SparseVector(_keys, scaled);
    }

    /// <summary>Each value multiplied by a weight looked up per key (IDF weighting).</summary>
    public SparseVector Weighted(Func<ulong, double> weightOf)
    {
        var values = new float[_values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(_values[i] * weightOf(_keys[i]));
        return new SparseVector(_keys, values);
    }

    public double Dot(SparseVector other)
    {
        var ak = _keys; var bk = other._keys;
        double sum = 0;
        int i = 0, j = 0;
        while (i < ak.Length && j < bk.Length)
        {
            if (ak[i] == bk[j]) { sum += (double)_values[i] * other._values[j]; i++; j++; }
            else if (ak[i] < bk[j]) i++;
            else j++;
        }
        return sum;
    }

    public float ValueOf(ulong key)
    {
        int i = Array.BinarySearch(_keys, key);
        return i >= 0 ? _values[i] : 0f;
    }
}
