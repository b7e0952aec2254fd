using System.CommandLine;
using Storyline.Evaluation;
using Storyline.Learning;

namespace Storyline.Cli.Commands;

/// <summary><c>storyline train &lt;model&gt;</c>: rebuilds a shipped model from ../shared/datasets and prints its evaluation.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "Model to train: " + string.Join(", ", EvaluationCatalog.Trainers.Select(t => t.Model)) };
        var datasets = new Option<string?>("--datasets") { Description = "Datasets root (default: ../shared/datasets)" };
        var output = new Option<string?>("--out") { Description = "Model file to write (default: models/<model>.stlm in the checkout)" };
        var seed = new Option<int>("--seed") { Description = "Random seed; training is deterministic for a seed", DefaultValueFactory = _ => 17 };
        var development = new Option<bool>("--dev") { Description = "Train without the development fold of the training data and report on that fold (for choosing settings; ner only)" };
        var command = new Command("train", "Retrain a model from the licensed datasets and print its held-out evaluation") { model, datasets, output, seed, development };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(model)!;
            var trainer = EvaluationCatalog.FindTrainer(name);
            if (trainer is null)
            {
                Console.Error.WriteLine($"error: unknown model '{name}'. Known: {string.Join(", ", EvaluationCatalog.Trainers.Select(t => t.Model))}");
                return ExitCodes.Usage;
            }
            var root = parse.GetValue(datasets) ?? Datasets.Root();
            if (root is null || !Directory.Exists(root))
            {
                Console.Error.WriteLine("error: datasets folder not found; pass --datasets <folder> or set STORYLINE_DATASETS.");
                return ExitCodes.NoInput;
            }
            // A development-fold model is for comparing settings, never to be shipped by accident.
            var outPath = parse.GetValue(output) ?? (parse.GetValue(development)
                ? Path.Combine(Path.GetTempPath(), trainer.Model + "-dev.stlm")
                : Path.Combine(ModelFile.RepositoryModelsFolder() ?? "models", trainer.Model + ".stlm"));
            var result = trainer.Train(new TrainingRequest(root, outPath, parse.GetValue(seed))
            {
                Progress = new Progress<string>(m => Console.Error.WriteLine(m)),
                Development = parse.GetValue(development),
            });
            if (!result.TryGetValue(out var summary))
            {
                Console.Error.WriteLine($"error: {result.Problem}");
                return ExitCodes.DataError;
            }
            Console.WriteLine(summary);
            Console.Error.WriteLine($"model written to {outPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
