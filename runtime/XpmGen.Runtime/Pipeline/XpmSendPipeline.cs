using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using XpmGen.Diagnostics;

namespace XpmGen.Pipeline;

/// <summary>
/// The send path of an <see cref="XpmClient"/>, as stages in the order a request meets them:
/// <list type="number">
/// <item><see cref="XpmCredentialStage"/>: the access token, once per call.</item>
/// <item><see cref="XpmCallLimitStage"/>: the tenant's concurrent slot and the daily refusal, once per call.</item>
/// <item><see cref="XpmRetryStage"/>: XPM's retry rule (Polly.Core); steps aside for a resilience handler.</item>
/// <item><see cref="XpmAttemptLimitStage"/>: window permits, pauses and the limit headers, per attempt.</item>
/// <item><see cref="XpmTelemetryStage"/>: attempt count, status, correlation id and <c>xpmgen.requests</c>, per attempt.</item>
/// <item><see cref="XpmTransportStage"/>: the message, the <see cref="HttpClient"/>, the attempt timeout and the body.</item>
/// </list>
/// What comes back is read by <see cref="XpmResponseModule"/>.
/// </summary>
internal sealed class XpmSendPipeline
{
    private readonly XpmStage _first;

    public XpmSendPipeline(HttpClient httpClient, XpmClientOptions options, bool retriesDelegated, TimeProvider timeProvider, ILogger logger)
    {
        // The host's IMeterFactory when the options carry one (AddXpmClient sets it), the static meter otherwise.
        Metrics = XpmMetrics.For(options.MeterFactory);
        Transport = new XpmTransportStage(httpClient, options.AttemptTimeout, options.MaxResponseBodySize, headersTimedByHandler: retriesDelegated);
        XpmStage[] stages =
        [
            new XpmCredentialStage(options.AccessTokenProvider!),
            new XpmCallLimitStage(options.RateLimiter, Metrics),
            new XpmRetryStage(options.Retry, retriesDelegated, timeProvider, logger, Metrics),
            new XpmAttemptLimitStage(options.RateLimiter, logger, Metrics),
            new XpmTelemetryStage(Metrics),
            Transport,
        ];
        for (var i = 0; i < stages.Length - 1; i++)
        {
            stages[i].Next = stages[i + 1];
        }

        _first = stages[0];
        RetriesDelegated = retriesDelegated;
    }

    /// <summary>The last stage, which also builds connection failures for the streamed body.</summary>
    public XpmTransportStage Transport { get; }

    /// <summary>The instruments every call of this pipeline records on.</summary>
    public XpmMetrics Metrics { get; }

    /// <summary>Whether a resilience handler inside the HttpClient does the retrying.</summary>
    public bool RetriesDelegated { get; }

    public ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken) => _first.SendAsync(call, cancellationToken);
}
