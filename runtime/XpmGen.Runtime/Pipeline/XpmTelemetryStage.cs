using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Diagnostics;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 5: records each attempt: counts the attempt, notes the status and correlation id on the call (for the
/// call's log event and activity, see <see cref="XpmCallScope"/>), tags the call's activity with the re-send
/// count, and counts <c>xpmgen.requests</c> per attempt, with its status code or, when no response came, its
/// <c>error.type</c>.
/// </summary>
internal sealed class XpmTelemetryStage(XpmMetrics metrics) : XpmStage
{
    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        call.Attempts++;

        // A retried attempt that gets no response must not report the previous attempt's status.
        call.StatusCode = null;
        call.CorrelationId = null;
        if (call.Attempts > 1 && Activity.Current is { } activity && activity.Source == XpmTelemetry.ActivitySource)
        {
            activity.SetTag(XpmTelemetryTags.ResendCount, call.Attempts - 1);
        }

        XpmResponse response;
        try
        {
            response = await SendNextAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (metrics.Requests.Enabled)
        {
            var failed = XpmTelemetryTags.Common(call);
            failed.Add(XpmTelemetryTags.ErrorType, XpmTelemetryTags.ErrorTypeOf(ex));
            metrics.Requests.Add(1, failed);
            throw;
        }

        call.StatusCode = (int)response.Message.StatusCode;
        call.CorrelationId = Http.XpmResponseHeaders.CorrelationId(response.Message);
        if (metrics.Requests.Enabled)
        {
            var tags = XpmTelemetryTags.Common(call);
            tags.Add(XpmTelemetryTags.StatusCode, call.StatusCode.Value);
            if (call.StatusCode >= 400)
            {
                tags.Add(XpmTelemetryTags.ErrorType, XpmTelemetryTags.StatusText(call.StatusCode.Value));
            }

            metrics.Requests.Add(1, tags);
        }

        return response;
    }
}
