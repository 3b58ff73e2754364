using GoModLens.Analysis.Ports;
using GoModLens.Infrastructure.Classification;

namespace GoModLens.Infrastructure.FileProxy;

/// <summary>
/// file:/// proxies as go's getFile reads them: a missing file is a synthetic 404 ("reading URL: no such file or
/// directory", falls through like a 404), an unreadable one a synthetic 403 ("permission denied").
/// </summary>
public sealed class FileProxyTransport(TimeProvider? timeProvider = null) : IProxyTransport
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async ValueTask<FetchResult> GetAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        var url = request.Url;
        var redacted = UrlRedaction.Redacted(url);
        var started = _time.GetTimestamp();
        if (url.Scheme != "file" || !string.IsNullOrEmpty(url.Host) || url.Query.Length > 0)
        {
            return new FetchResult(FailureKind.ConfigurationError, redacted, null, null, null, null,
                $"invalid file:// proxy URL with non-path elements: {redacted}", TimeSpan.Zero);
        }

        var path = Uri.UnescapeDataString(url.AbsolutePath);
        try
        {
            var body = await File.ReadAllBytesAsync(path, cancellationToken);
            return new FetchResult(FailureKind.None, redacted, body, 200, "OK", null, null, _time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FetchResult(FailureKind.NotFound, redacted, null, 404, "Not Found", null,
                $"reading {redacted}: no such file or directory", _time.GetElapsedTime(started));
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            // os.Open succeeds on a directory in go; the read then fails.
            return new FetchResult(FailureKind.InvalidResponse, redacted, null, null, null, null,
                $"read \"{redacted}\": read {path}: is a directory", _time.GetElapsedTime(started));
        }
        catch (UnauthorizedAccessException)
        {
            return new FetchResult(FailureKind.Forbidden, redacted, null, 403, "Forbidden", null,
                $"reading {redacted}: permission denied", _time.GetElapsedTime(started));
        }
        catch (IOException ex)
        {
            return new FetchResult(FailureKind.InvalidResponse, redacted, null, null, null, null,
                $"read \"{redacted}\": {ex.Message}", _time.GetElapsedTime(started));
        }
    }
}
