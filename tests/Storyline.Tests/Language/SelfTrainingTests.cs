using Storyline.Language.Pos;
using Xunit;

namespace Storyline.Tests.Language;

/// <summary>The pieces POS self-training is built from: the untagged text it reads and the lexicon it may extend.</summary>
public class SelfTrainingTests
{
    [Fact]
    public void An_extended_lexicon_keeps_the_gold_classes_and_adds_only_missing_words()
    {
        var gold = new AmbiguityLexicon(new Dictionary<string, uint> { ["walk"] = AmbiguityLexicon.Known | 0b101 });
        var guessed = new Dictionary<string, uint>
        {
            ["walk"] = AmbiguityLexicon.Known | AmbiguityLexicon.Guessed | 0b001,
            ["zorble"] = AmbiguityLexicon.Known | AmbiguityLexicon.Guessed | 0b010,
        };
        var extended = gold.Extended(guessed);
        Assert.Equal(AmbiguityLexicon.Known | 0b101, extended.Lookup("walk"));
        Assert.Equal(AmbiguityLexicon.Known | AmbiguityLexicon.Guessed | 0b010, extended.Lookup("zorble"));
        Assert.Equal(0u, gold.Lookup("zorble"));
    }

    [Fact]
    public void Untagged_text_is_split_into_sentences_only_when_asked_and_only_from_the_named_folders()
    {
        var root = Directory.CreateTempSubdirectory("storyline-untagged-").FullName;
        try
        {
            var text = Path.Combine(root, "polnear", "train", "text");
            Directory.CreateDirectory(text);
            File.WriteAllText(Path.Combine(text, "a.txt"), "The mayor opened the bridge. Crowds cheered loudly.\n\nRain fell later.\n");
            var wnut = Path.Combine(root, "ner-wnut17");
            Directory.CreateDirectory(wnut);
            File.WriteAllText(Path.Combine(wnut, "wnut17train.conll"), "off\tO\nto\tO\nwork\tO\n\n");

            var lines = UnlabeledText.Untagged(root, splitSentences: false).ToList();
            Assert.Equal(3, lines.Count);
            Assert.Equal(10, lines[0].Length);

            var sentences = UnlabeledText.Untagged(root, splitSentences: true).ToList();
            Assert.Equal(["The", "mayor", "opened", "the", "bridge", "."], sentences[0]);
            Assert.Equal(["Crowds", "cheered", "loudly", "."], sentences[1]);
            Assert.Equal(4, sentences.Count);

            var tweetsOnly = UnlabeledText.Untagged(root, splitSentences: true, new HashSet<string> { "ner-wnut17" }).ToList();
            Assert.Equal([["off", "to", "work"]], tweetsOnly);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
