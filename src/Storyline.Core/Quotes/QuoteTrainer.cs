using System.Globalization;
using Storyline.Language;
using Storyline.Language.Pos;
using Storyline.Language.Sentences;
using Storyline.Language.Tokenization;
using Storyline.Learning;

namespace Storyline.Quotes;

/// <summary>
/// Trains models/quotes.stlm (<see cref="QuoteModel"/>) on PolNeAR <c>train</c> only: the <see cref="CueTagger"/>,
/// then the <see cref="AttributionFilter"/> and the <see cref="ContentBoundaryModel"/> on the candidates the rules propose. The filter must see candidates from
/// a tagger that did not learn their own text, or it would trust the tagger too much: the training texts are cut in
/// two halves, and each half's candidates come from a tagger trained on the other half. Sentences come from our own
/// tokenizer and splitter and tags from our own POS tagger, as at run time.
/// </summary>
public sealed class QuoteTrainer : ITrainer
{
    public const int TaggerEpochs = 6;
    public const int FilterEpochs = 10;
    /// <summary>Averaged tagger weights smaller than this are dropped; measured on dev, it costs nothing.</summary>
    public const float Prune = 0.05f;
    public const string Dataset = "polnear";

    public string Model => QuoteModel.ModelName;
    public string Description => "Quote attribution: cue tagger (B/I/O) and attribution filter, averaged perceptrons on PolNeAR train";

    private sealed record TrainingText(PolnearDocument Document, Token[] Tokens, Sentence[] Sentences, int[] CueLabels);

    public Outcome<string> Train(TrainingRequest request)
    {
        var folder = Path.Combine(request.DatasetsRoot, Dataset);
        var read = Polnear.Read(folder, "train");
        if (!read.TryGetValue(out var documents)) return Outcome<string>.Fail(read.Problem!);
        if (!PosTagger.Shipped.TryGetValue(out var pos)) return Outcome<string>.Fail("the POS model is needed: train it first with 'storyline train pos'");
        var texts = documents.Select(d => Prepare(d, pos)).ToList();
        request.Progress?.Report($"{texts.Count} training texts, {texts.Sum(t => t.Sentences.Length)} sentences");
        var lexicon = CueLexicon.Default;

        // Candidates for the filter, each half tagged by a tagger trained on the other half.
        var halves = new[] { texts.Where((_, i) => i % 2 == 0).ToList(), texts.Where((_, i) => i % 2 == 1).ToList() };
        var examples = new List<(ulong[] Features, int Keep)>();
        var endExamples = new List<(IReadOnlyList<BoundaryOption> Options, int Gold)>();
        for (int h = 0; h < 2; h++)
        {
            var tagger = TrainTagger(halves[1 - h], lexicon, request.Seed, null);
            var finder = new AttributionFinder(lexicon);
            foreach (var text in halves[h])
            {
                var all = finder.Candidates(text.Document.Text, text.Tokens, text.Sentences, tagger);
                var candidates = all.Where(c => c.Origin != CandidateOrigin.Direct).ToList();
                examples.AddRange(candidates.Select(c => (c.Features, Label(text.Document, c.Attribution))));
                foreach (var c in candidates)
                    if (c.Boundaries is { Count: > 1 } options && (GoldSpan(text.Document, options, g => g.Content) ?? GoldEnd(text.Document, options, c.Attribution)) is int gold)
                        endExamples.Add((options, gold));
                foreach (var c in candidates)
                    if (c.LeadOptions is { Count: > 1 } options && GoldStart(text.Document, options) is int gold) endExamples.Add((options, gold));
                foreach (var c in all)
                    if (c.CueOptions is { Count: > 1 } options && GoldSpan(text.Document, options, g => g.Cue) is int gold) endExamples.Add((options, gold));
            }
            request.Progress?.Report($"half {h + 1}: {examples.Count} candidate attributions, {endExamples.Count} with a gold cue or content among their span options");
        }
        var filter = new AttributionFilter(new AveragedPerceptron(AttributionFilter.Classes, WeightPrecision.Half));
        var random = new Random(request.Seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        for (int epoch = 1; epoch <= FilterEpochs; epoch++)
        {
            random.Shuffle(order);
            int correct = 0;
            foreach (var index in order)
            {
                var (features, keep) = examples[index];
                int guess = filter.Perceptron.Predict(features);
                filter.Perceptron.Tick();
                filter.Perceptron.Update(keep, guess, features);
                if (guess == keep) correct++;
            }
            request.Progress?.Report($"filter epoch {epoch}: {100.0 * correct / Math.Max(1, examples.Count):0.00}% of candidates right");
        }
        filter.Perceptron.Average();

        var ends = new ContentBoundaryModel(new AveragedPerceptron(AttributionFilter.Classes, WeightPrecision.Half));
        var endOrder = Enumerable.Range(0, endExamples.Count).ToArray();
        for (int epoch = 1; epoch <= FilterEpochs; epoch++)
        {
            random.Shuffle(endOrder);
            int correct = 0;
            foreach (var index in endOrder)
            {
                var (options, gold) = endExamples[index];
                int guess = ends.Best(options);
                ends.Perceptron.Tick();
                if (guess == gold) { correct++; continue; }
                // A ranking update: the gold end's features up, the chosen end's down.
                ends.Perceptron.Update(1, 0, options[gold].Features);
                ends.Perceptron.Update(0, 1, options[guess].Features);
            }
            request.Progress?.Report($"content-boundary epoch {epoch}: {100.0 * correct / Math.Max(1, endExamples.Count):0.00}% of content spans right");
        }
        ends.Perceptron.Average();

        var cues = TrainTagger(texts, lexicon, request.Seed, request.Progress);
        if (request.Progress is { } progress && Polnear.Read(folder, "dev").TryGetValue(out var dev))
            progress.Report(TaggerScore(dev.Select(d => Prepare(d, pos)).ToList(), cues, lexicon));
        var model = new QuoteModel(cues, filter, ends);
        var header = new ModelHeader(QuoteModel.ModelKind, QuoteModel.Version,
            $"averaged perceptrons: cue tagger B/I/O {TaggerEpochs} epochs prune {Prune}; filter and content-end ranker {FilterEpochs} epochs on two-fold candidates; seed {request.Seed}",
            "PolNeAR train");
        model.Save(request.OutputPath, header);
        int kept = examples.Count(e => e.Keep == 1);
        return Outcome<string>.Ok(string.Create(CultureInfo.InvariantCulture,
            $"quotes model: cue tagger {cues.Perceptron.FeatureCount} features, filter {filter.Perceptron.FeatureCount} features, trained on {examples.Count} candidates ({kept} kept), content boundaries {ends.Perceptron.FeatureCount} features on {endExamples.Count} attributions\nevaluate with: storyline eval quotes --split dev"));
    }

    /// <summary>The tagger's own cue spans against the gold B/I runs of another split (reported, never trained on):
    /// exact and begin-match precision and recall, to judge tagger features apart from the rules and the filter.</summary>
    private static string TaggerScore(List<TrainingText> texts, CueTagger tagger, CueLexicon lexicon)
    {
        int predicted = 0, gold = 0, exact = 0, begin = 0;
        foreach (var text in texts)
            foreach (var sentence in text.Sentences)
            {
                var range = new Range(sentence.FirstToken, sentence.FirstToken + sentence.TokenCount);
                var labels = text.CueLabels[range].ToArray();
                if (labels.Length > 0 && labels[0] == 2) labels[0] = 1;
                var goldSpans = CueTagger.Runs(labels);
                var spans = tagger.Tag(text.Tokens[range].Select(t => t.Text).ToArray(), text.Tokens[range].Select(t => t.PennTag ?? "").ToArray(), lexicon);
                predicted += spans.Count; gold += goldSpans.Count;
                exact += spans.Count(goldSpans.Contains);
                begin += spans.Count(s => goldSpans.Any(g => g.First == s.First));
            }
        double p = (double)exact / Math.Max(1, predicted), r = (double)exact / Math.Max(1, gold);
        return string.Create(CultureInfo.InvariantCulture,
            $"cue tagger on dev: exact P {100 * p:0.0} R {100 * r:0.0} F1 {200 * p * r / Math.Max(1e-9, p + r):0.0}; begin P {100.0 * begin / Math.Max(1, predicted):0.0} R {100.0 * begin / Math.Max(1, gold):0.0} ({predicted} predicted, {gold} gold)");
    }

    /// <summary>A candidate is worth keeping when PolNeAR marks a cue starting where its cue starts. (Asking for the
    /// exact cue, or for any role matching exactly, or for two roles, scored the same or lower on dev.)</summary>
    private static int Label(PolnearDocument document, Attribution candidate) =>
        candidate.Cue is { } cue && document.Attributions.Any(gold => gold.Cue is { } goldCue && QuoteEvaluation.Trim(document.Text, goldCue).Start == cue.Start) ? 1 : 0;

    /// <summary>The option whose span is a gold span of that role, or null when PolNeAR marks none of them.</summary>
    private static int? GoldSpan(PolnearDocument document, IReadOnlyList<BoundaryOption> options, Func<GoldAttribution, FragmentedSpan?> role)
    {
        foreach (var gold in document.Attributions)
        {
            if (role(gold) is not { } goldSpan) continue;
            var span = QuoteEvaluation.Trim(document.Text, goldSpan);
            if (span.Fragments.Count != 1) continue;
            for (int k = 0; k < options.Count; k++)
                if (options[k].Span.Start == span.Start && options[k].Span.End == span.Fragments[0].End) return k;
        }
        return null;
    }

    /// <summary>The option that ends where the content of the gold attribution with the candidate's cue ends, when
    /// no option matches a gold content exactly (the rules' start is wrong, which the start ranker mends later): the
    /// end is still worth learning from.</summary>
    private static int? GoldEnd(PolnearDocument document, IReadOnlyList<BoundaryOption> options, Attribution candidate)
    {
        if (candidate.Cue is not { } cue) return null;
        foreach (var gold in document.Attributions)
        {
            if (gold.Cue is not { } goldCue || QuoteEvaluation.Trim(document.Text, goldCue).Start != cue.Start) continue;
            var content = QuoteEvaluation.Trim(document.Text, gold.Content);
            if (content.Fragments.Count != 1 || content.Start < cue.End) continue;
            for (int k = 0; k < options.Count; k++)
                if (options[k].Span.End == content.Fragments[0].End) return k;
        }
        return null;
    }

    /// <summary>The option that starts where a gold content starts, or null.</summary>
    private static int? GoldStart(PolnearDocument document, IReadOnlyList<BoundaryOption> options)
    {
        foreach (var gold in document.Attributions)
        {
            if (gold.Content is not { } content) continue;
            var span = QuoteEvaluation.Trim(document.Text, content);
            for (int k = 0; k < options.Count; k++)
                if (options[k].Span.Start == span.Start) return k;
        }
        return null;
    }

    private static TrainingText Prepare(PolnearDocument document, PosTagger pos)
    {
        var raw = Tokenizer.Tokenize(document.Text);
        var sentences = SentenceSplitter.Split(document.Text, raw).ToArray();
        var tokens = pos.Tag(raw, sentences).ToArray();
        var labels = new int[tokens.Length];
        foreach (var fragment in document.Attributions.Where(a => a.Cue is not null).SelectMany(a => a.Cue!.Fragments))
        {
            bool first = true;
            for (int i = 0; i < tokens.Length; i++)
            {
                if (tokens[i].End <= fragment.Start || tokens[i].Start >= fragment.End) continue;
                labels[i] = first || labels[i] == 1 ? 1 : 2;
                first = false;
            }
        }
        return new TrainingText(document, tokens, sentences, labels);
    }

    private static CueTagger TrainTagger(List<TrainingText> texts, CueLexicon lexicon, int seed, IProgress<string>? progress)
    {
        var sentences = new List<(string[] Words, string[] Penn, int[] Gold)>();
        foreach (var text in texts)
            foreach (var sentence in text.Sentences)
            {
                var range = new Range(sentence.FirstToken, sentence.FirstToken + sentence.TokenCount);
                var gold = text.CueLabels[range].ToArray();
                // A cue cut by a sentence boundary starts afresh in the second sentence.
                if (gold.Length > 0 && gold[0] == 2) gold[0] = 1;
                sentences.Add((text.Tokens[range].Select(t => t.Text).ToArray(), text.Tokens[range].Select(t => t.PennTag ?? "").ToArray(), gold));
            }
        var tagger = new CueTagger(new AveragedPerceptron(CueTagger.Classes, WeightPrecision.Half));
        var random = new Random(seed);
        var order = Enumerable.Range(0, sentences.Count).ToArray();
        Span<ulong> features = stackalloc ulong[CueTagger.MaxFeatures];
        Span<ulong> guessFeatures = stackalloc ulong[CueTagger.MaxFeatures];
        for (int epoch = 1; epoch <= TaggerEpochs; epoch++)
        {
            random.Shuffle(order);
            int correct = 0, total = 0;
            foreach (var index in order)
            {
                var (words, penn, gold) = sentences[index];
                var context = new CueTagger.Context(words, penn, lexicon);
                tagger.Perceptron.Tick();
                var guess = CueTagger.Viterbi(tagger.Scores(context));
                // Structured perceptron: where the best sequence differs from the gold one, reward the gold labels
                // with the gold history and penalise the guessed labels with the guessed history.
                for (int i = 0; i < words.Length; i++)
                {
                    if (guess[i] == gold[i]) correct++;
                    total++;
                    int goldPrevious = i > 0 ? gold[i - 1] : 0, guessPrevious = i > 0 ? guess[i - 1] : 0;
                    if (guess[i] == gold[i] && goldPrevious == guessPrevious) continue;
                    int n = CueTagger.Features(context, i, goldPrevious, features);
                    int m = CueTagger.Features(context, i, guessPrevious, guessFeatures);
                    tagger.Perceptron.Update(gold[i], features[..n], guess[i], guessFeatures[..m]);
                }
            }
            progress?.Report($"cue tagger epoch {epoch}: {100.0 * correct / Math.Max(1, total):0.00}% of training tokens right");
        }
        tagger.Perceptron.Average(prune: Prune);
        return tagger;
    }
}
