using Storyline.Evaluation;
using Xunit;

namespace Storyline.Tests;

/// <summary>A fact that needs a licensed dataset from ../shared/datasets; it is skipped, with a reason, when absent.</summary>
public sealed class DatasetFactAttribute : FactAttribute
{
    public DatasetFactAttribute(string folder)
    {
        Folder = folder;
        if (Datasets.Find(folder) is null)
            Skip = $"dataset '{folder}' not found under ../shared/datasets (or ${Datasets.EnvironmentVariable}); this test needs it";
    }

    public string Folder { get; }
}
