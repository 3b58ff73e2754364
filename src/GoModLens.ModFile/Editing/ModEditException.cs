namespace GoModLens.ModFile.Editing;

/// <summary>An edit modfile would refuse (an error return there), e.g. a non-canonical exclude version. The message is go's.</summary>
public sealed class ModEditException : ArgumentException
{
    public ModEditException()
    {
    }

    public ModEditException(string message)
        : base(message)
    {
    }

    public ModEditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
