using System.Buffers.Text;
using System.Text;

namespace GoModLens.Infrastructure.Caching;

/// <summary>
/// The bytes of a pack file: a version line once, then records of one ASCII header line
/// ("R &lt;cachedAt UTC ticks&gt; &lt;body length&gt; &lt;key length&gt; &lt;url length&gt;\n") followed by the key, the redacted URL
/// and the body. Lengths up front let a scan skip bodies, and tell a record cut short by a killed writer from a whole one.
/// </summary>
internal static class PackFormat
{
    public static ReadOnlySpan<byte> FileHeader => "gomodlens-pack 1\n"u8;

    /// <summary>Longest header line a valid record can have ("R " + four numbers of at most 19 digits + spaces + newline).</summary>
    public const int MaxHeaderLine = 2 + (4 * 20) + 1;

    public const int MaxKeyBytes = 64 * 1024;

    public const int MaxBodyBytes = 512 * 1024 * 1024;

    public static byte[] Encode(string key, DateTimeOffset cachedAt, string redactedUrl, ReadOnlySpan<byte> body, bool withFileHeader)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var urlBytes = Encoding.UTF8.GetBytes(redactedUrl);
        var line = Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"R {cachedAt.UtcTicks} {body.Length} {keyBytes.Length} {urlBytes.Length}\n"));
        var prefix = withFileHeader ? FileHeader.Length : 0;
        var record = new byte[prefix + line.Length + keyBytes.Length + urlBytes.Length + body.Length];
        var at = 0;
        if (withFileHeader)
        {
            FileHeader.CopyTo(record);
            at = prefix;
        }

        line.CopyTo(record.AsSpan(at));
        at += line.Length;
        keyBytes.CopyTo(record.AsSpan(at));
        at += keyBytes.Length;
        urlBytes.CopyTo(record.AsSpan(at));
        at += urlBytes.Length;
        body.CopyTo(record.AsSpan(at));
        return record;
    }

    /// <summary>
    /// Parses a record's header line at the start of <paramref name="data"/>, which holds everything up to the end of
    /// the file or at least <see cref="MaxHeaderLine"/> bytes. Truncated: the line is incomplete at the end of the file.
    /// </summary>
    public static HeaderStatus TryParseHeader(ReadOnlySpan<byte> data, bool atEndOfFile, out RecordHeader header)
    {
        header = default;
        var newline = data[..Math.Min(data.Length, MaxHeaderLine)].IndexOf((byte)'\n');
        if (newline < 0)
        {
            return atEndOfFile && data.Length < MaxHeaderLine && "R "u8.StartsWith(data[..Math.Min(2, data.Length)])
                ? HeaderStatus.Truncated
                : HeaderStatus.Malformed;
        }

        var line = data[..newline];
        if (!line.StartsWith("R "u8))
        {
            return HeaderStatus.Malformed;
        }

        line = line[2..];
        Span<long> numbers = stackalloc long[4];
        for (var i = 0; i < numbers.Length; i++)
        {
            if (!Utf8Parser.TryParse(line, out long value, out var consumed) || consumed == 0 || value < 0 || line[0] is (byte)'-' or (byte)'+')
            {
                return HeaderStatus.Malformed;
            }

            numbers[i] = value;
            line = line[consumed..];
            if (i < numbers.Length - 1)
            {
                if (line.IsEmpty || line[0] != (byte)' ')
                {
                    return HeaderStatus.Malformed;
                }

                line = line[1..];
            }
        }

        if (!line.IsEmpty || numbers[0] > DateTimeOffset.MaxValue.UtcTicks || numbers[1] > MaxBodyBytes
            || numbers[2] is 0 or > MaxKeyBytes || numbers[3] > MaxKeyBytes)
        {
            return HeaderStatus.Malformed;
        }

        header = new RecordHeader(newline + 1, new DateTimeOffset(numbers[0], TimeSpan.Zero), (int)numbers[1], (int)numbers[2], (int)numbers[3]);
        return HeaderStatus.Ok;
    }

    internal enum HeaderStatus
    {
        Ok,
        Truncated,
        Malformed,
    }

    /// <summary>Where the parts of one record are, relative to its start.</summary>
    internal readonly record struct RecordHeader(int LineLength, DateTimeOffset CachedAt, int BodyLength, int KeyLength, int UrlLength)
    {
        public int BodyStart => LineLength + KeyLength + UrlLength;

        public long TotalLength => (long)BodyStart + BodyLength;
    }
}
