namespace GoModLens.Infrastructure.Caching;

/// <summary>Where one cached body lives: in <paramref name="Pack"/>, <paramref name="BodyLength"/> bytes at <paramref name="BodyOffset"/>.</summary>
internal sealed record PackRecord(PackFile Pack, long BodyOffset, int BodyLength, DateTimeOffset CachedAt, string RedactedUrl);
