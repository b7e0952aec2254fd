using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using NodaTime;
using Storyline.Documents;

namespace Storyline.Stories;

/// <summary>An article or story centroid as unit vectors: all content words, and the specific names and numbers.</summary>
internal readonly record struct StoryVectors(SparseVector General, SparseVector Specific);

/// <summary>
/// What one <see cref="StoryIndex.Add"/> did: the story of each new article and of each stored article that moved
/// (cut away from its story into a new one), the stories it created, and the stored stories that gained or lost articles.
/// </summary>
public sealed record StoryUpdate(
    IReadOnlyDictionary<string, string> StoryOfArticle,
    IReadOnlyList<string> CreatedStories,
    IReadOnlyList<string> GrownStories);

/// <summary>
/// Stories built incrementally. <see cref="Add"/> takes a batch of articles and clusters them by average linkage
/// together with the stored stories they may belong to (each a cluster of its members' vectors that can grow but
/// never fuses with another story); new articles that no stored story takes become new stories. The refinement then
/// runs over every touched story, so new articles can also show that a stored story holds two events: the part
/// with the story's founding article keeps the id, and the other part becomes a new story.
/// <para>
/// Order independence: a batch is processed in canonical order (publication date, then content hash, then id),
/// IDF is computed from the whole batch before any comparison, articles are compared with the stories as they stood
/// before the batch, and the clustering breaks ties by canonical position. Shuffling a batch therefore gives the
/// same partition and the same story ids. Across batches the partition can differ from clustering everything at
/// once, because stored stories never fuse and a story's id never changes.
/// </para>
/// <para>
/// State (document count, document frequencies of hashed terms, and per story its id, title, member ids, date range,
/// the heaviest centroid terms and its latest members' raw term vectors) round-trips through <see cref="ToBytes"/> and <see cref="FromBytes"/>.
/// Story ids are <c>story-</c> plus the id of the story's first article in canonical order. A story's title is the
/// headline of its most central founding article that has one (the one closest to the centroid), or, when none has
/// a headline, the most central one's first sentence without its dateline, trimmed to 100 characters; it is fixed when the story is created, so it stays stable.
/// </para>
/// </summary>
public sealed class StoryIndex
{
    private const string Magic = "STORYIDX";
    /// <summary>
    /// 3: each member records whether its title is a headline. 2: stories keep their members' term vectors (format 1
    /// kept only centroids); format 2 still reads, its members counted as having no headline.
    /// </summary>
    public const int FormatVersion = 3;
    private const int OldestReadableFormat = 2;

    private int _documentCount;
    private readonly Dictionary<ulong, int> _documentFrequency = [];
    private readonly List<StoredStory> _stories = [];
    private readonly Dictionary<string, int> _storyOfArticle = new(StringComparer.Ordinal);

    public StoryIndex(StoryOptions? options = null) => Options = options ?? StoryOptions.Default;

    public StoryOptions Options { get; }

    public int DocumentCount => _documentCount;

    public IReadOnlyList<Story> Stories => _stories.Select(s => s.ToStory()).ToList();

    public string? StoryOf(string articleId) =>
        _storyOfArticle.TryGetValue(articleId, out var s) ? _stories[s].Id : null;

    public Story? Find(string storyId) => _stories.FirstOrDefault(s => s.Id == storyId)?.ToStory();

    public StoryUpdate Add(IEnumerable<AnalyzedArticle> articles) =>
        Add(articles.Select(a => StoryFeatures.Extract(a, Options)));

    /// <summary>Adds articles already turned into features. Articles whose id is already indexed are ignored.</summary>
    public StoryUpdate Add(IEnumerable<StoryDocument> documents)
    {
        var batch = documents
            .Where(d => !_storyOfArticle.ContainsKey(d.Id))
            .DistinctBy(d => d.Id)
            .Order(StoryDocument.CanonicalOrder)
            .ToArray();
        if (batch.Length == 0) return new StoryUpdate(new Dictionary<string, string>(), [], []);

        _documentCount += batch.Length;
        foreach (var d in batch)
            foreach (var key in d.AllKeys) _documentFrequency[key] = _documentFrequency.GetValueOrDefault(key) + 1;

        // The stored stories the batch may touch take part with their members' vectors, each story as one
        // cluster that can grow but not fuse with another, so that a new article joins a story on the same average
        // linkage it would have met had everything come in one batch, and new articles first find each other.
        var batchVectors = batch.Select(d => Weighted(d.Terms, d.Specific)).ToArray();
        var stored = CandidateStories(batch, batchVectors)
            .SelectMany(s => _stories[s].Members.Select(m => (Story: s, Doc: m)))
            .ToArray();
        int offset = stored.Length;
        var docs = stored.Select(x => x.Doc).Concat(batch).ToArray();
        var vectors = stored.Select(x => Weighted(x.Doc.Terms, x.Doc.Specific)).Concat(batchVectors).ToArray();
        var groups = stored.Select(x => x.Story).Concat(Enumerable.Repeat(-1, batch.Length)).ToArray();
        // A stored story starts as one cluster: only the refinement may cut it.
        var clusterOf = AverageLinkage.Cluster(docs.Length, Edges(docs, vectors), Options.LinkThreshold,
            scale: vectors.Select(ThresholdScale).ToArray(), groups: groups, together: groups);
        if (Options.SplitRatio > 0) clusterOf = SplitLooseClusters(clusterOf, docs, vectors, groups);

        // A stored story keeps its id in the part that holds its founding article (or, when that article's vector
        // is no longer kept, most of its members); stored members that the refinement cut away move to new stories.
        var clusters = Enumerable.Range(0, docs.Length).GroupBy(k => clusterOf[k]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToList();
        var clusterIndex = new int[docs.Length];
        for (int c = 0; c < clusters.Count; c++)
            foreach (var k in clusters[c]) clusterIndex[k] = c;
        var keeper = new Dictionary<int, int>();
        for (int k = 0; k < offset; k++)
            if (docs[k].Id == _stories[groups[k]].FoundingArticle) keeper[groups[k]] = clusterIndex[k];
        foreach (var story in Enumerable.Range(0, offset).Select(k => groups[k]).Distinct().Where(s => !keeper.ContainsKey(s)).ToList())
            keeper[story] = Enumerable.Range(0, offset).Where(k => groups[k] == story)
                .GroupBy(k => clusterIndex[k]).MaxBy(g => (g.Count(), -g.Key))!.Key;

        var assignment = new Dictionary<string, string>(StringComparer.Ordinal);
        var grown = new SortedSet<int>();
        var created = new List<string>();
        for (int c = 0; c < clusters.Count; c++)
        {
            var cluster = clusters[c];
            int storyIndex = cluster.Where(k => k < offset).Select(k => groups[k]).FirstOrDefault(s => keeper[s] == c, -1);
            var moving = cluster.Where(k => k >= offset || (storyIndex < 0 && k < offset)).ToArray();
            if (moving.Length == 0) continue;
            if (storyIndex >= 0) grown.Add(storyIndex);
            else
            {
                foreach (var left in moving.Where(k => k < offset).GroupBy(k => groups[k]))
                {
                    _stories[left.Key].Remove(left.Select(k => docs[k].Id).ToHashSet(StringComparer.Ordinal));
                    grown.Add(left.Key);
                }
                var centroid = new StoryVectors(Sum(moving.Select(m => vectors[m].General)), Sum(moving.Select(m => vectors[m].Specific)));
                // The most central article that has a headline names the story; a lead sentence only when none has one.
                int central = moving.MaxBy(m => (docs[m].HasHeadline, Similarity(vectors[m], centroid), -m))!;
                var first = moving.Select(m => docs[m]).Order(StoryDocument.CanonicalOrder).First();
                _stories.Add(new StoredStory("story-" + first.Id, first.Id, docs[central].DisplayTitle));
                storyIndex = _stories.Count - 1;
                created.Add(_stories[storyIndex].Id);
            }
            var target = _stories[storyIndex];
            foreach (var m in moving)
            {
                target.Add(docs[m], Options);
                _storyOfArticle[docs[m].Id] = storyIndex;
                assignment[docs[m].Id] = target.Id;
            }
        }
        grown.ExceptWith(Enumerable.Range(_stories.Count - created.Count, created.Count));
        return new StoryUpdate(assignment, created, grown.Select(s => _stories[s].Id).ToList());
    }

    private double Idf(ulong key) =>
        Math.Log((_documentCount + 1.0) / (_documentFrequency.GetValueOrDefault(key) + 1.0)) + 1.0;

    private StoryVectors Weighted(SparseVector terms, SparseVector specific) =>
        new(terms.Weighted(Idf).Normalized(), specific.Weighted(Idf).Normalized());

    /// <summary>
    /// Cosine over all content words blended with cosine over names and numbers
    /// (<see cref="StoryOptions.SpecificShare"/>); when either side has no names or numbers, the content cosine alone.
    /// Both vectors are unit length or empty, so the result lies in [0, 1].
    /// </summary>
    internal double Similarity(StoryVectors a, StoryVectors b) => Similarity(a.General.Dot(b.General), a, b);

    private double Similarity(double general, StoryVectors a, StoryVectors b)
    {
        if (a.Specific.Count == 0 || b.Specific.Count == 0) return general;
        return (1 - Options.SpecificShare) * general + Options.SpecificShare * a.Specific.Dot(b.Specific);
    }

    /// <summary>
    /// The stored stories that may take a new article: per article, the <see cref="StoryOptions.CandidateStories"/>
    /// whose centroid is most similar (with the time term), when at least <see cref="StoryOptions.MinimumEdge"/>.
    /// </summary>
    private SortedSet<int> CandidateStories(StoryDocument[] batch, StoryVectors[] vectors)
    {
        var candidates = new SortedSet<int>();
        if (_stories.Count == 0 || Options.CandidateStories <= 0) return candidates;

        var centroids = _stories.Select(s => Weighted(s.Centroid(), s.SpecificCentroid())).ToArray();
        var postings = new Dictionary<ulong, List<int>>();
        for (int s = 0; s < centroids.Length; s++)
            foreach (var key in centroids[s].General.Keys)
            {
                if (!postings.TryGetValue(key, out var list)) postings[key] = list = [];
                list.Add(s);
            }
        var seen = new HashSet<int>();
        var best = new PriorityQueue<int, (double, int)>();
        for (int i = 0; i < batch.Length; i++)
        {
            seen.Clear();
            best.Clear();
            foreach (var key in vectors[i].General.Keys)
            {
                if (!postings.TryGetValue(key, out var list)) continue;
                foreach (var s in list)
                {
                    if (!seen.Add(s)) continue;
                    double sim = Similarity(vectors[i], centroids[s]) * TimeFactor(batch[i].Date, _stories[s].First, _stories[s].Last);
                    if (sim < Options.MinimumEdge) continue;
                    if (best.Count < Options.CandidateStories) best.Enqueue(s, (sim, -s));
                    else best.EnqueueDequeue(s, (sim, -s));
                }
            }
            while (best.TryDequeue(out var s, out _)) candidates.Add(s);
        }
        return candidates;
    }

    /// <summary>
    /// Similarity edges between articles of the batch, found through an inverted index so that only pairs that
    /// share a term are scored, and thinned to each article's strongest neighbours so that linkage stays fast. Terms in more than <see cref="StoryOptions.MaxPostings"/> articles are skipped when
    /// finding candidates and scoring them (their IDF is low), which keeps the cost near-linear on large batches.
    /// </summary>
    private IEnumerable<(int, int, double)> Edges(StoryDocument[] docs, StoryVectors[] vectors)
    {
        var nearest = new PriorityQueue<(int, double), (double, int)>?[vectors.Length];
        var days = docs.Select(d => DayNumber(d.Date)).ToArray();
        var postings = new Dictionary<ulong, List<(int Doc, float Weight)>>();
        for (int i = 0; i < vectors.Length; i++)
        {
            var keys = vectors[i].General.Keys;
            var values = vectors[i].General.Values;
            for (int k = 0; k < keys.Length; k++)
            {
                if (!postings.TryGetValue(keys[k], out var list)) postings[keys[k]] = list = [];
                list.Add((i, values[k]));
            }
        }
        var partial = new double[vectors.Length];
        var touched = new List<int>();
        for (int i = 0; i < vectors.Length; i++)
        {
            var keys = vectors[i].General.Keys;
            var values = vectors[i].General.Values;
            for (int k = 0; k < keys.Length; k++)
            {
                var list = postings[keys[k]];
                if (list.Count > Options.MaxPostings) continue;
                // Postings are in document order: start after i.
                int first = list.BinarySearch((i, float.MaxValue), PostingOrder);
                for (int p = first < 0 ? ~first : first + 1; p < list.Count; p++)
                {
                    var (j, weight) = list[p];
                    if (partial[j] == 0) touched.Add(j);
                    partial[j] += values[k] * weight;
                }
            }
            touched.Sort();
            foreach (var j in touched)
            {
                double candidate = partial[j];
                partial[j] = 0;
                if (candidate < Options.MinimumEdge / 2) continue;
                // The accumulated dot product is the content cosine, less the terms skipped as too common.
                double sim = Similarity(candidate, vectors[i], vectors[j]) * TimeFactor(days[i], days[j], days[j]);
                if (sim < Options.MinimumEdge) continue;
                Offer(nearest, i, j, sim);
                Offer(nearest, j, i, sim);
            }
            touched.Clear();
        }
        // Keep an edge when it is among the strongest of either end (a symmetric k-nearest-neighbour graph).
        var edges = new Dictionary<(int, int), double>();
        for (int i = 0; i < nearest.Length; i++)
        {
            if (nearest[i] is not { } heap) continue;
            foreach (var (j, sim) in heap.UnorderedItems.Select(x => x.Element))
                edges[(Math.Min(i, j), Math.Max(i, j))] = sim;
        }
        return edges.OrderBy(e => e.Key.Item1).ThenBy(e => e.Key.Item2).Select(e => (e.Key.Item1, e.Key.Item2, e.Value));
    }

    /// <summary>Keeps the <see cref="StoryOptions.MaxNeighbours"/> most similar neighbours of each article (ties: lower index).</summary>
    private void Offer(PriorityQueue<(int, double), (double, int)>?[] nearest, int of, int neighbour, double sim)
    {
        var heap = nearest[of] ??= new PriorityQueue<(int, double), (double, int)>();
        var priority = (sim, -neighbour);
        if (heap.Count < Options.MaxNeighbours) heap.Enqueue((neighbour, sim), priority);
        else if (heap.TryPeek(out _, out var weakest) && priority.CompareTo(weakest) > 0) heap.EnqueueDequeue((neighbour, sim), priority);
    }

    /// <summary>
    /// Short texts (headlines) share fewer words even when they report the same story, so their threshold is lowered
    /// in proportion to the square root of their term count below <see cref="StoryOptions.ShortTextTerms"/>.
    /// </summary>
    private double ThresholdScale(StoryVectors v) =>
        Options.ShortTextTerms <= 0 ? 1 : Math.Min(1, Math.Sqrt(Math.Max(1, v.General.Count) / (double)Options.ShortTextTerms));

    /// <summary>
    /// Refinement: each cluster is cut in two by average linkage within it, and the cut is kept when the two parts
    /// are much more alike inside than across (linkage across below <see cref="StoryOptions.SplitRatio"/> times the
    /// looser part's cohesion). This separates two events of the same kind (two rehab check-ins, two title defences)
    /// that the bottom-up pass joined because they share their event words. Parts are cut again, a few levels deep.
    /// The cut is found with the within-cluster weights (<see cref="LocalVectors"/>), where the shared event words no
    /// longer pull the two events together, and judged with the index's weights, where chance differences between
    /// reports of one event stay small beside what they share.
    /// </summary>
    private int[] SplitLooseClusters(int[] clusterOf, StoryDocument[] docs, StoryVectors[] vectors, int[] groups)
    {
        var result = (int[])clusterOf.Clone();
        var pending = new Queue<(int[] Members, int Depth)>(
            Enumerable.Range(0, clusterOf.Length).GroupBy(i => clusterOf[i]).OrderBy(g => g.Key).Select(g => (g.ToArray(), 0)));
        while (pending.TryDequeue(out var item))
        {
            var (members, depth) = item;
            if (members.Length < 2 * Options.SplitMinimumPart || members.Length > Options.SplitMaximumCluster || depth >= 3) continue;
            if (members.All(m => groups[m] >= 0)) continue; // a stored story that the batch did not touch
            var local = LocalVectors(members.Select(m => vectors[m]).ToArray());
            var similarity = new double[members.Length, members.Length];
            var contrast = new double[members.Length, members.Length];
            for (int a = 0; a < members.Length; a++)
                for (int b = a + 1; b < members.Length; b++)
                {
                    int i = members[a], j = members[b];
                    double time = TimeFactor(docs[i].Date, docs[j].Date, docs[j].Date);
                    similarity[a, b] = similarity[b, a] = Similarity(vectors[i], vectors[j]) * time;
                    contrast[a, b] = contrast[b, a] = Similarity(local[a], local[b]) * time;
                }
            var (partA, partB) = BestCut(contrast);
            if (partA.Length < Options.SplitMinimumPart || partB.Length < Options.SplitMinimumPart) continue;
            double Mean(IEnumerable<(int, int)> pairs) { var list = pairs.ToList(); return list.Count == 0 ? 0 : list.Average(p => similarity[p.Item1, p.Item2]); }
            double cohesionA = Mean(from x in partA from y in partA where x < y select (x, y));
            double cohesionB = Mean(from x in partB from y in partB where x < y select (x, y));
            double across = Mean(from x in partA from y in partB select (x, y));
            if (across >= Options.SplitRatio * Math.Min(cohesionA, cohesionB)) continue;
            int firstB = members[partB[0]];
            foreach (var k in partB) result[members[k]] = firstB;
            pending.Enqueue((partA.Select(k => members[k]).ToArray(), depth + 1));
            pending.Enqueue((partB.Select(k => members[k]).ToArray(), depth + 1));
        }
        return result;
    }

    /// <summary>
    /// The cluster's vectors reweighted by how rare each term is inside the cluster: what all members share (the
    /// kind of event) tells nothing about where to cut, while the names and numbers only some members carry do.
    /// </summary>
    private StoryVectors[] LocalVectors(StoryVectors[] members)
    {
        if (Options.SplitLocalWeight <= 0) return members;
        var df = new Dictionary<ulong, int>();
        foreach (var v in members)
        {
            foreach (var k in v.General.Keys) df[k] = df.GetValueOrDefault(k) + 1;
            foreach (var k in v.Specific.Keys) df[k] = df.GetValueOrDefault(k) + 1;
        }
        double n = members.Length;
        double Weight(ulong key) => Math.Pow(Math.Log((n + 1) / df[key]), Options.SplitLocalWeight);
        return members.Select(v => new StoryVectors(v.General.Weighted(Weight).Normalized(), v.Specific.Weighted(Weight).Normalized())).ToArray();
    }

    /// <summary>
    /// The two-part cut of a cluster by average linkage (local indices, part A holding index 0). A stored story in
    /// the cluster may be cut too: new articles can show that it holds two events.
    /// </summary>
    private static (int[] A, int[] B) BestCut(double[,] similarity)
    {
        int n = similarity.GetLength(0);
        var edges = new List<(int, int, double)>();
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++) edges.Add((a, b, similarity[a, b]));
        var halves = AverageLinkage.Cluster(n, edges, double.NegativeInfinity, stopAt: 2);
        return (Enumerable.Range(0, n).Where(k => halves[k] == 0).ToArray(), Enumerable.Range(0, n).Where(k => halves[k] != 0).ToArray());
    }

    private static readonly IComparer<(int Doc, float Weight)> PostingOrder =
        Comparer<(int Doc, float Weight)>.Create((x, y) => x.Doc.CompareTo(y.Doc));

    /// <summary>
    /// 1 when either date is unknown or the dates are within the grace period of the range [first, last];
    /// otherwise an exponential decay with the days beyond it.
    /// </summary>
    internal double TimeFactor(LocalDate? date, LocalDate? first, LocalDate? last) =>
        TimeFactor(DayNumber(date), DayNumber(first), DayNumber(last));

    private double TimeFactor(int? date, int? first, int? last)
    {
        if (date is not { } d || first is not { } f || last is not { } l) return 1;
        int days = d < f ? f - d : d > l ? d - l : 0;
        int beyond = days - Options.TimeGraceDays;
        return beyond <= 0 ? 1 : Math.Exp(-beyond / Options.TimeDecayDays);
    }

    private static readonly LocalDate DayZero = new(1970, 1, 1);

    private static int? DayNumber(LocalDate? date) => date is { } d ? Period.DaysBetween(DayZero, d) : null;

    private static SparseVector Sum(IEnumerable<SparseVector> vectors)
    {
        var sum = new Dictionary<ulong, double>();
        foreach (var v in vectors)
            for (int k = 0; k < v.Count; k++) sum[v.Keys[k]] = sum.GetValueOrDefault(v.Keys[k]) + v.Values[k];
        return SparseVector.From(sum);
    }

    /// <summary>The index state as bytes (gzip-compressed, versioned), for storing as a blob.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var w = new BinaryWriter(gzip, Encoding.UTF8))
        {
            w.Write(Magic);
            w.Write(FormatVersion);
            w.Write(_documentCount);
            w.Write(_documentFrequency.Count);
            foreach (var (key, df) in _documentFrequency.OrderBy(kv => kv.Key))
            {
                w.Write(key);
                w.Write(df);
            }
            w.Write(_stories.Count);
            foreach (var s in _stories) s.Write(w);
        }
        return buffer.ToArray();
    }

    /// <summary>Restores an index saved with <see cref="ToBytes"/>; fails with a reason on foreign or damaged bytes.</summary>
    public static Outcome<StoryIndex> FromBytes(ReadOnlySpan<byte> bytes, StoryOptions? options = null)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes.ToArray()), CompressionMode.Decompress);
            using var r = new BinaryReader(gzip, Encoding.UTF8);
            if (r.ReadString() != Magic) return Outcome<StoryIndex>.Fail("not a story index");
            int version = r.ReadInt32();
            if (version is < OldestReadableFormat or > FormatVersion)
                return Outcome<StoryIndex>.Fail(version < OldestReadableFormat
                    ? $"story index format {version} is from an older Storyline (this one reads formats {OldestReadableFormat}–{FormatVersion}, which keep each story's article vectors); rebuild the index by analysing the collection again"
                    : $"story index format {version} is not supported (expected {OldestReadableFormat}–{FormatVersion})");
            var index = new StoryIndex(options) { _documentCount = r.ReadInt32() };
            int terms = r.ReadInt32();
            for (int i = 0; i < terms; i++) index._documentFrequency[r.ReadUInt64()] = r.ReadInt32();
            int stories = r.ReadInt32();
            for (int s = 0; s < stories; s++)
            {
                var story = StoredStory.Read(r, version);
                index._stories.Add(story);
                foreach (var id in story.ArticleIds) index._storyOfArticle[id] = s;
            }
            return Outcome<StoryIndex>.Ok(index);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException)
        {
            return Outcome<StoryIndex>.Fail($"story index is damaged: {e.Message}");
        }
    }

    /// <summary>
    /// One story's persistent state: the centroid (the sum of its members' unit vectors, pruned) finds candidate
    /// stories for new articles; the raw vectors of its latest members (at most
    /// <see cref="StoryOptions.StoredArticleVectors"/>) give the linkage and the refinement across batches.
    /// </summary>
    private sealed class StoredStory(string id, string foundingArticle, string title)
    {
        private static readonly LocalDate Epoch = new(1970, 1, 1);

        public string Id { get; } = id;
        public string Title { get; } = title;

        /// <summary>The article the id comes from: the part of a cut story that holds it keeps the id.</summary>
        public string FoundingArticle { get; } = foundingArticle;
        public List<string> ArticleIds { get; } = [];
        public List<StoryDocument> Members { get; } = [];
        public LocalDate? First { get; private set; }
        public LocalDate? Last { get; private set; }
        private Dictionary<ulong, double> _termSums = [];
        private Dictionary<ulong, double> _specificSums = [];

        public Story ToStory() => new(Id, Title, [.. ArticleIds]);

        /// <summary>Raw (pre-IDF) centroid direction; IDF is applied at query time so it follows the current statistics.</summary>
        public SparseVector Centroid() => SparseVector.From(_termSums);

        public SparseVector SpecificCentroid() => SparseVector.From(_specificSums);

        public void Add(StoryDocument doc, StoryOptions options)
        {
            int maxTerms = options.CentroidTerms;
            ArticleIds.Add(doc.Id);
            Members.Add(doc);
            if (Members.Count > options.StoredArticleVectors) Members.RemoveRange(0, Members.Count - options.StoredArticleVectors);
            if (doc.Date is { } d)
            {
                if (First is null || d < First) First = d;
                if (Last is null || d > Last) Last = d;
            }
            _termSums = Accumulate(_termSums, doc.Terms, maxTerms);
            _specificSums = Accumulate(_specificSums, doc.Specific, maxTerms);
        }

        /// <summary>Takes articles out (cut away into a new story); the centroid loses their share.</summary>
        public void Remove(HashSet<string> ids)
        {
            ArticleIds.RemoveAll(ids.Contains);
            foreach (var m in Members.Where(m => ids.Contains(m.Id)))
            {
                Subtract(_termSums, m.Terms);
                Subtract(_specificSums, m.Specific);
            }
            Members.RemoveAll(m => ids.Contains(m.Id));
            var dates = Members.Where(m => m.Date is not null).Select(m => m.Date!.Value).ToList();
            First = dates.Count > 0 ? dates.Min() : null;
            Last = dates.Count > 0 ? dates.Max() : null;
        }

        private static void Subtract(Dictionary<ulong, double> sums, SparseVector raw)
        {
            raw = raw.Normalized();
            for (int k = 0; k < raw.Count; k++)
                if (sums.TryGetValue(raw.Keys[k], out var v))
                {
                    if (v - raw.Values[k] > 1e-6) sums[raw.Keys[k]] = v - raw.Values[k];
                    else sums.Remove(raw.Keys[k]);
                }
        }

        private static Dictionary<ulong, double> Accumulate(Dictionary<ulong, double> sums, SparseVector raw, int maxTerms)
        {
            raw = raw.Normalized();
            for (int k = 0; k < raw.Count; k++) sums[raw.Keys[k]] = sums.GetValueOrDefault(raw.Keys[k]) + raw.Values[k];
            return sums.Count > maxTerms * 2
                ? sums.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(maxTerms).ToDictionary()
                : sums;
        }

        public void Write(BinaryWriter w)
        {
            w.Write(Id);
            w.Write(FoundingArticle);
            w.Write(Title);
            w.Write(ArticleIds.Count);
            foreach (var a in ArticleIds) w.Write(a);
            w.Write(First is { } f ? Period.DaysBetween(Epoch, f) : int.MinValue);
            w.Write(Last is { } l ? Period.DaysBetween(Epoch, l) : int.MinValue);
            WriteSums(w, _termSums);
            WriteSums(w, _specificSums);
            w.Write(Members.Count);
            foreach (var m in Members)
            {
                w.Write(m.Id);
                w.Write(m.Date is { } d ? Period.DaysBetween(Epoch, d) : int.MinValue);
                w.Write(m.ContentHash);
                w.Write(m.DisplayTitle);
                w.Write(m.HasHeadline);
                WriteVector(w, m.Terms);
                WriteVector(w, m.Specific);
            }
        }

        private static void WriteVector(BinaryWriter w, SparseVector v)
        {
            w.Write(v.Count);
            for (int k = 0; k < v.Count; k++)
            {
                w.Write(v.Keys[k]);
                w.Write(v.Values[k]);
            }
        }

        private static SparseVector ReadVector(BinaryReader r)
        {
            int count = r.ReadInt32();
            var pairs = new KeyValuePair<ulong, double>[count];
            for (int k = 0; k < count; k++) pairs[k] = new(r.ReadUInt64(), r.ReadSingle());
            return SparseVector.From(pairs);
        }

        private static void WriteSums(BinaryWriter w, Dictionary<ulong, double> sums)
        {
            w.Write(sums.Count);
            foreach (var (key, value) in sums.OrderBy(kv => kv.Key))
            {
                w.Write(key);
                w.Write(value);
            }
        }

        private static void ReadSums(BinaryReader r, Dictionary<ulong, double> sums)
        {
            int terms = r.ReadInt32();
            for (int i = 0; i < terms; i++) sums[r.ReadUInt64()] = r.ReadDouble();
        }

        public static StoredStory Read(BinaryReader r, int version)
        {
            var story = new StoredStory(r.ReadString(), r.ReadString(), r.ReadString());
            int members = r.ReadInt32();
            for (int i = 0; i < members; i++) story.ArticleIds.Add(r.ReadString());
            int first = r.ReadInt32(), last = r.ReadInt32();
            story.First = first == int.MinValue ? null : Epoch.PlusDays(first);
            story.Last = last == int.MinValue ? null : Epoch.PlusDays(last);
            ReadSums(r, story._termSums);
            ReadSums(r, story._specificSums);
            int vectors = r.ReadInt32();
            for (int i = 0; i < vectors; i++)
            {
                var id = r.ReadString();
                int day = r.ReadInt32();
                string hash = r.ReadString(), title = r.ReadString();
                bool hasHeadline = version >= 3 && r.ReadBoolean();
                story.Members.Add(new StoryDocument(id, day == int.MinValue ? null : Epoch.PlusDays(day), hash, ReadVector(r), ReadVector(r), title, hasHeadline));
            }
            return story;
        }
    }
}
