using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Diagnostics;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 5: records each attempt: counts the attempt, notes the status and correlation id on the call (for the
/// call's log event and activity, see <see cref="XpmCallScope"/>), tags the call's activity with the re-send
/// count, and counts <c>xpmgen.requests</c> per response received.
/// </summary>
internal sealed class XpmTelemetryStage : XpmStage
{
    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        call.Attempts++;
        if (call.Attempts > 1)
        {
            Activity.Current?.SetTag("http.request.resend_count", call.Attempts - 1);
        }

        var response = await SendNextAsync(call, cancellationToken).ConfigureAwait(false);
        call.StatusCode = (int)response.Message.StatusCode;
        call.CorrelationId = Http.XpmResponseHeaders.CorrelationId(response.Message);
        XpmTelemetry.Requests.Add(
            1,
            new KeyValuePair<string, object?>("http.request.method", call.Method.Method),
            new KeyValuePair<string, object?>("xpm.endpoint", call.Endpoint.ToString()),
            new KeyValuePair<string, object?>("http.response.status_code", call.StatusCode));
        return response;
    }
}
