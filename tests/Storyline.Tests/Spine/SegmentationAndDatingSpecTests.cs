using Storyline.Ingest;
using Storyline.Segmentation;
using Xunit;

namespace Storyline.Tests.Spine;

public class SegmentationAndDatingSpecTests
{
    public static IEnumerable<object[]> SegmentationSpecs() => SpecFile.All("segmentation");
    public static IEnumerable<object[]> DatingSpecs() => SpecFile.All("dating");

    [Theory]
    [MemberData(nameof(SegmentationSpecs))]
    public void Splits_glued_articles_as_the_spec_says(string file)
    {
        var spec = SpecFile.Named("segmentation", file);
        var input = spec["input"];
        var segments = new DatelineSegmenter().Split(input);
        var expected = spec.Lines("segments").Select(l => l.Split(" | ", 2)).ToList();
        Assert.Equal(expected.Count, segments.Count);
        for (int i = 0; i < segments.Count; i++)
        {
            Assert.Equal(expected[i][0], segments[i].Boundary);
            Assert.StartsWith(expected[i][1], segments[i].Span.Of(input));
        }
        // Segments tile the input: nothing between them but white space.
        for (int i = 1; i < segments.Count; i++)
            Assert.True(string.IsNullOrWhiteSpace(input[segments[i - 1].Span.End..segments[i].Span.Start]));
    }

    [Theory]
    [MemberData(nameof(DatingSpecs))]
    public void Dates_articles_as_the_spec_says(string file)
    {
        var spec = SpecFile.Named("dating", file);
        var raw = PlainTextReader.Parse("spec.txt", spec["input"]);
        var article = new ArticleFactory().Create(raw)[0];
        var expected = spec["published"].Split(" | ");
        Assert.Equal(expected[0] == "null" ? null : expected[0], article.Published.Iso);
        Assert.Equal(expected[1], article.Published.Basis);
        if (spec.Has("reason")) Assert.Equal(spec["reason"], article.Published.Reason);
        Assert.NotNull(article.Published.Reason);
    }
}
