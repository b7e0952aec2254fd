using Xunit;

namespace Storyline.Tests;

public class RowSumsTests
{
    // Lengths around the vector width and the taggers' row lengths (17 universal tags, about 50 Penn tags), so that
    // both the vector loop and the scalar tail are exercised.
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(50)]
    public void Float_rows_add_element_by_element(int length)
    {
        var sums = Enumerable.Range(0, length).Select(k => 0.1f * k - 1.3f).ToArray();
        var row = Enumerable.Range(0, length).Select(k => 1f / (k + 3)).ToArray();
        var expected = sums.Zip(row, (a, b) => a + b).ToArray();

        RowSums.AddTo<float>(sums, row);

        Assert.Equal(expected, sums);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(16)]
    [InlineData(21)]
    public void Int_rows_add_element_by_element(int length)
    {
        var sums = Enumerable.Range(0, length).Select(k => k * 1000 - 7).ToArray();
        var row = Enumerable.Range(0, length).Select(k => -k * 31).ToArray();
        var expected = sums.Zip(row, (a, b) => a + b).ToArray();

        RowSums.AddTo<int>(sums, row);

        Assert.Equal(expected, sums);
    }

    [Fact]
    public void Only_the_sums_change()
    {
        var sums = new float[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
        var row = new float[] { 1, 1, 1, 1, 1, 1, 1, 1, 1 };

        RowSums.AddTo<float>(sums, row);

        Assert.Equal(new float[] { 2, 3, 4, 5, 6, 7, 8, 9, 10 }, sums);
        Assert.All(row, x => Assert.Equal(1f, x));
    }
}
