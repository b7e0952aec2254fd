using System.Numerics;
using System.Runtime.Intrinsics;

namespace Storyline;

/// <summary>
/// Adds one cached row of summed weights to another, for the taggers that add a few short rows (17 to 50 classes)
/// per token. <c>TensorPrimitives.Add</c> gives the same sums but pays a dispatch and a 512-bit path meant for long
/// spans; a plain 256-bit loop costs less at these lengths. Each element is one addition, so the result does not
/// depend on the vector width.
/// </summary>
internal static class RowSums
{
    public static void AddTo<T>(Span<T> sums, ReadOnlySpan<T> row) where T : unmanaged, INumber<T>
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; k + Vector256<T>.Count <= sums.Length; k += Vector256<T>.Count)
                (Vector256.Create(sums[k..]) + Vector256.Create(row[k..])).CopyTo(sums[k..]);
        for (; k < sums.Length; k++) sums[k] += row[k];
    }
}
