using System.Collections.Immutable;
using System.Text.Json;
using GoModLens.Protocol;
using GoModLens.Server.Diagnostics;
using GoModLens.Server.Features.GoMod;
using GoModLens.Server.Transport;

namespace GoModLens.Server.Tests;

/// <summary>The compact forms that replaced per-diagnostic JSON strings and pooled large buffers must keep their contracts.</summary>
public sealed class MemoryFootprintTests
{
    [Fact]
    public void Diagnostic_data_goes_out_as_json_and_comes_back_with_its_fixes()
    {
        var data = new GoModDiagnosticData("GML2002", "example.com/a",
        [
            new FixData("upgrade", "Upgrade to v1.2.0", [new FixEdit(10, 16, "v1.2.0")], Value: "v1.2.0", Module: "example.com/a"),
        ]);
        var diagnostic = new Diagnostic { Range = new Protocol.Range(new Position(0, 0), new Position(0, 1)), Message = "m", Data = data };

        var json = JsonSerializer.Serialize(diagnostic, ServerJson.Options);
        Assert.Contains("""
            "data":{"code":"GML2002","module":"example.com/a","fixes":[{"kind":"upgrade","title":"Upgrade to v1.2.0","edits":[{"start":10,"end":16,"newText":"v1.2.0"}],"value":"v1.2.0","module":"example.com/a"}]}
            """, json, StringComparison.Ordinal);

        // What a client sends back with a code-action request: a JSON element, read into the same data.
        var back = JsonSerializer.Deserialize<Diagnostic>(json, ServerJson.Options)!;
        var read = GoModDiagnosticData.From(back.Data);
        Assert.NotNull(read);
        Assert.Equal("GML2002", read.Code);
        Assert.Equal("example.com/a", read.Module);
        var fix = Assert.Single(read.Fixes);
        Assert.Equal(data.Fixes[0] with { Edits = [] }, fix with { Edits = [] });
        Assert.Equal(data.Fixes[0].Edits.ToArray(), fix.Edits.ToArray());
    }

    [Fact]
    public void Diagnostic_data_without_fixes_omits_them_and_foreign_data_is_ignored()
    {
        Assert.Equal("""{"code":"GML5001"}""", JsonSerializer.Serialize(new GoModDiagnosticData("GML5001"), ServerJson.Options));
        Assert.True(GoModDiagnosticData.From(JsonDocument.Parse("""{"code":"GML5001"}""").RootElement)!.Fixes.IsDefaultOrEmpty);
        Assert.Null(GoModDiagnosticData.From(JsonDocument.Parse("""{"fixes":"not an array"}""").RootElement));
        Assert.Null(GoModDiagnosticData.From(JsonDocument.Parse("[1]").RootElement));
        Assert.Null(GoModDiagnosticData.From(JsonDocument.Parse("""{"code":"X","fixes":[{"kind":"k","title":"t","edits":{"a":1}}]}""").RootElement));
    }

    [Fact]
    public void Diagnostic_data_survives_a_lua_client_that_sends_empty_arrays_back_as_objects()
    {
        // What Neovim returns for a GOPROXY fix (no edits) next to a replace fix: [] became {}.
        var back = JsonDocument.Parse("""
            {"code":"GML1001","module":"example.com/ghost","fixes":[
              {"kind":"setGoproxy","title":"Use a mirror","edits":{},"value":"https://goproxy.cn,direct"},
              {"kind":"addReplace","title":"Replace","edits":[{"start":1,"end":2,"newText":"x"}],"module":"example.com/ghost"}]}
            """).RootElement;

        var data = GoModDiagnosticData.From(back);
        Assert.NotNull(data);
        Assert.Equal(2, data.Fixes.Length);
        Assert.True(data.Fixes[0].Edits.IsEmpty);
        Assert.Equal("x", Assert.Single(data.Fixes[1].Edits).NewText);
        Assert.True(GoModDiagnosticData.From(JsonDocument.Parse("""{"code":"GML1001","fixes":{}}""").RootElement)!.Fixes.IsEmpty);
        Assert.Null(GoModDiagnosticData.From(ImmutableDictionary<string, string>.Empty));
    }

    [Fact]
    public void Fingerprint_tells_different_diagnostics_apart_and_equal_ones_alike()
    {
        static Diagnostic At(int line, string message) =>
            new() { Range = new Protocol.Range(new Position(line, 0), new Position(line, 4)), Message = message, Data = new GoModDiagnosticData("GML1") };

        Assert.Equal(DiagnosticsFingerprint.Of([At(1, "a"), At(2, "b")]), DiagnosticsFingerprint.Of([At(1, "a"), At(2, "b")]));
        Assert.NotEqual(DiagnosticsFingerprint.Of([At(1, "a"), At(2, "b")]), DiagnosticsFingerprint.Of([At(2, "b"), At(1, "a")]));
        Assert.NotEqual(DiagnosticsFingerprint.Of([At(1, "a")]), DiagnosticsFingerprint.Of([At(1, "A")]));
        Assert.NotEqual(DiagnosticsFingerprint.Of([]), DiagnosticsFingerprint.Of([At(1, "a")]));

        // A large publish (hundreds of KB of JSON) hashes the same each time without keeping the JSON.
        var many = Enumerable.Range(0, 3000).Select(i => At(i, new string('x', 100) + i)).ToList();
        Assert.Equal(DiagnosticsFingerprint.Of(many), DiagnosticsFingerprint.Of([.. many]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(16 * 1024)]
    public void Small_transport_buffers_come_from_the_shared_pool(int size)
    {
        using var owner = SmallBufferPool.Instance.Rent(size);
        Assert.True(owner.Memory.Length >= size);
        Assert.True(System.Numerics.BitOperations.IsPow2(owner.Memory.Length), "shared-pool buffers are rounded up to a power of two");
    }

    [Theory]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    public void Large_transport_buffers_are_plain_arrays_of_the_size_asked(int size)
    {
        using var owner = SmallBufferPool.Instance.Rent(size);
        Assert.Equal(size, owner.Memory.Length);
        Assert.Equal(Array.MaxLength, SmallBufferPool.Instance.MaxBufferSize);
    }
}
