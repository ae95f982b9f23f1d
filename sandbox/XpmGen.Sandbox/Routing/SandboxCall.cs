using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// One call as the generated routes see it: the path values the route matched, the query string, the body and the
/// practice that answers. Every accessor refuses bad input with a <see cref="SandboxFault"/> naming what was wrong
/// and where, which the sandbox answers as an XPM ERROR envelope.
/// </summary>
internal sealed class SandboxCall
{
    private readonly IReadOnlyDictionary<string, string> _path;
    private readonly IReadOnlyDictionary<string, string> _query;
    private readonly ReadOnlyMemory<byte> _body;

    public SandboxCall(
        SandboxApiSet apis,
        IReadOnlyDictionary<string, string> path,
        IReadOnlyDictionary<string, string> query,
        ReadOnlyMemory<byte> body)
    {
        Apis = apis;
        _path = path;
        _query = query;
        _body = body;
    }

    /// <summary>The behaviour of the tenant's practice.</summary>
    public SandboxApiSet Apis { get; }

    /// <summary>The value of a path placeholder, unescaped.</summary>
    public string Path(string placeholder) =>
        _path.TryGetValue(placeholder, out var value) ? value : throw new SandboxFault($"The path has no {{{placeholder}}} segment.");

    /// <summary>Reads the body with a generated reader, refusing an empty, malformed or wrong-rooted body and unknown elements.</summary>
    /// <remarks>
    /// Unknown elements are found by writing what was read back with the generated writer: an element or attribute
    /// of the body that carried a value and is absent from that copy was not understood. XPM's own handling of
    /// unknown elements is not documented; refusing them catches misspelt element names before Xero does.
    /// </remarks>
    public T Body<T>(string element, Func<XmlReader, T> read, Action<XmlWriter, T, string> write)
    {
        if (_body.IsEmpty || IsWhiteSpace(_body.Span))
        {
            throw new SandboxFault($"Message not in expected format. The request has no body; send a <{element}> element.");
        }

        T value;
        HashSet<string> sent;
        try
        {
            sent = ValuedPaths(_body);
            using var stream = new MemoryStream(_body.ToArray(), writable: false);
            using var reader = XpmXml.CreateReader(stream);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != element)
            {
                throw new SandboxFault($"Message not in expected format. The root element is <{reader.LocalName}>; expected <{element}>.");
            }

            value = read(reader);
        }
        catch (XmlException ex)
        {
            throw new SandboxFault($"Message not in expected format. {ex.Message}");
        }
        catch (FormatException ex)
        {
            throw new SandboxFault($"Message not in expected format. {ex.Message}");
        }

        var understood = ValuedPaths(Serialize(value, element, write));
        foreach (var path in sent)
        {
            if (!understood.Contains(path))
            {
                throw new SandboxFault($"Message not in expected format. The element /{path} is not part of <{element}>.");
            }
        }

        return value;
    }

    /// <summary>A required text parameter.</summary>
    public string RequiredString(string name) => OptionalString(name) ?? throw MissingQuery(name);

    /// <summary>An optional text parameter; null when absent or empty.</summary>
    public string? OptionalString(string name) =>
        _query.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>A required integer parameter.</summary>
    public int RequiredInt(string name) => OptionalInt(name) ?? throw MissingQuery(name);

    /// <summary>An optional integer parameter.</summary>
    public int? OptionalInt(string name) => Parse<int>(name, "a whole number", static text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null);

    /// <summary>A required boolean parameter (<c>true</c>/<c>false</c>).</summary>
    public bool RequiredBoolean(string name) => OptionalBoolean(name) ?? throw MissingQuery(name);

    /// <summary>An optional boolean parameter (<c>true</c>/<c>false</c>, any case).</summary>
    public bool? OptionalBoolean(string name) => Parse<bool>(name, "true or false", static text =>
        bool.TryParse(text, out var value) ? value : null);

    /// <summary>A required date parameter (<c>yyyyMMdd</c>).</summary>
    public DateOnly RequiredDate(string name) => OptionalDate(name) ?? throw MissingQuery(name);

    /// <summary>An optional date parameter (<c>yyyyMMdd</c>).</summary>
    public DateOnly? OptionalDate(string name) => Parse<DateOnly>(name, "a date in the form yyyyMMdd", static text =>
        DateOnly.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null);

    /// <summary>A required date-time parameter (<c>yyyy-MM-ddTHH:mm:ss</c>).</summary>
    public DateTime RequiredDateTime(string name) => OptionalDateTime(name) ?? throw MissingQuery(name);

    /// <summary>An optional date-time parameter (<c>yyyy-MM-ddTHH:mm:ss</c>).</summary>
    public DateTime? OptionalDateTime(string name) => Parse<DateTime>(name, "a date and time in the form yyyy-MM-ddTHH:mm:ss", static text =>
        DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null);

    private T? Parse<T>(string name, string expected, Func<string, T?> parse)
        where T : struct
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return parse(text) ?? throw new SandboxFault($"The query parameter '{name}' is '{text}', which is not {expected}.");
    }

    private static SandboxFault MissingQuery(string name) => new($"The query parameter '{name}' is required.");

    private static bool IsWhiteSpace(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlyMemory<byte> Serialize<T>(T value, string element, Action<XmlWriter, T, string> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            write(writer, value, element);
        }

        return stream.ToArray();
    }

    /// <summary>The paths (<c>Job/Tasks/Task/Name</c>, <c>Job/add/@uuid</c>) of every element with text and every attribute.</summary>
    private static HashSet<string> ValuedPaths(ReadOnlyMemory<byte> xml)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        var stack = new List<string>();
        using var stream = new MemoryStream(xml.ToArray(), writable: false);
        using var reader = XpmXml.CreateReader(stream);
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    var isEmpty = reader.IsEmptyElement;
                    stack.Add(reader.LocalName);
                    var path = string.Join('/', stack);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
                            {
                                paths.Add(path + "/@" + reader.LocalName);
                            }
                        }
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }

                    if (isEmpty)
                    {
                        stack.RemoveAt(stack.Count - 1);
                    }

                    break;
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                    if (!string.IsNullOrWhiteSpace(reader.Value))
                    {
                        paths.Add(string.Join('/', stack));
                    }

                    break;
                case XmlNodeType.EndElement:
                    stack.RemoveAt(stack.Count - 1);
                    break;
            }
        }

        return paths;
    }
}
