using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace XpmGen.Cli.Output;

/// <summary>
/// Prints any answer as text from its JSON form, so every operation gets a readable table without code of its own:
/// a list becomes one row per item, with the columns that fit the terminal; one object becomes name/value lines.
/// A nested reference (<c>{"uuid","name"}</c>) shows its name; nested lists show their count.
/// </summary>
internal static class JsonTable
{
    // The columns people look for first; the rest follow in the order XPM writes them.
    private static readonly string[] Preferred = ["id", "name", "uuid"];

    // A nested list's table sits under its heading, indented so that it reads as part of the object.
    private const string NestedIndent = "  ";

    public static void Write(TextWriter output, JsonElement answer, int width)
    {
        switch (answer.ValueKind)
        {
            case JsonValueKind.Array:
                WriteRows(output, answer.EnumerateArray().ToList(), width);
                break;
            case JsonValueKind.Object:
                WriteObject(output, answer, width);
                break;
            case JsonValueKind.Null:
                output.WriteLine("OK");
                break;
            default:
                output.WriteLine(Cell(answer));
                break;
        }
    }

    private static void WriteRows(TextWriter output, List<JsonElement> items, int width)
    {
        if (items.Count == 0)
        {
            output.WriteLine("(none)");
            return;
        }

        var columns = items
            .SelectMany(static item => item.ValueKind == JsonValueKind.Object ? item.EnumerateObject().Select(static p => p.Name) : ["value"])
            .Distinct(StringComparer.Ordinal)
            .OrderBy(static name => Array.IndexOf(Preferred, name) is var index and >= 0 ? index : Preferred.Length)
            .ToList();
        var cells = items.Select(item => columns.Select(column => Cell(Property(item, column))).ToArray()).ToList();

        // Keep columns, left to right, while the table still fits; always keep the first.
        var kept = new List<int>();
        var used = 0;
        for (var i = 0; i < columns.Count; i++)
        {
            var columnWidth = Math.Min(40, Math.Max(Header(columns[i]).Length, cells.Max(row => row[i].Length)));
            if (columnWidth == 0 || (kept.Count > 0 && used + 2 + columnWidth > width))
            {
                continue;
            }

            kept.Add(i);
            used += (kept.Count > 1 ? 2 : 0) + columnWidth;
        }

        var table = new TextTable(kept.Select(i => Header(columns[i])).ToArray());
        foreach (var row in cells)
        {
            table.AddRow(kept.Select(i => Truncate(row[i], 40)).ToArray());
        }

        table.WriteTo(output);
    }

    private static void WriteObject(TextWriter output, JsonElement item, int width)
    {
        var properties = item.EnumerateObject().ToList();
        var labelWidth = properties.Count == 0 ? 0 : properties.Max(static p => Header(p.Name).Length) + 1;
        foreach (var property in properties)
        {
            if (property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().Any(static e => e.ValueKind == JsonValueKind.Object))
            {
                output.WriteLine($"{Header(property.Name)} ({property.Value.GetArrayLength()})");
                using var nested = new StringWriter();
                WriteRows(nested, property.Value.EnumerateArray().ToList(), width - NestedIndent.Length);
                foreach (var line in nested.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    output.WriteLine(NestedIndent + line.TrimEnd('\r'));
                }

                continue;
            }

            // An empty value (an empty list) leaves the label alone on its line, with no trailing spaces.
            // A multi-line value (an address, a note) stays on its line, as in a table cell.
            output.WriteLine(((Header(property.Name) + ":").PadRight(labelWidth + 1) + Text.OneLine(Cell(property.Value))).TrimEnd());
        }
    }

    private static JsonElement Property(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object ? (item.TryGetProperty(name, out var value) ? value : default) : item;

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        // XPM writes dates as midnight date-times; a table shows them as dates.
        JsonValueKind.String => value.GetString() is { } text && text.EndsWith("T00:00:00", StringComparison.Ordinal) && text.Length == 19 ? text[..10] : value.GetString() ?? string.Empty,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "Yes",
        JsonValueKind.False => "No",
        JsonValueKind.Object => value.TryGetProperty("name", out var name) ? Cell(name)
            : value.TryGetProperty("id", out var id) ? Cell(id)
            : value.TryGetProperty("uuid", out var uuid) ? Cell(uuid) : "{…}",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? string.Empty : $"({value.GetArrayLength()})",
        _ => string.Empty,
    };

    /// <summary><c>clientUuid</c> → <c>Client UUID</c>: the JSON name as a header.</summary>
    private static string Header(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || char.IsUpper(name[i]))
            {
                words.Add(name[start..i]);
                start = i;
            }
        }

        return string.Join(" ", words.Select(static (word, index) => word.ToUpperInvariant() is "UUID" or "ID" or "URL" or "GST"
            ? word.ToUpperInvariant()
            : index == 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word));
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
