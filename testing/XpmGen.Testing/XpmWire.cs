using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Xml;

namespace XpmGen.Testing;

/// <summary>One answer of the fake, ready to send: status, content type, body and headers.</summary>
internal sealed record XpmWireAnswer(int StatusCode, string ContentType, Func<byte[]> Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Writes the fake's answers in XPM's wire format: the <c>&lt;Response&gt;</c> envelope for the API, Xero's JSON problem
/// body for the gateway's 401, 403 and 503, and the limit headers XPM sends (generous figures, so the client's own
/// limiter never pauses a test).
/// </summary>
internal static class XpmWire
{
    public const string Xml = "text/xml; charset=utf-8";
    public const string Json = "application/json; charset=utf-8";

    private static readonly Dictionary<string, string> LimitHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        ["X-MinLimit-Remaining"] = "59",
        ["X-DayLimit-Remaining"] = "4999",
        ["X-AppMinLimit-Remaining"] = "9999",
    };

    /// <summary><c>&lt;Response api-method="..."&gt;&lt;Status&gt;OK&lt;/Status&gt;payload&lt;/Response&gt;</c>; the payload is written per call.</summary>
    public static XpmWireAnswer Ok(XpmEndpoint endpoint, Action<XmlWriter>? payload) =>
        new(200, Xml, () => Envelope(endpoint.Name, "OK", null, payload), LimitHeaders);

    /// <summary>XPM's refusal: HTTP 200 with <c>&lt;Status&gt;ERROR&lt;/Status&gt;</c> and an <c>ErrorDescription</c>.</summary>
    public static XpmWireAnswer Error(XpmEndpoint endpoint, string description) =>
        new(200, Xml, () => Envelope(endpoint.Name, "ERROR", description, null), LimitHeaders);

    /// <summary>What XPM answers for a path it does not know (404, an ERROR envelope); the description says which stub to set.</summary>
    public static XpmWireAnswer MissingStub(XpmStub stub)
    {
        var description = $"No stub for {stub.Endpoint.Method.Method} {stub.Endpoint.PathTemplate}: set {stub.Property}.{stub.ReturnsHint}";
        return new(404, Xml, () => Envelope(null, "ERROR", description, null), LimitHeaders);
    }

    /// <summary>What XPM answers for a path that is no operation at all.</summary>
    public static XpmWireAnswer UnknownPath(string method, string path) =>
        new(404, Xml, () => Envelope(null, "ERROR", $"No XPM 3.1 operation has the path '{path}' ({method}); the XpmFake has a stub for every operation of the schema.", null), LimitHeaders);

    public static XpmWireAnswer Unauthorized() =>
        new(401, Json, () => Problem(401, "Unauthorized", "AuthenticationUnsuccessful"), new Dictionary<string, string>(LimitHeaders, StringComparer.OrdinalIgnoreCase)
        {
            ["WWW-Authenticate"] = "Bearer error=\"invalid_token\"",
        });

    public static XpmWireAnswer Forbidden() =>
        new(403, Json, () => Problem(403, "Forbidden", "AuthenticationUnsuccessful"), LimitHeaders);

    public static XpmWireAnswer ServiceUnavailable() =>
        new(503, Json, () => Problem(503, "Service Unavailable", "The service is unavailable (XpmFake.ServiceUnavailable)."), LimitHeaders);

    /// <summary>
    /// A 429 as Xero sends it: <c>Retry-After</c> in whole seconds and <c>X-Rate-Limit-Problem</c>. No remaining-figure
    /// headers: a minute figure of 0 would make the client also wait out the rest of its own window.
    /// </summary>
    public static XpmWireAnswer RateLimited(TimeSpan retryAfter) =>
        new(429, Json, static () => [], new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Retry-After"] = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            ["X-Rate-Limit-Problem"] = "minute",
        });

    private static byte[] Envelope(string? apiMethod, string status, string? description, Action<XmlWriter>? payload) =>
        XpmGen.Sandbox.SandboxEnvelope.Write(apiMethod, status, description, payload);

    private static byte[] Problem(int status, string title, string detail)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            XpmGen.Sandbox.XeroProblem.Write(writer, status, title, detail);
        }

        return stream.ToArray();
    }
}
