using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using XpmGen.Serialization;

namespace XpmGen;

/// <summary>
/// Builds the query string of a request in XPM's wire formats. Parameters whose value is
/// <see langword="null"/> are left out, so optional parameters need no special casing.
/// </summary>
public sealed class XpmQuery
{
    private readonly List<KeyValuePair<string, string>> _parameters = new();

    /// <summary>The parameters added so far, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters => _parameters;

    /// <summary>Adds a text parameter unless <paramref name="value"/> is <see langword="null"/>.</summary>
    public XpmQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }

        return this;
    }

    /// <summary>Adds a boolean parameter as <c>true</c>/<c>false</c> unless it is <see langword="null"/>.</summary>
    public XpmQuery Add(string name, bool? value) => Add(name, value is null ? null : XpmValueFormat.FormatBoolean(value.Value));

    /// <summary>Adds an integer parameter unless it is <see langword="null"/>.</summary>
    public XpmQuery Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a date parameter as <c>yyyyMMdd</c> unless it is <see langword="null"/>.</summary>
    public XpmQuery Add(string name, DateOnly? value) => Add(name, value is null ? null : XpmValueFormat.FormatCompactDate(value.Value));

    /// <summary>Adds a date-time parameter as <c>yyyy-MM-ddTHH:mm:ss</c> unless it is <see langword="null"/>.</summary>
    public XpmQuery Add(string name, DateTime? value) => Add(name, value is null ? null : XpmValueFormat.FormatDateTime(value.Value));

    /// <summary>Appends <paramref name="query"/>, escaped, to <paramref name="path"/>.</summary>
    public static string AppendTo(string path, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Count == 0)
        {
            return path;
        }

        var builder = new StringBuilder(path);
        for (var i = 0; i < query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(query[i].Value));
        }

        return builder.ToString();
    }
}
