using Storyline.Evaluation;
using Xunit;

namespace Storyline.Tests;

/// <summary>A fact that needs a licensed dataset from ../shared/datasets; skipped, with the reason, when it is absent.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string dataset)
    {
        Folder = dataset;
        if (Datasets.Find(dataset) is null)
            Skip = $"dataset '{dataset}' is not present (expected in ../shared/datasets or ${Datasets.EnvironmentVariable})";
    }

    public string Folder { get; }
}

/// <summary>A fact that reads the mission's seed texts from ../shared/corpus/seeds; skipped when they are absent.</summary>
public sealed class SeedsFactAttribute : FactAttribute
{
    public SeedsFactAttribute()
    {
        if (Seeds.Folder() is null) Skip = "seed texts are not present (expected in ../shared/corpus/seeds)";
    }
}

public static class Seeds
{
    public static string? Folder()
    {
        var root = Datasets.Root();
        if (root is null) return null;
        var seeds = Path.GetFullPath(Path.Combine(root, "..", "corpus", "seeds"));
        return Directory.Exists(seeds) ? seeds : null;
    }
}
