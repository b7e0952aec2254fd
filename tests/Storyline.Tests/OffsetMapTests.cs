using Storyline.Documents;
using Xunit;

namespace Storyline.Tests;

public class OffsetMapTests
{
    [Fact]
    public void Maps_offsets_of_kept_pieces_back_to_the_source()
    {
        // source: "aaXXbb" with XX removed → derived "aabb"
        var map = new OffsetMap([(0, 0, 2), (2, 4, 2)]);
        Assert.Equal(0, map.ToSource(0));
        Assert.Equal(4, map.ToSource(2));
        Assert.Equal(5, map.ToSource(3));
        Assert.Equal(new TextSpan(0, 6), map.ToSource(new TextSpan(0, 4)));
    }
}
