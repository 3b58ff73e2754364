namespace GoModLens.ModFile.Text;

/// <summary>UTF-16 facts that decide how go (which works on UTF-8 bytes) sees a .NET string.</summary>
public static class Utf16Text
{
    /// <summary>
    /// True when the string has no unpaired surrogate, i.e. it re-encodes to valid UTF-8. An unpaired surrogate is
    /// what invalid UTF-8 input becomes in .NET, so this is go's utf8.ValidString for our strings.
    /// </summary>
    public static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
