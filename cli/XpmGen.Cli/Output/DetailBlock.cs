using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace XpmGen.Cli.Output;

/// <summary>A block of <c>Label  value</c> lines with the values aligned; empty values are left out.</summary>
internal sealed class DetailBlock
{
    private readonly List<(string Label, string Value)> _lines = [];

    /// <summary>Adds a line unless <paramref name="value"/> is <see langword="null"/> or blank.</summary>
    public DetailBlock Add(string label, string? value)
    {
        var text = Text.OneLine(value);
        if (text.Length > 0)
        {
            _lines.Add((label, text));
        }

        return this;
    }

    /// <summary>Writes the lines, labels padded to the longest one.</summary>
    public void WriteTo(TextWriter writer)
    {
        if (_lines.Count == 0)
        {
            return;
        }

        var width = _lines.Max(line => line.Label.Length) + 2;
        foreach (var (label, value) in _lines)
        {
            writer.WriteLine((label + ":").PadRight(width) + value);
        }
    }
}
