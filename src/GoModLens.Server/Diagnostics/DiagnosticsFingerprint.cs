using System.IO.Hashing;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GoModLens.Protocol;
using GoModLens.Server.Transport;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// A 128-bit hash of the diagnostics as they would be serialized: two publishes with the same fingerprint would show
/// the editor the same thing, so the second is skipped (push), or answered "unchanged" (pull). It used to be the
/// serialized JSON itself, kept per document: half a megabyte for a large go.mod with a network finding on most
/// requires (10 MB of a 50-file workspace), and a large-object-heap string on every keystroke. Hashing while
/// serializing keeps 16 bytes and no large buffer.
/// </summary>
/// <remarks>
/// XxHash128 rather than SHA-256: nothing here is adversarial, and SHA-256 was the only thing in the server that
/// loaded OpenSSL (libcrypto plus System.Security.Cryptography: 5.4 MB of resident memory).
/// </remarks>
internal static class DiagnosticsFingerprint
{
    private static readonly JsonTypeInfo<IReadOnlyList<Diagnostic>> s_typeInfo = LspJson.TypeInfo<IReadOnlyList<Diagnostic>>(ServerJson.Options);

    public static UInt128 Of(IReadOnlyList<Diagnostic> diagnostics)
    {
        using var sink = new HashingStream();
        JsonSerializer.Serialize(sink, diagnostics, s_typeInfo);
        return sink.Hash.GetCurrentHashAsUInt128();
    }

    /// <summary>A pull-diagnostics result id: the fingerprint in hex.</summary>
    public static string ResultId(IReadOnlyList<Diagnostic> diagnostics) => Of(diagnostics).ToString("x32");

    /// <summary>A write-only stream that feeds what it is given to the hash.</summary>
    private sealed class HashingStream : Stream
    {
        public XxHash128 Hash { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => Hash.Append(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Hash.Append(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
