using System.Security.Cryptography;
using System.Text.Json;
using GoModLens.Protocol;

namespace GoModLens.Server.Diagnostics;

/// <summary>
/// SHA-256 of the diagnostics as they would be serialized: two publishes with the same fingerprint would show the
/// editor the same thing, so the second is skipped. It used to be the serialized JSON itself, kept per document:
/// half a megabyte for a large go.mod with a network finding on most requires (10 MB of a 50-file workspace), and a
/// large-object-heap string on every keystroke. Hashing while serializing keeps 32 bytes and no large buffer.
/// </summary>
internal static class DiagnosticsFingerprint
{
    public static UInt128 Of(IReadOnlyList<Diagnostic> diagnostics)
    {
        using var sink = new HashingStream();
        JsonSerializer.Serialize(sink, diagnostics, LspJson.Options);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        sink.Hash.GetHashAndReset(hash);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    /// <summary>A write-only stream that feeds what it is given to an incremental SHA-256.</summary>
    private sealed class HashingStream : Stream
    {
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => Hash.AppendData(buffer);

        public override void Write(byte[] buffer, int offset, int count) => Hash.AppendData(buffer, offset, count);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
