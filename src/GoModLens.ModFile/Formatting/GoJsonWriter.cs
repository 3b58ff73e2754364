using System.Text;
using GoModLens.ModFile.Semantics;

namespace GoModLens.ModFile.Formatting;

/// <summary>
/// Writes JSON the way Go's json.MarshalIndent(v, "", "\t") lays it out: one member per line, tab indentation,
/// "key": value, and null for an empty slice. Shared by <see cref="ModJson"/> and <see cref="WorkJson"/>.
/// </summary>
internal sealed class GoJsonWriter
{
    private readonly StringBuilder _b = new();
    private readonly Stack<bool> _first = new();
    private int _depth;

    public override string ToString() => _b.ToString();

    public void BeginObject()
    {
        _b.Append('{');
        _depth++;
        _first.Push(true);
    }

    public void EndObject()
    {
        _depth--;
        var empty = _first.Pop();
        if (!empty)
        {
            NewLine();
        }

        _b.Append('}');
    }

    public void Key(string name)
    {
        if (!_first.Pop())
        {
            _b.Append(',');
        }

        _first.Push(false);
        NewLine();
        _b.Append(ModJson.Quote(name)).Append(": ");
    }

    public void Raw(string json) => _b.Append(json);

    public void Field(string name, string value)
    {
        Key(name);
        _b.Append(ModJson.Quote(value));
    }

    public void OptionalField(string name, string value)
    {
        if (value.Length > 0)
        {
            Field(name, value);
        }
    }

    public void Version(ModPathVersion v)
    {
        Field("Path", v.Path);
        OptionalField("Version", v.Version);
    }

    public void Array<T>(string name, List<T> items, Action<T> writeBody)
    {
        Key(name);
        if (items.Count == 0)
        {
            _b.Append("null");
            return;
        }

        _b.Append('[');
        _depth++;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                _b.Append(',');
            }

            NewLine();
            BeginObject();
            writeBody(items[i]);
            EndObject();
        }

        _depth--;
        NewLine();
        _b.Append(']');
    }

    private void NewLine() => _b.Append('\n').Append('\t', _depth);

    /// <summary>The Replace array both go mod edit -json and go work edit -json print: {"Old": {…}, "New": {…}} each.</summary>
    public void Replaces(List<Semantics.ReplaceStmt> replaces) =>
        Array("Replace", replaces, r =>
        {
            Key("Old");
            BeginObject();
            Version(r.Old);
            EndObject();
            Key("New");
            BeginObject();
            Version(r.New);
            EndObject();
        });
}
