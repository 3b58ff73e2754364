using System.IO.Compression;
using System.Text;
using GoModLens.ModFile.Module;
using GoModLens.TestUtilities;

namespace GoModLens.ModFile.Tests;

/// <summary>A file:// GOPROXY tree in a scratch dir: &lt;escaped path&gt;/@v/{list,&lt;v&gt;.info,.mod,.zip}.</summary>
internal sealed class ModuleTestProxy
{
    public ModuleTestProxy()
    {
        Root = GoOracle.NewScratchDir("proxy");
    }

    public string Root { get; }

    public string Url => "file://" + Root;

    public string VersionDir(string modulePath)
    {
        var dir = Path.Combine(Root, ModulePath.EscapePath(modulePath), "@v");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public void WriteList(string modulePath, IEnumerable<string> lines) =>
        File.WriteAllText(Path.Combine(VersionDir(modulePath), "list"), string.Join("\n", lines) + "\n");

    public string FilePath(string modulePath, string version, string ext) =>
        Path.Combine(VersionDir(modulePath), ModulePath.EscapeVersion(version) + ext);

    public void WriteInfoAndMod(string modulePath, string version, byte[] goMod)
    {
        File.WriteAllText(FilePath(modulePath, version, ".info"), $"{{\"Version\":\"{version}\",\"Time\":\"2020-01-01T00:00:00Z\"}}");
        File.WriteAllBytes(FilePath(modulePath, version, ".mod"), goMod);
    }

    /// <summary>Writes the module zip with go's naming ("path@version/file", path not escaped) and returns its file path.</summary>
    public string WriteZip(string modulePath, string version, IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        var zipPath = FilePath(modulePath, version, ".zip");
        using var fs = File.Create(zipPath);
        using var zip = new ZipArchive(fs, ZipArchiveMode.Create, leaveOpen: false, entryNameEncoding: Encoding.UTF8);
        foreach (var (name, content) in files)
        {
            var entry = zip.CreateEntry($"{modulePath}@{version}/{name}", CompressionLevel.Optimal);
            using var s = entry.Open();
            s.Write(content);
        }

        return zipPath;
    }

    public Dictionary<string, string?> Environment() => new()
    {
        ["GOPROXY"] = Url,
        ["GOSUMDB"] = "off",
        ["GONOSUMDB"] = "*",
        ["GOFLAGS"] = "-mod=mod",
    };
}
