using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace XpmGen.Cli.Output;

/// <summary>A plain-text table with a header, a rule and left-aligned columns two spaces apart.</summary>
internal sealed class TextTable
{
    /// <summary>The narrowest a cut column may be.</summary>
    public const int MinimumCutWidth = 12;

    private const string ColumnGap = "  ";

    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with the given column headers.</summary>
    public TextTable(params string[] headers)
    {
        _headers = headers;
    }

    /// <summary>The number of rows added so far.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Adds a row; a <see langword="null"/> cell prints as empty, and line breaks inside a cell print as spaces.</summary>
    /// <exception cref="ArgumentException">The row does not have one cell per column.</exception>
    public void AddRow(params string?[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select(Text.OneLine).ToArray());
    }

    /// <summary>Writes the table, each line indented by <paramref name="indent"/>, with no trailing spaces.</summary>
    public void WriteTo(TextWriter writer, string indent = "") => WriteTo(writer, int.MaxValue, indent);

    /// <summary>
    /// Writes the table within <paramref name="maxWidth"/> characters a line: columns are kept left to right while
    /// they fit; the first that does not is cut to the space left (its cells end in <c>…</c>) when at least
    /// <see cref="MinimumCutWidth"/> characters are left, and the columns after it are left out. The first column is always kept.
    /// </summary>
    public void WriteTo(TextWriter writer, int maxWidth, string indent = "")
    {
        var widths = _headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToList();
        var available = maxWidth - indent.Length;
        var kept = 0;
        var used = 0;
        for (var column = 0; column < widths.Count; column++)
        {
            var start = column == 0 ? 0 : used + ColumnGap.Length;
            if (column == 0 || start + widths[column] <= available)
            {
                used = start + widths[column];
                kept++;
                continue;
            }

            // Wide enough for the header and a useful part of the values; narrower is noise.
            var left = available - start;
            if (left >= Math.Max(MinimumCutWidth, _headers[column].Length))
            {
                widths[column] = left;
                kept++;
            }

            break;
        }

        var headers = _headers.Take(kept).ToArray();
        var fitted = widths.Take(kept).ToArray();
        WriteLine(writer, indent, headers, fitted);
        WriteLine(writer, indent, fitted.Select(width => new string('-', width)).ToArray(), fitted);
        foreach (var row in _rows)
        {
            WriteLine(writer, indent, row.Take(kept).Select((cell, column) => Cut(cell, fitted[column])).ToArray(), fitted);
        }
    }

    private static string Cut(string cell, int width) => cell.Length <= width ? cell : cell[..(width - 1)] + "…";

    private static void WriteLine(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column]));
        writer.WriteLine((indent + string.Join(ColumnGap, padded)).TrimEnd());
    }
}
