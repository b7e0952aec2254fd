using System.CommandLine;
using Storyline.Documents;

namespace Storyline.Cli.Commands;

/// <summary>
/// A command that takes a story id (or a unique prefix) and works on that story's part of the database:
/// <c>show</c>, <c>quotes</c>, <c>timeline</c>. It opens the store, finds the story, and hands over the story's subset.
/// </summary>
internal static class StoryScopedCommand
{
    public delegate int Render(Story story, Analysis subset, bool asJson);

    public static Command Create(string name, string description, Render render)
    {
        var id = new Argument<string>("story-id") { Description = "Story id (or a unique prefix), as 'storyline stories' lists it" };
        var db = CommonOptions.Database();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { id, db, json };
        command.SetAction(parse =>
        {
            using var store = CommonOptions.OpenExisting(parse.GetValue(db)!, out int exit);
            if (store is null) return exit;
            var analysis = store.LoadAnalysis();
            var story = StoriesCommand.Find(analysis, parse.GetValue(id)!, out exit);
            if (story is null) return exit;
            return render(story, ShowCommand.StorySubset(analysis, story), parse.GetValue(json));
        });
        return command;
    }
}
