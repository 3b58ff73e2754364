using GoModLens.Analysis.Environment;
using GoModLens.Analysis.Findings;
using GoModLens.Analysis.Vendoring;
using GoModLens.ModFile.Semantics;
using GoModLens.ModFile.Tests;
using GoModLens.TestUtilities;

namespace GoModLens.Analysis.Tests.Vendoring;

/// <summary>
/// Whatever vendor/modules.txt and go.mod say — corpus go.mod files, modules.txt files written from them as go writes
/// them, then random damage to both — the vendor check and its findings never throw, and an undamaged pair is consistent.
/// </summary>
public sealed class VendorFuzzTests
{
    [Fact]
    public void Vendor_checks_of_damaged_modules_txt_and_go_mod_files_never_throw()
    {
        var dir = GoOracle.NewScratchDir("vendor-fuzz");
        Directory.CreateDirectory(Path.Combine(dir, "vendor"));
        var environment = GoEnvironment.Compute(new GoEnvironmentInput(new Dictionary<string, string> { ["GOFLAGS"] = "-mod=vendor" }, GoOs.Linux, PhysicalGoEnvFileSystem.Instance));
        var corpus = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "testdata", "corpus", "gomod"), "*.mod").Order(StringComparer.Ordinal).Take(60).ToList();
        Assert.NotEmpty(corpus);
        var rng = new Random(20261126);
        var runs = 0;
        foreach (var file in corpus)
        {
            var goModText = File.ReadAllText(file);
            var model = ModFileParser.Parse("go.mod", goModText).Model;
            var modulesTxt = Written(model);
            var mode = BuildMode.Decide("vendor", dir, model.Go?.Version, null, PhysicalGoEnvFileSystem.Instance);
            if (model.Require.Count > 0 && model.Replace.All(r => r.Old.Version.Length > 0 || model.Require.Any(q => q.Mod.Path == r.Old.Path)))
            {
                Assert.Empty(VendorConsistency.Check(mode, VendorList.Parse(modulesTxt), model, dir)); // go mod vendor's own output is consistent
            }

            for (var i = 0; i < 20; i++)
            {
                var damagedTxt = FuzzMutator.Mutate(modulesTxt, rng, rng.Next(1, 6));
                var damagedModel = i % 2 == 0 ? model : ModFileParser.Parse("go.mod", FuzzMutator.Mutate(goModText, rng, rng.Next(1, 4))).Model;
                var vendor = new VendorState(mode, VendorList.Parse(damagedTxt));
                var errors = VendorConsistency.Check(mode, vendor.List, damagedModel, dir);
                _ = VendorConsistency.GoMessage(mode, errors);
                _ = VendorFindings.From(vendor, damagedModel, "go.mod", dir).ToList();
                File.WriteAllText(Path.Combine(dir, "vendor", "modules.txt"), damagedTxt, new System.Text.UTF8Encoding(false)); // lone surrogates become U+FFFD
                _ = VendorState.For(environment, dir, damagedModel, null);
                runs++;
            }
        }

        Assert.True(runs >= 1000, $"only {runs} inputs");
    }

    // What go mod vendor writes for a go.mod whose requires all provide packages: each module, explicit, with its
    // replacement on the module line, then the path-wide replacements of required modules.
    private static string Written(GoModFile model)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var r in model.Require.DistinctBy(r => r.Mod))
        {
            var replace = GoModLens.Analysis.Workspace.GoWorkspace.ReplaceIn(model, r.Mod.Path, r.Mod.Version);
            sb.Append("# ").Append(r.Mod.Path).Append(' ').Append(r.Mod.Version);
            if (replace is not null)
            {
                sb.Append(" => ").Append(replace.New.Path).Append(replace.New.Version.Length > 0 ? " " + replace.New.Version : "");
            }

            sb.Append("\n## explicit; go 1.18\n").Append(r.Mod.Path).Append('\n');
        }

        foreach (var r in model.Replace.Where(r => r.Old.Version.Length == 0).DistinctBy(r => r.Old.Path))
        {
            sb.Append("# ").Append(r.Old.Path).Append(" => ").Append(r.New.Path).Append(r.New.Version.Length > 0 ? " " + r.New.Version : "").Append('\n');
        }

        return sb.ToString();
    }
}
