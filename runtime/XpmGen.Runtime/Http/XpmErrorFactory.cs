using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Xml;
using XpmGen.Pipeline;

namespace XpmGen.Http;

/// <summary>
/// Turns failed exchanges into the <see cref="XpmException"/> taxonomy, with messages that name the call. It only
/// builds exceptions: the body has been read by the transport (<see cref="XpmBoundedBody"/>), headers are read
/// by <see cref="XpmResponseHeaders"/>, and envelopes by <see cref="XpmEnvelopeReader{T}"/>.
/// </summary>
internal static class XpmErrorFactory
{
    /// <summary>Builds the exception for a non-success status from the (bounded) body the transport read.</summary>
    public static XpmException FromErrorStatus(XpmCall call, XpmResponse error, TimeProvider timeProvider)
    {
        var response = error.Message;
        var accessToken = call.AccessToken;
        var text = XpmBodyText.Decode(error.Body.AsSpan(0, error.BodyLength), XpmBodyText.GetEncoding(response.Content));
        var status = response.StatusCode;
        var excerpt = XpmBodyText.Excerpt(text, accessToken);
        var context = call.Context(response, excerpt);
        var envelope = XpmEnvelopeVerdict.TryRead(text);
        var isApiError = envelope is not null && XpmEnvelopeVerdict.IsError(envelope.Status);
        var detail = Clean(isApiError ? envelope!.ErrorDescription : XpmBodyText.TryReadJsonProblem(text), accessToken);
        var prefix = call.Describe() + " returned " + FormatStatus(status);

        switch (status)
        {
            case HttpStatusCode.TooManyRequests:
            {
                var retryAfter = XpmResponseHeaders.RetryAfter(response, timeProvider);
                // The header is copied into the exception's property too, so it is cleaned like any server text.
                var problem = Clean(XpmResponseHeaders.RateLimitProblem(response), accessToken);
                var advice = new StringBuilder("A Xero rate limit was exceeded");
                if (problem is not null)
                {
                    advice.Append(" (").Append(problem).Append(" limit)");
                }

                advice.Append('.');
                if (retryAfter is { } wait)
                {
                    advice.Append(" Retry after ").Append(Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append(" s.");
                }

                return new XpmRateLimitException(Compose(prefix, detail, advice.ToString(), context), context, retryAfter, problem, XpmResponseHeaders.LimitStatus(response, timeProvider));
            }

            case HttpStatusCode.Unauthorized:
            {
                detail ??= Clean(response.Headers.WwwAuthenticate.Count > 0 ? string.Join(", ", response.Headers.WwwAuthenticate) : null, accessToken);
                const string advice = "The access token was not accepted (missing, invalid, revoked or expired; Xero access tokens last 30 minutes). Refresh it and try again.";
                return new XpmUnauthorizedException(Compose(prefix, detail, advice, context), context, detail);
            }

            case HttpStatusCode.Forbidden:
            {
                var scopes = call.Endpoint.Scopes;
                var advice = "Access was refused. The xero-tenant-id may name a practice this token is not connected to (a wrong tenant), or the token was not granted a scope this endpoint accepts ("
                    + (scopes.Count == 0 ? "the endpoint lists none" : "any one of: " + string.Join(", ", scopes))
                    + "). Practice Manager scopes need Xero's approval of the app for Practice Manager API access, and the connecting staff member needs the privilege to connect third-party add-ons.";
                return new XpmForbiddenException(Compose(prefix, detail, advice, context), context, detail, scopes.ToArray());
            }

            case HttpStatusCode.ServiceUnavailable:
            {
                const string advice = "Xero Practice Manager is temporarily unavailable; try again later.";
                return new XpmServiceUnavailableException(Compose(prefix, detail, advice, context), context, detail, XpmResponseHeaders.RetryAfter(response, timeProvider));
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
    public static XpmApiException FromErrorEnvelope(XpmCall call, HttpResponseMessage response, XpmResponseEnvelope envelope)
    {
        var accessToken = call.AccessToken;
        var context = call.Context(response);
        var description = Clean(envelope.ErrorDescription, accessToken);
        var prefix = call.Describe() + " returned " + FormatStatus(response.StatusCode) + " with status ERROR";
        return new XpmApiException(Compose(prefix, description ?? "(no ErrorDescription)", null, context), context, description, Clean(envelope.ApiMethod, accessToken));
    }

    /// <summary>A body that is not the XML the endpoint promises.</summary>
    /// <param name="call">The call.</param>
    /// <param name="response">The response whose body failed.</param>
    /// <param name="problem">What is wrong, for the message.</param>
    /// <param name="body">The start of the body and how much was read, or <see langword="null"/> to show none.</param>
    /// <param name="inner">The exception behind it.</param>
    public static XpmProtocolException Protocol(XpmCall call, HttpResponseMessage response, string problem, XpmBodySample? body, Exception? inner)
    {
        var accessToken = call.AccessToken;
        string? excerpt = null;
        string? kind = null;
        if (body is { } sample)
        {
            var text = XpmBodyText.Decode(sample.Start, XpmBodyText.GetEncoding(response.Content));
            excerpt = XpmBodyText.Excerpt(text, accessToken);
            kind = sample.TotalRead == 0 ? null : XpmBodyText.DescribeKind(text);
        }

        var context = call.Context(response, excerpt);
        var message = new StringBuilder(call.Describe())
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
    public static string ExplainReadFailure(Exception exception, XpmBodySample body)
    {
        var text = XpmBodyText.Decode(body.Start, Encoding.UTF8);
        return exception switch
        {
            XpmDecompressionException or XpmBodyTooLargeException => exception.Message,
            Serialization.XpmListShapeException => "a list holds something other than its items",
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
        string.IsNullOrWhiteSpace(value) ? null : XpmBodyText.Cap(XpmBodyText.Redact(value.Trim(), accessToken));

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
}

/// <summary>The start of a body (for excerpts) and how many bytes of it were read.</summary>
/// <param name="Bytes">Holds the start of the body.</param>
/// <param name="Length">How many bytes of <paramref name="Bytes"/> are the start of the body.</param>
/// <param name="TotalRead">How many bytes of the body were read in all.</param>
internal readonly record struct XpmBodySample(byte[] Bytes, int Length, long TotalRead)
{
    public ReadOnlySpan<byte> Start => Bytes.AsSpan(0, Length);
}
