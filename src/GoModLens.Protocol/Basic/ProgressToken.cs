namespace GoModLens.Protocol;

/// <summary><c>integer | string</c>; keeps which one it was so it goes back to the client unchanged.</summary>
public readonly record struct ProgressToken(string Value, bool IsNumber)
{
    public static ProgressToken FromString(string value) => new(value, false);

    public override string ToString() => Value;
}
