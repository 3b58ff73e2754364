using System.Diagnostics;
using System.Globalization;
using System.Text;
using GoModLens.Analysis.Resolution;
using GoModLens.TestUtilities;
using Xunit;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// InfoJson.TryParse against go 1.26's own <c>json.Unmarshal(body, &amp;modfetch.RevInfo{})</c>: a small Go program with
/// RevInfo and codehost.Origin declared as cmd/go declares them (in packages named modfetch and codehost, so type names in
/// errors match) decodes every body; our error text, or version and time, must be go's.
/// </summary>
public sealed class InfoJsonDifferentialTests
{
    private static readonly Dictionary<string, byte[]> s_bodies = BuildBodies();
    private static readonly Lazy<Dictionary<string, string>> s_go = new(RunOracle);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in s_bodies.Keys)
        {
            data.Add(name);
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void MatchesGoUnmarshal(string name)
    {
        GoOracle.Require();
        var expected = s_go.Value[name];
        var ok = InfoJson.TryParse(s_bodies[name], out var version, out var time, out var error);
        var fields = expected.Split(' ');
        if (fields[0] == "ERR")
        {
            Assert.False(ok, $"go failed with: {FromBase64(fields[1])}");
            Assert.Equal(FromBase64(fields[1]), error);
            return;
        }

        Assert.True(ok, $"go succeeded; we said: {error}");
        Assert.Null(error);
        Assert.Equal(FromBase64(fields[1]), version);
        if (fields[2] == "-")
        {
            Assert.True(time is null || time == DateTimeOffset.MinValue, $"go has no time; we have {time:O}");
            return;
        }

        var unix = long.Parse(fields[2], CultureInfo.InvariantCulture);
        var nanos = long.Parse(fields[3], CultureInfo.InvariantCulture);
        var offset = int.Parse(fields[4], CultureInfo.InvariantCulture);
        if (time is null)
        {
            // go accepted a time DateTimeOffset cannot hold.
            Assert.True(unix < DateTimeOffset.MinValue.ToUnixTimeSeconds() || unix > DateTimeOffset.MaxValue.ToUnixTimeSeconds(), $"we dropped representable time {unix}");
            return;
        }

        Assert.Equal(unix, time.Value.ToUnixTimeSeconds());
        Assert.Equal(nanos / 100, time.Value.UtcTicks % TimeSpan.TicksPerSecond);
        Assert.Equal(Math.Abs(offset) <= 14 * 3600 ? offset : 0, (int)time.Value.Offset.TotalSeconds);
    }

    [SkippableFact]
    public void AuditTableMatchesGo()
    {
        GoOracle.Require();
        Assert.Equal("ERR " + ToBase64("unexpected end of JSON input"), s_go.Value["truncated"]);
        Assert.Equal("ERR " + ToBase64("invalid character '}' looking for beginning of object key string"), s_go.Value["trailing comma"]);
        Assert.Equal("ERR " + ToBase64("invalid character 'g' after top-level value"), s_go.Value["trailing garbage"]);
        Assert.StartsWith("OK " + ToBase64("") + " -", s_go.Value["null"], StringComparison.Ordinal);
        Assert.Equal(
            "ERR " + ToBase64("parsing time \"2023-04-01T00\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \":\""),
            s_go.Value["time truncated"]);
    }

    private static string ToBase64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    private static string FromBase64(string s) => Encoding.UTF8.GetString(Convert.FromBase64String(s));

    private static Dictionary<string, byte[]> BuildBodies()
    {
        var b = new Dictionary<string, byte[]>();
        void Add(string name, string body) => b.Add(name, Encoding.UTF8.GetBytes(body));
        void AddBytes(string name, params byte[][] parts) => b.Add(name, parts.SelectMany(p => p).ToArray());
        void Time(string name, string value) => Add("time " + name, "{\"Version\":\"v1.0.0\",\"Time\":\"" + value + "\"}");

        // The audit's table.
        Add("truncated", "{\"Version\":\"v1");
        Add("trailing comma", "{\"Version\":\"v1.0.0\",}");
        Add("trailing garbage", "{\"Version\":\"v1.0.0\"}g");
        Add("null", "null");
        Time("truncated", "2023-04-01T00");

        // Valid and near-valid documents.
        Add("valid", "{\"Version\":\"v1.2.3\",\"Time\":\"2023-04-01T12:34:56Z\"}");
        Add("valid spaced", " \r\n{ \"Version\" : \"v1.2.3\" ,\t\"Time\" : \"2023-04-01T12:34:56Z\" } \n");
        Add("empty object", "{}");
        Add("only time", "{\"Time\":\"2019-01-02T03:04:05Z\"}");
        Add("truncated after colon", "{\"Version\":");
        Add("truncated key", "{\"Vers");
        Add("missing colon", "{\"Version\" \"v1\"}");
        Add("missing comma", "{\"Version\":\"v1\" \"Time\":\"x\"}");
        Add("unquoted key", "{Version:\"v1\"}");
        Add("single quotes", "{'Version':'v1'}");
        Add("empty", "");
        Add("whitespace", "  \n\t\r ");
        AddBytes("bom", [0xEF, 0xBB, 0xBF], "{\"Version\":\"v1.0.0\"}"u8.ToArray());
        Add("html", "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>not found</body></html>\n");
        Add("html leading newline", "\n\n<html>");
        Add("plain text", "not found: module example.com/x: no matching versions");
        Add("nested unknown", "{\"Version\":\"v1.0.0\",\"Extra\":{\"a\":[1,{\"b\":null},true,\"s\"],\"c\":{}}}");
        Add("two objects", "{\"Version\":\"v1\"}{\"Version\":\"v2\"}");
        Add("close mismatch", "{\"Version\":\"v1\"]");
        Add("array elements bad", "[1,]");
        Add("array unclosed", "[1 2]");

        // Top-level values of other kinds.
        Add("array", "[1,2]");
        Add("empty array", "[]");
        Add("string", "\"v1.0.0\"");
        Add("number", "42");
        Add("true", "true");
        Add("false", "false");
        Add("literal tru", "tru");
        Add("literal trux", "trux");
        Add("literal nul", "nulL");
        Add("literal fals", "fals3");

        // Numbers in odd forms.
        Add("number leading zero", "01");
        Add("number minus", "-");
        Add("number dot", "1.");
        Add("number dot e", "1.e5");
        Add("number leading dot", ".5");
        Add("number e", "1e");
        Add("number e sign", "1e+");
        Add("number plus", "+1");
        Add("number minus zero one", "-01");
        Add("number hex", "0x10");
        Add("number exp", "-0.5E+10");
        Add("version huge number", "{\"Version\":1e400}");
        Add("version minus zero", "{\"Version\":-0}");
        Add("version number bad", "{\"Version\":1.5.5}");

        // Escapes.
        Add("escape u", "{\"Version\":\"v1\\u002e0.0\"}");
        Add("escape pair", "{\"Version\":\"\\ud83d\\ude00\"}");
        Add("escape lone high", "{\"Version\":\"\\ud800x\"}");
        Add("escape reversed pair", "{\"Version\":\"\\udc00\\ud800\"}");
        Add("escape simple", "{\"Version\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}");
        Add("escape bad", "{\"Version\":\"\\x\"}");
        Add("escape bad hex", "{\"Version\":\"\\u12g4\"}");
        Add("escape apostrophe", "{\"Version\":\"\\'\"}");
        Add("escaped key", "{\"Ve\\u0072sion\":\"v2\"}");

        // Control characters and bytes outside strings.
        Add("control newline in string", "{\"Version\":\"v1\n\"}");
        Add("control tab in string", "{\"Version\":\"v1\t\"}");
        AddBytes("control nul in string", "{\"Version\":\"v"u8.ToArray(), [0x00], "\"}"u8.ToArray());
        AddBytes("control 1f in string", "{\"Version\":\"v"u8.ToArray(), [0x1F], "\"}"u8.ToArray());
        AddBytes("byte 7f top", [0x7F]);
        AddBytes("byte 01 top", [0x01]);
        AddBytes("byte 0b top", [0x0B]);
        AddBytes("backslash top", "\\"u8.ToArray());
        AddBytes("apostrophe top", "'"u8.ToArray());
        AddBytes("quote after value", "{\"Version\":\"v1\"\"}"u8.ToArray());

        // Invalid UTF-8.
        AddBytes("utf8 ff fe in string", "{\"Version\":\"v"u8.ToArray(), [0xFF, 0xFE], "\"}"u8.ToArray());
        AddBytes("utf8 truncated seq in string", "{\"Version\":\""u8.ToArray(), [0xE2, 0x82], "x\"}"u8.ToArray());
        AddBytes("utf8 surrogate in string", "{\"Version\":\""u8.ToArray(), [0xED, 0xA0, 0x80], "\"}"u8.ToArray());
        AddBytes("utf8 overlong in string", "{\"Version\":\""u8.ToArray(), [0xC0, 0xAF], "\"}"u8.ToArray());
        AddBytes("utf8 valid in string", "{\"Version\":\"v1-é日😀\"}"u8.ToArray());
        AddBytes("byte ff top", [0xFF]);
        AddBytes("byte a0 top", [0xA0]);
        AddBytes("byte 80 top", [0x80]);
        AddBytes("byte ad top", [0xAD]);
        AddBytes("byte e9 top", [0xE9, 0x74]);
        AddBytes("utf8 after object", "{}"u8.ToArray(), [0xC3, 0xA9]);

        // Big inputs.
        Add("big padding", "{\"Version\":\"v1.0.0\",\"Pad\":\"" + new string('a', 200_000) + "\"}");
        Add("deep nesting ok", "{\"X\":" + new string('[', 5000) + new string(']', 5000) + ",\"Version\":\"v9\"}");
        Add("deep nesting too deep", new string('[', 10001) + new string(']', 10001));

        // Field matching.
        Add("key lowercase", "{\"version\":\"v1\"}");
        Add("key uppercase", "{\"VERSION\":\"v1\"}");
        Add("key long s", "{\"verſion\":\"v1\"}");
        Add("key unknown", "{\"Versions\":\"v1\"}");
        Add("duplicate keys", "{\"Version\":\"a\",\"Version\":\"b\"}");
        Add("duplicate null", "{\"Version\":\"a\",\"version\":null}");
        Add("ignored fields", "{\"Name\":1,\"Short\":[],\"Version\":\"v1\"}");

        // Type errors.
        Add("version number", "{\"Version\":1}");
        Add("version bool", "{\"Version\":true}");
        Add("version object", "{\"Version\":{}}");
        Add("version array", "{\"Version\":[\"v1\"]}");
        Add("version null", "{\"Version\":null}");
        Add("two type errors", "{\"Version\":1,\"version\":false}");
        Add("type error then bad time", "{\"Version\":1,\"Time\":\"x\"}");
        Add("bad time then type error", "{\"Time\":\"x\",\"Version\":1}");
        Add("time number", "{\"Time\":123}");
        Add("time object", "{\"Time\":{\"a\":1}}");
        Add("time bool", "{\"Time\":true}");
        Add("time null", "{\"Time\":null,\"Version\":\"v1\"}");
        Add("origin vcs number", "{\"Origin\":{\"VCS\":1},\"Version\":\"v1\"}");
        Add("origin ok", "{\"Origin\":{\"vcs\":\"git\",\"URL\":\"https://x\",\"Other\":[1]},\"Version\":\"v1\"}");
        Add("origin array", "{\"Origin\":[]}");
        Add("origin string", "{\"Origin\":\"x\"}");
        Add("origin number", "{\"Origin\":7}");
        Add("origin null", "{\"Origin\":null,\"Version\":\"v1\"}");

        // Time variants.
        Time("z", "2023-04-01T12:34:56Z");
        Time("offset plus", "2023-04-01T12:34:56+05:30");
        Time("offset minus", "2023-04-01T12:34:56-07:00");
        Time("offset minus zero", "2023-04-01T12:34:56-00:00");
        Time("nanos", "2023-04-01T12:34:56.123456789Z");
        Time("ten fraction digits", "2023-04-01T12:34:56.1234567891Z");
        Time("comma fraction", "2023-04-01T12:34:56,5Z");
        Time("dot no digits", "2023-04-01T12:34:56.Z");
        Time("lowercase t", "2023-04-01t12:34:56Z");
        Time("lowercase z", "2023-04-01T12:34:56z");
        Time("space separator", "2023-04-01 12:34:56Z");
        Time("missing seconds", "2023-04-01T12:34Z");
        Time("hour 24", "2023-04-01T24:00:00Z");
        Time("leap second", "2016-12-31T23:59:60Z");
        Time("minute 60", "2023-04-01T12:60:00Z");
        Time("year 0000", "0000-01-01T00:00:00Z");
        Time("year 0001 plus one", "0001-01-01T00:00:00+01:00");
        Time("year 9999 minus one", "9999-12-31T23:59:59-01:00");
        Time("one digit hour", "2023-04-01T1:02:03Z");
        Time("offset 24", "2023-04-01T12:00:00+24:00");
        Time("offset 25", "2023-04-01T12:00:00+25:00");
        Time("offset 23 60", "2023-04-01T12:00:00+23:60");
        Time("offset 23 61", "2023-04-01T12:00:00+23:61");
        Time("offset short", "2023-04-01T12:00:00+0530");
        Time("offset bad sign", "2023-04-01T12:00:00*05:30");
        Time("feb 29 2023", "2023-02-29T00:00:00Z");
        Time("feb 29 2024", "2024-02-29T00:00:00Z");
        Time("month 13", "2023-13-01T00:00:00Z");
        Time("month 00", "2023-00-01T00:00:00Z");
        Time("day 00", "2023-04-00T00:00:00Z");
        Time("no zone", "2023-04-01T12:34:56");
        Time("extra text", "2023-04-01T12:34:56Zjunk");
        Time("escaped z", "2023-04-01T12:34:56\\u005a");
        Time("empty", "");
        Time("words", "yesterday");
        Time("short year", "23-04-01T12:34:56Z");
        Time("negative year", "-2023-04-01T12:34:56Z");
        Time("quote in value", "2023-04-01T12:34:56Z\\\"");
        AddBytes("time invalid utf8", "{\"Time\":\""u8.ToArray(), [0xFF], "2023-é\"}"u8.ToArray());
        return b;
    }

    private static Dictionary<string, string> RunOracle()
    {
        var dir = GoOracle.NewScratchDir("infojson-oracle");
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module infojsonoracle\n\ngo 1.26\n");
        Directory.CreateDirectory(Path.Combine(dir, "codehost"));
        Directory.CreateDirectory(Path.Combine(dir, "modfetch"));
        File.WriteAllText(Path.Combine(dir, "codehost", "codehost.go"), CodehostGo);
        File.WriteAllText(Path.Combine(dir, "modfetch", "modfetch.go"), ModfetchGo);
        File.WriteAllText(Path.Combine(dir, "main.go"), MainGo);
        var binary = Path.Combine(dir, "infojson-oracle");
        var build = GoOracle.Run(dir, null, "build", "-o", binary, ".");
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException("building the oracle failed: " + build.Stderr);
        }

        var names = s_bodies.Keys.ToList();
        var psi = new ProcessStartInfo(binary)
        {
            WorkingDirectory = dir,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["TZ"] = "UTC";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        foreach (var name in names)
        {
            p.StandardInput.WriteLine(Convert.ToBase64String(s_bodies[name]));
        }

        p.StandardInput.Close();
        p.WaitForExit();
        var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (p.ExitCode != 0 || lines.Length != names.Count)
        {
            throw new InvalidOperationException($"oracle exited {p.ExitCode} with {lines.Length} lines: {stderr.Result}");
        }

        return names.Zip(lines).ToDictionary(x => x.First, x => x.Second);
    }

    private const string CodehostGo = """
        package codehost

        type Origin struct {
        	VCS       string `json:",omitempty"`
        	URL       string `json:",omitempty"`
        	Subdir    string `json:",omitempty"`
        	Hash      string `json:",omitempty"`
        	TagPrefix string `json:",omitempty"`
        	TagSum    string `json:",omitempty"`
        	Ref       string `json:",omitempty"`
        	RepoSum   string `json:",omitempty"`
        }
        """;

    private const string ModfetchGo = """
        package modfetch

        import (
        	"time"

        	"infojsonoracle/codehost"
        )

        type RevInfo struct {
        	Version string
        	Time    time.Time
        	Name    string `json:"-"`
        	Short   string `json:"-"`
        	Origin  *codehost.Origin `json:",omitempty"`
        }
        """;

    private const string MainGo = """
        package main

        import (
        	"bufio"
        	"encoding/base64"
        	"encoding/json"
        	"fmt"
        	"os"

        	"infojsonoracle/modfetch"
        )

        func main() {
        	in := bufio.NewScanner(os.Stdin)
        	in.Buffer(make([]byte, 1<<20), 1<<24)
        	enc := base64.StdEncoding
        	for in.Scan() {
        		body, err := enc.DecodeString(in.Text())
        		if err != nil {
        			panic(err)
        		}
        		var info modfetch.RevInfo
        		if err := json.Unmarshal(body, &info); err != nil {
        			fmt.Println("ERR", enc.EncodeToString([]byte(err.Error())))
        			continue
        		}
        		if info.Time.IsZero() {
        			fmt.Println("OK", enc.EncodeToString([]byte(info.Version)), "-")
        			continue
        		}
        		_, offset := info.Time.Zone()
        		fmt.Println("OK", enc.EncodeToString([]byte(info.Version)), info.Time.Unix(), info.Time.Nanosecond(), offset)
        	}
        	if err := in.Err(); err != nil {
        		panic(err)
        	}
        }
        """;
}
