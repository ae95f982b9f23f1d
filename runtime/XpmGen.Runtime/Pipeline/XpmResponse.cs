using System;
using System.IO;
using System.Net.Http;

namespace XpmGen.Pipeline;

/// <summary>
/// What the transport hands back for one attempt: the response and its body, already read into memory (an error
/// body up to 64 KB, a success body whole) unless the call streams, in which case <see cref="Stream"/> is open.
/// Disposing it releases the connection and whatever the stages attached (the tenant's concurrent slot).
/// </summary>
internal sealed class XpmResponse(HttpResponseMessage message) : IDisposable
{
    private IDisposable? _attached;

    public HttpResponseMessage Message { get; } = message;

    public bool IsSuccess => Message.IsSuccessStatusCode;

    /// <summary>The buffered body; empty for a streamed success.</summary>
    public byte[] Body { get; init; } = Array.Empty<byte>();

    public int BodyLength { get; init; }

    /// <summary>The failure that cut the body short, when the connection closed before its end.</summary>
    public Exception? BodyCutShort { get; init; }

    /// <summary>The open body of a streamed success.</summary>
    public Stream? Stream { get; init; }

    /// <summary>Attaches something to release with the response, such as a concurrency slot.</summary>
    public void Attach(IDisposable resource) => _attached = resource;

    public void Dispose()
    {
        Message.Dispose();
        _attached?.Dispose();
        _attached = null;
    }
}
