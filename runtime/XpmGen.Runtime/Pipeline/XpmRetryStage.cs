using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using XpmGen.Diagnostics;
using XpmGen.Http;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 3: sends the attempts again that <see cref="XpmRetryRule"/> allows, with Polly.Core: after
/// <c>Retry-After</c> when the response gives one, else with exponential back-off and jitter. It steps aside
/// (sends once) when the options turn retries off or when a resilience handler in the <see cref="System.Net.Http.HttpClient"/>
/// applies the same rule (see <see cref="XpmResilienceExtensions"/>), so attempts never multiply.
/// </summary>
internal sealed class XpmRetryStage : XpmStage
{
    private static readonly ResiliencePropertyKey<XpmCall> CallKey = new("XpmGen.Call");

    private readonly ResiliencePipeline<XpmResponse> _pipeline;

    // Retries off or delegated: the call goes straight on, without a Polly context or an outcome per call.
    private readonly bool _sendOnce;

    public XpmRetryStage(XpmRetryOptions options, bool stepAside, TimeProvider timeProvider, ILogger logger, XpmMetrics metrics)
    {
        if (options.MaxRetries == 0 || stepAside)
        {
            _pipeline = ResiliencePipeline<XpmResponse>.Empty;
            _sendOnce = true;
            return;
        }

        var maxRetryAfter = options.MaxRetryAfter;
        _pipeline = new ResiliencePipelineBuilder<XpmResponse> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<XpmResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    var response = args.Outcome.Result?.Message;
                    var failure = XpmRetryRule.Classify(args.Outcome.Exception, args.Context.CancellationToken.IsCancellationRequested);
                    return ValueTask.FromResult(XpmRetryRule.ShouldRetry(response?.StatusCode, failure, call.Endpoint.IsIdempotent, XpmResponseHeaders.RetryAfter(response, timeProvider), maxRetryAfter));
                },
                DelayGenerator = args => ValueTask.FromResult(XpmResponseHeaders.RetryAfter(args.Outcome.Result?.Message, timeProvider)),
                OnRetry = args =>
                {
                    var call = args.Context.Properties.GetValue(CallKey, null!);
                    var outcome = args.Outcome.Result is { } result ? "HTTP " + (int)result.Message.StatusCode : args.Outcome.Exception?.GetType().Name ?? "an unknown failure";
                    XpmLog.Retrying(logger, call.Method.Method, call.Path, call.TenantId, args.AttemptNumber + 1, outcome, args.RetryDelay.TotalMilliseconds);
                    if (metrics.Retries.Enabled)
                    {
                        // error.type of the attempt that is sent again: its status code, or the exception when no response came.
                        var tags = XpmTelemetryTags.Common(call);
                        tags.Add(XpmTelemetryTags.ErrorType, args.Outcome.Result is { } failed ? XpmTelemetryTags.StatusText((int)failed.Message.StatusCode) : args.Outcome.Exception is { } ex ? XpmTelemetryTags.ErrorTypeOf(ex) : "_OTHER");
                        metrics.Retries.Add(1, tags);
                    }

                    // The failed response is replaced by the next attempt's; release its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    public override ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken) =>
        _sendOnce ? SendNextAsync(call, cancellationToken) : SendWithRetriesAsync(call, cancellationToken);

    private async ValueTask<XpmResponse> SendWithRetriesAsync(XpmCall call, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, state) => state.Stage.SendNextAsync(state.Call, context.CancellationToken),
                context,
                (Stage: this, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
