namespace GoModLens.Server.Features;

/// <summary>Implemented by analyzers that talk to the client directly; the server attaches the channel once at start.</summary>
public interface IClientAware
{
    void AttachClient(IClientChannel channel);
}
