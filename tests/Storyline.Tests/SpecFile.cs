namespace Storyline.Tests;

/// <summary>
/// A golden-file spec: sections introduced by a line <c>--- name</c>, each holding text up to the next
/// section. Lines before the first section are a comment saying what the spec shows.
/// </summary>
public sealed class SpecFile
{
    private readonly Dictionary<string, string> _sections;

    private SpecFile(string name, Dictionary<string, string> sections)
    {
        Name = name;
        _sections = sections;
    }

    public string Name { get; }

    public string this[string section] => _sections.TryGetValue(section, out var text)
        ? text
        : throw new KeyNotFoundException($"spec '{Name}' has no '--- {section}' section");

    public bool Has(string section) => _sections.ContainsKey(section);

    /// <summary>The section's non-empty lines.</summary>
    public IReadOnlyList<string> Lines(string section) =>
        Has(section) ? this[section].Split('\n').Where(l => l.Trim().Length > 0).ToList() : [];

    public static SpecFile Load(string path)
    {
        var sections = new Dictionary<string, string>();
        string? current = null;
        var buffer = new List<string>();
        foreach (var line in File.ReadAllText(path).Replace("\r\n", "\n").Split('\n'))
        {
            if (line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (current is not null) sections[current] = string.Join("\n", buffer).TrimEnd('\n');
                current = line[4..].Trim();
                buffer.Clear();
            }
            else if (current is not null)
            {
                buffer.Add(line);
            }
        }
        if (current is not null) sections[current] = string.Join("\n", buffer).TrimEnd('\n');
        return new SpecFile(Path.GetFileNameWithoutExtension(path), sections);
    }

    /// <summary>Every spec in a folder under Specs/, as xunit theory data (one row per file name).</summary>
    public static IEnumerable<object[]> All(string folder) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Specs", folder), "*.spec")
            .Order(StringComparer.Ordinal)
            .Select(p => new object[] { Path.GetFileName(p) });

    public static SpecFile Named(string folder, string file) => Load(Path.Combine(AppContext.BaseDirectory, "Specs", folder, file));
}
