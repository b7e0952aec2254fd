using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

public class CueTaggerViterbiTests
{
    // Each row holds, for one token, the scores of O, B, I after O, then after B, then after I.
    private static float[] Row(float[] afterO, float[] afterB, float[] afterI) => [.. afterO, .. afterB, .. afterI];

    [Fact]
    public void Takes_back_a_begin_that_the_next_token_shows_to_be_wrong()
    {
        // Greedy choice takes B at the first token (2 > 1), then must say O at the second (I after B scores little);
        // the best sequence is O then B (1 + 9 against 2 + 0).
        var scores = new[]
        {
            Row([1, 2, float.NegativeInfinity], [0, 0, 0], [0, 0, 0]),
            Row([0, 9, float.NegativeInfinity], [0, -5, -3], [0, 0, 0]),
        };
        Assert.Equal([0, 1], CueTagger.Viterbi(scores));
    }

    [Fact]
    public void Never_continues_a_cue_after_an_outside_token()
    {
        var scores = new[]
        {
            Row([5, -100, 100], [0, 0, 0], [0, 0, 0]),
            Row([0, 1, 100], [0, 0, 50], [0, 0, 50]),
            Row([0, 0, 100], [0, 0, 2], [0, 0, 2]),
        };
        // O B I (5 + 1 + 2) beats O O O (5) and B I I (−100 + 50 + 2); an I right after O (or first) is never taken,
        // however high its score.
        Assert.Equal([0, 1, 2], CueTagger.Viterbi(scores));
    }
}
