using System.Threading;
using System.Threading.Tasks;
using XpmGen.Diagnostics;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 2: takes one of the tenant's concurrent slots for the whole call (retries included) and refuses at
/// once when XPM said the tenant's day is spent. The slot is attached to the response, so it is held until the
/// body has been read or the stream disposed.
/// </summary>
internal sealed class XpmCallLimitStage(XpmRateLimiterBase limiter, XpmMetrics metrics) : XpmStage
{
    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        var slot = await limiter.AcquireCallAsync(call.TenantId, call.SendContext, metrics, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await SendNextAsync(call, cancellationToken).ConfigureAwait(false);
            response.Attach(slot);
            return response;
        }
        catch
        {
            slot.Dispose();
            throw;
        }
    }
}
