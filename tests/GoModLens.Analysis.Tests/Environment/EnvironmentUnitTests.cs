using GoModLens.Analysis.Environment;
using GoModLens.Analysis.ProxyConfig;

namespace GoModLens.Analysis.Tests.Environment;

internal sealed class MemoryFiles : IGoEnvFileSystem
{
    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    public string? ReadAllText(string path) => Files.GetValueOrDefault(path);

    public bool DirectoryExists(string path) => Directories.Contains(path);

    public bool FileExists(string path) => Files.ContainsKey(path);

    public string ResolveLinks(string path) => path;
}

public sealed class GoEnvironmentTests
{
    private static GoEnvironment Env(Dictionary<string, string> env, MemoryFiles files, GoOs os = GoOs.Linux, string? goRoot = "/goroot", Dictionary<string, string>? editor = null) =>
        GoEnvironment.Compute(new GoEnvironmentInput(env, os, files, goRoot, editor));

    private static MemoryFiles WithGoRoot()
    {
        var files = new MemoryFiles();
        files.Files["/goroot/go.env"] = "# defaults\nGOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n";
        return files;
    }

    [Fact]
    public void Layers_process_then_user_file_then_goroot_then_default()
    {
        var files = WithGoRoot();
        files.Files["/home/u/.config/go/env"] = "GOPRIVATE=corp.example\nGOSUMDB=\n";
        var env = Env(new() { ["HOME"] = "/home/u", ["GOFLAGS"] = "-mod=mod" }, files);
        Assert.Equal("/home/u/.config/go/env", env.EnvFilePath);
        Assert.Equal(EnvSource.GoRootGoEnv, env.GoProxy.Source);
        Assert.Equal("/goroot/go.env", env.GoProxy.SourcePath);
        Assert.Equal(("corp.example", EnvSource.GoEnvFile), (env.GoPrivate.Value, env.GoPrivate.Source));
        Assert.Equal(("corp.example", EnvSource.Default), (env.GoNoProxy.Value, env.GoNoProxy.Source));
        Assert.Contains("GOPRIVATE", env.GoNoSumDb.Describe(), StringComparison.Ordinal);
        // An empty user value shadows go.env and then falls to the (empty) compiled default.
        Assert.Equal(("", EnvSource.Default), (env.GoSumDb.Value, env.GoSumDb.Source));
        Assert.Equal(EnvSource.ProcessEnvironment, env.GoFlagsValue.Source);
        Assert.Equal("/home/u/go", env.GoPath.Value);
        Assert.Equal("/home/u/go/pkg/mod", env.GoModCache.Value);
        Assert.Equal("netrc", env.GoAuth.Value);
    }

    [Fact]
    public void Empty_process_value_falls_through_and_editor_setting_wins()
    {
        var files = WithGoRoot();
        files.Files["/x/env"] = "GOPROXY=https://file.example\n";
        var env = Env(new() { ["GOENV"] = "/x/env", ["GOPROXY"] = "" }, files, editor: new() { ["GOSUMDB"] = "off" });
        Assert.True(env.EnvFileExplicit);
        Assert.Equal(("https://file.example", EnvSource.GoEnvFile), (env.GoProxy.Value, env.GoProxy.Source));
        Assert.Equal(("off", EnvSource.EditorSetting), (env.GoSumDb.Value, env.GoSumDb.Source));
    }

    [Fact]
    public void Goenv_off_disables_the_user_file()
    {
        var env = Env(new() { ["GOENV"] = "off", ["HOME"] = "/h" }, WithGoRoot());
        Assert.Null(env.EnvFilePath);
        Assert.Equal("GOENV=off", env.EnvFileError);
    }

    [Theory]
    [InlineData(GoOs.Windows, "AppData", "C:\\Users\\u\\AppData\\Roaming", "C:\\Users\\u\\AppData\\Roaming\\go\\env")]
    [InlineData(GoOs.MacOS, "HOME", "/Users/u", "/Users/u/Library/Application Support/go/env")]
    [InlineData(GoOs.Linux, "XDG_CONFIG_HOME", "/xdg", "/xdg/go/env")]
    [InlineData(GoOs.Linux, "HOME", "/home/u", "/home/u/.config/go/env")]
    public void Env_file_location_per_os(GoOs os, string variable, string value, string expected) =>
        Assert.Equal(expected, Env(new() { [variable] = value }, new MemoryFiles(), os).EnvFilePath);

    [Fact]
    public void Parser_is_permissive_like_go()
    {
        var parsed = GoEnvFile.Parse("GOPROXY=a\n# c\nlower=x\n=y\n GOFLAGS=z\nGOPROXY=b\r\nGOPRIVATE= sp \nNOEQ\n");
        Assert.Equal("b\r", parsed["GOPROXY"]);
        Assert.Equal(" sp ", parsed["GOPRIVATE"]);
        Assert.False(parsed.ContainsKey("lower"));
        Assert.False(parsed.ContainsKey(" GOFLAGS"));
        Assert.Equal(2, parsed.Count);
    }

    [Fact]
    public void Goroot_is_discovered_from_go_on_path()
    {
        var files = new MemoryFiles();
        files.Files["/opt/go/bin/go"] = "";
        files.Directories.Add("/opt/go/pkg/tool");
        files.Files["/opt/go/go.env"] = "GOPROXY=https://corp-proxy.example\n";
        var env = Env(new() { ["PATH"] = "/usr/bin:/opt/go/bin" }, files, goRoot: null);
        Assert.Equal("/opt/go", env.GoRoot);
        Assert.Equal("https://corp-proxy.example", env.GoProxy.Value);
    }

    [Fact]
    public void Without_go_on_path_the_standard_install_location_is_used()
    {
        var files = new MemoryFiles();
        files.Files["/usr/local/go/bin/go"] = "";
        files.Directories.Add("/usr/local/go/pkg/tool");
        files.Files["/usr/local/go/go.env"] = "GOPROXY=https://goproxy.cn,direct\n";
        var env = Env(new() { ["PATH"] = "/usr/bin" }, files, goRoot: null);
        Assert.Equal("/usr/local/go", env.GoRoot);
        Assert.Equal(("https://goproxy.cn,direct", EnvSource.GoRootGoEnv), (env.GoProxy.Value, env.GoProxy.Source));
        Assert.Contains("go is not on PATH", env.Get("GOROOT").Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GoOs.Linux, "/usr/lib/go/bin/go", "/usr/lib/go")]
    [InlineData(GoOs.MacOS, "/opt/homebrew/opt/go/libexec/bin/go", "/opt/homebrew/opt/go/libexec")]
    [InlineData(GoOs.Windows, "D:\\Apps\\Go\\bin\\go.exe", "D:\\Apps\\Go")]
    public void Install_locations_per_os(GoOs os, string exe, string root)
    {
        var files = new MemoryFiles();
        files.Files[exe] = "";
        files.Directories.Add(os.JoinPath(root, "pkg", "tool"));
        Assert.Equal(root, Env(new() { ["ProgramFiles"] = "D:\\Apps" }, files, os, goRoot: null).GoRoot);
    }

    [Fact]
    public void With_no_go_installation_found_the_shipped_go_env_defaults_apply()
    {
        // An editor started without the shell's PATH: an empty GOPROXY would make every require a configuration error.
        var env = Env(new() { ["PATH"] = "/usr/bin", ["HOME"] = "/home/u" }, new MemoryFiles(), goRoot: null);
        Assert.Null(env.GoRoot);
        Assert.Equal(("https://proxy.golang.org,direct", EnvSource.Default), (env.GoProxy.Value, env.GoProxy.Source));
        Assert.Contains("no Go installation was found", env.GoProxy.Describe(), StringComparison.Ordinal);
        Assert.Equal("sum.golang.org", env.GoSumDb.Value);
        Assert.Equal("auto", env.GoToolchain.Value);
        Assert.Null(ProxyList.Parse(env.GoProxy.Value).Error);

        // It stands in for go.env, so an empty value in the user's file still shadows it, as it would shadow go.env.
        var files = new MemoryFiles();
        files.Files["/home/u/.config/go/env"] = "GOPROXY=\n";
        Assert.Equal("", Env(new() { ["HOME"] = "/home/u" }, files, goRoot: null).GoProxy.Value);
    }

    [Theory]
    [InlineData("go1.20.14\ntime 2024-02-06T17:39:42Z\n", "https://proxy.golang.org,direct")]
    [InlineData("go1.19", "https://proxy.golang.org,direct")]
    [InlineData("go1.22.1\n", "")]
    [InlineData("devel go1.23-abc", "")]
    public void A_toolchain_without_go_env_uses_its_own_defaults(string version, string expected)
    {
        // Before Go 1.21 the defaults were compiled in (there is no go.env); a newer toolchain without go.env has none.
        var files = new MemoryFiles();
        files.Files["/goroot/VERSION"] = version;
        files.Files["/home/u/.config/go/env"] = "GOPROXY=\n";
        var env = Env(new() { ["HOME"] = "/home/u" }, files);
        Assert.Equal(expected, env.GoProxy.Value);
        Assert.Equal(expected.Length > 0 ? "sum.golang.org" : "", env.GoSumDb.Value);
    }

    [Fact]
    public void Proxy_settings_for_routing()
    {
        var env = Env(new() { ["GOPRIVATE"] = "corp.example", ["GOFLAGS"] = "-mod=vendor" }, WithGoRoot());
        var settings = env.ToProxySettings();
        Assert.Equal("corp.example", settings.GoNoProxy);
        Assert.Equal("vendor", settings.BuildMod);
        Assert.Empty(ProxyRouting.For("corp.example/x", settings).ProxySteps);
    }
}

public sealed class GoFlagsTests
{
    [Fact]
    public void Parses_quoted_words_and_module_flags()
    {
        var f = GoFlags.Parse("-mod=readonly '-tags=a b' \"-ldflags=-s\" --modcacherw -mod=vendor");
        Assert.Null(f.Error);
        Assert.Equal(["-mod=readonly", "-tags=a b", "-ldflags=-s", "--modcacherw", "-mod=vendor"], f.Flags);
        Assert.Equal("vendor", f.Mod);
        Assert.True(f.LookupsDisabled);
        Assert.True(f.ModCacheRw);
    }

    [Theory]
    [InlineData("mod=mod", "go: parsing $GOFLAGS: non-flag \"mod=mod\"")]
    [InlineData("-", "go: parsing $GOFLAGS: non-flag \"-\"")]
    [InlineData("---x", "go: parsing $GOFLAGS: non-flag \"---x\"")]
    [InlineData("-nosuchflag", "go: parsing $GOFLAGS: unknown flag -nosuchflag")]
    [InlineData("'-mod=mod", "go: parsing $GOFLAGS: unterminated ' string")]
    public void Errors(string value, string message) => Assert.Equal(message, GoFlags.Parse(value).Error);

    [Theory]
    [InlineData("-mod", "flag needs an argument: -mod (from $GOFLAGS)", GoFlagsScope.BuildAndList)]
    [InlineData("--modfile", "flag needs an argument: -modfile (from $GOFLAGS)", GoFlagsScope.ModuleCommands)]
    [InlineData("-modcacherw=maybe", "invalid boolean value \"maybe\" for flag -modcacherw (from $GOFLAGS): parse error", GoFlagsScope.ModuleCommands)]
    [InlineData("-modfile=x.txt", "-modfile=x.txt: file does not have .mod extension", GoFlagsScope.ModuleCommands)]
    [InlineData("-mod=bogus", "-mod=bogus not supported (can be '', 'mod', 'readonly', or 'vendor')", GoFlagsScope.BuildAndList)]
    [InlineData("-nosuch", "parsing $GOFLAGS: unknown flag -nosuch", GoFlagsScope.EveryCommand)]
    [InlineData("-tags", "flag needs an argument: -tags (from $GOFLAGS)", GoFlagsScope.BuildAndList | GoFlagsScope.GoGet)]
    [InlineData("-buildvcs=maybe", "invalid boolean value \"maybe\" for flag -buildvcs (from $GOFLAGS): value is neither 'auto' nor a valid bool", GoFlagsScope.BuildAndList | GoFlagsScope.GoGet)]
    [InlineData("-p=0x1g", "invalid value \"0x1g\" for flag -p (from $GOFLAGS): parse error", GoFlagsScope.BuildAndList | GoFlagsScope.GoGet)]
    [InlineData("-p=9223372036854775808", "invalid value \"9223372036854775808\" for flag -p (from $GOFLAGS): value out of range", GoFlagsScope.BuildAndList | GoFlagsScope.GoGet)]
    [InlineData("-gcflags=all", "invalid value \"all\" for flag -gcflags (from $GOFLAGS): missing =<value> in <pattern>=<value>", GoFlagsScope.BuildAndList | GoFlagsScope.GoGet)]
    [InlineData("-covermode=x", "invalid value \"x\" for flag -covermode (from $GOFLAGS): valid modes are \"set\", \"count\", or \"atomic\"", GoFlagsScope.BuildAndList)]
    [InlineData("-json=x", "invalid boolean value \"x\" for flag -json (from $GOFLAGS): parse error", GoFlagsScope.BuildCommands | GoFlagsScope.ModDownload | GoFlagsScope.GoGet)]
    [InlineData("-e=x", "invalid boolean value \"x\" for flag -e (from $GOFLAGS): parse error", GoFlagsScope.GoList | GoFlagsScope.ModTidy)]
    [InlineData("-reuse", "flag needs an argument: -reuse (from $GOFLAGS)", GoFlagsScope.GoList | GoFlagsScope.ModDownload)]
    [InlineData("-go=1", "invalid value \"1\" for flag -go (from $GOFLAGS): expecting a Go version like \"1.26\"", GoFlagsScope.ModTidy)]
    [InlineData("-x=x", "invalid boolean value \"x\" for flag -x (from $GOFLAGS): parse error", GoFlagsScope.ModuleCommands)]
    [InlineData("-d=false", "-d flag may not be set to false", GoFlagsScope.GoGet)]
    public void Values_go_stops_on(string value, string goMessage, GoFlagsScope stops)
    {
        var problem = Assert.Single(GoFlags.Parse(value).Problems);
        Assert.Equal(goMessage, problem.GoMessage);
        Assert.Equal(stops, problem.Stops);
    }

    [Theory]
    [InlineData("-mod=mod -modcacherw=false -modfile=tools.mod --mod=readonly -mod=")]
    [InlineData("-modcacherw=1 '-tags=a b'")]
    [InlineData("-buildvcs -buildvcs=auto -buildvcs= -buildvcs=F -p=0x1_0 -p=-0b1 -p=0o17 -p=017 -gcflags= '-gcflags=all=-N -l' -ldflags=-s -tags=")]
    [InlineData("-u -d -d=1 -m=false -compiler=gccgo -covermode=atomic -go=1.21rc1 -compat=")]
    public void Values_go_accepts(string value) => Assert.Empty(GoFlags.Parse(value).Problems);

    [Fact]
    public void Go_gets_upgrade_flag_takes_words_go_lists_does_not()
    {
        var minor = GoFlags.Parse("-u=minor");
        Assert.Equal("go: invalid boolean value \"minor\" for flag -u (from $GOFLAGS): parse error", minor.FirstProblem(GoCommandKind.List, workspaceMode: false)!.GoOutput);
        Assert.Equal("go: unknown upgrade flag -u=minor", minor.FirstProblem(GoCommandKind.Get, workspaceMode: false)!.GoOutput);
        Assert.Null(minor.FirstProblem(GoCommandKind.Build, workspaceMode: false));
        Assert.Null(GoFlags.Parse("-u= -u=patch").FirstProblem(GoCommandKind.Get, workspaceMode: false));
    }

    [Fact]
    public void Go_mod_tidy_refuses_a_go_version_newer_than_the_go_that_runs()
    {
        Assert.Equal("invalid value \"1.27\" for flag -go (from $GOFLAGS): maximum supported Go version is 1.26.1",
            GoFlags.Parse("-go=1.27", GoOs.Linux, "1.26.1").Problems.Single().GoMessage);
        Assert.Empty(GoFlags.Parse("-go=1.26.1", GoOs.Linux, "1.26.1").Problems);
    }

    [Fact]
    public void The_commands_a_problem_stops_are_named()
    {
        Assert.Equal("go build, go test, go run, go list and go get", GoFlags.Parse("-tags").Problems.Single().Commands);
        Assert.Equal("go build, go test, go run, go mod download and go get", GoFlags.Parse("-json=x").Problems.Single().Commands);
        Assert.Equal("go mod tidy", GoFlags.Parse("-diff=x").Problems.Single().Commands);
        Assert.Equal("go list and go mod tidy", GoFlags.Parse("-e=x").Problems.Single().Commands);
        Assert.Equal(["go: flag needs an argument: -tags (from $GOFLAGS)"], GoFlags.Parse("-tags -e=x").FirstProblems(workspaceMode: false).Take(1).Select(p => p.GoOutput));
        Assert.False(GoFlags.Parse("-diff=x").Problems.Single().StopsDownloadsOrBuilds);
        Assert.True(GoFlags.Parse("-e=x").Problems.Single().StopsDownloadsOrBuilds); // go list, which gopls runs
        Assert.True(GoFlags.Parse("-json=x").Problems.Single().StopsDownloadsOrBuilds);
    }

    [Fact]
    public void A_bad_mod_value_stops_builds_and_the_next_problem_stops_downloads()
    {
        var flags = GoFlags.Parse("-mod -modcacherw=x");
        Assert.Equal(["flag needs an argument: -mod (from $GOFLAGS)", "invalid boolean value \"x\" for flag -modcacherw (from $GOFLAGS): parse error"],
            flags.FirstProblems(workspaceMode: false).Select(p => p.GoMessage));
        Assert.Equal("go: flag needs an argument: -mod (from $GOFLAGS)", flags.Problems[0].GoOutput);
        Assert.Equal("-mod=x not supported (can be '', 'mod', 'readonly', or 'vendor')", GoFlags.Parse("-mod=x").Problems[0].GoOutput);
        Assert.Equal("go: flag needs an argument: -mod (from %GOFLAGS%)", GoFlags.Parse("-mod", GoOs.Windows).Problems[0].GoOutput);
    }

    [Fact]
    public void Workspace_mode_refuses_modfile_before_its_name()
    {
        Assert.Equal(["-modfile cannot be used in workspace mode"],
            GoFlags.Parse("-modfile=x.txt -mod=bogus").FirstProblems(workspaceMode: true).Take(1).Select(p => p.GoMessage));
        Assert.Equal("flag needs an argument: -mod (from $GOFLAGS)", GoFlags.Parse("-mod -modfile=a.mod").FirstProblems(workspaceMode: true)[0].GoMessage);
        Assert.Empty(GoFlags.Parse("-modfile=a.mod").FirstProblems(workspaceMode: false));
    }

    [Theory]
    [InlineData("-mod=mod -nosuch '-tags=a b'", "-mod=mod '-tags=a b'")]
    [InlineData("-modfile=x.txt -mod=mod --modfile=y.txt", "-mod=mod")]
    [InlineData("-mod", "")]
    public void Without_drops_the_words_at_fault(string value, string rest) =>
        Assert.Equal(rest, GoFlags.Without(value, GoFlags.Parse(value).Problems[0]));

    [Fact]
    public void Insecure_stops_go_get_alone()
    {
        var f = GoFlags.Parse("-insecure");
        Assert.Null(f.Error);
        var problem = Assert.Single(f.FirstProblems(workspaceMode: false));
        Assert.Equal(("-insecure flag is no longer supported; use GOINSECURE instead", GoFlagsScope.GoGet), (problem.GoMessage, problem.Stops));
        Assert.Empty(GoFlags.Parse("-insecure=false").Problems);

        // go list stops at -mod, go mod download at -modcacherw, go get at -modcacherw too (its flag values come first).
        Assert.Equal(["flag needs an argument: -mod (from $GOFLAGS)", "invalid boolean value \"x\" for flag -modcacherw (from $GOFLAGS): parse error"],
            GoFlags.Parse("-insecure -mod -modcacherw=x").FirstProblems(workspaceMode: false).Select(p => p.GoMessage));
    }
}

public sealed class HttpProxyConfigTests
{
    private static string? For(HttpProxyConfig c, string url) => c.ProxyFor(new Uri(url), out _)?.ToString();

    [Fact]
    public void Scheme_selects_the_variable_and_host_port_gets_http()
    {
        var c = HttpProxyConfig.FromEnvironment(n => n switch { "https_proxy" => "proxy.corp:3128", "HTTP_PROXY" => "http://hp:80", _ => null });
        Assert.Equal("http://proxy.corp:3128", For(c, "https://proxy.golang.org/x"));
        Assert.Equal("http://hp:80", For(c, "http://a.example/"));
        Assert.Null(For(c, "https://localhost/x"));
        Assert.Null(For(c, "https://127.0.0.1/x"));
        Assert.Null(For(c, "https://[::1]/x"));
    }

    [Theory]
    [InlineData("*", "https://a.example/", false)]
    [InlineData("example.com", "https://example.com/", false)]
    [InlineData("example.com", "https://sub.example.com/", false)]
    [InlineData(".example.com", "https://example.com/", true)]
    [InlineData("*.example.com", "https://sub.example.com/", false)]
    [InlineData("example.com:8443", "https://example.com/", true)]
    [InlineData("example.com:8443", "https://example.com:8443/", false)]
    [InlineData("10.0.0.0/8", "https://10.1.2.3/", false)]
    [InlineData("10.0.0.0/8", "https://11.1.2.3/", true)]
    [InlineData("192.168.1.1", "https://192.168.1.1/", false)]
    [InlineData("192.168.1.1:443", "https://192.168.1.1/", false)]
    [InlineData("EXAMPLE.COM", "https://example.com/", false)]
    [InlineData("other.example, example.org", "https://example.org/", false)]
    [InlineData("ample.com", "https://example.com/", true)]
    public void No_proxy_matching(string noProxy, string url, bool proxied)
    {
        var c = HttpProxyConfig.Create(httpsProxy: "http://p:1", noProxy: noProxy);
        Assert.Equal(proxied, For(c, url) is not null);
    }

    [Fact]
    public void Cgi_refuses_http_proxy()
    {
        var c = HttpProxyConfig.FromEnvironment(n => n switch { "HTTP_PROXY" => "http://hp:80", "REQUEST_METHOD" => "GET", _ => null });
        Assert.Null(c.ProxyFor(new Uri("http://a.example/"), out var error));
        Assert.Contains("CGI", error, StringComparison.Ordinal);
    }
}

public sealed class NetrcTests
{
    [Fact]
    public void Parses_like_go_and_first_machine_wins()
    {
        var entries = Netrc.Parse("machine a.example login u1 password p1\nmachine a.example login u2 password p2\nmachine b.example:8443\n login u3\n password p3\nmacdef init\nmachine m login x password y\n\nmachine c.example login u4 password p4\n");
        Assert.Equal(["a.example", "a.example", "b.example:8443", "c.example"], entries.Select(e => e.Machine));
        var creds = new NetrcCredentials(entries);
        Assert.Equal("u1", creds.For(new Uri("https://a.example/mod/@v/list"))!.Login);
        Assert.Equal("u3", creds.For(new Uri("https://b.example:8443/x"))!.Login);
        Assert.Null(creds.For(new Uri("https://b.example/x")));
        Assert.DoesNotContain("p1", entries[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_are_never_offered_for_plain_http()
    {
        var creds = new NetrcCredentials(Netrc.Parse("machine a.example login u password p"));
        Assert.Null(creds.For(new Uri("http://a.example/x")));
        Assert.NotNull(creds.For(new Uri("https://a.example/x")));
    }

    [Fact]
    public void Default_token_at_line_end_stops_parsing()
    {
        Assert.Empty(Netrc.Parse("default\nmachine a login u password p\n"));
        Assert.Single(Netrc.Parse("machine a login u password p default\nmachine b login u password p\n"));
    }

    [Fact]
    public void Location_prefers_NETRC_then_home()
    {
        var files = new MemoryFiles();
        Assert.Equal("/n", Netrc.Locate(new GoEnvironmentInput(new Dictionary<string, string> { ["NETRC"] = "/n", ["HOME"] = "/h" }, GoOs.Linux, files)));
        Assert.Equal("/h/.netrc", Netrc.Locate(new GoEnvironmentInput(new Dictionary<string, string> { ["HOME"] = "/h" }, GoOs.Linux, files)));
        files.Files[@"C:\u\_netrc"] = "";
        Assert.Equal(@"C:\u\_netrc", Netrc.Locate(new GoEnvironmentInput(new Dictionary<string, string> { ["USERPROFILE"] = @"C:\u" }, GoOs.Windows, files)));
    }
}

public sealed class GoEnvFileWriterTests
{
    private static GoEnvironment Env(string? fileText, Dictionary<string, string>? process = null)
    {
        var files = new MemoryFiles();
        if (fileText is not null)
        {
            files.Files["/cfg/env"] = fileText;
        }

        var env = new Dictionary<string, string>(process ?? []) { ["GOENV"] = "/cfg/env" };
        return GoEnvironment.Compute(new GoEnvironmentInput(env, GoOs.Linux, files, "/goroot"));
    }

    [Theory]
    [InlineData("", "GOPROXY=x", "GOPROXY=x\n")]
    [InlineData("GOSUMDB=off", "GOPROXY=x", "GOPROXY=x\nGOSUMDB=off\n")]
    [InlineData("GOPROXY=a\n# keep\nGOPROXY=b\nGOFLAGS=-x\n", "GOPROXY=c", "# keep\nGOFLAGS=-x\nGOPROXY=c\n")]
    [InlineData("ZZ=1\nGOPROXY=a\nGOPROXY=b\nAA=1\n", "GOPRIVATE=p", "ZZ=1\nAA=1\nGOPRIVATE=p\nGOPROXY=b\n")]
    [InlineData("# c\n\nGOSUMDB=x\n", "GOAUTH=off", "# c\n\nGOAUTH=off\nGOSUMDB=x\n")]
    public void Set_rewrites_like_go(string before, string arg, string after) =>
        Assert.Equal(after, GoEnvFileWriter.PlanSet(Env(before), [arg]).NewText);

    [Fact]
    public void Unset_blanks_the_line_and_requires_the_file()
    {
        Assert.Equal("GOSUMDB=x\n", GoEnvFileWriter.PlanUnset(Env("GOPROXY=a\nGOSUMDB=x\n"), ["GOPROXY"]).NewText);
        Assert.Equal("go: reading go env config: open /cfg/env: no such file or directory", GoEnvFileWriter.PlanUnset(Env(null), ["GOPROXY"]).Error);
    }

    [Theory]
    [InlineData("GOENV=x", "go: GOENV can only be set using the OS environment")]
    [InlineData("GOVERSION=x", "go: GOVERSION cannot be modified")]
    [InlineData("NOTAVAR=x", "go: unknown go command variable NOTAVAR")]
    [InlineData("GOPROXY", "go: arguments must be KEY=VALUE: invalid argument: GOPROXY")]
    [InlineData("GO111MODULE=maybe", "go: invalid GO111MODULE value \"maybe\"")]
    [InlineData("GOPATH=~/go", "go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"")]
    [InlineData("GOMODCACHE=rel", "go: GOMODCACHE entry is relative; must be absolute path: \"rel\"")]
    [InlineData("GOPROXY=a\nb", "go: invalid newline in GOPROXY=... value")]
    [InlineData("GOTMPDIR=rel", "go: GOTMPDIR must be an absolute path")]
    public void Validation_messages(string arg, string error) =>
        Assert.Equal(error, GoEnvFileWriter.PlanSet(Env(""), [arg]).Error);

    [Fact]
    public void Keys_already_in_the_file_count_as_known_and_conflicts_warn()
    {
        Assert.Null(GoEnvFileWriter.PlanSet(Env("MYVAR=1\n"), ["MYVAR=2"]).Error);
        var plan = GoEnvFileWriter.PlanSet(Env("", new() { ["GOPROXY"] = "https://os.example" }), ["GOPROXY=https://x.example"]);
        Assert.Equal("warning: go env -w GOPROXY=... does not override conflicting OS environment variable", Assert.Single(plan.Warnings));
        Assert.Equal("go: multiple values for key: GOPROXY", GoEnvFileWriter.PlanSet(Env(""), ["GOPROXY=a", "GOPROXY=b"]).Error);
    }

    [Fact]
    public async Task Write_is_atomic_and_creates_directories()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gml-goenv-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var path = Path.Combine(dir, "nested", "env");
            var env = GoEnvironment.Compute(new GoEnvironmentInput(new Dictionary<string, string> { ["GOENV"] = path }, GoOs.Linux, PhysicalGoEnvFileSystem.Instance, "/goroot"));
            var plan = GoEnvFileWriter.PlanSet(env, ["GOPROXY=https://x.example"]);
            Assert.True(plan.ChangesFile);
            await GoEnvFileWriter.WriteAsync(plan, CancellationToken.None);
            Assert.Equal("GOPROXY=https://x.example\n", await File.ReadAllTextAsync(path));
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
