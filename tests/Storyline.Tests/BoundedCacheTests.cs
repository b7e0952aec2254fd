using Xunit;

namespace Storyline.Tests;

public class BoundedCacheTests
{
    [Fact]
    public void Keeps_values_until_cleared()
    {
        var cache = new BoundedCache<string, int>(10, StringComparer.Ordinal);
        cache.Add("harbour", 1);
        cache.Add("harbour", 2);
        Assert.True(cache.TryGetValue("harbour", out var kept));
        Assert.Equal(1, kept);
        cache.Clear();
        Assert.False(cache.TryGetValue("harbour", out _));
        cache.Add("harbour", 3);
        Assert.True(cache.TryGetValue("harbour", out kept));
        Assert.Equal(3, kept);
    }

    [Fact]
    public void Empties_itself_when_full_and_counts_again_from_zero()
    {
        var cache = new BoundedCache<int, int>(3);
        for (int k = 0; k < 3; k++) cache.Add(k, k);
        Assert.True(cache.TryGetValue(2, out _));
        cache.Add(3, 3);
        Assert.False(cache.TryGetValue(0, out _));
        Assert.True(cache.TryGetValue(3, out _));
        cache.Add(4, 4);
        cache.Add(5, 5);
        Assert.True(cache.TryGetValue(3, out _));
        Assert.True(cache.TryGetValue(5, out _));
    }
}
