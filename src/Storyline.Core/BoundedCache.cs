using System.Collections.Concurrent;

namespace Storyline;

/// <summary>
/// A thread-safe memo of values computed from their keys, emptied whenever it reaches <c>limit</c> entries so that
/// a long-running process does not grow without bound. It keeps its own count of entries because
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every lock of the dictionary: asked on each new key,
/// that alone took about a fifth of the language layer's time on unseen text.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int limit, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    // Sized for the limit at once: growing step by step rehashes every entry each time, which a stream of new keys
    // (a text of unseen words) pays for.
    private ConcurrentDictionary<TKey, TValue> _entries = New(limit, comparer);
    private int _count;

    // A new dictionary rather than ConcurrentDictionary.Clear, which shrinks it to its default size: refilling it
    // would rehash step by step again.
    private static ConcurrentDictionary<TKey, TValue> New(int limit, IEqualityComparer<TKey>? comparer) => new(Environment.ProcessorCount, limit, comparer);

    public bool TryGetValue(TKey key, out TValue value) => Volatile.Read(ref _entries).TryGetValue(key, out value!);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/> (a value another thread kept first stays).</summary>
    public void Add(TKey key, TValue value)
    {
        if (Volatile.Read(ref _count) >= limit) Clear();
        if (Volatile.Read(ref _entries).TryAdd(key, value)) Interlocked.Increment(ref _count);
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        Volatile.Write(ref _entries, New(limit, comparer));
        Volatile.Write(ref _count, 0);
    }
}
