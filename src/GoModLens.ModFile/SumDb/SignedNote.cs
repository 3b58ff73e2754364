using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace GoModLens.ModFile.SumDb;

/// <summary>
/// A checksum database's public key in golang.org/x/mod/sumdb/note's verifier format, <c>name+hash+key</c>: the hash is
/// the first 4 bytes (hex) of SHA-256 over <c>name\n</c> and the key, the key is base64 of an algorithm byte (1 =
/// Ed25519) and the 32-byte public key. GOSUMDB names one of these, or a database go knows the key of.
/// </summary>
public sealed class NoteVerifier
{
    private const byte AlgorithmEd25519 = 1;
    private readonly byte[] _publicKey;

    private NoteVerifier(string name, uint keyHash, byte[] publicKey)
    {
        Name = name;
        KeyHash = keyHash;
        _publicKey = publicKey;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    /// <summary>note.NewVerifier: the verifier, or go's error text (<c>malformed verifier id</c>, …).</summary>
    public static (NoteVerifier? Verifier, string? Error) Parse(string vkey)
    {
        var (name, rest) = Cut(vkey, '+');
        var (hash16, key64) = Cut(rest, '+');
        var hashOk = uint.TryParse(hash16, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash);
        var key = TryBase64(key64);
        if (hash16.Length != 8 || !hashOk || key is null || !IsValidName(name) || key.Length == 0)
        {
            return (null, "malformed verifier id");
        }

        if (hash != ComputeKeyHash(name, key))
        {
            return (null, "invalid verifier hash");
        }

        if (key[0] != AlgorithmEd25519)
        {
            return (null, "unknown verifier algorithm");
        }

        return key.Length != 1 + Ed25519.PublicKeySize ? (null, "malformed verifier id") : (new NoteVerifier(name, hash, key[1..]), null);
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature.ToArray(), 0, _publicKey, 0, message.ToArray(), 0, message.Length);

    /// <summary>note's isValidName: non-empty UTF-8 without spaces or '+'.</summary>
    internal static bool IsValidName(string name) =>
        name.Length != 0 && !name.Contains('+') && !name.Any(char.IsWhiteSpace) && !name.Contains('\uFFFD');

    private static uint ComputeKeyHash(string name, byte[] key)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 1 + key.Length];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n] = (byte)'\n';
        key.CopyTo(input, n + 1);
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    internal static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (string Before, string After) Cut(string s, char separator)
    {
        var i = s.IndexOf(separator, StringComparison.Ordinal);
        return i < 0 ? (s, "") : (s[..i], s[(i + 1)..]);
    }
}

/// <summary>
/// note.Open: a signed note (text, a blank line, then <c>— name base64(keyhash‖signature)</c> lines) checked against the
/// database's verifier. Signatures by other keys are skipped; the note needs one valid signature by the verifier.
/// </summary>
public static class SignedNote
{
    private const int MaxSignatures = 100;
    private static readonly byte[] SignaturePrefix = Encoding.UTF8.GetBytes("— ");

    /// <summary>The note's text (ending in a newline), or go's error text.</summary>
    public static (string? Text, string? Error) Open(ReadOnlySpan<byte> message, NoteVerifier verifier)
    {
        if (!IsWellFormedText(message))
        {
            return (null, "malformed note");
        }

        var split = message.LastIndexOf("\n\n"u8);
        if (split < 0)
        {
            return (null, "malformed note");
        }

        var text = message[..(split + 1)];
        var signatures = message[(split + 2)..];
        if (signatures.Length == 0 || signatures[^1] != (byte)'\n')
        {
            return (null, "malformed note");
        }

        var verified = false;
        var count = 0;
        while (signatures.Length > 0)
        {
            var end = signatures.IndexOf((byte)'\n');
            var line = signatures[..end];
            signatures = signatures[(end + 1)..];
            if (!line.StartsWith(SignaturePrefix))
            {
                return (null, "malformed note");
            }

            var (name, b64) = SplitSignatureLine(Encoding.UTF8.GetString(line[SignaturePrefix.Length..]));
            var raw = NoteVerifier.TryBase64(b64);
            if (raw is null || !NoteVerifier.IsValidName(name) || b64.Length == 0 || raw.Length < 5 || ++count > MaxSignatures)
            {
                return (null, "malformed note");
            }

            var hash = BinaryPrimitives.ReadUInt32BigEndian(raw);
            if (name != verifier.Name || hash != verifier.KeyHash || verified)
            {
                continue; // another key's signature (go keeps it unverified), or one already checked
            }

            if (!verifier.Verify(text, raw.AsSpan(4)))
            {
                return (null, $"invalid signature for key {name}+{hash:x8}");
            }

            verified = true;
        }

        return verified ? (Encoding.UTF8.GetString(text), null) : (null, "note has no verifiable signatures");
    }

    /// <summary>Valid UTF-8 with no control characters but newlines.</summary>
    private static bool IsWellFormedText(ReadOnlySpan<byte> message)
    {
        if (!System.Text.Unicode.Utf8.IsValid(message))
        {
            return false;
        }

        foreach (var b in message)
        {
            if (b < 0x20 && b != (byte)'\n')
            {
                return false;
            }
        }

        return true;
    }

    private static (string Name, string Base64) SplitSignatureLine(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
    }
}
