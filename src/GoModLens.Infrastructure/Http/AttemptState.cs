using System.Net;
using GoModLens.Analysis.Ports;

namespace GoModLens.Infrastructure.Http;

/// <summary>What one attempt learned on its way through DNS, connect, TLS and headers; the connect callback fills it.</summary>
internal sealed class AttemptState
{
    public TimeSpan? Dns { get; set; }

    public TimeSpan? Connect { get; set; }

    public TimeSpan? Tls { get; set; }

    public TimeSpan? FirstByte { get; set; }

    public long ConnectedAt { get; set; }

    public EndPoint? LocalEndPoint { get; set; }

    public EndPoint? RemoteEndPoint { get; set; }

    /// <summary>A failure the connect callback classified itself (DNS, refused, connect timeout) with go's net error text.</summary>
    public (FailureKind Kind, string NetError)? ConnectFailure { get; set; }

    public bool ConnectStarted { get; set; }

    public bool HeadersReceived { get; set; }

    public bool ViaProxy { get; set; }

    public PhaseTimings? ToTimings() => Dns is null && Connect is null && Tls is null && FirstByte is null
        ? null
        : new PhaseTimings(Dns, Connect, Tls, FirstByte);
}
