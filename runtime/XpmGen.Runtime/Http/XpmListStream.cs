using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;

namespace XpmGen.Http;

/// <summary>
/// Reads the items of a list response one at a time, straight from the response stream: the envelope with
/// the reader's asynchronous methods, each item with the generated (synchronous) item reader. Only the
/// current item is held in memory.
/// </summary>
internal sealed class XpmListStream<T> : IDisposable
{
    private readonly XmlReader _reader;
    private readonly IXpmListReader<T> _list;
    private readonly CancellationToken _cancellationToken;
    private string? _status;
    private string? _errorDescription;
    private string? _webUrl;
    private string? _apiMethod;
    private bool _inList;
    private bool _started;
    private bool _listSeen;

    public XpmListStream(XmlReader reader, IXpmListReader<T> list, CancellationToken cancellationToken)
    {
        _reader = reader;
        _list = list;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The envelope fields read so far; complete once <see cref="NextAsync"/> has returned false.</summary>
    public XpmResponseEnvelope Envelope => new(_status, _errorDescription, _apiMethod, _webUrl);

    /// <summary>Reads up to the next item; returns false after the end of the document.</summary>
    public async ValueTask<(bool HasItem, T Item)> NextAsync()
    {
        if (!_started)
        {
            _started = true;
            if (await _reader.MoveToContentAsync().ConfigureAwait(false) != XmlNodeType.Element || _reader.LocalName != XpmEnvelopeReader.RootElementName)
            {
                throw new XmlException($"The root element is not <{XpmEnvelopeReader.RootElementName}>.");
            }

            _apiMethod = _reader.GetAttribute("api-method");
            if (_reader.IsEmptyElement)
            {
                await _reader.ReadAsync().ConfigureAwait(false);
                return (false, default!);
            }

            await _reader.ReadAsync().ConfigureAwait(false);
        }

        while (true)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (_reader.NodeType)
            {
                case XmlNodeType.Element when _inList:
                    if (_reader.LocalName == _list.ItemName)
                    {
                        return (true, _list.ReadItem(_reader));
                    }

                    await _reader.SkipAsync().ConfigureAwait(false);
                    continue;
                case XmlNodeType.EndElement when _inList:
                    _inList = false;
                    await _reader.ReadAsync().ConfigureAwait(false);
                    continue;
                case XmlNodeType.Element:
                    switch (_reader.LocalName)
                    {
                        case "Status":
                            _status = await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                            continue;
                        case "ErrorDescription":
                            _errorDescription = await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                            continue;
                        case "WebUrl":
                            _webUrl = await _reader.ReadElementContentAsStringAsync().ConfigureAwait(false);
                            continue;
                    }

                    // Items of a response already known to be an error are not handed out.
                    if (!_listSeen && _reader.LocalName == _list.ElementName && !XpmEnvelopeReader.IsError(_status))
                    {
                        _listSeen = true;
                        var isEmpty = _reader.IsEmptyElement;
                        await _reader.ReadAsync().ConfigureAwait(false);
                        _inList = !isEmpty;
                        continue;
                    }

                    await _reader.SkipAsync().ConfigureAwait(false);
                    continue;
                case XmlNodeType.EndElement:
                    // The end of <Response>: the rest of the document must be empty.
                    while (await _reader.ReadAsync().ConfigureAwait(false))
                    {
                        if (_reader.NodeType is XmlNodeType.Element or XmlNodeType.Text or XmlNodeType.CDATA)
                        {
                            throw new XmlException("The response has content after </Response>.");
                        }
                    }

                    return (false, default!);
                case XmlNodeType.None:
                    throw new XmlException("The response ended inside the <Response> element.");
                default:
                    if (!await _reader.ReadAsync().ConfigureAwait(false))
                    {
                        throw new XmlException("The response ended inside the <Response> element.");
                    }

                    continue;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
