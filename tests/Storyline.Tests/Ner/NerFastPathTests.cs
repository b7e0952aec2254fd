using Storyline.Evaluation;
using Storyline.Language.Ner;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Xunit;

namespace Storyline.Tests.Ner;

/// <summary>The fast scorer (cached word rows, one gazetteer pass) must find exactly what the direct path finds.</summary>
public class NerFastPathTests
{
    // Written for this test: names of every kind, gazetteer phrases of several words, and sentences in all caps and
    // all lower case (their case mode changes the features).
    private const string Text =
        "Chief executive Pieter Janssen told the Board of the Dutch Rail Union in Utrecht on Monday that the strike was over. " +
        "The United Arab Emirates and the Republic of Korea signed the accord in New York City, near the East River. " +
        "Foreign Minister Sergey Lavrov met Marijke de Vries and Dr. Jane O'Neill at the Kennedy Center in Washington, D.C. " +
        "SHARES OF GENERAL MOTORS CORP. FELL 3% ON THE NEW YORK STOCK EXCHANGE AFTER THE REPORT. " +
        "just landed in los angeles with maria and @joe , going to the lakers game tonight ! " +
        "Mr. Brown, a spokesman for the Orthodox Christian Council of Butler County, said Thomas Matthew Crooks acted alone. " +
        "\"We will not back down,\" said Ursula von der Leyen, president of the European Commission, in Brussels.";

    private static List<string[]> Sentences(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        return SentenceSplitter.Split(text, tokens).Select(s => tokens[s.FirstToken..(s.FirstToken + s.TokenCount)].Select(t => t.Text).ToArray()).ToList();
    }

    [Theory]
    [InlineData(NerDomains.News)]
    [InlineData(null)]
    [InlineData("uner-english-ewt")]
    public void The_fast_path_finds_exactly_the_spans_of_the_direct_path(string? domain)
    {
        var model = NerModel.Embedded.Value;
        int spans = 0;
        // Then again with the word caches emptied (as the cold-pass benchmark does), and once more warm.
        for (int round = 0; round < 3; round++)
        {
            if (round == 1) model.ForgetWords();
            foreach (var sentence in Sentences(Text))
            {
                var tags = EntityRecognizer.PennTags(sentence);
                var direct = model.RecognizeDirectly(sentence, tags, domain);
                Assert.Equal(direct, model.Recognize(sentence, tags, domain));
                Assert.Equal(model.RecognizeDirectly(sentence, null, domain), model.Recognize(sentence, null, domain));
                if (round == 0) spans += direct.Length;
            }
        }
        Assert.True(spans >= 10, $"only {spans} spans: the text should exercise the recogniser");
    }

    [Fact]
    public void One_pass_over_all_gazetteers_marks_what_each_gazetteer_marks()
    {
        var model = NerModel.Embedded.Value;
        var sources = NerFeatures.Sources(model);
        foreach (var sentence in Sentences(Text))
        {
            var lower = sentence.Select(t => PhraseGazetteer.HashLower(t)).ToArray();
            var marks = new byte[sources.Length * sentence.Length];
            model.Matcher.Mark(sentence, lower, marks);
            for (int g = 0; g < sources.Length; g++)
            {
                var expected = new byte[sentence.Length];
                sources[g].Mark(sentence, expected);
                Assert.Equal(expected, marks[(g * sentence.Length)..((g + 1) * sentence.Length)]);
            }
        }
    }

    [DatasetFact("uner-english-ewt")]
    public void The_fast_path_finds_exactly_the_spans_of_the_direct_path_on_a_dataset_slice()
    {
        var corpus = NerCorpus.Load(Datasets.Find("uner-english-ewt")!);
        Assert.True(corpus.Success, corpus.Problem);
        var model = NerModel.Embedded.Value;
        foreach (var sentence in corpus.Value.HeldOut.Take(600))
        {
            var tags = EntityRecognizer.PennTags(sentence.Tokens);
            Assert.Equal(model.RecognizeDirectly(sentence.Tokens, tags), model.Recognize(sentence.Tokens, tags));
        }
    }
}
