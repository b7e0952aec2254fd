using Storyline.Documents;
using Storyline.Language;
using Storyline.Language.Entities;
using Storyline.Quotes;
using Storyline.Tests.Entities;
using Xunit;

namespace Storyline.Tests.Quotes;

/// <summary>
/// The speakers stage after the entities stage, on hand-made mentions (no model involved), so the test pins the
/// id bookkeeping: the entities stage adds mentions the recogniser missed, which must not move a quote to
/// another person, and a speaker named without an entity joins the entity of that name.
/// </summary>
public class QuoteSpeakerStageTests
{
    private const string Wire = "Pieter Janssen spoke. \"We wait,\" Janssen said. Minister Ruben Kok urged calm. The Harbour Board said ships wait.";
    private const string Local = "Chief executive Pieter Janssen left. The Harbour Board met.";

    private static EntityMention Mention(string text, string words, string type)
    {
        int start = text.IndexOf(words, StringComparison.Ordinal);
        return new EntityMention(start, start + words.Length, words, type);
    }

    private static TextSpan SpanOf(string text, string words, int from = 0)
    {
        int start = text.IndexOf(words, from, StringComparison.Ordinal);
        return new TextSpan(start, start + words.Length);
    }

    private static Analysis Run()
    {
        // The recogniser found "Pieter Janssen" in the wire story only in a sentence it typed as an organisation,
        // so its person mentions are Ruben Kok alone; the other article names Pieter Janssen as a person.
        var wire = ArticleEntityLinker.Apply(EntityTestKit.Tokenized(EntityTestKit.Article("wire", Wire)) with
        {
            Mentions = [Mention(Wire, "Ruben Kok", EntityTypes.Person)],
        });
        var kok = wire.Mentions[0];
        int janssenAt = Wire.IndexOf("Janssen said", StringComparison.Ordinal);
        wire = wire with
        {
            Quotes =
            [
                new Quote(SpanOf(Wire, "\"We wait,\""), "\"We wait,\"", QuoteKinds.Direct)
                    { Speaker = "Janssen", SpeakerSpan = new TextSpan(janssenAt, janssenAt + "Janssen".Length) },
                new Quote(SpanOf(Wire, "calm"), "calm", QuoteKinds.Indirect)
                    { Speaker = "Ruben Kok", SpeakerEntityId = kok.EntityId, SpeakerSpan = SpanOf(Wire, "Minister Ruben Kok") },
                new Quote(SpanOf(Wire, "ships wait"), "ships wait", QuoteKinds.Indirect)
                    { Speaker = "The Harbour Board", SpeakerSpan = SpanOf(Wire, "The Harbour Board") },
            ],
        };
        var local = ArticleEntityLinker.Apply(EntityTestKit.Tokenized(EntityTestKit.Article("local", Local)) with
        {
            Mentions = [Mention(Local, "Pieter Janssen", EntityTypes.Person), Mention(Local, "Harbour Board", EntityTypes.Organization)],
        });
        var analysis = new EntityStage().Process(new Analysis([wire, local]));
        return new QuoteSpeakerStage().Process(analysis);
    }

    [Fact]
    public void A_mention_added_by_the_entities_stage_does_not_move_a_quote_to_another_person()
    {
        var analysis = Run();
        var wire = analysis.Articles[0];
        Assert.Contains(wire.Mentions, m => m.Text == "Janssen");
        var calm = Assert.Single(wire.Quotes, q => q.Text == "calm");
        Assert.Equal("Ruben Kok", calm.Speaker);
        Assert.Equal(EntityTestKit.Find(analysis, "Ruben Kok")!.Id, calm.SpeakerEntityId);
    }

    [Fact]
    public void A_speaker_named_without_an_entity_joins_the_entity_of_that_name()
    {
        var analysis = Run();
        var wait = Assert.Single(analysis.Articles[0].Quotes, q => q.Text == "\"We wait,\"");
        Assert.Equal("Pieter Janssen", wait.Speaker);
        Assert.Equal(EntityTestKit.Find(analysis, "Pieter Janssen")!.Id, wait.SpeakerEntityId);
    }

    [Fact]
    public void A_name_the_recogniser_missed_in_the_article_joins_the_one_entity_of_that_name_elsewhere()
    {
        var analysis = Run();
        var ships = Assert.Single(analysis.Articles[0].Quotes, q => q.Text == "ships wait");
        Assert.Equal("Harbour Board", ships.Speaker);
        Assert.Equal(EntityTestKit.Find(analysis, "Harbour Board")!.Id, ships.SpeakerEntityId);
    }
}
