using System;
using System.Text;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// An indentation-aware text writer for generated C#. Output is deterministic: four-space indents and
/// <c>\n</c> line endings whatever the platform.
/// </summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes each line of a multi-line block at the current indentation.</summary>
    public SourceWriter Lines(string block)
    {
        foreach (var line in block.Replace("\r\n", "\n").Split('\n'))
        {
            Line(line);
        }

        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter CloseBlock(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    public void Indent() => _indent++;

    public void Unindent() => _indent = Math.Max(0, _indent - 1);

    /// <summary>Writes an XML doc <c>&lt;summary&gt;</c> (and optional <c>&lt;remarks&gt;</c>) from schema text.</summary>
    public SourceWriter Summary(string? summary, string? remarks = null)
    {
        Line("/// <summary>" + Xml(summary) + "</summary>");
        if (!string.IsNullOrWhiteSpace(remarks))
        {
            Line("/// <remarks>" + Xml(remarks) + "</remarks>");
        }

        return this;
    }

    public override string ToString() => _builder.ToString();

    /// <summary>Escapes text for an XML doc comment and folds it onto one line.</summary>
    public static string Xml(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var oneLine = string.Join(" ", text!.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }

    /// <summary>A C# string literal.</summary>
    public static string Literal(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
