namespace Storyline;

/// <summary>
/// Hands out zeroed rows of a fixed length carved from large shared arrays, for per-word caches that keep one row
/// of summed weights per word. A cache entry survives the collection after it is made, and the collector copies
/// each surviving small array into the older generation; a slab above the large-object threshold (85,000 bytes) is
/// never copied, so a stream of new words costs the collector about half the bytes to move. Thread-safe.
/// </summary>
internal sealed class RowSlabs<T>(int rowLength) where T : unmanaged
{
    // 128 KiB: well above the large-object threshold, and small enough that a cache emptied early wastes little.
    private const int SlabBytes = 128 * 1024;
    private readonly int _rowsPerSlab = Math.Max(1, SlabBytes / (rowLength * System.Runtime.CompilerServices.Unsafe.SizeOf<T>()));
    private readonly Lock _lock = new();
    private T[] _slab = [];
    private int _used;

    public ArraySegment<T> Take()
    {
        lock (_lock)
        {
            if (_used + rowLength > _slab.Length)
            {
                _slab = new T[_rowsPerSlab * rowLength];
                _used = 0;
            }
            var row = new ArraySegment<T>(_slab, _used, rowLength);
            _used += rowLength;
            return row;
        }
    }
}
