using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Quotes;
using Xunit;

namespace Storyline.Tests.Quotes;

/// <summary>Source spans as PolNeAR marks them (the golden specs show resolved speakers, not spans).</summary>
public class AttributionSpanTests
{
    private static (string Source, string Content) First(string text)
    {
        var tokens = Tokenizer.Tokenize(text);
        var found = AttributionFinder.Default.Find(text, tokens, SentenceSplitter.Split(text, tokens));
        var a = found[0];
        return (a.Source!.Value.Of(text), a.Content.Of(text));
    }

    [Theory]
    // An inverted source keeps its apposition to the sentence's end…
    [InlineData("\"The numbers are clear,\" said Ann Lee, a pollster at the Marsh Institute who studies turnout.",
        "Ann Lee, a pollster at the Marsh Institute who studies turnout")]
    // …or through the comma that closes it, when a further clause follows.
    [InlineData("\"The numbers are clear,\" said Ann Lee, a pollster at the Marsh Institute, adding nothing more.",
        "Ann Lee, a pollster at the Marsh Institute,")]
    // A preposition after the name is an adverbial, not an apposition.
    [InlineData("\"The numbers are clear,\" said Ann Lee, in a long interview.", "Ann Lee")]
    public void Inverted_source_takes_its_apposition(string text, string source) => Assert.Equal(source, First(text).Source);

    [Theory]
    // A name with its apposition between a quote and its cue is the source, through the comma that closes it; the
    // content is the quote alone.
    [InlineData("\"The pier will not reopen this year,\" Joost Smit, 57, told reporters on the quay.", "Joost Smit, 57,")]
    [InlineData("\"The pier will not reopen this year,\" Ann Visser, the port director, said on Tuesday.", "Ann Visser, the port director,")]
    public void Name_and_apposition_after_a_quote_are_its_source(string text, string source)
    {
        var (actualSource, content) = First(text);
        Assert.Equal(source, actualSource);
        Assert.Equal("\"The pier will not reopen this year,\"", content);
    }

    [Theory]
    // Words after the cue that open with "to" or "that" are reported, not an inverted source; a name there is one.
    [InlineData("The port authority, in a statement, vowed to keep the ferry running.", "vowed", "to keep the ferry running", null)]
    [InlineData("The repairs are finished, noted Visser, adding that the quay is safe.", "noted", "Visser", "Visser")]
    // A phrase that opens with a preposition is never the source; "about" opens a quantity.
    [InlineData("Asked again, in a phone interview the director said the quay was safe.", "said", "in a phone interview the director", null)]
    [InlineData("Despite the storm the harbour board insisted the quay was safe.", "insisted", "Despite the storm the harbour board", null)]
    [InlineData("The quay is safe, the director said, and about half of the inspectors agreed.", "agreed", "about half of the inspectors", "about half of the inspectors")]
    public void Clause_or_prepositional_phrase_is_not_a_source(string text, string cue, string source, string? expected)
    {
        int c = text.IndexOf(cue, StringComparison.Ordinal), s = text.IndexOf(source, StringComparison.Ordinal);
        var a = new Attribution(new Documents.TextSpan(0, 10), QuoteKinds.Indirect, new Documents.TextSpan(s, s + source.Length), new Documents.TextSpan(c, c + cue.Length));
        Assert.Equal(expected, AttributionFinder.WithoutPhraseAsSource(text, a).Source?.Of(text));
    }

    [Theory]
    // A time phrase between the subject and its cue is left out of the source…
    [InlineData("The harbour authority on Tuesday announced that the old pier would close.", "The harbour authority")]
    [InlineData("Marta Jensen, who chairs the union, last week warned that the closure would cost jobs.", "Marta Jensen, who chairs the union,")]
    // …but kept after a poll or a participle, as PolNeAR mostly keeps it there.
    [InlineData("A Harbor Institute poll last week found that most residents back the repairs.", "A Harbor Institute poll last week")]
    [InlineData("A report released by the port last year estimated that the pier was unsafe.", "A report released by the port last year")]
    public void Time_phrase_before_the_cue_is_not_the_source(string text, string source) => Assert.Equal(source, First(text).Source);

    [Theory]
    // A sentence opener and its comma before the subject are the writer's.
    [InlineData("In January, the port director, Ann Visser, said that the pier would reopen in spring.", "the port director, Ann Visser,")]
    [InlineData("By contrast, Joost Smit, a harbour engineer, warned that the repairs would take two years.", "Joost Smit, a harbour engineer,")]
    public void Opener_before_the_subject_is_not_the_source(string text, string source) => Assert.Equal(source, First(text).Source);

    [Theory]
    // A verbless noun phrase from the clause's start is the whole source, through "and" and prepositions…
    [InlineData("Federal and state inspectors said that the pier was unsafe.", "Federal and state inspectors")]
    [InlineData("Experts on harbour engineering and coastal flooding warned that repairs would take years.", "Experts on harbour engineering and coastal flooding")]
    // …but not from a word that opens an adverbial clause.
    [InlineData("As the harbour board noted, the pier is old.", "the harbour board")]
    // …through a relative clause on its subject, not an object relative.
    [InlineData("Two inspectors who had visited the pier warned that it was unsafe.", "Two inspectors who had visited the pier")]
    [InlineData("The plans that the ministers drew up show that the pier will close.", "the ministers drew up")]
    public void Source_runs_from_the_clause_start(string text, string source) => Assert.Equal(source, First(text).Source);

    [Fact]
    public void Clause_subject_runs_through_the_name_its_title_introduces()
    {
        var text = "Liberal candidate Marta Jensen, like the mayor, has backed the ferry plan but has said that the pier must close first.";
        var tokens = Tokenizer.Tokenize(text);
        var found = AttributionFinder.Default.Find(text, tokens, SentenceSplitter.Split(text, tokens));
        Assert.Equal("Liberal candidate Marta Jensen", found[^1].Source!.Value.Of(text));
    }
}
