using Storyline.Evaluation;
using Storyline.Language;
using Storyline.Language.Corpora;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Learning;
using Xunit;

namespace Storyline.Tests.Language;

/// <summary>The cached tagging path (per-word role sums, second-pass sums only when needed) must give exactly the tags
/// of the direct path, whether the word cache is cold or warm.</summary>
public class PosFastPathTests
{
    // Written for this test: rare and made-up words (so the cache is cold for them), numbers, hyphens, initials, and
    // words whose tag depends on the words around them.
    private const string Text =
        "The harbour authority in Veldhoven postponed the vote on the dredging contract until the spring. " +
        "Shares of Brightwater Holdings slid 4.5% to $12.30 after the quarterly report disappointed analysts. " +
        "She said that the plan, which the council had backed last year, would not survive another audit. " +
        "Can you book the room for Thursday, or should I ask the front desk to hold it until noon? " +
        "The well-known chef-turned-author signed 1,200 copies of her cookbook at the Grimsby festival. " +
        "Quietly, the engineers re-routed the cables that the storm had snapped near the old mill. " +
        "Dr. A.J. Whitcombe, a retired professor, told reporters the findings were \"deeply worrying.\" " +
        "Flights resumed on Tuesday, but travellers complained that the queues stretched past the car park. " +
        "I would've gone if they'd asked, he wrote; nobody did, so he stayed home and fixed the fence. " +
        "The zorbulating frenkle glimmed across the vandersloot while the plinths outgrobbled their merrows.";

    private static List<string[]> Sentences(IEnumerable<string> texts)
    {
        var result = new List<string[]>();
        foreach (var text in texts)
        {
            var tokens = Tokenizer.Tokenize(text);
            result.AddRange(SentenceSplitter.Split(text, tokens).Select(s => tokens[s.FirstToken..(s.FirstToken + s.TokenCount)].Select(t => t.Text).ToArray()));
        }
        return result;
    }

    /// <summary>A tagger of its own (loaded from the shipped model's bytes), so that its caches start empty.</summary>
    private static PosTagger FreshTagger()
    {
        using var stream = new MemoryStream();
        PosTagger.Shipped.Value.Save(stream, new ModelHeader(PosTagger.ModelKind, 1, "copy", "test"));
        stream.Position = 0;
        return PosTagger.Load(stream).Value;
    }

    private static void AssertSameTags(PosTagger tagger, IEnumerable<string[]> sentences)
    {
        foreach (var words in sentences)
        {
            var (universal, penn) = tagger.TagDirectly(words);
            var (cachedUniversal, cachedPenn) = tagger.Tag(words);
            Assert.Equal(universal, cachedUniversal);
            Assert.Equal(penn, cachedPenn);
        }
    }

    [Fact]
    public void The_cached_path_gives_exactly_the_tags_of_the_direct_path_cold_and_warm()
    {
        var sentences = Sentences([Text, .. LanguageThroughput.Generated(12)]);
        Assert.True(sentences.Count >= 250, $"only {sentences.Count} sentences");
        var tagger = FreshTagger();
        AssertSameTags(tagger, sentences);
        AssertSameTags(tagger, sentences.AsEnumerable().Reverse());
        tagger.ForgetWords();
        AssertSameTags(tagger, sentences);
    }

    [Fact]
    public void Scoring_several_rows_at_once_gives_each_row_what_scoring_it_alone_gives()
    {
        var model = new AveragedPerceptron(["A", "B", "C"]);
        var examples = new (ulong[] Features, int Truth)[] { ([1, 2], 0), ([2, 3], 1), ([3, 4], 2), ([1, 4], 0), ([5, 3], 1), ([6, 2], 2) };
        ulong[] features = [1, 2, 3, 4, 5, 6, 99];
        int[] rows = [0, 1, 0, 2, 1, 2, 0];
        void Check()
        {
            var together = new float[9];
            model.ScoreRows(features, rows, together);
            for (int row = 0; row < 3; row++)
            {
                var alone = new float[3];
                model.Score(features.Where((_, k) => rows[k] == row).ToArray(), alone);
                Assert.Equal(alone, together[(row * 3)..(row * 3 + 3)]);
            }
        }
        for (int epoch = 0; epoch < 3; epoch++)
            foreach (var (f, truth) in examples)
            {
                model.Tick();
                model.Update(truth, model.Predict(f), f);
            }
        Check();
        model.Average();
        Check();
    }

    [DatasetFact("ud-english-ewt")]
    public void The_cached_path_gives_exactly_the_tags_of_the_direct_path_on_a_dataset_slice()
    {
        var path = Conllu.FindSplit(Datasets.Find("ud-english-ewt")!, "dev");
        Assert.True(path.Success, path.Problem);
        var sentences = Conllu.ReadSentences(path.Value).Take(600).Select(s => s.Words.Select(w => w.Form).ToArray());
        AssertSameTags(FreshTagger(), sentences);
    }
}
