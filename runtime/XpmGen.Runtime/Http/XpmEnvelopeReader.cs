using System;
using System.Threading;
using System.Xml;

namespace XpmGen.Http;

/// <summary>What a <c>&lt;Response&gt;</c> document held.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Envelope">Status, error description, api-method and WebUrl.</param>
/// <param name="HasPayload">Whether the payload element was present (and read).</param>
/// <param name="Payload">The payload, meaningful only when <paramref name="HasPayload"/> is <see langword="true"/>.</param>
internal readonly record struct XpmEnvelopeContent<T>(XpmResponseEnvelope Envelope, bool HasPayload, T Payload);

/// <summary>
/// Reads the <c>&lt;Response&gt;</c> envelope of a buffered body: the envelope's own elements and the payload
/// (with the request's generated payload reader), synchronously, since the bytes are already in memory.
/// </summary>
/// <remarks>
/// Element order is not relied on: the payload may come before or after <c>Status</c>, and children the
/// client does not know are skipped. The whole document is read, so trailing garbage or a second root
/// element is reported rather than ignored. Structural problems are raised as <see cref="XmlException"/>
/// with line information, which the client turns into an <see cref="XpmProtocolException"/>.
/// </remarks>
internal static class XpmEnvelopeReader
{
    public const string RootElementName = "Response";

    public static XpmEnvelopeContent<T> Read<T>(XmlReader reader, XpmResponseReader<T> payloadReader, CancellationToken cancellationToken)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new XmlException("The response has no root element.");
        }

        if (reader.LocalName != RootElementName)
        {
            throw At(reader, $"The root element is <{reader.LocalName}>, not <{RootElementName}>.");
        }

        var apiMethod = Blank(reader.GetAttribute("api-method"));
        string? status = null;
        string? errorDescription = null;
        string? webUrl = null;
        var hasPayload = false;
        T payload = default!;

        var isEmpty = reader.IsEmptyElement;
        reader.Read();
        if (!isEmpty)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        switch (reader.LocalName)
                        {
                            case "Status":
                                status = Blank(reader.ReadElementContentAsString());
                                break;
                            case "ErrorDescription":
                                errorDescription = Blank(reader.ReadElementContentAsString());
                                break;
                            case "WebUrl":
                                webUrl = Blank(reader.ReadElementContentAsString());
                                break;
                            default:
                                // A second payload element, or the payload of a response already known to be an error, is
                                // skipped: reading an error's half-formed payload could only hide the error.
                                if ((!hasPayload || payloadReader.ReadsEveryPayloadElement) && !IsError(status) && payloadReader.IsPayload(reader.LocalName))
                                {
                                    payload = payloadReader.ReadPayload(reader);
                                    hasPayload = true;
                                }
                                else
                                {
                                    reader.Skip();
                                }

                                break;
                        }

                        continue;
                    case XmlNodeType.EndElement:
                        reader.Read();
                        break;
                    case XmlNodeType.None:
                        throw new XmlException("The response ended inside the <Response> element.");
                    default:
                        if (!reader.Read())
                        {
                            throw new XmlException("The response ended inside the <Response> element.");
                        }

                        continue;
                }

                break;
            }
        }

        // Read to the end so that a second root or trailing garbage fails here instead of passing unnoticed.
        while (!reader.EOF && reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new XpmEnvelopeContent<T>(new XpmResponseEnvelope(status, errorDescription, apiMethod, webUrl), hasPayload, payload);
    }

    public static bool IsOk(string? status) => string.Equals(status, "OK", StringComparison.OrdinalIgnoreCase);

    public static bool IsError(string? status) => string.Equals(status, "ERROR", StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static XmlException At(XmlReader reader, string message)
    {
        var info = reader as IXmlLineInfo;
        return new XmlException(message, null, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
    }
}
