namespace GoModLens.Analysis.Findings;

/// <summary>
/// Every finding code. GML1xxx: syntax (go's parser), GML2xxx: semantic (local, no network), GML3xxx: network /
/// resolution. GML15xx belongs to go.sum. Each code has a section in docs/diagnostics.md.
/// </summary>
public static class FindingCodes
{
    // Syntax: go.mod parse errors with go's exact text.
    public const string SyntaxError = "GML1001";
    public const string DirectiveError = "GML1002";
    public const string InvalidVersion = "GML1003";

    // Semantic: local checks.
    public const string MalformedModulePath = "GML2001";
    public const string NonCanonicalVersion = "GML2002";
    public const string MajorVersionMismatch = "GML2003";
    public const string DuplicateRequire = "GML2004";
    public const string ReplaceDirectoryWithoutGoMod = "GML2005";
    public const string ExcludedVersionRequired = "GML2006";
    public const string RetractedVersion = "GML2007";
    public const string DeprecatedModule = "GML2008";
    public const string UpgradeAvailable = "GML2009";
    public const string MalformedPseudoVersion = "GML2010";
    public const string NotInWorkspace = "GML2011";
    public const string InvalidWorkspace = "GML2012";
    public const string InconsistentVendoring = "GML2013";
    public const string VendoredGoTooNew = "GML2014";
    public const string InvalidGodebug = "GML2015";
    public const string InvalidGoFlags = "GML2016";
    public const string AlternateModFile = "GML2017";
    public const string ToolNotProvided = "GML2018";
    public const string ToolNotMain = "GML2019";

    /// <summary>A toolchain line go drops when it writes the go.mod (the go line's own version, or before go 1.21): builds stop with "updates to go.mod needed".</summary>
    public const string ToolchainLineDropped = "GML2020";

    // Network / resolution.
    public const string VersionNotFound = "GML3001";
    public const string AccessDenied = "GML3002";
    public const string ProxyServerError = "GML3003";
    public const string DnsFailure = "GML3004";
    public const string ConnectionFailure = "GML3005";
    public const string Timeout = "GML3006";
    public const string InvalidProxyResponse = "GML3007";
    public const string LookupDisabled = "GML3008";
    public const string DirectOnly = "GML3009";
    public const string ProxyConfigurationError = "GML3010";
    public const string StaleCache = "GML3011";
    public const string LatestUnavailable = "GML3012";
    public const string NotChecked = "GML3013";
    public const string ToolchainSwitch = "GML3014";
    public const string ChecksumDatabaseUnreachable = "GML3015";
    public const string GoModNeedsUpdate = "GML3016";
    public const string ChecksumDatabaseMismatch = "GML3017";
    public const string ModuleZipRefused = "GML3018";

    public static IReadOnlyList<FindingRule> Rules { get; } =
    [
        new(SyntaxError, "SyntaxError", "go.mod syntax error (go stops parsing here)", FindingSeverity.Error),
        new(DirectiveError, "DirectiveError", "Invalid directive (go rejects the go.mod)", FindingSeverity.Error),
        new(InvalidVersion, "InvalidVersion", "Version is not a semantic version (go would query the proxy to fix it)", FindingSeverity.Error),
        new(MalformedModulePath, "MalformedModulePath", "Malformed module path (go makes no request)", FindingSeverity.Error),
        new(NonCanonicalVersion, "NonCanonicalVersion", "Non-canonical version (go rewrites it)", FindingSeverity.Information),
        new(MajorVersionMismatch, "MajorVersionMismatch", "Major version does not match the module path", FindingSeverity.Error),
        new(DuplicateRequire, "DuplicateRequire", "Module required more than once", FindingSeverity.Warning),
        new(ReplaceDirectoryWithoutGoMod, "ReplaceDirectoryWithoutGoMod", "Replacement directory has no go.mod", FindingSeverity.Error),
        new(ExcludedVersionRequired, "ExcludedVersionRequired", "Required version is excluded (go ignores the requirement)", FindingSeverity.Warning),
        new(RetractedVersion, "RetractedVersion", "Required version is retracted by its author", FindingSeverity.Warning),
        new(DeprecatedModule, "DeprecatedModule", "Module is deprecated by its author", FindingSeverity.Warning),
        new(UpgradeAvailable, "UpgradeAvailable", "A newer version is available", FindingSeverity.Information),
        new(MalformedPseudoVersion, "MalformedPseudoVersion", "Malformed pseudo-version", FindingSeverity.Error),
        new(NotInWorkspace, "NotInWorkspace", "A go.work is in force and does not use this module", FindingSeverity.Warning),
        new(InvalidWorkspace, "InvalidWorkspace", "go rejects the go.work (or GOWORK) in force, so every go command fails", FindingSeverity.Error),
        new(InconsistentVendoring, "InconsistentVendoring", "vendor/modules.txt does not match go.mod, so go builds fail until go mod vendor", FindingSeverity.Error),
        new(VendoredGoTooNew, "VendoredGoTooNew", "A vendored module needs a newer go than the one that runs (go builds stop)", FindingSeverity.Error),
        new(InvalidGodebug, "InvalidGodebug", "A godebug line go rejects (unknown or removed setting, bad default=), so every go command stops", FindingSeverity.Error),
        new(InvalidGoFlags, "InvalidGoFlags", "GOFLAGS holds something go rejects, so go commands stop (every one, or every build)", FindingSeverity.Error),
        new(AlternateModFile, "AlternateModFile", "GOFLAGS -modfile makes go read another file instead of this go.mod", FindingSeverity.Warning),
        new(ToolNotProvided, "ToolNotProvided", "No module of the go.mod provides a tool line's package (go tool stops)", FindingSeverity.Warning),
        new(ToolNotMain, "ToolNotMain", "A tool line names a package that is not a main package (go tool cannot run it)", FindingSeverity.Warning),
        new(ToolchainLineDropped, "ToolchainLineDropped", "A toolchain line go drops whenever it writes the go.mod (go: updates to go.mod needed)", FindingSeverity.Error),
        new(VersionNotFound, "VersionNotFound", "Module version not found on any source", FindingSeverity.Error),
        new(AccessDenied, "AccessDenied", "Proxy refused access (401/403)", FindingSeverity.Error),
        new(ProxyServerError, "ProxyServerError", "Proxy server error (5xx/429/other status)", FindingSeverity.Error),
        new(DnsFailure, "DnsFailure", "Proxy host name could not be resolved", FindingSeverity.Error),
        new(ConnectionFailure, "ConnectionFailure", "Could not connect to the proxy (refused, reset, TLS)", FindingSeverity.Error),
        new(Timeout, "Timeout", "Proxy did not answer within the deadline", FindingSeverity.Error),
        new(InvalidProxyResponse, "InvalidProxyResponse", "Proxy answered with an invalid response", FindingSeverity.Error),
        new(LookupDisabled, "LookupDisabled", "Module lookup disabled (GOPROXY=off, GOPRIVATE without direct)", FindingSeverity.Error),
        new(DirectOnly, "DirectOnly", "go would fetch this module directly with VCS", FindingSeverity.Information),
        new(ProxyConfigurationError, "ProxyConfigurationError", "GOPROXY setting is invalid", FindingSeverity.Error),
        new(StaleCache, "StaleCache", "Answered from a stale cache because the proxy failed", FindingSeverity.Warning),
        new(LatestUnavailable, "LatestUnavailable", "Latest version, retractions or deprecation could not be loaded", FindingSeverity.Information),
        new(NotChecked, "NotChecked", "Not checked: network disabled and not in the module cache", FindingSeverity.Hint),
        new(ToolchainSwitch, "ToolchainSwitch", "The go or toolchain line needs another Go toolchain (GOTOOLCHAIN)", FindingSeverity.Error),
        new(ChecksumDatabaseUnreachable, "ChecksumDatabaseUnreachable", "go cannot reach the checksum database to verify a module missing from go.sum", FindingSeverity.Error),
        new(GoModNeedsUpdate, "GoModNeedsUpdate", "A dependency requires a higher version than go.mod lists (go: updates to go.mod needed)", FindingSeverity.Error),
        new(ChecksumDatabaseMismatch, "ChecksumDatabaseMismatch", "The go.mod GOPROXY serves differs from the checksum database's record (go: SECURITY ERROR)", FindingSeverity.Error),
        new(ModuleZipRefused, "ModuleZipRefused", "go cannot create the module zip from the repository's tree (create zip: …)", FindingSeverity.Error),
    ];

    public static FindingRule Rule(string code) => Rules.First(r => r.Code == code);
}
