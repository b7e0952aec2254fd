namespace Storyline.Learning;

/// <summary>What the user asked a trainer to do.</summary>
/// <param name="DatasetsRoot">The folder holding the datasets (normally <c>../shared/datasets</c>).</param>
/// <param name="OutputPath">Where to write the model file.</param>
public sealed record TrainingRequest(string DatasetsRoot, string OutputPath, int Seed = 17)
{
    public IProgress<string>? Progress { get; init; }
    /// <summary>
    /// Train on the training parts minus a development fold and report on that fold instead of the held-out part,
    /// so that settings and rules are chosen without looking at held-out data (trainers that support it).
    /// </summary>
    public bool Development { get; init; }
}

/// <summary>One trainable model, rebuilt by <c>storyline train &lt;model&gt;</c>. Training is deterministic for a seed.</summary>
public interface ITrainer
{
    /// <summary>The model name; the file is <c>models/&lt;name&gt;.stlm</c>.</summary>
    string Model { get; }
    string Description { get; }
    /// <summary>Trains, saves the model, and returns a summary of its evaluation on held-out data.</summary>
    Outcome<string> Train(TrainingRequest request);
}
