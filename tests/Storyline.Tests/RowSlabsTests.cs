using Xunit;

namespace Storyline.Tests;

public class RowSlabsTests
{
    [Fact]
    public void Rows_are_zeroed_of_their_length_and_never_share_an_element()
    {
        var slabs = new RowSlabs<int>(91);
        var rows = new List<ArraySegment<int>>();
        // Enough rows to fill several slabs, so that moving to a new slab is covered too.
        for (int k = 0; k < 2000; k++)
        {
            var row = slabs.Take();
            Assert.Equal(91, row.Count);
            Assert.All(row, value => Assert.Equal(0, value));
            row.AsSpan().Fill(k + 1);
            rows.Add(row);
        }
        for (int k = 0; k < rows.Count; k++) Assert.All(rows[k], value => Assert.Equal(k + 1, value));
        Assert.True(rows.Select(r => r.Array).Distinct().Count() > 1);
        // A slab is a large object, which the collector does not copy: the point of the slabs.
        Assert.True(GC.GetGeneration(rows[0].Array!) == GC.MaxGeneration);
    }

    [Fact]
    public void A_row_longer_than_a_slab_gets_a_slab_of_its_own()
    {
        var slabs = new RowSlabs<float>(100_000);
        var first = slabs.Take();
        var second = slabs.Take();
        Assert.Equal(100_000, first.Count);
        Assert.NotSame(first.Array, second.Array);
    }
}
