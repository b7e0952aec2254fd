using Xunit;
using Storyline.Evaluation;

namespace Storyline.Tests;

/// <summary>A fact that needs a licensed dataset from ../shared/datasets; it is skipped, saying why, when the dataset is absent.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string folder)
    {
        Folder = folder;
        if (Datasets.Find(folder) is null)
            Skip = $"dataset '{folder}' not found under ../shared/datasets (or ${Datasets.EnvironmentVariable}); skipped";
    }

    public string Folder { get; }
}
