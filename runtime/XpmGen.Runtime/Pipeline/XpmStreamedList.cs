using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using XpmGen.Http;
using XpmGen.Serialization;

namespace XpmGen.Pipeline;

/// <summary>
/// The items of a streamed list response, read with the same <see cref="XpmEnvelopeReader{T}"/> and judged by
/// the same <see cref="XpmResponseModule"/> as a buffered one. The network is read asynchronously only
/// (<see cref="XpmFramedStream"/> buffers the next item or two); each item is then parsed synchronously from
/// memory. Only the current frame is held, so a 50 MB list costs the memory of an item or two.
/// </summary>
internal sealed class XpmStreamedList<T>(XpmCall call, XpmResponse response, IXpmListReader<T> list, XpmTransportStage transport, CancellationToken cancellationToken) : IDisposable
{
    private readonly CapturingReadStream _body = new(response.Stream!, XpmResponseModule.CapturedBodyBytes);
    private XpmFramedStream? _framed;
    private XmlReader? _xml;
    private XpmEnvelopeReader<T>? _envelope;

    /// <summary>Reads up to the next item; returns false after the end of the document, once its status was found OK.</summary>
    public async ValueTask<(bool HasItem, T Item)> NextAsync()
    {
        try
        {
            if (_envelope is null)
            {
                _framed = new XpmFramedStream(_body, list.ElementName, transport.AttemptTimeout, transport.MaxBodyBytes, cancellationToken);
                await _framed.FillAsync().ConfigureAwait(false);
                _xml = XpmXml.CreateReader(_framed);
                _envelope = XpmEnvelopeReader<T>.ForItems(_xml, list);
            }

            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await _framed!.FillAsync().ConfigureAwait(false);
                switch (_envelope.Step())
                {
                    case XpmEnvelopeStep.Item:
                        return (true, _envelope.Current);
                    case XpmEnvelopeStep.Done:
                        XpmResponseModule.Check(call, response.Message, _envelope.Envelope, Sample());
                        if (!_envelope.HasPayload)
                        {
                            // The same verdict as the buffered path: a list response without its wrapper is not an empty list.
                            var expected = new XpmMissingPayloadException($"a <{list.ElementName}> list of <{list.ItemName}> items");
                            throw XpmResponseModule.MissingPayload(call, response.Message, expected, _envelope.Skipped, Sample());
                        }

                        return (false, default!);
                }
            }
        }
        catch (XpmBodyStalledException stalled)
        {
            throw transport.ConnectionFailure(call, stalled, headersArrived: true, timedOut: true);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw XpmResponseModule.ReadFailure(call, response.Message, ex, Sample());
        }
    }

    public void Dispose()
    {
        _xml?.Dispose();
        response.Dispose();
    }

    private XpmBodySample Sample() => new(_body.Captured.ToArray(), _body.Captured.Length, _body.TotalRead);
}
