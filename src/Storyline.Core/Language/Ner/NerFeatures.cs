namespace Storyline.Language.Ner;

/// <summary>
/// Hashed features for one token of a sentence: the word and its neighbours, shapes, affixes, the previous
/// labels, the sentence's casing (all-caps filings and lowercase tweets write names differently), and gazetteer
/// matches around the token. Features are 64-bit hashes of (template, value), so nothing is allocated per token.
/// </summary>
internal static class NerFeatures
{
    public const int MaxFeatures = 160;

    /// <summary>The hashes and casing of one word: all that the features need of it.</summary>
    public readonly record struct WordHashes(ulong Lower, ulong Form, ulong Shape, ulong ShortShape, ulong Prefix3, ulong Suffix3, ulong Suffix2,
        bool Capitalised, bool HasLetter, bool AllUpper, bool AllLower)
    {
        public static WordHashes Of(ReadOnlySpan<char> t)
        {
            Span<char> shape = stackalloc char[32];
            Span<char> shortShape = stackalloc char[8];
            var tail3 = t.Length > 3 ? t[^3..] : t;
            var tail2 = t.Length > 2 ? t[^2..] : t;
            var head3 = t.Length > 3 ? t[..3] : t;
            int n = 0, s = 0;
            char last = '\0';
            foreach (char c in t)
            {
                char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
                if (n < shape.Length) shape[n++] = k;
                if (k != last && s < shortShape.Length) shortShape[s++] = k;
                last = k;
            }
            bool hasLetter = false, allUpper = true, allLower = true;
            foreach (char c in t)
            {
                if (!char.IsLetter(c)) continue;
                hasLetter = true;
                if (char.IsLower(c)) allUpper = false; else allLower = false;
            }
            return new WordHashes(PhraseGazetteer.HashLower(t), Hashing.Fnv1a(t), Hashing.Fnv1a(shape[..n]), Hashing.Fnv1a(shortShape[..s]),
                PhraseGazetteer.HashLower(head3), PhraseGazetteer.HashLower(tail3), PhraseGazetteer.HashLower(tail2),
                t.Length > 0 && char.IsUpper(t[0]), hasLetter, hasLetter && allUpper, hasLetter && allLower);
        }
    }

    /// <summary>The sentence's casing: 1 when mostly upper case (filings), 2 when all lower case (tweets), else 0.</summary>
    public static ulong CaseModeOf(int alpha, int upper, int lower) =>
        alpha >= 3 && upper * 10 >= alpha * 7 ? 1UL : alpha >= 3 && lower == alpha ? 2UL : 0UL;

    /// <summary>The gazetteers whose matches are features, in feature order.</summary>
    public static PhraseGazetteer[] Sources(NerModel model) =>
    [
        Gazetteers.Titles, Gazetteers.Countries, Gazetteers.Cities, Gazetteers.Regions, Gazetteers.LocationRegions,
        Gazetteers.LocationFeatures, Gazetteers.Demonyms, Gazetteers.OrganizationWords, model.GivenNames, model.WorldPlaces,
    ];

    /// <summary>What is computed once per sentence and shared by the features of every token.</summary>
    public sealed class SentenceContext
    {
        public readonly int Count;
        public readonly ulong[] Lower, Form, Shape, ShortShape, Prefix3, Suffix3, Suffix2, Pos;
        public readonly bool[] Capitalised;
        public readonly byte[][] Marks;
        public readonly ulong CaseMode;

        public SentenceContext(IReadOnlyList<string> tokens, IReadOnlyList<string?>? posTags, NerModel model)
        {
            Count = tokens.Count;
            Lower = new ulong[Count]; Form = new ulong[Count]; Shape = new ulong[Count]; ShortShape = new ulong[Count];
            Prefix3 = new ulong[Count]; Suffix3 = new ulong[Count]; Suffix2 = new ulong[Count]; Pos = new ulong[Count];
            Capitalised = new bool[Count];
            int upper = 0, lower = 0, alpha = 0;
            for (int i = 0; i < Count; i++)
            {
                var w = WordHashes.Of(tokens[i]);
                Lower[i] = w.Lower; Form[i] = w.Form; Shape[i] = w.Shape; ShortShape[i] = w.ShortShape;
                Prefix3[i] = w.Prefix3; Suffix3[i] = w.Suffix3; Suffix2[i] = w.Suffix2;
                Pos[i] = PosKey(posTags, i);
                Capitalised[i] = w.Capitalised;
                if (w.HasLetter) { alpha++; if (w.AllUpper) upper++; if (w.AllLower) lower++; }
            }
            CaseMode = CaseModeOf(alpha, upper, lower);

            var gazetteers = Sources(model);
            Marks = new byte[gazetteers.Length][];
            for (int g = 0; g < gazetteers.Length; g++)
            {
                Marks[g] = new byte[Count];
                gazetteers[g].Mark(tokens, Marks[g]);
            }
        }
    }

    /// <summary>The key of token <paramref name="i"/>'s Penn tag, 0 when it has none.</summary>
    public static ulong PosKey(IReadOnlyList<string?>? posTags, int i) =>
        posTags is not null && i < posTags.Count && posTags[i] is { } tag ? Hashing.Fnv1a(tag) : 0;

    private static ulong F(ulong template, ulong value) => Hashing.Combine(template * 0x9E3779B97F4A7C15UL, value);
    private static ulong F(ulong template, ulong a, ulong b) => Hashing.Combine(F(template, a), b);

    public const ulong Boundary = 0xB0B0B0B0UL;

    // The templates, one function each, so that the fast scorer (NerScorer) builds exactly the features Extract builds.
    public static ulong Bias() => F(1, 1);
    /// <summary>The six features of a token's own word: lowercase, form, suffixes, prefix, shape.</summary>
    public static void Word(ulong lower, ulong form, ulong suffix3, ulong suffix2, ulong prefix3, ulong shape, Span<ulong> f)
    {
        f[0] = F(2, lower); f[1] = F(3, form); f[2] = F(4, suffix3); f[3] = F(5, suffix2); f[4] = F(6, prefix3); f[5] = F(7, shape);
    }
    public const int WordCount = 6;
    public static ulong ShapeInCase(ulong shortShape, ulong caseMode) => F(8, shortShape, caseMode);
    /// <summary>A neighbour's lowercase word: role 0 = previous, 1 = next, 2 = two before, 3 = two after.</summary>
    public static ulong Neighbour(int role, ulong lower) => F(9 + (ulong)role, lower);
    public const int NeighbourRoles = 4;
    public static ulong ShapeLeft(ulong shapePrevious, ulong shape) => F(13, shapePrevious, shape);
    public static ulong ShapeRight(ulong shape, ulong shapeNext) => F(14, shape, shapeNext);
    public static ulong Previous(ulong previous) => F(15, previous);
    public static ulong Previous2(ulong previous, ulong previous2) => F(16, previous, previous2);
    public static ulong PreviousWord(ulong previous, ulong lower) => F(17, previous, lower);
    public static ulong PreviousShape(ulong previous, ulong shortShape) => F(18, previous, shortShape);
    public static ulong BigramLeft(ulong lowerPrevious, ulong lower) => F(19, lowerPrevious, lower);
    public static ulong BigramRight(ulong lower, ulong lowerNext) => F(20, lower, lowerNext);
    public static ulong FirstShape(bool first, ulong shortShape) => F(21, first ? 1UL : 0UL, shortShape);
    public static ulong Case(ulong caseMode) => F(22, caseMode);
    /// <summary>Capitalisation of the previous word, this one and the next (bits 4, 2, 1).</summary>
    public static ulong Capitals(ulong pattern) => F(23, pattern);
    public static ulong Pos(ulong pos) => F(24, pos);
    public static ulong PosLeft(ulong posPrevious, ulong pos) => F(25, posPrevious, pos);
    public static ulong PosRight(ulong pos, ulong posNext) => F(26, pos, posNext);
    public static ulong GazetteerKey(int gazetteer, byte mark) => (ulong)(gazetteer + 1) << 8 | mark;
    public static ulong Gazetteer(ulong key) => F(30, key);
    public static ulong GazetteerInCase(ulong key, ulong caseMode) => F(31, key, caseMode);
    public static ulong GazetteerLeft(ulong key, bool capitalised) => F(32, key, capitalised ? 1UL : 0UL);
    public static ulong GazetteerRight(ulong key, bool capitalised) => F(33, key, capitalised ? 1UL : 0UL);
    /// <summary>A feature's copy specific to a domain (Daumé's feature augmentation).</summary>
    public static ulong InDomain(ulong feature, ulong domain) => F(90, feature, domain);

    /// <summary>A label's key for the previous-label features.</summary>
    public static ulong LabelKey(string label) => Hashing.Fnv1a(label);

    /// <summary>
    /// The features of token <paramref name="i"/>, given the keys (<see cref="LabelKey"/>) of the two previous labels.
    /// With a <paramref name="domain"/> (a hash of the corpus or text kind), every feature also gets a copy specific
    /// to that domain (Daumé's feature augmentation): the general copies learn what all corpora agree on, the domain
    /// copies each corpus's own conventions.
    /// </summary>
    public static int Extract(SentenceContext s, int i, ulong prev, ulong prev2, Span<ulong> f, ulong domain = 0)
    {
        int n = 0;
        ulong lowerPrev = i > 0 ? s.Lower[i - 1] : Boundary, lowerNext = i + 1 < s.Count ? s.Lower[i + 1] : Boundary;
        ulong lowerPrev2 = i > 1 ? s.Lower[i - 2] : Boundary, lowerNext2 = i + 2 < s.Count ? s.Lower[i + 2] : Boundary;
        ulong shapePrev = i > 0 ? s.ShortShape[i - 1] : Boundary, shapeNext = i + 1 < s.Count ? s.ShortShape[i + 1] : Boundary;

        f[n++] = Bias();
        Word(s.Lower[i], s.Form[i], s.Suffix3[i], s.Suffix2[i], s.Prefix3[i], s.Shape[i], f[n..]);
        n += WordCount;
        f[n++] = ShapeInCase(s.ShortShape[i], s.CaseMode);
        f[n++] = Neighbour(0, lowerPrev);
        f[n++] = Neighbour(1, lowerNext);
        f[n++] = Neighbour(2, lowerPrev2);
        f[n++] = Neighbour(3, lowerNext2);
        f[n++] = ShapeLeft(shapePrev, s.ShortShape[i]);
        f[n++] = ShapeRight(s.ShortShape[i], shapeNext);
        f[n++] = Previous(prev);
        f[n++] = Previous2(prev, prev2);
        f[n++] = PreviousWord(prev, s.Lower[i]);
        f[n++] = PreviousShape(prev, s.ShortShape[i]);
        f[n++] = BigramLeft(lowerPrev, s.Lower[i]);
        f[n++] = BigramRight(s.Lower[i], lowerNext);
        f[n++] = FirstShape(i == 0, s.ShortShape[i]);
        f[n++] = Case(s.CaseMode);
        f[n++] = Capitals((i > 0 && s.Capitalised[i - 1] ? 4UL : 0UL) | (s.Capitalised[i] ? 2UL : 0UL) | (i + 1 < s.Count && s.Capitalised[i + 1] ? 1UL : 0UL));
        if (s.Pos[i] != 0)
        {
            f[n++] = Pos(s.Pos[i]);
            f[n++] = PosLeft(i > 0 ? s.Pos[i - 1] : Boundary, s.Pos[i]);
            f[n++] = PosRight(s.Pos[i], i + 1 < s.Count ? s.Pos[i + 1] : Boundary);
        }
        for (int g = 0; g < s.Marks.Length; g++)
        {
            var marks = s.Marks[g];
            if (marks[i] != 0)
            {
                f[n++] = Gazetteer(GazetteerKey(g, marks[i]));
                f[n++] = GazetteerInCase(GazetteerKey(g, marks[i]), s.CaseMode);
            }
            if (i > 0 && marks[i - 1] != 0) f[n++] = GazetteerLeft(GazetteerKey(g, marks[i - 1]), s.Capitalised[i]);
            if (i + 1 < s.Count && marks[i + 1] != 0) f[n++] = GazetteerRight(GazetteerKey(g, marks[i + 1]), s.Capitalised[i]);
        }
        if (domain != 0)
        {
            int general = n;
            for (int k = 0; k < general; k++) f[n++] = InDomain(f[k], domain);
        }
        return n;
    }
}
