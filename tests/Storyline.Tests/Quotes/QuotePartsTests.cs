using Storyline.Documents;
using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

public class QuotePartsTests
{
    private static Quote Part(string text, int start, bool continues = false) =>
        new(new TextSpan(start, start + text.Length), text, QuoteKinds.Indirect) { Speaker = "Ada Lind", ContinuesPrevious = continues };

    [Fact]
    public void The_parts_of_one_attribution_read_as_one_quote_and_the_next_attribution_stays_apart()
    {
        var joined = QuoteParts.Joined([Part("Most of the cracks", 0), Part("were caused by frost", 40, continues: true), Part("repairs start in May", 80)]);
        Assert.Equal(2, joined.Count);
        Assert.Equal("Most of the cracks … were caused by frost", joined[0].Text);
        Assert.Equal(0, joined[0].Quote.Content.Start);
        Assert.Equal("repairs start in May", joined[1].Text);
    }
}
