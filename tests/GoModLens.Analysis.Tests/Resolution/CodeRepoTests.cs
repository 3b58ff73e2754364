using System.Text;
using GoModLens.Analysis.Direct;
using GoModLens.Analysis.Ports;

namespace GoModLens.Analysis.Tests.Resolution;

/// <summary>
/// go's codeRepo decisions over a scripted repository (the git runs themselves are DirectGitTests' business, against
/// go): the go.mod location rules of findDir, the +incompatible list, and what happens when git cannot read a tree.
/// </summary>
public sealed class CodeRepoTests
{
    private static readonly DateTimeOffset Time = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>Revisions (ref or commit) → the files their tree holds; every request is recorded.</summary>
    private sealed class ScriptedRemote(Dictionary<string, Dictionary<string, string>> trees, bool failing = false) : IGitRemote
    {
        public List<GitRevisionRequest> Requests { get; } = [];

        public Task<GitListing> ListAsync(string repoUrl, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<GitArchive<T>> ReadArchiveAsync<T>(string repoUrl, GitArchiveRequest request, Func<GitArchiveContent, T> read, CancellationToken cancellationToken)
            where T : class => throw new NotSupportedException();

        public Task<IReadOnlyList<GitRevision>> ReadRevisionsAsync(string repoUrl, IReadOnlyList<GitRevisionRequest> requests, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<GitRevision>>([.. requests.Select(r => Read(r).Result)]);

        private Task<GitRevision> Read(GitRevisionRequest request)
        {
            Requests.Add(request);
            if (failing)
            {
                return Task.FromResult(GitRevision.Failed(GitFailure.Exit, "git fetch", 128, "fatal: early EOF", TimeSpan.Zero));
            }

            if (!trees.TryGetValue(request.Revision, out var tree))
            {
                return Task.FromResult(GitRevision.Failed(GitFailure.Exit, "git fetch", 128, "", TimeSpan.Zero, missing: true));
            }

            var files = request.Files.ToDictionary(f => f, f => tree.TryGetValue(f, out var text) ? Encoding.UTF8.GetBytes(text) : null);
            return Task.FromResult(new GitRevision(new string('a', 40), Time, files, [], false, GitFailure.None, null, 0, "", TimeSpan.Zero));
        }
    }

    private static CodeRepo Repo(ScriptedRemote remote, string modulePath, params string[] tags) =>
        new(remote, new RepoRoot("example.com/r", "git", "https://example.com/r", true), modulePath,
            tags.ToDictionary(t => "refs/tags/" + t, _ => new string('a', 40)));

    [Fact]
    public async Task A_v2_module_reads_v2_go_mod_before_the_root_and_refuses_both_claiming_v2()
    {
        var remote = new ScriptedRemote(new()
        {
            ["refs/tags/v2.0.0"] = new() { ["go.mod"] = "module example.com/r\n", ["v2/go.mod"] = "module example.com/r/v2\n" },
            ["refs/tags/v2.1.0"] = new() { ["go.mod"] = "module example.com/r/v2\n", ["v2/go.mod"] = "module example.com/r/v2\n" },
            ["refs/tags/v2.2.0"] = new() { ["go.mod"] = "module example.com/r\n" },
        });
        var code = Repo(remote, "example.com/r/v2", "v2.0.0", "v2.1.0", "v2.2.0");

        var sub = await code.StatAsync("v2.0.0", CancellationToken.None);
        Assert.Null(sub.Error);
        Assert.Equal("module example.com/r/v2\n", Encoding.UTF8.GetString(sub.GoMod!));
        Assert.Equal("v2", sub.Dir); // what go zips
        Assert.Equal(["go.mod", "v2/go.mod"], remote.Requests[0].Files); // one fetch answers both places

        var both = await code.StatAsync("v2.1.0", CancellationToken.None);
        Assert.Equal("invalid version: example.com/r/go.mod and .../v2/go.mod both have .../v2 module paths at revision v2.1.0", both.Error);

        var neither = await code.StatAsync("v2.2.0", CancellationToken.None);
        Assert.Equal("invalid version: go.mod has non-.../v2 module path \"example.com/r\" (and .../v2/go.mod does not exist) at revision v2.2.0", neither.Error);
    }

    [Fact]
    public async Task Incompatible_versions_are_listed_only_while_no_go_mod_claims_them()
    {
        var remote = new ScriptedRemote(new()
        {
            ["refs/tags/v1.0.0"] = new() { ["a.go"] = "package r\n" },
            ["refs/tags/v2.0.0"] = new() { ["a.go"] = "package r\n" },
            ["refs/tags/v2.1.0"] = new() { ["a.go"] = "package r\n" },
            ["refs/tags/v3.0.0"] = new() { ["go.mod"] = "module example.com/r/v3\n" },
        });
        var code = Repo(remote, "example.com/r", "v1.0.0", "v2.0.0", "v2.1.0", "v3.0.0");

        var versions = await code.VersionsAsync(["v1.0.0"], ["v2.0.0", "v2.1.0", "v3.0.0"], CancellationToken.None);

        // v2's latest tag has no go.mod: the whole v2 line is +incompatible; v3's has one: none of v3 is.
        Assert.Equal(["v1.0.0", "v2.0.0+incompatible", "v2.1.0+incompatible"], versions);
        Assert.DoesNotContain(remote.Requests, r => r.Revision == "refs/tags/v2.0.0"); // only the latest of each major is read
    }

    [Fact]
    public async Task A_go_mod_in_the_latest_v1_keeps_every_incompatible_version_out()
    {
        var remote = new ScriptedRemote(new() { ["refs/tags/v1.1.0"] = new() { ["go.mod"] = "module example.com/r\n" } });
        var code = Repo(remote, "example.com/r", "v1.1.0", "v2.0.0");

        Assert.Equal(["v1.1.0"], await code.VersionsAsync(["v1.1.0"], ["v2.0.0"], CancellationToken.None));
        Assert.Single(remote.Requests);
    }

    [Fact]
    public async Task When_git_cannot_read_a_tree_the_incompatible_list_is_undecided_and_the_stat_carries_gits_failure()
    {
        var code = Repo(new ScriptedRemote([], failing: true), "example.com/r", "v1.0.0", "v2.0.0");

        Assert.Null(await code.VersionsAsync(["v1.0.0"], ["v2.0.0"], CancellationToken.None));
        var stat = await code.StatAsync("v1.0.0", CancellationToken.None);
        Assert.Null(stat.Error);
        Assert.Equal("fatal: early EOF", stat.GitError!.Stderr);
    }

    [Fact]
    public async Task A_module_without_go_mod_at_the_root_gets_gos_synthesized_one()
    {
        var remote = new ScriptedRemote(new() { ["refs/tags/v1.0.0"] = new() { ["a.go"] = "package r\n" } });
        var stat = await Repo(remote, "example.com/r", "v1.0.0").StatAsync("v1.0.0", CancellationToken.None);

        Assert.Equal("module example.com/r\n", Encoding.UTF8.GetString(stat.GoMod!));
    }
}
