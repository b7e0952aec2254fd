namespace Storyline.Tests.Language;

/// <summary>Finds golden-file specs copied beside the test assembly.</summary>
internal static class SpecFiles
{
    public static string Folder(string feature) => Path.Combine(AppContext.BaseDirectory, "Specs", feature);

    public static IEnumerable<object[]> Cases(string feature) =>
        Directory.EnumerateFiles(Folder(feature), "*.txt").Order().Select(f => new object[] { Path.GetFileName(f) });
}
