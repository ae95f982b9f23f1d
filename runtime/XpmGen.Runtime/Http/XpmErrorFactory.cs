using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace XpmGen.Http;

/// <summary>Turns failed exchanges into the <see cref="XpmException"/> taxonomy, with messages that name the call.</summary>
internal static class XpmErrorFactory
{
    /// <summary>The most of an error body that is read: enough for any problem document, bounded against hostile servers.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    public const string CorrelationIdHeader = "xero-correlation-id";

    public const string RateLimitProblemHeader = "X-Rate-Limit-Problem";

    /// <summary>Describes a call for messages: <c>GET client.api/list</c> (the query is left out; it may carry personal data).</summary>
    public static string Describe(HttpMethod method, string path) => method.Method + " " + path;

    public static string? GetCorrelationId(HttpResponseMessage? response) => GetHeader(response, CorrelationIdHeader);

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of an error body and builds the matching exception.</summary>
    public static async Task<XpmException> FromErrorStatusAsync<T>(XpmRequest<T> request, HttpResponseMessage response, string accessToken, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var text = await ReadBoundedAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var excerpt = XpmBodyText.Excerpt(text, accessToken);
        var context = new XpmErrorContext(request.Endpoint, request.Method, request.Path, status, GetCorrelationId(response), excerpt);
        var envelope = XpmBodyText.TryReadEnvelope(text);
        var isApiError = envelope is not null && XpmEnvelopeReader.IsError(envelope.Status);
        var detail = Clean(isApiError ? envelope!.ErrorDescription : XpmBodyText.TryReadJsonProblem(text), accessToken);
        var prefix = Describe(request.Method, request.Path) + " returned " + FormatStatus(status);

        switch (status)
        {
            case HttpStatusCode.TooManyRequests:
            {
                var retryAfter = GetRetryAfter(response, timeProvider);
                var problem = GetHeader(response, RateLimitProblemHeader);
                var advice = new StringBuilder("A Xero rate limit was exceeded");
                if (problem is not null)
                {
                    advice.Append(" (").Append(Clean(problem, accessToken)).Append(" limit)");
                }

                advice.Append('.');
                if (retryAfter is { } wait)
                {
                    advice.Append(" Retry after ").Append(Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append(" s.");
                }

                return new XpmRateLimitException(Compose(prefix, detail, advice.ToString(), context), context, retryAfter, problem, ReadLimitStatus(response, timeProvider));
            }

            case HttpStatusCode.Unauthorized:
            {
                detail ??= Clean(response.Headers.WwwAuthenticate.Count > 0 ? string.Join(", ", response.Headers.WwwAuthenticate) : null, accessToken);
                const string advice = "The access token was not accepted (missing, invalid, revoked or expired; Xero access tokens last 30 minutes). Refresh it and try again.";
                return new XpmUnauthorizedException(Compose(prefix, detail, advice, context), context, detail);
            }

            case HttpStatusCode.Forbidden:
            {
                var scopes = request.Endpoint.Scopes;
                var advice = "Access was refused. The xero-tenant-id may name a practice this token is not connected to (a wrong tenant), or the token was not granted a scope this endpoint accepts ("
                    + (scopes.Count == 0 ? "the endpoint lists none" : "any one of: " + string.Join(", ", scopes))
                    + "). Practice Manager scopes need Xero's approval of the app for Practice Manager API access, and the connecting staff member needs the privilege to connect third-party add-ons.";
                return new XpmForbiddenException(Compose(prefix, detail, advice, context), context, detail, scopes.ToArray());
            }

            case HttpStatusCode.ServiceUnavailable:
            {
                const string advice = "Xero Practice Manager is temporarily unavailable; try again later.";
                return new XpmServiceUnavailableException(Compose(prefix, detail, advice, context), context, detail, GetRetryAfter(response, timeProvider));
            }

            default:
                if (isApiError)
                {
                    return new XpmApiException(Compose(prefix + " with status ERROR", detail ?? "(no ErrorDescription)", null, context), context, detail, Clean(envelope!.ApiMethod, accessToken));
                }

                if (detail is null)
                {
                    prefix += excerpt.Length > 0
                        ? " with " + XpmBodyText.DescribeKind(text) + " body: " + Shorten(excerpt)
                        : " with an empty body";
                }

                return new XpmHttpException(Compose(prefix, detail, null, context), context, detail);
        }
    }

    /// <summary>An <c>ERROR</c> envelope that came with a success status (XPM's usual way).</summary>
    public static XpmApiException FromErrorEnvelope<T>(XpmRequest<T> request, HttpResponseMessage response, XpmResponseEnvelope envelope, string accessToken)
    {
        var context = new XpmErrorContext(request.Endpoint, request.Method, request.Path, response.StatusCode, GetCorrelationId(response), ResponseExcerpt: null);
        var description = Clean(envelope.ErrorDescription, accessToken);
        var prefix = Describe(request.Method, request.Path) + " returned " + FormatStatus(response.StatusCode) + " with status ERROR";
        return new XpmApiException(Compose(prefix, description ?? "(no ErrorDescription)", null, context), context, description, Clean(envelope.ApiMethod, accessToken));
    }

    /// <summary>A body that is not the XML the endpoint promises.</summary>
    public static XpmProtocolException Protocol<T>(XpmRequest<T> request, HttpResponseMessage response, string problem, CapturingReadStream? body, Exception? inner, string accessToken)
    {
        string? excerpt = null;
        string? kind = null;
        if (body is not null)
        {
            var text = XpmBodyText.Decode(body.Captured, XpmBodyText.GetEncoding(response.Content));
            excerpt = XpmBodyText.Excerpt(text, accessToken);
            kind = body.TotalRead == 0 ? null : XpmBodyText.DescribeKind(text);
        }

        var context = new XpmErrorContext(request.Endpoint, request.Method, request.Path, response.StatusCode, GetCorrelationId(response), excerpt);
        var message = new StringBuilder(Describe(request.Method, request.Path))
            .Append(" returned ").Append(FormatStatus(response.StatusCode))
            .Append(" but the response is not the XML this endpoint returns: ")
            .Append(problem);
        // Only kinds that explain the failure are named; "XML" says nothing and a DTD is already the problem.
        if (kind is "HTML" or "JSON" or "text" && problem.IndexOf(kind, StringComparison.Ordinal) < 0)
        {
            message.Append(" (the body is ").Append(kind).Append(')');
        }

        // .NET's DTD message advises enabling DTD processing, the one thing a client must not do; it stays in InnerException.
        if (inner is not null && kind != "XML with a DTD")
        {
            message.Append(". ").Append(XpmBodyText.Redact(inner.Message, accessToken));
        }

        return new XpmProtocolException(Compose(message.ToString(), null, null, context), context, Sanitize(inner, accessToken));
    }

    /// <summary>Explains an exception met while reading a success body.</summary>
    public static string ExplainReadFailure(Exception exception, CapturingReadStream body)
    {
        var text = XpmBodyText.Decode(body.Captured, Encoding.UTF8);
        return exception switch
        {
            IOException or HttpRequestException => "the body was cut short (the connection closed before the document ended)",
            XmlException when body.TotalRead == 0 => "the body is empty",
            XmlException when XpmBodyText.DescribeKind(text) == "XML with a DTD" => "it contains a DTD, which the client refuses (DTDs allow XXE and entity-expansion attacks)",
            XmlException xml when xml.Message.Contains("Unexpected end of file", StringComparison.OrdinalIgnoreCase) || xml.Message.Contains("ended inside", StringComparison.Ordinal) => "the document ends before it is complete",
            XmlException when XpmBodyText.DescribeKind(text) is "HTML" or "JSON" or "text" => "it is " + XpmBodyText.DescribeKind(text) + ", not XML",
            FormatException or XmlException { InnerException: FormatException } => "a value is not in the expected format",
            _ => "the XML is malformed or not what was expected",
        };
    }

    /// <summary>Builds <c>{call and status}: {detail}. {advice} Xero correlation id: {id}.</c></summary>
    private static string Compose(string prefix, string? detail, string? advice, XpmErrorContext context)
    {
        var message = new StringBuilder(prefix.TrimEnd('.', ' '));
        if (detail is not null)
        {
            message.Append(": ").Append(detail.TrimEnd('.', ' '));
        }

        message.Append('.');
        if (advice is not null)
        {
            message.Append(' ').Append(advice);
        }

        if (context.CorrelationId is { } correlationId)
        {
            message.Append(" Xero correlation id: ").Append(correlationId).Append('.');
        }

        return message.ToString();
    }

    private static string FormatStatus(HttpStatusCode status)
    {
        var code = ((int)status).ToString(CultureInfo.InvariantCulture);
        return Enum.IsDefined(status) ? $"HTTP {code} ({status})" : "HTTP " + code;
    }

    private static string Shorten(string excerpt) => excerpt.Length <= 200 ? excerpt : excerpt[..200] + "…";

    private static string? Clean(string? value, string accessToken) =>
        string.IsNullOrWhiteSpace(value) ? null : XpmBodyText.Redact(value.Trim(), accessToken);

    private static Exception? Sanitize(Exception? inner, string accessToken)
    {
        if (inner is null || string.IsNullOrEmpty(accessToken) || !inner.Message.Contains(accessToken, StringComparison.Ordinal))
        {
            return inner;
        }

        var message = XpmBodyText.Redact(inner.Message, accessToken);
        return inner is XmlException xml
            ? new XmlException(message, null, xml.LineNumber, xml.LinePosition)
            : new IOException(message);
    }

    private static string? GetHeader(HttpResponseMessage? response, string name)
    {
        if (response is null)
        {
            return null;
        }

        if (response.Headers.NonValidated.TryGetValues(name, out var values) || response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            foreach (var value in values)
            {
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return value.Trim();
                }
            }
        }

        return null;
    }

    /// <summary>The limit figures a response carried, or <see langword="null"/> when it carried none.</summary>
    public static XpmRateLimitStatus? ReadLimitStatus(HttpResponseMessage response, TimeProvider timeProvider)
    {
        static int? Read(HttpResponseMessage response, string name) =>
            int.TryParse(GetHeader(response, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

        var minute = Read(response, "X-MinLimit-Remaining");
        var day = Read(response, "X-DayLimit-Remaining");
        var app = Read(response, "X-AppMinLimit-Remaining");
        return minute is null && day is null && app is null ? null : new XpmRateLimitStatus(minute, day, app, timeProvider.GetUtcNow());
    }

    /// <summary>The <c>Retry-After</c> of a response as a wait (seconds, or an HTTP date turned into the time left); never negative.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Reads at most <see cref="MaxErrorBodyBytes"/> of a body as text; a body cut short yields what arrived.</summary>
    public static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxErrorBodyBytes];
        var count = 0;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (count < buffer.Length)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                count += read;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // A cut-short error body still says something; the status is what matters.
        }

        return XpmBodyText.Decode(buffer.AsSpan(0, count), XpmBodyText.GetEncoding(response.Content));
    }
}
