namespace GoModLens.Infrastructure.Mirrors;

/// <summary>Documented public module mirrors (goproxy-spec §6); only proxy.golang.org is go's default.</summary>
public static class PublicMirrors
{
    public static IReadOnlyList<Uri> BuiltIn { get; } =
    [
        new("https://proxy.golang.org"),
        new("https://goproxy.cn"),
        new("https://goproxy.io"),
        new("https://mirrors.aliyun.com/goproxy/"),
        new("https://mirrors.tencent.com/go/"),
    ];
}
