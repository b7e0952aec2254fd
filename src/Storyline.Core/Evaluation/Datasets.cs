namespace Storyline.Evaluation;

/// <summary>
/// Finds the licensed datasets. They are never copied into the project: code reads them from
/// <c>../shared/datasets</c> beside the checkout, or from the folder named by <c>STORYLINE_DATASETS</c>.
/// </summary>
public static class Datasets
{
    public const string EnvironmentVariable = "STORYLINE_DATASETS";

    public static string? Root()
    {
        var fromEnv = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnv) && Directory.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "datasets"), Path.Combine(dir.FullName, "..", "shared", "datasets") })
                    if (Directory.Exists(candidate)) return Path.GetFullPath(candidate);
            }
        }
        return null;
    }

    /// <summary>The folder of one dataset, or null when it is not present on this machine.</summary>
    public static string? Find(string name)
    {
        var root = Root();
        if (root is null) return null;
        var path = Path.Combine(root, name);
        return Directory.Exists(path) ? path : null;
    }
}
