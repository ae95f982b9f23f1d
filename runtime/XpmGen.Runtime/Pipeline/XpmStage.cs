using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Pipeline;

/// <summary>
/// One stage of the send path, in the manner of the Azure SDK's <c>HttpPipelinePolicy</c> and Kiota's
/// middleware handlers: it does its part and calls <see cref="Next"/>. The stages, in the order a request meets
/// them, are built by <see cref="XpmSendPipeline"/>.
/// </summary>
internal abstract class XpmStage
{
    /// <summary>The stage after this one; the transport has none.</summary>
    public XpmStage? Next { get; set; }

    /// <summary>Sends <paramref name="call"/> on, returning the response of its last attempt.</summary>
    public abstract ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken);

    protected ValueTask<XpmResponse> SendNextAsync(XpmCall call, CancellationToken cancellationToken) =>
        Next!.SendAsync(call, cancellationToken);
}
