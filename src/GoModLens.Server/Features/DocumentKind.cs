namespace GoModLens.Server.Features;

public enum DocumentKind
{
    /// <summary>Open in the editor but not ours (e.g. a .go file a client sends anyway); never analyzed.</summary>
    Other,
    GoMod,
    GoSum,

    /// <summary>A go.work: workspace mode for the modules it uses.</summary>
    GoWork,
}
