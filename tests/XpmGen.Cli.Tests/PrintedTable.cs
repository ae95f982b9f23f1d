using System;
using System.Collections.Generic;
using System.Linq;

namespace XpmGen.Cli.Tests;

/// <summary>
/// A table as the CLI prints it (header, dashes, rows), read back by the columns the dashes mark. Reading it asserts
/// the alignment: every cell starts at its column and is followed by the two-space gap, never spilling into the next.
/// </summary>
internal sealed class PrintedTable
{
    private readonly List<(string Name, int Start, int Width)> _columns;

    private PrintedTable(List<(string Name, int Start, int Width)> columns, List<IReadOnlyDictionary<string, string>> rows)
    {
        _columns = columns;
        Rows = rows;
    }

    /// <summary>The column headers, left to right.</summary>
    public IReadOnlyList<string> Headers => _columns.Select(column => column.Name).ToList();

    /// <summary>Each row as header to trimmed cell text.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    /// <summary>Reads the table in <paramref name="lines"/>, each line starting with <paramref name="indent"/>.</summary>
    public static PrintedTable Parse(IReadOnlyList<string> lines, string indent = "")
    {
        Assert.True(lines.Count >= 2, "A table has a header line and a line of dashes.");
        Assert.All(lines, line => Assert.StartsWith(indent, line, StringComparison.Ordinal));
        var header = lines[0][indent.Length..];
        var dashes = lines[1][indent.Length..];
        Assert.Matches("^-+(  -+)*$", dashes);

        var columns = new List<(string Name, int Start, int Width)>();
        var start = 0;
        foreach (var run in dashes.Split("  "))
        {
            columns.Add((Cell(header, start, run.Length, header), start, run.Length));
            start += run.Length + 2;
        }

        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(2))
        {
            var text = line[indent.Length..];
            Assert.Equal(text.TrimEnd(), text);
            Assert.True(text.Length <= start - 2, $"The row is wider than its columns: '{line}'");
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, columnStart, width) in columns)
            {
                row[name] = Cell(text, columnStart, width, line);
            }

            rows.Add(row);
        }

        return new PrintedTable(columns, rows);
    }

    /// <summary>The one row whose <paramref name="column"/> is <paramref name="value"/>.</summary>
    public IReadOnlyDictionary<string, string> Row(string column, string? value) =>
        Assert.Single(Rows, row => row[column] == (value ?? string.Empty));

    // The gap before a cell must be blank and the cell must start at its column: otherwise the columns are not aligned.
    private static string Cell(string text, int start, int width, string line)
    {
        if (start >= text.Length)
        {
            return string.Empty;
        }

        if (start > 0)
        {
            Assert.True(text.Substring(start - 2, 2) == "  ", $"The column at {start} is not preceded by a gap in '{line}'");
        }

        var cell = text.Substring(start, Math.Min(width, text.Length - start));
        Assert.True(cell.Trim().Length == 0 || cell[0] != ' ', $"The cell at {start} does not start at its column in '{line}'");
        return cell.Trim();
    }
}

/// <summary>
/// One object as the CLI prints it: <c>Label:  value</c> lines with every value starting in the same column, and each
/// nested list as a <c>Heading (count)</c> line over an indented <see cref="PrintedTable"/>.
/// </summary>
internal sealed class PrintedObject
{
    private PrintedObject(IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, PrintedTable> sections)
    {
        Values = values;
        Sections = sections;
    }

    /// <summary>The labelled values, label to value.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The nested lists, heading (without the count) to table.</summary>
    public IReadOnlyDictionary<string, PrintedTable> Sections { get; }

    /// <summary>The value of <paramref name="label"/>.</summary>
    public string this[string label] => Values.TryGetValue(label, out var value) ? value : throw new KeyNotFoundException($"No '{label}' line; the labels are {string.Join(", ", Values.Keys)}.");

    /// <summary>Reads the object, asserting the alignment of values and the counts of nested lists.</summary>
    public static PrintedObject Parse(IReadOnlyList<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = new Dictionary<string, PrintedTable>(StringComparer.Ordinal);
        int? valueColumn = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            Assert.False(line.StartsWith(' '), $"'{line}' is indented outside a nested list");
            Assert.Equal(line.TrimEnd(), line);
            var heading = System.Text.RegularExpressions.Regex.Match(line, @"^([^:]+) \((\d+)\)$");
            if (heading.Success)
            {
                var rows = lines.Skip(i + 1).TakeWhile(static l => l.StartsWith("  ", StringComparison.Ordinal)).ToList();
                var table = PrintedTable.Parse(rows, indent: "  ");
                Assert.Equal(int.Parse(heading.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), table.Rows.Count);
                sections.Add(heading.Groups[1].Value, table);
                i += rows.Count;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"'{line}' is neither 'Label: value' nor a list heading");
            if (line.Length == colon + 1)
            {
                values.Add(line[..colon], string.Empty);
                continue;
            }

            var start = colon + 1;
            while (start < line.Length && line[start] == ' ')
            {
                start++;
            }

            valueColumn ??= start;
            Assert.True(start == valueColumn, $"'{line}' does not start its value at column {valueColumn}");
            values.Add(line[..colon], line[start..]);
        }

        return new PrintedObject(values, sections);
    }
}
