using GoModLens.Infrastructure.Http;

namespace GoModLens.Analysis.Tests.Transport;

public class TlsTrustWarmUpTests
{
    [Theory]
    [InlineData("https://proxy.golang.org,direct", true)]
    [InlineData("https://goproxy.cn", true)]
    [InlineData("file:///srv/proxy|HTTPS://mirror.example", true)]
    [InlineData("direct", true)]
    [InlineData("file:///srv/proxy", false)]
    [InlineData("http://127.0.0.1:3000,off", false)]
    [InlineData("off", false)]
    [InlineData("http://directory.example", false)]
    public void Trust_store_is_loaded_early_only_for_configurations_that_speak_https(string goProxy, bool needed) =>
        Assert.Equal(needed, TlsTrustWarmUp.IsNeededFor(goProxy));
}
