using Xunit;
using Xunit.Abstractions;
namespace Storyline.Tests.Entities;
public class DebugSeeds(ITestOutputHelper output)
{
    [SeedsFact]
    public void Dump()
    {
        foreach (var a in EntityTestKit.SeedArticles(Seeds.Folder()!))
        {
            var t = EntityTestKit.Tokenized(a);
            var n = new Storyline.Language.Ner.NerStage().Process(t);
            foreach (var s in t.Sentences)
            {
                var text = a.Text[s.Start..s.End];
                if (!System.Text.RegularExpressions.Regex.IsMatch(text, "Crooks|Bush|Harriman|Starmer|Lavrov|Tucker|Butler")) continue;
                output.WriteLine(string.Join(" ", t.Tokens.Skip(s.FirstToken).Take(s.TokenCount).Select(x => x.Text)));
                output.WriteLine("   => " + string.Join(" | ", n.Mentions.Where(m => m.Start >= s.Start && m.End <= s.End).Select(m => m.Text + "/" + m.Type)));
            }
        }
    }
}
