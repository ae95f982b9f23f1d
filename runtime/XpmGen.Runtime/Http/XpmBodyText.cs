using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Text.Json;

namespace XpmGen.Http;

/// <summary>
/// Makes response bodies presentable in exceptions: decodes them, redacts the access token, collapses white
/// space into a short excerpt, and recognises the two error shapes Xero sends (gateway JSON problem bodies and
/// XPM <c>ERROR</c> envelopes).
/// </summary>
internal static class XpmBodyText
{
    /// <summary>How many characters of a body an exception shows.</summary>
    public const int ExcerptLength = 500;

    private const string Redacted = "[redacted]";

    /// <summary>The shortest tail of the token that is cut from the end of a text (shorter ones cannot identify it).</summary>
    private const int MinimumTokenFragment = 6;

    public static Encoding GetEncoding(HttpContent? content)
    {
        var charset = content?.Headers.ContentType?.CharSet?.Trim('"', ' ');
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                return Encoding.GetEncoding(charset);
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is what Xero sends and the best guess.
            }
        }

        return Encoding.UTF8;
    }

    public static string Decode(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    /// <summary>
    /// Cuts server text copied into a message, a property or a log to <paramref name="max"/> characters (marking the cut),
    /// so that a 10 MB error description does not become a 10-million-character exception message. Redact first: a cut
    /// could otherwise split a secret so that redaction no longer finds it.
    /// </summary>
    public static string Cap(string text, int max = ExcerptLength) =>
        text.Length <= max ? text : text[..max] + "… (" + (text.Length - max).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more characters)";

    /// <summary>Removes every occurrence of each of <paramref name="secrets"/>.</summary>
    public static string RedactAll(string text, params string?[] secrets)
    {
        foreach (var secret in secrets)
        {
            text = Redact(text, secret);
        }

        return text;
    }

    /// <summary>Removes every occurrence of <paramref name="secret"/>, and a trailing fragment of it left by truncation.</summary>
    public static string Redact(string text, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || text.Length == 0)
        {
            return text;
        }

        text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        for (var length = Math.Min(secret.Length - 1, text.Length); length >= MinimumTokenFragment; length--)
        {
            if (text.AsSpan(text.Length - length).SequenceEqual(secret.AsSpan(0, length)))
            {
                return text[..^length] + Redacted;
            }
        }

        return text;
    }

    /// <summary>Redacts, collapses runs of white space into one space and cuts to <see cref="ExcerptLength"/> characters.</summary>
    public static string Excerpt(string text, string? secret)
    {
        var redacted = Redact(text, secret);
        var builder = new StringBuilder(Math.Min(redacted.Length, ExcerptLength + 1));
        var pendingSpace = false;
        foreach (var c in redacted)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (builder.Length >= ExcerptLength)
            {
                builder.Append('…');
                break;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Names what a body that is not the expected XML looks like.</summary>
    public static string DescribeKind(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty)
        {
            return "an empty body";
        }

        if (start[0] is '{' or '[')
        {
            return "JSON";
        }

        if (start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return "HTML";
        }

        if (start.StartsWith("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || start.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase))
        {
            return "XML with a DTD";
        }

        return start[0] == '<' ? "XML" : "text";
    }

    /// <summary>
    /// Reads a Xero gateway problem body such as <c>{"Title":"Unauthorized","Status":401,"Detail":"TokenExpired: …"}</c>,
    /// or XPM's JSON error <c>{"status":"ERROR","errorDescription":"…"}</c>. Returns the most telling text, or
    /// <see langword="null"/> when the body is not such a document.
    /// </summary>
    public static string? TryReadJsonProblem(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? title = null;
            string? detail = null;
            string? errorDescription = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.NameEquals("Detail") || property.Name.Equals("detail", StringComparison.OrdinalIgnoreCase))
                {
                    detail = property.Value.GetString();
                }
                else if (property.Name.Equals("title", StringComparison.OrdinalIgnoreCase))
                {
                    title = property.Value.GetString();
                }
                else if (property.Name.Equals("errorDescription", StringComparison.OrdinalIgnoreCase))
                {
                    errorDescription = property.Value.GetString();
                }
            }

            return NullIfBlank(detail) ?? NullIfBlank(errorDescription) ?? NullIfBlank(title);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
