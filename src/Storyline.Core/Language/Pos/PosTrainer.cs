using System.Diagnostics;
using Storyline.Evaluation;
using Storyline.Language.Corpora;
using Storyline.Learning;

namespace Storyline.Language.Pos;

/// <summary>
/// <c>storyline train pos</c>: trains the tagger on UD English-EWT train plus the GUM CC-BY train subset, then scores
/// it on EWT dev and test. Deterministic for a seed: sentence order is shuffled by a seeded generator each epoch.
/// The optional second pass learns from first-pass tags produced by models that did not see the sentence
/// (jackknifing), so it learns how far to trust them on new text.
/// </summary>
public sealed class PosTrainer : ITrainer
{
    public string Model => PosTagger.ModelName;
    public string Description => "Part-of-speech tagger (UPOS + Penn XPOS), from UD English-EWT train + GUM CC-BY train";

    /// <summary>Whether to train the second universal pass, which also sees the first pass's tags on the right.</summary>
    public bool SecondPass { get; init; } = true;
    public int FirstPassEpochs { get; init; } = 10;
    public int SecondPassEpochs { get; init; } = 10;
    public int PennEpochs { get; init; } = 8;
    public int Folds { get; init; } = 4;
    /// <summary>Perceptrons trained over differently shuffled orders and folded into each model (first pass, its
    /// jackknifed copies, second pass, Penn): one weight table, so run time does not grow. At 1, the shipped design (three
    /// members did not gain on EWT dev, see docs/accuracy-language.md, round 4), the jackknifed first passes are used
    /// unaveraged.</summary>
    public int Members { get; init; } = 1;
    /// <summary>Words seen at least this often with one pair of tags in at least <see cref="FrequentWordPurity"/> of cases are looked up.</summary>
    public int FrequentWordCount { get; init; } = 20;
    public double FrequentWordPurity { get; init; } = 0.985;
    public float Prune { get; init; } = 0.002f;
    public int AmbiguityMinimumCount { get; init; } = 3;
    public double AmbiguityMinimumShare { get; init; } = 0.05;
    public int PennLexiconCount { get; init; } = 5;
    public double PennLexiconPurity { get; init; } = 0.995;
    /// <summary>Folds for the ambiguity classes seen in training (1: one lexicon from all training data).</summary>
    public int LexiconFolds { get; init; } = 5;
    /// <summary>Word clusters: words seen this often in the unlabeled text get a path (0 turns clusters off).</summary>
    public int ClusterMinimumCount { get; init; } = 3;
    public int ClusterContextWords { get; init; } = 300;
    public int ClusterDepth { get; init; } = 14;

    /// <summary>Self-training: the tagger trained on gold data tags the untagged text (<see cref="UnlabeledText.Untagged"/>),
    /// and the sentences on which it and the jackknifed first passes agree on every universal tag are added to the
    /// universal passes' training, retrained from scratch. Each epoch visits a fresh sample of them holding this many
    /// tokens per gold token (0, the shipped design: no share tried gained on EWT dev, see docs/accuracy-language.md,
    /// round 5). Looked-up words, the gold ambiguity classes and the Penn model stay gold-only.</summary>
    public double SelfTrainingShare { get; init; } = 0;
    /// <summary>Whether the second pass also trains on the self-tagged sentences (the first pass always does when
    /// <see cref="SelfTrainingShare"/> is above 0).</summary>
    public bool SelfTrainSecondPass { get; init; } = true;
    /// <summary>Only self-tagged sentences with a word the gold ambiguity lexicon lacks are used (the others teach
    /// nothing about new words).</summary>
    public bool SelfTrainingNeedsNewWord { get; init; } = false;
    /// <summary>Self-tagged sentences longer than this are not used.</summary>
    public int SelfTrainingMaximumLength { get; init; } = 60;
    /// <summary>How many of the jackknifed first passes must agree with the gold-trained tagger on a sentence.</summary>
    public int SelfTrainingAgreement { get; init; } = 4;

    /// <summary>Words the gold lexicon lacks that the gold-trained tagger tagged this often in the untagged text get
    /// a guessed ambiguity class, and the universal passes are retrained with it (0, the shipped design: none).</summary>
    public int AutoLexiconMinimumCount { get; init; } = 0;
    /// <summary>A tag counts in a guessed ambiguity class when the tagger gave the word that tag this often.</summary>
    public double AutoLexiconShare { get; init; } = 0.1;

    /// <summary>The dataset folders whose untagged text is self-tagged (null: all that <see cref="UnlabeledText.Untagged"/> reads).</summary>
    public IReadOnlySet<string>? SelfTrainingSources { get; init; }

    internal sealed record TrainingSentence(string[] Words, int[] Universal, int[] Penn);

    public Outcome<string> Train(TrainingRequest request)
    {
        var ewt = Path.Combine(request.DatasetsRoot, "ud-english-ewt");
        var gum = Path.Combine(request.DatasetsRoot, "ud-english-gum-ccby-subset");
        var trainFile = Conllu.FindSplit(ewt, "train");
        if (!trainFile.TryGetValue(out var ewtTrain)) return Outcome<string>.Fail(trainFile.Problem!);
        var sources = new List<string> { ewtTrain };
        if (Conllu.FindSplit(gum, "train").TryGetValue(out var gumTrain)) sources.Add(gumTrain);

        var gold = sources.SelectMany(Conllu.ReadSentences).ToList();
        var universalClasses = gold.SelectMany(s => s.Words).Select(w => w.Upos).Distinct().Order(StringComparer.Ordinal).ToArray();
        var pennClasses = gold.SelectMany(s => s.Words).Select(w => w.Xpos).Distinct().Order(StringComparer.Ordinal).ToArray();
        var uIndex = universalClasses.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var pIndex = pennClasses.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var sentences = gold.Select(s => new TrainingSentence(
            s.Words.Select(w => w.Form).ToArray(),
            s.Words.Select(w => uIndex[w.Upos]).ToArray(),
            s.Words.Select(w => pIndex[w.Xpos]).ToArray())).ToList();
        request.Progress?.Report($"training on {sentences.Count:N0} sentences, {sentences.Sum(s => s.Words.Length):N0} tokens from {string.Join(", ", sources.Select(Path.GetFileName))}");

        var frequent = FrequentWords(sentences);
        var allowed = new bool[universalClasses.Length][];
        for (int u = 0; u < allowed.Length; u++) allowed[u] = new bool[pennClasses.Length];
        foreach (var s in sentences)
            for (int i = 0; i < s.Words.Length; i++) allowed[s.Universal[i]][s.Penn[i]] = true;

        var watch = Stopwatch.StartNew();
        var unlabeled = ClusterMinimumCount <= 0 ? [] : UnlabeledText.Sentences(request.DatasetsRoot, sources).ToList();
        var clusters = ClusterMinimumCount <= 0 ? WordClusters.Empty
            : WordClusters.Build(unlabeled, ClusterMinimumCount, ClusterContextWords, ClusterDepth);
        request.Progress?.Report($"{clusters.Paths.Count:N0} words clustered from {unlabeled.Sum(s => s.Length):N0} unlabeled tokens ({watch.Elapsed.TotalSeconds:F0}s)");
        var lexicon = BuildAmbiguityLexicon(sentences, _ => true);
        // While training, each sentence sees ambiguity classes built without its own fold, so that its rarer words
        // look as they will in new text (otherwise every training word's class contains its right answer).
        var lexicons = LexiconFolds <= 1 ? [lexicon]
            : Enumerable.Range(0, LexiconFolds).Select(f => BuildAmbiguityLexicon(sentences, i => i % LexiconFolds != f)).ToArray();
        var rng = new Random(request.Seed);
        int goldCount = sentences.Count;
        var all = Enumerable.Range(0, goldCount).ToArray();
        // Self-tagged sentences, appended after the gold ones, see the lexicon of all gold data, as new text does.
        AmbiguityLexicon LexiconOf(int index) => index < goldCount ? lexicons[index % lexicons.Length] : lexicon;
        var firstPass = Folded(Members, () => TrainUniversal(sentences, all, [], 0, universalClasses, frequent, LexiconOf, clusters, null, FirstPassEpochs, rng));
        request.Progress?.Report($"first pass trained ({watch.Elapsed.TotalSeconds:F0}s)");
        AveragedPerceptron? secondPass = null;
        var firstTags = new int[goldCount][];
        var foldModels = new List<AveragedPerceptron>();
        if (SecondPass)
        {
            // Jackknifed first-pass tags for the second pass to learn from.
            for (int fold = 0; fold < Folds; fold++)
            {
                var heldOut = all.Where(i => i % Folds == fold).ToArray();
                var training = all.Where(i => i % Folds != fold).ToArray();
                var model = Folded(Members, () => TrainUniversal(sentences, training, [], 0, universalClasses, frequent, LexiconOf, clusters, null, FirstPassEpochs, rng));
                var words = new SentenceWords();
                foreach (var i in heldOut) firstTags[i] = PredictFirstPass(model, words, sentences[i].Words, frequent, lexicons[i % lexicons.Length], clusters);
                foldModels.Add(model);
                request.Progress?.Report($"first pass, fold {fold + 1}/{Folds} done ({watch.Elapsed.TotalSeconds:F0}s)");
            }
            secondPass = Folded(Members, () => TrainUniversal(sentences, all, [], 0, universalClasses, frequent, LexiconOf, clusters, firstTags, SecondPassEpochs, rng));
            request.Progress?.Report($"second pass trained ({watch.Elapsed.TotalSeconds:F0}s)");
        }
        var penn = Folded(Members, () => TrainPenn(sentences, all, pennClasses, frequent, LexiconOf, clusters, allowed, PennEpochs, rng));
        request.Progress?.Report($"Penn tags trained ({watch.Elapsed.TotalSeconds:F0}s)");
        firstPass.Average(Prune);
        secondPass?.Average(Prune);
        penn.Average(Prune);

        var pennLexicon = PennLexicon(sentences);
        var frequentIndex = frequent.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        string selfTraining = "";
        if (SelfTrainingShare > 0 || AutoLexiconMinimumCount > 0)
        {
            var goldLexicon = lexicon;
            var goldTagger = new PosTagger(firstPass, secondPass, penn, frequentIndex, allowed, lexicon, pennLexicon, clusters);
            // Averaged, the jackknifed first passes are better judges of the new text than as the second pass used them.
            if (Members <= 1) foreach (var model in foldModels) model.Average(Prune);
            var tagged = TagUntagged(request.DatasetsRoot, SelfTrainingSources, goldTagger, firstPass, foldModels, uIndex, pIndex, frequent, lexicon, clusters);
            var notes = new List<string>();
            if (AutoLexiconMinimumCount > 0)
            {
                var auto = AutoLexicon(tagged, universalClasses.Length);
                lexicon = lexicon.Extended(auto);
                lexicons = lexicons.Select(l => l.Extended(auto)).ToArray();
                notes.Add($"{auto.Count:N0} ambiguity classes from self-tagged text");
            }
            var selfTagged = SelfTrainingShare > 0
                ? tagged.Where(t => t.Sentence.Words.Length <= SelfTrainingMaximumLength && t.Agreeing >= Math.Min(SelfTrainingAgreement, foldModels.Count)
                    && (!SelfTrainingNeedsNewWord || t.Sentence.Words.Any(w => goldLexicon.Lookup(AmbiguityLexicon.Normalise(w)) == 0))).ToList()
                : [];
            int goldTokens = sentences.Sum(s => s.Words.Length), selfTokens = selfTagged.Sum(s => s.Sentence.Words.Length);
            sentences.AddRange(selfTagged.Select(s => s.Sentence));
            var extra = Enumerable.Range(goldCount, selfTagged.Count).ToArray();
            int perEpoch = (int)Math.Min(extra.Length, Math.Round(SelfTrainingShare * goldTokens * extra.Length / Math.Max(1.0, selfTokens)));
            if (selfTagged.Count > 0) notes.Add($"self-trained on {selfTagged.Count:N0} of {tagged.Count:N0} sentences ({selfTokens:N0} tokens), {perEpoch:N0} per epoch");
            selfTraining = string.Join(", ", notes);
            request.Progress?.Report($"{selfTraining} ({watch.Elapsed.TotalSeconds:F0}s)");
            firstPass = Folded(Members, () => TrainUniversal(sentences, all, extra, perEpoch, universalClasses, frequent, LexiconOf, clusters, null, FirstPassEpochs, rng));
            request.Progress?.Report($"first pass retrained ({watch.Elapsed.TotalSeconds:F0}s)");
            if (secondPass is not null && (SelfTrainSecondPass || AutoLexiconMinimumCount > 0))
            {
                // The self-tagged sentences' first-pass tags come from the gold first pass, which never saw them.
                var rightTags = firstTags.Concat(selfTagged.Select(s => s.FirstPass)).ToArray();
                bool withExtra = SelfTrainSecondPass;
                secondPass = Folded(Members, () => TrainUniversal(sentences, all, withExtra ? extra : [], withExtra ? perEpoch : 0, universalClasses, frequent, LexiconOf, clusters, rightTags, SecondPassEpochs, rng));
                request.Progress?.Report($"second pass retrained ({watch.Elapsed.TotalSeconds:F0}s)");
                secondPass.Average(Prune);
            }
            firstPass.Average(Prune);
        }

        var untested = new PosTagger(firstPass, secondPass, penn, frequentIndex, allowed, lexicon, pennLexicon, clusters);
        var dev = PosEvaluation.Score(untested, Conllu.ReadSentences(Conllu.FindSplit(ewt, "dev").Value));
        var test = PosEvaluation.Score(untested, Conllu.ReadSentences(Conllu.FindSplit(ewt, "test").Value));
        // GUM's held-out splits (not trained on) show how the tagger does on news-like, edited text.
        var gumScores = new[] { "dev", "test" }
            .Select(split => (split, file: Conllu.FindSplit(gum, split)))
            .Where(x => x.file.Success)
            .Select(x => (x.split, score: PosEvaluation.Score(untested, Conllu.ReadSentences(x.file.Value))))
            .ToList();
        var header = new ModelHeader(PosTagger.ModelKind, 1, $"averaged perceptron, {(SecondPass ? 2 : 1)} universal pass(es) + Penn, {(Members > 1 ? $"{Members} shuffled orders folded, " : "")}{(selfTraining.Length > 0 ? selfTraining + ", " : "")}seed {request.Seed}",
            string.Join(" + ", sources.Select(Path.GetFileName)))
        {
            Notes =
            {
                ["ewt_dev_upos"] = EvaluationReport.Format(dev.UniversalAccuracy),
                ["ewt_dev_xpos"] = EvaluationReport.Format(dev.PennAccuracy),
                ["ewt_test_upos"] = EvaluationReport.Format(test.UniversalAccuracy),
                ["ewt_test_xpos"] = EvaluationReport.Format(test.PennAccuracy),
            },
        };
        var tagger = new PosTagger(firstPass, secondPass, penn, frequentIndex, allowed, lexicon, pennLexicon, clusters, header);
        tagger.Save(request.OutputPath, header);
        var size = new FileInfo(request.OutputPath).Length;
        return Outcome<string>.Ok(
            $"POS tagger trained in {watch.Elapsed.TotalSeconds:F0}s: {firstPass.FeatureCount + (secondPass?.FeatureCount ?? 0) + penn.FeatureCount:N0} features, {size / 1024.0 / 1024.0:F1} MB, {frequent.Count:N0} looked-up words\n" +
            $"EWT dev:  UPOS {dev.UniversalAccuracy:P2}  XPOS {dev.PennAccuracy:P2}  ({dev.Tokens:N0} tokens)\n" +
            $"EWT test: UPOS {test.UniversalAccuracy:P2}  XPOS {test.PennAccuracy:P2}  ({test.Tokens:N0} tokens)" +
            string.Concat(gumScores.Select(g => $"\nGUM CC-BY {g.split}: UPOS {g.score.UniversalAccuracy:P2}  XPOS {g.score.PennAccuracy:P2}  ({g.score.Tokens:N0} tokens)")));
    }

    internal sealed record SelfTaggedSentence(TrainingSentence Sentence, int[] FirstPass, int Agreeing);

    /// <summary>Each distinct untagged sentence with the gold-trained tagger's tags, the gold first pass's tags, and how many of
    /// the jackknifed first passes (<paramref name="judges"/>) tag it exactly as the tagger does.</summary>
    private static List<SelfTaggedSentence> TagUntagged(string datasetsRoot, IReadOnlySet<string>? sources, PosTagger tagger, AveragedPerceptron taggerFirstPass, List<AveragedPerceptron> judges,
        Dictionary<string, int> uIndex, Dictionary<string, int> pIndex, Dictionary<string, (int Universal, int Penn)> frequent,
        AmbiguityLexicon lexicon, WordClusters clusters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new SentenceWords();
        var tagged = new List<SelfTaggedSentence>();
        foreach (var sentence in UnlabeledText.Untagged(datasetsRoot, splitSentences: true, sources))
        {
            if (!seen.Add(string.Join('\u0001', sentence))) continue;
            var (universal, penn) = tagger.Tag(sentence);
            var tags = universal.Select(t => uIndex[t]).ToArray();
            int agreeing = judges.Count(judge => PredictFirstPass(judge, words, sentence, frequent, lexicon, clusters).AsSpan().SequenceEqual(tags));
            tagged.Add(new SelfTaggedSentence(new TrainingSentence(sentence, tags, penn.Select(t => pIndex[t]).ToArray()),
                PredictFirstPass(taggerFirstPass, words, sentence, frequent, lexicon, clusters), agreeing));
        }
        return tagged;
    }

    /// <summary>Ambiguity classes, marked as guessed, of the words the gold lexicon lacks, from the tags the gold-trained
    /// tagger gave them in the untagged text: words tagged at least <see cref="AutoLexiconMinimumCount"/> times.</summary>
    private Dictionary<string, uint> AutoLexicon(List<SelfTaggedSentence> tagged, int classes)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var t in tagged)
            for (int i = 0; i < t.Sentence.Words.Length; i++)
            {
                var key = AmbiguityLexicon.Normalise(t.Sentence.Words[i]);
                if (!counts.TryGetValue(key, out var byTag)) counts[key] = byTag = new int[classes];
                byTag[t.Sentence.Universal[i]]++;
            }
        var auto = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var (word, byTag) in counts)
        {
            int total = byTag.Sum();
            if (total < AutoLexiconMinimumCount) continue;
            uint mask = AmbiguityLexicon.Known | AmbiguityLexicon.Guessed;
            for (int t = 0; t < byTag.Length; t++) if (byTag[t] >= AutoLexiconShare * total) mask |= 1u << t;
            auto[word] = mask;
        }
        return auto;
    }

    /// <summary>Ambiguity classes of words seen at least <see cref="AmbiguityMinimumCount"/> times; a tag counts when it
    /// takes at least <see cref="AmbiguityMinimumShare"/> of the word's occurrences. Rarer words look unknown, as new words will.</summary>
    private AmbiguityLexicon BuildAmbiguityLexicon(List<TrainingSentence> sentences, Func<int, bool> include)
    {
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        int classes = sentences.Max(s => s.Universal.DefaultIfEmpty(0).Max()) + 1;
        for (int index = 0; index < sentences.Count; index++)
        {
            if (!include(index)) continue;
            var s = sentences[index];
            for (int i = 0; i < s.Words.Length; i++)
            {
                var key = AmbiguityLexicon.Normalise(s.Words[i]);
                if (!counts.TryGetValue(key, out var byTag)) counts[key] = byTag = new int[classes];
                byTag[s.Universal[i]]++;
            }
        }
        var lexicon = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var (word, byTag) in counts)
        {
            int total = byTag.Sum();
            if (total < AmbiguityMinimumCount) continue;
            uint mask = AmbiguityLexicon.Known;
            for (int t = 0; t < byTag.Length; t++) if (byTag[t] >= AmbiguityMinimumShare * total) mask |= 1u << t;
            lexicon[word] = mask;
        }
        return new AmbiguityLexicon(lexicon);
    }

    /// <summary>(word, universal tag) pairs seen at least <see cref="PennLexiconCount"/> times that take one Penn tag
    /// in at least <see cref="PennLexiconPurity"/> of cases.</summary>
    private Dictionary<(string, int), int> PennLexicon(List<TrainingSentence> sentences)
    {
        var counts = new Dictionary<(string, int), Dictionary<int, int>>();
        foreach (var s in sentences)
            for (int i = 0; i < s.Words.Length; i++)
            {
                var key = (s.Words[i], s.Universal[i]);
                if (!counts.TryGetValue(key, out var byTag)) counts[key] = byTag = new();
                byTag[s.Penn[i]] = byTag.GetValueOrDefault(s.Penn[i]) + 1;
            }
        var lexicon = new Dictionary<(string, int), int>();
        foreach (var (key, byTag) in counts)
        {
            int total = byTag.Values.Sum();
            var best = byTag.MaxBy(kv => (kv.Value, -kv.Key));
            if (total >= PennLexiconCount && best.Value >= PennLexiconPurity * total) lexicon[key] = best.Key;
        }
        return lexicon;
    }

    private Dictionary<string, (int, int)> FrequentWords(List<TrainingSentence> sentences)
    {
        var counts = new Dictionary<string, Dictionary<(int, int), int>>(StringComparer.Ordinal);
        foreach (var s in sentences)
            for (int i = 0; i < s.Words.Length; i++)
            {
                if (!counts.TryGetValue(s.Words[i], out var byTag)) counts[s.Words[i]] = byTag = new();
                byTag[(s.Universal[i], s.Penn[i])] = byTag.GetValueOrDefault((s.Universal[i], s.Penn[i])) + 1;
            }
        var frequent = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var (word, byTag) in counts)
        {
            int total = byTag.Values.Sum();
            var best = byTag.MaxBy(kv => (kv.Value, -kv.Key.Item1, -kv.Key.Item2));
            if (total >= FrequentWordCount && best.Value >= FrequentWordPurity * total) frequent[word] = best.Key;
        }
        return frequent;
    }

    /// <summary>Trains <paramref name="members"/> perceptrons one after the other (each draws its own shuffled orders from
    /// the shared generator) and folds them into one; a single member is returned still in training, to be averaged.</summary>
    private AveragedPerceptron Folded(int members, Func<AveragedPerceptron> train) =>
        members <= 1 ? train() : AveragedPerceptron.Fold(Enumerable.Range(0, members).Select(_ => train()).ToList(), Prune);

    private static void Shuffle(int[] order, Random rng)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>Tags one word during training and returns the tag to keep for the words after it.</summary>
    private delegate int TrainingStep(SentenceWords words, TrainingSentence sentence, int index, int position, int[] tags);

    /// <summary>
    /// The perceptron epochs both models share: each epoch visits the sentences in a fresh shuffled order, seeds the
    /// frequent unambiguous words with their fixed tag, and tags every other word left to right with <paramref name="step"/>.
    /// </summary>
    private static void RunEpochs(List<TrainingSentence> sentences, int[] indices, int[] extra, int extraPerEpoch, Dictionary<string, (int Universal, int Penn)> frequent,
        Func<int, AmbiguityLexicon> lexiconOf, WordClusters clusters, int epochs, Random rng, Func<(int Universal, int Penn), int> fixedTag, TrainingStep step)
    {
        var words = new SentenceWords();
        var order = indices.ToArray();
        var pool = extra.ToArray();
        int sampled = Math.Min(extraPerEpoch, pool.Length);
        var visits = sampled == 0 ? order : new int[order.Length + sampled];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            if (sampled == 0) Shuffle(order, rng);
            else
            {
                // A fresh sample of the extra sentences each epoch, shuffled in among the gold ones.
                Shuffle(pool, rng);
                order.CopyTo(visits, 0);
                Array.Copy(pool, 0, visits, order.Length, sampled);
                Shuffle(visits, rng);
            }
            foreach (var index in visits)
            {
                var s = sentences[index];
                words.Load(s.Words, lexiconOf(index), clusters);
                var tags = new int[s.Words.Length];
                for (int i = 0; i < tags.Length; i++) tags[i] = frequent.TryGetValue(s.Words[i], out var t) ? fixedTag(t) : -1;
                for (int i = 0; i < tags.Length; i++)
                {
                    if (frequent.ContainsKey(s.Words[i])) continue;
                    tags[i] = step(words, s, index, i, tags);
                }
            }
        }
    }

    private static AveragedPerceptron TrainUniversal(List<TrainingSentence> sentences, int[] indices, int[] extra, int extraPerEpoch, string[] classes,
        Dictionary<string, (int Universal, int Penn)> frequent, Func<int, AmbiguityLexicon> lexiconOf, WordClusters clusters, int[][]? rightTags, int epochs, Random rng)
    {
        var model = new AveragedPerceptron(classes);
        var features = new ulong[PosFeatures.MaxFeatures];
        RunEpochs(sentences, indices, extra, extraPerEpoch, frequent, lexiconOf, clusters, epochs, rng, t => t.Universal, (words, s, index, i, tags) =>
        {
            var right = rightTags is null ? default(ReadOnlySpan<int>) : rightTags[index];
            int count = PosFeatures.Universal(words, i, tags, right, features);
            model.Tick();
            int guess = model.Predict(features.AsSpan(0, count));
            model.Update(s.Universal[i], guess, features.AsSpan(0, count));
            return guess;
        });
        return model;
    }

    private static int[] PredictFirstPass(AveragedPerceptron model, SentenceWords words, string[] sentence, Dictionary<string, (int Universal, int Penn)> frequent, AmbiguityLexicon lexicon, WordClusters clusters)
    {
        words.Load(sentence, lexicon, clusters);
        Span<ulong> features = stackalloc ulong[PosFeatures.MaxFeatures];
        var tags = new int[sentence.Length];
        for (int i = 0; i < tags.Length; i++) tags[i] = frequent.TryGetValue(sentence[i], out var t) ? t.Universal : -1;
        for (int i = 0; i < tags.Length; i++)
        {
            if (frequent.ContainsKey(sentence[i])) continue;
            int count = PosFeatures.Universal(words, i, tags, default, features);
            tags[i] = model.Predict(features[..count]);
        }
        return tags;
    }

    private static AveragedPerceptron TrainPenn(List<TrainingSentence> sentences, int[] indices, string[] classes,
        Dictionary<string, (int Universal, int Penn)> frequent, Func<int, AmbiguityLexicon> lexiconOf, WordClusters clusters, bool[][] allowed, int epochs, Random rng)
    {
        var model = new AveragedPerceptron(classes);
        var features = new ulong[PosFeatures.MaxFeatures];
        var scores = new float[classes.Length];
        RunEpochs(sentences, indices, [], 0, frequent, lexiconOf, clusters, epochs, rng, t => t.Penn, (words, s, index, i, tags) =>
        {
            int count = PosFeatures.Penn(words, i, s.Universal, tags, features);
            model.Tick();
            model.Score(features.AsSpan(0, count), scores);
            int guess = PosTagger.ArgMaxAllowed(scores, allowed[s.Universal[i]]);
            model.Update(s.Penn[i], guess, features.AsSpan(0, count));
            return guess;
        });
        return model;
    }
}
