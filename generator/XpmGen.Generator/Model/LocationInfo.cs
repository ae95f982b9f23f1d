using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace XpmGen.Generator.Model;

/// <summary>
/// Where something is in a schema file. A Roslyn <see cref="Location"/> is not equatable across runs,
/// so specs keep this small value and build the location only when a diagnostic is reported.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>A location at a one-based line and column, as XML and YAML parsers report them.</summary>
    public static LocationInfo At(string filePath, SourceText? text, int line, int column, int length = 1)
    {
        var zeroLine = line > 0 ? line - 1 : 0;
        var zeroColumn = column > 0 ? column - 1 : 0;
        var start = new LinePosition(zeroLine, zeroColumn);
        var end = new LinePosition(zeroLine, zeroColumn + length);
        var span = default(TextSpan);
        if (text is not null && zeroLine < text.Lines.Count)
        {
            var textLine = text.Lines[zeroLine];
            var startOffset = textLine.Start + System.Math.Min(zeroColumn, textLine.Span.Length);
            var endOffset = System.Math.Min(startOffset + length, textLine.End);
            span = TextSpan.FromBounds(startOffset, System.Math.Max(startOffset, endOffset));
        }

        return new LocationInfo(filePath, span, new LinePositionSpan(start, end));
    }
}
