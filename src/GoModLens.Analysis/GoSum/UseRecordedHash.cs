using GoModLens.Analysis.Findings;
using GoModLens.ModFile.Text;

namespace GoModLens.Analysis.GoSum;

/// <summary>
/// Replace a go.sum module hash with the one the checksum database records for that version: offered only for a
/// record GoModLens verified as go does (signed tree head, inclusion proof), so the line ends up as go itself would
/// write it on a machine that trusts the database. The edit's range is in the go.sum, the finding's file.
/// </summary>
public sealed record UseRecordedHash(TextSpan HashRange, string Hash, string Database)
    : SuggestedFix($"Use the hash the checksum database {Database} records: {Hash}")
{
    public override IReadOnlyList<TextEdit> Edits => [new(HashRange, Hash)];

    public override string Kind => "useRecordedHash";
}
