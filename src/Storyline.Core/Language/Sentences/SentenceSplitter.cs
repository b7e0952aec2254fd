using Storyline.Language.Tokenization;

namespace Storyline.Language.Sentences;

/// <summary>
/// Groups tokens into sentences. In cleaned news text every line break ends a sentence (headlines, bylines and
/// paragraphs are lines). Within a line a sentence ends after ".", "!", "?" or an ellipsis, together with the
/// closing quotes and brackets that follow it, when the next token can open a sentence: anything but a comma-like
/// mark, or a lower-case word after a closing quote (<c>"…?" he asked</c>). An abbreviation or initial ends a sentence only before a usual sentence opener
/// ("in the U.S. The …" ends; "George H.W. Bush" and "Butler, Pa. last July" do not), and a title ("Dr.") never does.
/// </summary>
public static class SentenceSplitter
{
    public static Sentence[] Split(string text, Token[] tokens) => Split(text, tokens, TokenizerLexicon.Default);

    public static Sentence[] Split(string text, ReadOnlySpan<Token> tokens, TokenizerLexicon lexicon)
    {
        var sentences = new List<Sentence>(tokens.Length / 16 + 1);
        int n = tokens.Length;
        int first = 0;
        int i = 0;
        while (i < n)
        {
            int last = -1;
            if (i + 1 == n || LineBreakBetween(text, tokens[i], tokens[i + 1]))
                last = i;
            else if (TerminalKind(tokens[i].Text, lexicon) is var kind && kind != Terminal.None)
            {
                int j = i;
                while (j + 1 < n && !LineBreakBetween(text, tokens[j], tokens[j + 1]))
                {
                    if (ClosesSentence(tokens[j], tokens[j + 1], lexicon)) j++;
                    else if (IsFootnoteMark(tokens, j + 1)) j += 3;
                    else break;
                }
                if (j + 1 == n || LineBreakBetween(text, tokens[j], tokens[j + 1]) || OpensSentence(kind, tokens[i].Text, quoted: j > i, tokens[j + 1], lexicon))
                    last = j;
                else
                    i = j;
            }

            if (last >= 0)
            {
                sentences.Add(new Sentence(tokens[first].Start, tokens[last].End, first, last - first + 1));
                first = last + 1;
                i = last + 1;
            }
            else i++;
        }
        return sentences.ToArray();
    }

    private enum Terminal { None, Stop, Ellipsis, Abbreviation }

    private static Terminal TerminalKind(string token, TokenizerLexicon lexicon)
    {
        if (token.Length == 0) return Terminal.None;
        char c = token[0];
        if (c is '!' or '?') return Terminal.Stop;
        if (token == ".") return Terminal.Stop;
        if (token == "…" || (c == '.' && token.Length > 1 && token.AsSpan().IndexOfAnyExcept('.') < 0)) return Terminal.Ellipsis;
        if (token[^1] == '.' && Tokenizer.IsAbbreviation(token, lexicon)) return Terminal.Abbreviation;
        return Terminal.None;
    }

    /// <summary>Closing quotes and brackets after a stop belong to its sentence (<c>…." He</c>), as do further stops.</summary>
    private static bool ClosesSentence(Token previous, Token next, TokenizerLexicon lexicon)
    {
        var t = next.Text;
        if (t.Length == 1)
        {
            char c = t[0];
            if (c is '”' or '’' or '»' or ')' or ']' or '}') return true;
            // A straight quote closes when it touches the stop; with a space before it, it opens the next sentence.
            if (c is '"' or '\'') return previous.End == next.Start;
        }
        return t is "''" || TerminalKind(t, lexicon) is Terminal.Stop or Terminal.Ellipsis;
    }

    /// <summary>A reference mark such as "[12]" after a full stop belongs to the sentence it annotates.</summary>
    private static bool IsFootnoteMark(ReadOnlySpan<Token> tokens, int at) =>
        at + 2 < tokens.Length && tokens[at].Text == "[" && tokens[at + 2].Text == "]"
        && tokens[at + 1].Text.Length <= 3 && tokens[at + 1].Text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static bool OpensSentence(Terminal kind, string terminal, bool quoted, Token next, TokenizerLexicon lexicon)
    {
        var word = next.Text;
        char c = word[0];
        switch (kind)
        {
            case Terminal.Stop:
                // A full stop the tokenizer split off is no abbreviation, so even a lower-case word after it starts a
                // sentence (informal text); after a closing quote a lower-case word continues it (“Why?” asked …).
                if (char.IsLower(c)) return !quoted;
                return c is not (',' or ';' or ':');
            case Terminal.Ellipsis:
                return char.IsUpper(c) || c is '“' or '"' or '‘';
            default:
                if (lexicon.TryGetAbbreviation(terminal, out var abbreviation))
                {
                    if (abbreviation == AbbreviationKind.Title) return false;
                    if (abbreviation == AbbreviationKind.Month && char.IsDigit(c)) return false;
                    if (abbreviation == AbbreviationKind.Final && char.IsUpper(c)) return true;
                }
                return lexicon.IsSentenceOpener(word) || c is '“';
        }
    }

    private static bool LineBreakBetween(string text, Token left, Token right) =>
        text.AsSpan(left.End, right.Start - left.End).IndexOfAny('\n', '\r', '\u2029') >= 0;
}
