namespace Storyline.Documents;

public static class WordCount
{
    /// <summary>Runs of letters or digits: a quick, language-neutral size of a piece of text.</summary>
    public static int Of(ReadOnlySpan<char> text)
    {
        int words = 0;
        bool inWord = false;
        foreach (var c in text)
        {
            bool letter = char.IsLetterOrDigit(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
