using System.CommandLine;
using Storyline.Cli.Commands;

Terminal.ConfigureStandardOutput();
var root = new RootCommand("Storyline: clean news articles, group them into stories, and show who said what, and when.");
foreach (var command in CommandCatalog.All()) root.Add(command);
return await root.Parse(args).InvokeAsync();
