using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using XpmGen.Http;

namespace XpmGen;

/// <summary>
/// XPM's retry rule for the <see cref="IHttpClientFactory"/> pipeline, on Microsoft.Extensions.Http.Resilience: a 429
/// is sent again for every method after <c>Retry-After</c>; a 503, a timeout or a reset only for reads; a write that may
/// have been delivered never. When the handler is on the client <c>AddXpmClient</c> registers, the client's own
/// retries step aside, so attempts never multiply.
/// </summary>
public static class XpmResilienceExtensions
{
    /// <summary>Set by the client on every message: whether it is a read, which may be sent twice.</summary>
    internal static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("XpmGen.Idempotent");

    private const string ResilienceHandlerTypeName = "Microsoft.Extensions.Http.Resilience.ResilienceHandler";

    /// <summary>
    /// Adds the standard resilience handler of Microsoft.Extensions.Http.Resilience with its retry set to XPM's rule
    /// and its figures taken from <see cref="XpmClientOptions"/>: at most <see cref="XpmRetryOptions.MaxRetries"/>
    /// retries, <see cref="XpmRetryOptions.BaseDelay"/> back-off, <c>Retry-After</c> honoured up to
    /// <see cref="XpmRetryOptions.MaxRetryAfter"/>, and <see cref="XpmClientOptions.AttemptTimeout"/> per attempt.
    /// </summary>
    /// <param name="builder">The builder <c>AddXpmClient</c> returned, default or named (or another client's, for an <see cref="XpmClient"/> built by hand: it then takes the default client's figures).</param>
    /// <returns>The standard pipeline's builder, for further configuration.</returns>
    /// <remarks>
    /// <c>AddStandardResilienceHandler()</c> on the builder <c>AddXpmClient</c> returns gets the same rule. A handler added
    /// another way (for every client with <c>ConfigureHttpClientDefaults</c>, or a hand-made <c>AddResilienceHandler</c>)
    /// keeps its own rule and would send a write again; the client refuses that re-send, so such a write fails with an
    /// <see cref="XpmConnectionException"/> (<see cref="XpmConnectionException.MayHaveBeenProcessed"/> true) instead of
    /// the status it got. Do not add the standard <em>hedging</em> handler: it sends copies of a request at once.
    /// </remarks>
    public static IHttpStandardResiliencePipelineBuilder AddXpmResilienceHandler(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var pipeline = builder.AddStandardResilienceHandler();

        // A named client's figures are its own; a builder AddXpmClient did not return takes the default client's.
        var xpmName = XpmServiceCollectionExtensions.FindOptionsName(builder.Services, builder.Name) ?? Options.DefaultName;
        ApplyXpmRule(builder.Services, pipeline.PipelineName, xpmName);
        return pipeline;
    }

    /// <summary>Makes the standard pipeline of that name follow XPM's rule with the figures of the named client options, whatever it was configured with before.</summary>
    internal static void ApplyXpmRule(IServiceCollection services, string pipelineName, string xpmOptionsName) =>
        services.AddOptions<HttpStandardResilienceOptions>(pipelineName)
            .PostConfigure<IOptionsMonitor<XpmClientOptions>>((options, xpm) => Apply(options, xpm.Get(xpmOptionsName)));

    /// <summary>Whether a resilience handler of Microsoft.Extensions.Http.Resilience is in the chain.</summary>
    internal static bool HasResilienceHandler(HttpMessageHandler handler)
    {
        // By name: the ResilienceHandler type is marked experimental, and only its presence matters here.
        for (var current = handler; current is DelegatingHandler delegating; current = delegating.InnerHandler)
        {
            for (var type = current.GetType(); type is not null; type = type.BaseType)
            {
                if (type.FullName == ResilienceHandlerTypeName)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Apply(HttpStandardResilienceOptions options, XpmClientOptions xpm)
    {
        var retry = xpm.Retry ?? new XpmRetryOptions();
        var maxRetryAfter = retry.MaxRetryAfter;
        var timeProvider = TimeProvider.System;

        // Polly needs at least one retry attempt; "no retries" is a rule that handles nothing.
        options.Retry.MaxRetryAttempts = Math.Max(1, retry.MaxRetries);
        options.Retry.Delay = retry.BaseDelay;
        options.Retry.MaxDelay = retry.MaxDelay;
        options.Retry.BackoffType = DelayBackoffType.Exponential;
        options.Retry.UseJitter = true;
        options.Retry.ShouldRetryAfterHeader = true;
        var none = retry.MaxRetries == 0;
        options.Retry.ShouldHandle = args =>
        {
            if (none)
            {
                return ValueTask.FromResult(false);
            }

            var response = args.Outcome.Result;
            var request = response?.RequestMessage ?? args.Context.GetRequestMessage();
            var idempotent = request is not null && (request.Options.TryGetValue(IdempotentKey, out var flag) ? flag : request.Method == HttpMethod.Get);
            var failure = XpmRetryRule.Classify(args.Outcome.Exception, args.Context.CancellationToken.IsCancellationRequested);
            return ValueTask.FromResult(XpmRetryRule.ShouldRetry(response?.StatusCode, failure, idempotent, XpmResponseHeaders.RetryAfter(response, timeProvider), maxRetryAfter));
        };

        // Polly's timeouts accept at most a day; an infinite attempt timeout becomes that.
        var day = TimeSpan.FromHours(24);
        var attempt = xpm.AttemptTimeout == Timeout.InfiniteTimeSpan || xpm.AttemptTimeout > day ? day : xpm.AttemptTimeout;
        options.AttemptTimeout.Timeout = attempt;
        var attempts = retry.MaxRetries + 1;
        var total = TimeSpan.FromTicks(Math.Min(day.Ticks, (attempt.Ticks * attempts) + (maxRetryAfter.Ticks * retry.MaxRetries) + TimeSpan.FromSeconds(1).Ticks));
        options.TotalRequestTimeout.Timeout = total > attempt ? total : day;

        // The standard options require the breaker to sample at least two attempt timeouts.
        var sampling = TimeSpan.FromTicks(Math.Min(day.Ticks, attempt.Ticks * 2));
        if (options.CircuitBreaker.SamplingDuration < sampling)
        {
            options.CircuitBreaker.SamplingDuration = sampling;
        }
    }
}
