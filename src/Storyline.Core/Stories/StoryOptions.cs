namespace Storyline.Stories;

/// <summary>
/// The knobs of story clustering and near-duplicate detection. One setting serves full articles and headlines:
/// tuned on ECB+ topics 1-35, checked on the UCI headline subset and the seeds; see <c>docs/accuracy-stories.md</c>.
/// </summary>
public sealed record StoryOptions
{
    public static readonly StoryOptions Default = new();

    /// <summary>Average-linkage clustering stops when the best pair of clusters is less similar than this.</summary>
    public double LinkThreshold { get; init; } = 0.25;

    /// <summary>
    /// Refinement: a cluster is cut in two when the linkage across the cut is below this share of the looser part's
    /// cohesion; 0 turns refinement off.
    /// </summary>
    public double SplitRatio { get; init; } = 0.6;

    /// <summary>Each part of a refinement cut must hold at least this many articles.</summary>
    public int SplitMinimumPart { get; init; } = 3;

    /// <summary>
    /// Exponent of the within-cluster IDF (ln((n + 1) / df) over the cluster's n articles) by which the refinement finds
    /// its cut; 0 finds it with the index's weights.
    /// </summary>
    public double SplitLocalWeight { get; init; } = 1;

    /// <summary>Clusters larger than this are not refined (the cut costs the square of the cluster size).</summary>
    public int SplitMaximumCluster { get; init; } = 400;

    /// <summary>
    /// Texts with fewer content terms than this (headlines, briefs) get a proportionally lower link threshold
    /// (by the square root of the ratio); 0 turns this off.
    /// </summary>
    public int ShortTextTerms { get; init; } = 80;

    /// <summary>
    /// Per new article, this many stored stories (those with the most similar centroids) take part in the clustering
    /// of a later batch with their members' vectors; 0 keeps stored stories out (every batch starts new stories).
    /// </summary>
    public int CandidateStories { get; init; } = 5;

    /// <summary>
    /// A stored story keeps the term vectors of at most this many of its latest articles, which the linkage and the
    /// refinement of later batches compare with (the refinement skips larger clusters anyway).
    /// </summary>
    public int StoredArticleVectors { get; init; } = 400;

    /// <summary>Pairs of articles below this similarity are not kept as graph edges (they count as 0 in the linkage).</summary>
    public double MinimumEdge { get; init; } = 0.03;

    /// <summary>Extra weight of a token that is part of a named person, place or organisation.</summary>
    public double EntityWeight { get; init; } = 1.5;

    /// <summary>
    /// Share of the similarity that comes from the specific facts (names and numbers) rather than all content
    /// words: two reports of the same kind of event share the event words but differ in who, where and when.
    /// </summary>
    public double SpecificShare { get; init; } = 0.5;

    /// <summary>Extra weight of words in the title, or in the lead sentence when there is no title.</summary>
    public double TitleWeight { get; init; } = 1.0;

    /// <summary>Weight of numbers (years, counts, magnitudes) mentioned in the text.</summary>
    public double NumberWeight { get; init; } = 2.0;

    /// <summary>Weight of the words of the article's URL path (slugs often restate the headline and the date).</summary>
    public double UrlWeight { get; init; } = 1.0;

    /// <summary>Publication dates this many days apart or closer do not lower the similarity.</summary>
    public int TimeGraceDays { get; init; } = 3;

    /// <summary>Beyond the grace period, similarity decays as exp(-(days - grace) / this).</summary>
    public double TimeDecayDays { get; init; } = 30;

    /// <summary>Each article keeps edges to at most this many most similar articles (plus those that keep it).</summary>
    public int MaxNeighbours { get; init; } = 100;

    /// <summary>Terms in more of the batch's articles than this are ignored when finding candidate pairs (they carry little weight).</summary>
    public int MaxPostings { get; init; } = 1000;

    /// <summary>A stored story keeps at most this many centroid terms (the heaviest), to bound the saved state.</summary>
    public int CentroidTerms { get; init; } = 400;

    /// <summary>MinHash signature length and LSH banding (bands × rows = signature length).</summary>
    public int MinHashBands { get; init; } = 20;
    public int MinHashRows { get; init; } = 5;

    /// <summary>Words per shingle for near-duplicate detection.</summary>
    public int ShingleSize { get; init; } = 4;

    /// <summary>
    /// Estimated Jaccard similarity of word shingles from which two articles count as near-duplicates (wire copies
    /// with a changed sentence or two, a different dateline or byline). With 20 bands of 5 rows, pairs at 0.8 are
    /// found with probability above 0.999 and pairs at 0.4 rarely become candidates.
    /// </summary>
    public double NearDuplicateThreshold { get; init; } = 0.8;
}
