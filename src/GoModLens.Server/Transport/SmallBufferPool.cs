using System.Buffers;

namespace GoModLens.Server.Transport;

/// <summary>
/// The transport's buffer pool: small buffers come from the shared pool, larger ones are plain allocations. Pipes
/// ask their pool for a buffer as large as the message being written; through the shared array pool, a
/// half-megabyte publishDiagnostics left 128–256 KB arrays parked in the pool slots of every thread that ever
/// returned one (~5 MB of a 50-file workspace's resident memory). A plain array dies young instead.
/// (<see cref="MaxBufferSize"/> cannot be the limit: above it, pipes fall back to the shared array pool.)
/// </summary>
internal sealed class SmallBufferPool : MemoryPool<byte>
{
    private const int LargestPooled = 16 * 1024;

    public static SmallBufferPool Instance { get; } = new();

    public override int MaxBufferSize => Array.MaxLength;

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1) =>
        minBufferSize <= LargestPooled ? Shared.Rent(minBufferSize) : new Unpooled(new byte[minBufferSize]);

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Unpooled(byte[] array) : IMemoryOwner<byte>
    {
        public Memory<byte> Memory => array;

        public void Dispose()
        {
        }
    }
}
