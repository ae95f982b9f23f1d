using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace XpmGen.Cli.Output;

/// <summary>A plain-text table with a header, a rule and left-aligned columns two spaces apart.</summary>
internal sealed class TextTable
{
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
    public void WriteTo(TextWriter writer, string indent = "")
    {
        var widths = _headers.Select((header, column) => _rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        WriteLine(writer, indent, _headers, widths);
        WriteLine(writer, indent, widths.Select(width => new string('-', width)).ToArray(), widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, indent, row, widths);
        }
    }

    private static void WriteLine(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var padded = cells.Select((cell, column) => column == cells.Length - 1 ? cell : cell.PadRight(widths[column]));
        writer.WriteLine((indent + string.Join(ColumnGap, padded)).TrimEnd());
    }
}
