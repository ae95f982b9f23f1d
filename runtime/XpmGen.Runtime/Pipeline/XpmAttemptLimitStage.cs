using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using XpmGen.Diagnostics;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 4, the per-attempt half of the limits (after the retry stage, because every attempt counts against
/// XPM's minute): waits out a pause XPM asked for, takes the app's and the tenant's window permits, and
/// reconciles the limiter with the limit headers of the response.
/// </summary>
internal sealed class XpmAttemptLimitStage(XpmRateLimiterBase limiter, ILogger logger, XpmMetrics metrics) : XpmStage
{
    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        var paused = await limiter.AcquireAttemptAsync(call.TenantId, call.SendContext, metrics, cancellationToken).ConfigureAwait(false);
        if (paused > System.TimeSpan.Zero)
        {
            XpmLog.ThrottledWait(logger, call.Method.Method, call.Path, call.TenantId, paused.TotalMilliseconds);
        }

        var response = await SendNextAsync(call, cancellationToken).ConfigureAwait(false);
        await limiter.ObserveAsync(call.TenantId, response.Message, cancellationToken).ConfigureAwait(false);
        return response;
    }
}
