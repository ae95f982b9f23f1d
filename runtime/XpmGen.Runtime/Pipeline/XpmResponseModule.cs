using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Xml;
using XpmGen.Http;
using XpmGen.Serialization;

namespace XpmGen.Pipeline;

/// <summary>
/// The one response module: turns what the send stages return into a result or an <see cref="XpmException"/>,
/// for the buffered, raw and streamed paths alike. Every document gets one verdict, whichever path reads it:
/// an error status is built by <see cref="XpmErrorFactory"/>; a body that is not XML, is cut short or holds a DTD
/// is an <see cref="XpmProtocolException"/>; <c>Status</c> <c>ERROR</c> (any case, any white space) is an
/// <see cref="XpmApiException"/>; <c>OK</c> yields the payload; anything else is an <see cref="XpmProtocolException"/>.
/// </summary>
internal static class XpmResponseModule
{
    /// <summary>How many bytes of a success body are kept to show in an exception when the body is not XML.</summary>
    public const int CapturedBodyBytes = 4096;

    /// <summary>Reads a buffered response (the transport has read the whole body into memory).</summary>
    public static T Read<T>(XpmCall call, XpmResponse response, XpmResponseReader<T> reader, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!response.IsSuccess)
        {
            throw XpmErrorFactory.FromErrorStatus(call, response, timeProvider);
        }

        var sample = new XpmBodySample(response.Body, Math.Min(response.BodyLength, CapturedBodyBytes), response.BodyLength);
        XpmEnvelopeContent<T> content;
        try
        {
            // Parsed synchronously from memory: an asynchronous XmlReader allocates large buffers per document,
            // which dominates small calls. Large lists that should not be buffered have Stream{Name}Async.
            using var stream = new MemoryStream(response.Body, 0, response.BodyLength, writable: false);
            using var xml = XpmXml.CreateBodyReader(stream, response.BodyLength);
            content = XpmEnvelopeReader<T>.ReadAll(xml, reader, cancellationToken);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            // A body cut short usually fails the parse too; the cut is the better explanation.
            throw ReadFailure(call, response.Message, response.BodyCutShort ?? ex, sample);
        }

        if (response.BodyCutShort is { } cut)
        {
            throw ReadFailure(call, response.Message, cut, sample);
        }

        Check(call, response.Message, content.Envelope, sample);
        try
        {
            var payload = content.HasPayload ? content.Payload : reader.WhenMissing();
            return reader.Complete(payload, content.Envelope);
        }
        catch (XpmMissingPayloadException missing)
        {
            throw MissingPayload(call, response.Message, missing, content.Skipped, sample);
        }
        catch (Exception ex) when (ex is XmlException or FormatException)
        {
            throw XpmErrorFactory.Protocol(call, response.Message, "the payload is missing or incomplete", body: null, ex);
        }
    }

    /// <summary>
    /// The exception for an OK response without the payload its endpoint always returns (schema responses not marked
    /// <c>optional</c>): names what was expected and what came instead, since a renamed or mis-shaped element is the
    /// usual cause. Treating it as "nothing" would hand a caller an empty list it may act on.
    /// </summary>
    public static XpmProtocolException MissingPayload(XpmCall call, HttpResponseMessage response, XpmMissingPayloadException missing, System.Collections.Generic.IReadOnlyList<string> skipped, XpmBodySample sample)
    {
        var problem = "it has status OK but no " + missing.Expected;
        if (skipped.Count > 0)
        {
            problem += " (found " + string.Join(", ", System.Linq.Enumerable.Select(skipped, n => "<" + XpmBodyText.Redact(n, call.AccessToken) + ">")) + " instead)";
        }

        return XpmErrorFactory.Protocol(call, response, problem, sample, missing);
    }

    /// <summary>Throws unless the envelope's status is <c>OK</c>.</summary>
    public static void Check(XpmCall call, HttpResponseMessage response, XpmResponseEnvelope envelope, XpmBodySample sample)
    {
        if (XpmEnvelopeVerdict.IsError(envelope.Status))
        {
            throw XpmErrorFactory.FromErrorEnvelope(call, response, envelope);
        }

        if (XpmEnvelopeVerdict.Problem(envelope, call.AccessToken) is { } problem)
        {
            throw XpmErrorFactory.Protocol(call, response, problem, sample, null);
        }
    }

    /// <summary>The exception for a success body that could not be read to its end.</summary>
    public static Exception ReadFailure(XpmCall call, HttpResponseMessage response, Exception exception, XpmBodySample sample) =>
        XpmErrorFactory.Protocol(call, response, XpmErrorFactory.ExplainReadFailure(exception, sample), sample, exception);
}
