using Storyline.Language.Pos;
using Xunit;

namespace Storyline.Tests.Language;

public class WordClustersTests
{
    // Invented sentences: animals and vehicles fill the subject slot, verbs of motion the verb slot.
    private static readonly string[][] Sentences = Enumerable.Range(0, 40).SelectMany(i => new[]
    {
        new[] { "the", i % 2 == 0 ? "cat" : "dog", i % 3 == 0 ? "ran" : "walked", "home", "." },
        new[] { "a", i % 2 == 0 ? "dog" : "horse", i % 3 == 0 ? "walked" : "jumped", "away", "." },
        new[] { "the", i % 2 == 0 ? "horse" : "cat", i % 3 == 0 ? "jumped" : "ran", "away", "." },
        new[] { "my", i % 2 == 0 ? "car" : "bus", "stopped", "here", "." },
    }).ToArray();

    private static int SharedBits(uint a, uint b)
    {
        int shared = 0;
        for (int bits = 1; bits <= 20 && WordClusters.Prefix(a, bits) == WordClusters.Prefix(b, bits); bits++) shared = bits;
        return shared;
    }

    [Fact]
    public void Words_in_the_same_contexts_share_longer_paths_than_words_in_other_contexts()
    {
        var clusters = WordClusters.Build(Sentences, minimumCount: 3, contextWords: 10, depth: 8);
        uint Path(string w) => clusters.Lookup(w);
        Assert.True(SharedBits(Path("cat"), Path("dog")) > SharedBits(Path("cat"), Path("ran")));
        Assert.True(SharedBits(Path("ran"), Path("jumped")) > SharedBits(Path("ran"), Path("dog")));
    }

    [Fact]
    public void Building_twice_gives_the_same_paths_and_rare_words_have_none()
    {
        var once = WordClusters.Build(Sentences, 3, 10, 8);
        var again = WordClusters.Build(Sentences, 3, 10, 8);
        Assert.Equal(once.Paths.OrderBy(kv => kv.Key, StringComparer.Ordinal), again.Paths.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(0u, once.Lookup("giraffe"));
        Assert.NotEqual(WordClusters.Prefix(0, 4), WordClusters.Prefix(once.Lookup("cat"), 4));
    }

    [Fact]
    public void A_prefix_longer_than_the_path_is_the_whole_path()
    {
        uint path = 0b1_0110; // "0110" with its leading 1 bit
        Assert.Equal(0b1_01UL, WordClusters.Prefix(path, 2));
        Assert.Equal((ulong)path, WordClusters.Prefix(path, 4));
        Assert.Equal((ulong)path, WordClusters.Prefix(path, 32));
    }
}
