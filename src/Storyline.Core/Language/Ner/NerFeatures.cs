namespace Storyline.Language.Ner;

/// <summary>
/// Hashed features for one token of a sentence: the word and its neighbours, shapes, affixes, the previous
/// labels, the sentence's casing (all-caps filings and lowercase tweets write names differently), and gazetteer
/// matches around the token. Features are 64-bit hashes of (template, value), so nothing is allocated per token.
/// </summary>
internal static class NerFeatures
{
    public const int MaxFeatures = 160;

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
            Span<char> shape = stackalloc char[32];
            Span<char> shortShape = stackalloc char[8];
            for (int i = 0; i < Count; i++)
            {
                var t = tokens[i].AsSpan();
                Lower[i] = PhraseGazetteer.HashLower(t);
                Form[i] = Hashing.Fnv1a(t);
                var tail3 = t.Length > 3 ? t[^3..] : t;
                var tail2 = t.Length > 2 ? t[^2..] : t;
                var head3 = t.Length > 3 ? t[..3] : t;
                Suffix3[i] = PhraseGazetteer.HashLower(tail3);
                Suffix2[i] = PhraseGazetteer.HashLower(tail2);
                Prefix3[i] = PhraseGazetteer.HashLower(head3);
                int n = 0, s = 0;
                char last = '\0';
                foreach (char c in t)
                {
                    char k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
                    if (n < shape.Length) shape[n++] = k;
                    if (k != last && s < shortShape.Length) shortShape[s++] = k;
                    last = k;
                }
                Shape[i] = Hashing.Fnv1a(shape[..n]);
                ShortShape[i] = Hashing.Fnv1a(shortShape[..s]);
                Pos[i] = posTags is not null && i < posTags.Count && posTags[i] is { } tag ? Hashing.Fnv1a(tag) : 0;
                Capitalised[i] = t.Length > 0 && char.IsUpper(t[0]);
                bool hasLetter = false, allUpper = true, allLower = true;
                foreach (char c in t)
                {
                    if (!char.IsLetter(c)) continue;
                    hasLetter = true;
                    if (char.IsLower(c)) allUpper = false; else allLower = false;
                }
                if (hasLetter) { alpha++; if (allUpper) upper++; if (allLower) lower++; }
            }
            CaseMode = alpha >= 3 && upper * 10 >= alpha * 7 ? 1UL : alpha >= 3 && lower == alpha ? 2UL : 0UL;

            var gazetteers = Sources(model);
            Marks = new byte[gazetteers.Length][];
            for (int g = 0; g < gazetteers.Length; g++)
            {
                Marks[g] = new byte[Count];
                gazetteers[g].Mark(tokens, Marks[g]);
            }
        }

        private static PhraseGazetteer[] Sources(NerModel model) =>
        [
            Gazetteers.Titles, Gazetteers.Countries, Gazetteers.Cities, Gazetteers.Regions, Gazetteers.LocationRegions,
            Gazetteers.LocationFeatures, Gazetteers.Demonyms, Gazetteers.OrganizationWords, model.GivenNames, model.WorldPlaces,
        ];
    }

    private static ulong F(ulong template, ulong value) => Hashing.Combine(template * 0x9E3779B97F4A7C15UL, value);
    private static ulong F(ulong template, ulong a, ulong b) => Hashing.Combine(F(template, a), b);

    private const ulong Boundary = 0xB0B0B0B0UL;

    /// <summary>
    /// The features of token <paramref name="i"/>. With a <paramref name="domain"/> (a hash of the corpus or text
    /// kind), every feature also gets a copy specific to that domain (Daumé's feature augmentation): the general
    /// copies learn what all corpora agree on, the domain copies each corpus's own conventions.
    /// </summary>
    public static int Extract(SentenceContext s, int i, string previous, string previous2, Span<ulong> f, ulong domain = 0)
    {
        int n = 0;
        ulong prev = Hashing.Fnv1a(previous), prev2 = Hashing.Fnv1a(previous2);
        ulong lowerPrev = i > 0 ? s.Lower[i - 1] : Boundary, lowerNext = i + 1 < s.Count ? s.Lower[i + 1] : Boundary;
        ulong lowerPrev2 = i > 1 ? s.Lower[i - 2] : Boundary, lowerNext2 = i + 2 < s.Count ? s.Lower[i + 2] : Boundary;
        ulong shapePrev = i > 0 ? s.ShortShape[i - 1] : Boundary, shapeNext = i + 1 < s.Count ? s.ShortShape[i + 1] : Boundary;

        f[n++] = F(1, 1);
        f[n++] = F(2, s.Lower[i]);
        f[n++] = F(3, s.Form[i]);
        f[n++] = F(4, s.Suffix3[i]);
        f[n++] = F(5, s.Suffix2[i]);
        f[n++] = F(6, s.Prefix3[i]);
        f[n++] = F(7, s.Shape[i]);
        f[n++] = F(8, s.ShortShape[i], s.CaseMode);
        f[n++] = F(9, lowerPrev);
        f[n++] = F(10, lowerNext);
        f[n++] = F(11, lowerPrev2);
        f[n++] = F(12, lowerNext2);
        f[n++] = F(13, shapePrev, s.ShortShape[i]);
        f[n++] = F(14, s.ShortShape[i], shapeNext);
        f[n++] = F(15, prev);
        f[n++] = F(16, prev, prev2);
        f[n++] = F(17, prev, s.Lower[i]);
        f[n++] = F(18, prev, s.ShortShape[i]);
        f[n++] = F(19, lowerPrev, s.Lower[i]);
        f[n++] = F(20, s.Lower[i], lowerNext);
        f[n++] = F(21, i == 0 ? 1UL : 0UL, s.ShortShape[i]);
        f[n++] = F(22, s.CaseMode);
        f[n++] = F(23, (i > 0 && s.Capitalised[i - 1] ? 4UL : 0UL) | (s.Capitalised[i] ? 2UL : 0UL) | (i + 1 < s.Count && s.Capitalised[i + 1] ? 1UL : 0UL));
        if (s.Pos[i] != 0)
        {
            f[n++] = F(24, s.Pos[i]);
            f[n++] = F(25, i > 0 ? s.Pos[i - 1] : Boundary, s.Pos[i]);
            f[n++] = F(26, s.Pos[i], i + 1 < s.Count ? s.Pos[i + 1] : Boundary);
        }
        for (int g = 0; g < s.Marks.Length; g++)
        {
            var marks = s.Marks[g];
            ulong gaz = (ulong)(g + 1) << 8;
            if (marks[i] != 0)
            {
                f[n++] = F(30, gaz | marks[i]);
                f[n++] = F(31, gaz | marks[i], s.CaseMode);
            }
            if (i > 0 && marks[i - 1] != 0) f[n++] = F(32, gaz | marks[i - 1], s.Capitalised[i] ? 1UL : 0UL);
            if (i + 1 < s.Count && marks[i + 1] != 0) f[n++] = F(33, gaz | marks[i + 1], s.Capitalised[i] ? 1UL : 0UL);
        }
        if (domain != 0)
        {
            int general = n;
            for (int k = 0; k < general; k++) f[n++] = F(90, f[k], domain);
        }
        return n;
    }
}
