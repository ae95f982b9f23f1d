using System;
using System.Threading;
using System.Xml;

namespace XpmGen.Http;

/// <summary>What a <c>&lt;Response&gt;</c> document held.</summary>
/// <typeparam name="T">The payload type.</typeparam>
/// <param name="Envelope">Status, error description, api-method and WebUrl.</param>
/// <param name="HasPayload">Whether the payload element was present (and read).</param>
/// <param name="Payload">The payload, meaningful only when <paramref name="HasPayload"/> is <see langword="true"/>.</param>
/// <param name="Skipped">The first few unknown children of <c>&lt;Response&gt;</c>, to explain a missing payload.</param>
internal readonly record struct XpmEnvelopeContent<T>(XpmResponseEnvelope Envelope, bool HasPayload, T Payload, System.Collections.Generic.IReadOnlyList<string> Skipped);

/// <summary>What one call of <see cref="XpmEnvelopeReader{T}.Step"/> did.</summary>
internal enum XpmEnvelopeStep
{
    /// <summary>A node was read; call again.</summary>
    Continue,

    /// <summary>A list item was read (streaming only); it is in <see cref="XpmEnvelopeReader{T}.Current"/>.</summary>
    Item,

    /// <summary>The whole document has been read; the envelope is complete.</summary>
    Done,
}

/// <summary>
/// The one reader of XPM's <c>&lt;Response&gt;</c> envelope, used by the buffered, streamed, raw and error-body
/// paths, so that a document gets the same verdict whichever path reads it (see <see cref="XpmEnvelopeVerdict"/>).
/// </summary>
/// <remarks>
/// <para>
/// It is a synchronous state machine that advances by small steps: one node, or one whole element (a
/// <c>Status</c>, a payload, a list item). The streamed path makes sure the bytes a step needs are in memory
/// before each step (<see cref="XpmFramedStream"/>), so the network is only ever read asynchronously while the
/// XML is parsed synchronously; the buffered path has the whole body in memory and just loops.
/// </para>
/// <para>
/// Element order is not relied on: the payload may come before or after <c>Status</c>, and children the
/// client does not know are skipped. The payload of a response already known to be an <c>ERROR</c> is skipped,
/// since reading a half-formed payload could only hide the error. The whole document is read, so trailing
/// garbage or a second root element is reported. A payload element that comes twice is refused (which copy is
/// right is ambiguous, and dropping either loses data); a second <c>Status</c> merges so that ERROR wins, and a
/// second <c>ErrorDescription</c> or <c>WebUrl</c> replaces the first (they carry no data of the caller's).
/// Structural problems are <see cref="XmlException"/>s with line information, which the response module turns
/// into an <see cref="XpmProtocolException"/>.
/// </para>
/// </remarks>
/// <typeparam name="T">The payload type (buffered) or the item type (streamed).</typeparam>
internal sealed class XpmEnvelopeReader<T>
{
    public const string RootElementName = "Response";

    private readonly XmlReader _reader;
    private readonly XpmResponseReader<T>? _payloadReader;
    private readonly IXpmListReader<T>? _listReader;
    private State _state;
    private string? _status;
    private string? _errorDescription;
    private string? _webUrl;
    private string? _apiMethod;
    private bool _listSeen;
    private Serialization.XpmListShape _listShape;
    private string? _payloadName;
    private readonly System.Collections.Generic.List<string> _skipped = new();

    private XpmEnvelopeReader(XmlReader reader, XpmResponseReader<T>? payloadReader, IXpmListReader<T>? listReader)
    {
        _reader = reader;
        _payloadReader = payloadReader;
        _listReader = listReader;
    }

    private enum State
    {
        Prolog,
        Root,
        List,
        Epilogue,
        Done,
    }

    /// <summary>The envelope fields read so far; complete once <see cref="Step"/> has returned <see cref="XpmEnvelopeStep.Done"/>.</summary>
    public XpmResponseEnvelope Envelope => new(_status, _errorDescription, _apiMethod, _webUrl);

    /// <summary>Whether the payload element was read (buffered) or the list element was seen (streamed).</summary>
    public bool HasPayload { get; private set; }

    /// <summary>The first few children of <c>&lt;Response&gt;</c> that were skipped as unknown, to say what came instead of a missing payload.</summary>
    public System.Collections.Generic.IReadOnlyList<string> Skipped => _skipped;

    /// <summary>The payload (buffered) or the last item read (streamed).</summary>
    public T Current { get; private set; } = default!;

    /// <summary>A reader that reads the whole payload element with <paramref name="payloadReader"/>.</summary>
    public static XpmEnvelopeReader<T> ForPayload(XmlReader reader, XpmResponseReader<T> payloadReader) => new(reader, payloadReader, null);

    /// <summary>A reader that hands out the items of the list one at a time.</summary>
    public static XpmEnvelopeReader<T> ForItems(XmlReader reader, IXpmListReader<T> listReader) => new(reader, null, listReader);

    /// <summary>Reads a document held in memory to its end.</summary>
    public static XpmEnvelopeContent<T> ReadAll(XmlReader reader, XpmResponseReader<T> payloadReader, CancellationToken cancellationToken)
    {
        var envelope = ForPayload(reader, payloadReader);
        while (envelope.Step() != XpmEnvelopeStep.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new XpmEnvelopeContent<T>(envelope.Envelope, envelope.HasPayload, envelope.Current, envelope.Skipped);
    }

    /// <summary>Advances by one node or one whole element.</summary>
    public XpmEnvelopeStep Step()
    {
        switch (_state)
        {
            case State.Prolog:
                return StepProlog();
            case State.Root:
                return StepRoot();
            case State.List:
                return StepList();
            case State.Epilogue:
                // Read to the end so that a second root or trailing garbage fails here instead of passing unnoticed.
                if (!_reader.Read())
                {
                    _state = State.Done;
                    return XpmEnvelopeStep.Done;
                }

                return XpmEnvelopeStep.Continue;
            default:
                return XpmEnvelopeStep.Done;
        }
    }

    private XpmEnvelopeStep StepProlog()
    {
        // One node per step (declaration, white space, comment, then the root), never MoveToContent, which
        // could read past what the streamed path has buffered.
        if (!_reader.Read())
        {
            throw new XmlException("The response has no root element.");
        }

        if (_reader.NodeType != XmlNodeType.Element)
        {
            return XpmEnvelopeStep.Continue;
        }

        if (_reader.LocalName != RootElementName)
        {
            var info = _reader as IXmlLineInfo;
            throw new XmlException($"The root element is <{_reader.LocalName}>, not <{RootElementName}>.", null, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
        }

        _apiMethod = Blank(_reader.GetAttribute("api-method"));
        _state = _reader.IsEmptyElement ? State.Epilogue : State.Root;
        _reader.Read();
        return XpmEnvelopeStep.Continue;
    }

    private XpmEnvelopeStep StepRoot()
    {
        switch (_reader.NodeType)
        {
            case XmlNodeType.Element:
                switch (_reader.LocalName)
                {
                    case "Status":
                        _status = Merge(_status, Blank(_reader.ReadElementContentAsString()));
                        return XpmEnvelopeStep.Continue;
                    case "ErrorDescription":
                        _errorDescription = Blank(_reader.ReadElementContentAsString());
                        return XpmEnvelopeStep.Continue;
                    case "WebUrl":
                        _webUrl = Blank(_reader.ReadElementContentAsString());
                        return XpmEnvelopeStep.Continue;
                }

                if (XpmEnvelopeVerdict.IsError(_status))
                {
                    _reader.Skip();
                }
                else if (_listReader is not null)
                {
                    if (_listSeen && _reader.LocalName == _listReader.ElementName)
                    {
                        throw Duplicated(_listReader.ElementName);
                    }

                    if (!_listSeen && _reader.LocalName == _listReader.ElementName)
                    {
                        _listSeen = true;
                        HasPayload = true;
                        var isEmpty = _reader.IsEmptyElement;
                        _listShape = new Serialization.XpmListShape(_reader, _listReader.ItemName);
                        _reader.Read();
                        _state = isEmpty ? State.Root : State.List;
                    }
                    else
                    {
                        SkipUnknown();
                    }
                }
                else if (HasPayload && !_payloadReader!.ReadsEveryPayloadElement && _reader.LocalName == _payloadName)
                {
                    throw Duplicated(_payloadName);
                }
                else if ((!HasPayload || _payloadReader!.ReadsEveryPayloadElement) && _payloadReader!.IsPayload(_reader.LocalName))
                {
                    _payloadName = _reader.LocalName;
                    Current = _payloadReader.ReadPayload(_reader);
                    HasPayload = true;
                }
                else
                {
                    SkipUnknown();
                }

                return XpmEnvelopeStep.Continue;
            case XmlNodeType.EndElement:
                // </Response>
                _reader.Read();
                _state = State.Epilogue;
                return XpmEnvelopeStep.Continue;
            case XmlNodeType.None:
                throw new XmlException("The response ended inside the <Response> element.");
            default:
                if (!_reader.Read())
                {
                    throw new XmlException("The response ended inside the <Response> element.");
                }

                return XpmEnvelopeStep.Continue;
        }
    }

    private XpmEnvelopeStep StepList()
    {
        // The list's shape is judged by the same rule as the buffered XpmXml.ReadList; an ERROR response's list is
        // skipped unread, as the buffered path skips its payload.
        var error = XpmEnvelopeVerdict.IsError(_status);
        switch (_reader.NodeType)
        {
            case XmlNodeType.Element when !error && _listShape.IsItem(_reader):
                _listShape.Item();
                Current = _listReader!.ReadItem(_reader);
                return XpmEnvelopeStep.Item;
            case XmlNodeType.Element:
                if (!error)
                {
                    _listShape.Other(_reader);
                }

                _reader.Skip();
                return XpmEnvelopeStep.Continue;
            case XmlNodeType.EndElement:
                if (!error)
                {
                    _listShape.End();
                }

                _reader.Read();
                _state = State.Root;
                return XpmEnvelopeStep.Continue;
            case XmlNodeType.None:
                throw new XmlException("The response ended inside the <Response> element.");
            default:
                if (!error && _reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
                {
                    _listShape.Text(_reader);
                }

                if (!_reader.Read())
                {
                    throw new XmlException("The response ended inside the <Response> element.");
                }

                return XpmEnvelopeStep.Continue;
        }
    }

    /// <summary>
    /// A payload element that comes twice: which copy holds the data is ambiguous, and keeping either would silently
    /// drop the other (a second <c>&lt;Clients&gt;</c> list, a second <c>&lt;Client&gt;</c>), so the document is refused.
    /// </summary>
    private XmlException Duplicated(string? name)
    {
        var info = _reader as IXmlLineInfo;
        return new XmlException($"The response has more than one <{name}> element, so which one holds the data is ambiguous.", null, info?.LineNumber ?? 0, info?.LinePosition ?? 0);
    }

    private void SkipUnknown()
    {
        // Names are kept short and few: they only explain a missing payload ("found <clients> instead").
        if (_skipped.Count < 4)
        {
            var name = _reader.LocalName;
            _skipped.Add(name.Length <= 40 ? name : name[..40] + "…");
        }

        _reader.Skip();
    }

    /// <summary>
    /// The status of a document with more than one <c>Status</c>: an <c>ERROR</c> anywhere wins (a later <c>OK</c>
    /// must not turn a failed write into a success), then anything that is not <c>OK</c> (so the document is refused
    /// as neither), and only agreeing <c>OK</c>s read as <c>OK</c>.
    /// </summary>
    private static string? Merge(string? seen, string? next)
    {
        if (seen is null || XpmEnvelopeVerdict.IsError(next))
        {
            return next ?? seen;
        }

        if (XpmEnvelopeVerdict.IsError(seen) || !XpmEnvelopeVerdict.IsOk(seen))
        {
            return seen;
        }

        return next ?? "(empty)";
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The one verdict on an envelope's <c>Status</c>, for every path.</summary>
internal static class XpmEnvelopeVerdict
{
    /// <summary>Whether the status is <c>OK</c> (white space around it and letter case ignored, as everywhere).</summary>
    public static bool IsOk(string? status) => string.Equals(status?.Trim(), "OK", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the status is <c>ERROR</c> (white space around it and letter case ignored, as everywhere).</summary>
    public static bool IsError(string? status) => string.Equals(status?.Trim(), "ERROR", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why an envelope that is neither OK nor ERROR is not one, or <see langword="null"/> when it is one of them.</summary>
    public static string? Problem(XpmResponseEnvelope envelope, string? accessToken)
    {
        if (IsOk(envelope.Status) || IsError(envelope.Status))
        {
            return null;
        }

        if (envelope.Status is not { } status)
        {
            return "the <Response> has no <Status> element";
        }

        var shown = status.Length <= 64 ? status : status[..64] + "…";
        return $"the <Status> is '{XpmBodyText.Redact(shown, accessToken)}', neither OK nor ERROR";
    }

    /// <summary>
    /// Reads an envelope held in memory (an error body) with the same reader as every other path. Returns
    /// <see langword="null"/> unless the text is a complete <c>&lt;Response&gt;</c> document.
    /// </summary>
    public static XpmResponseEnvelope? TryRead(string text)
    {
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || start[0] != '<')
        {
            return null;
        }

        try
        {
            using var textReader = new System.IO.StringReader(text);
            using var reader = Serialization.XpmXml.CreateReader(textReader);
            return XpmEnvelopeReader<XpmNone>.ReadAll(reader, XpmResponseReader.None, CancellationToken.None).Envelope;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
