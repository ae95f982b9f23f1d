using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Http;

namespace XpmGen.Http;

/// <summary>
/// The last handler before the network in every <see cref="HttpClient"/> that <c>AddXpmClient</c> registers: it lets a
/// write (a message the client marked not idempotent) reach the network once per attempt of the client. A handler
/// further out that sends the same message again after an attempt XPM may have processed (a resilience handler added
/// in a way that does not follow XPM's rule, such as <c>ConfigureHttpClientDefaults(b =&gt; b.AddStandardResilienceHandler())</c>,
/// or a hedging handler) is refused with an <see cref="XpmResendRefusedException"/>, which the transport turns into an
/// <see cref="XpmConnectionException"/> with <see cref="XpmConnectionException.MayHaveBeenProcessed"/> true. A send that
/// provably never left (<see cref="XpmRetryRule.Classify"/> says <see cref="XpmFailureKind.NotSent"/>) may be repeated.
/// </summary>
internal sealed class XpmWriteOnceHandler : DelegatingHandler
{
    /// <summary>Set by the transport on each attempt's message of a write; shared by copies of the message that keep its options.</summary>
    internal static readonly HttpRequestOptionsKey<Attempt> AttemptKey = new("XpmGen.WriteAttempt");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(AttemptKey, out var attempt) || attempt is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.CompareExchange(ref attempt.State, Attempt.Sending, Attempt.Unsent) != Attempt.Unsent)
        {
            throw new XpmResendRefusedException(attempt.First, attempt.FirstStatus);
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            attempt.First = XpmFailureKind.MayHaveBeenDelivered;
            attempt.FirstStatus = (int)response.StatusCode;
            return response;
        }
        catch (Exception ex)
        {
            // The same classification as every retry decision; only a send that never left may go again.
            var kind = XpmRetryRule.Classify(ex, callerCancelled: false);
            if (kind == XpmFailureKind.NotSent)
            {
                Volatile.Write(ref attempt.State, Attempt.Unsent);
            }
            else
            {
                attempt.First = kind == XpmFailureKind.TimedOut ? XpmFailureKind.TimedOut : XpmFailureKind.MayHaveBeenDelivered;
            }

            throw;
        }
    }

    /// <summary>One attempt of a write, as the network saw it.</summary>
    internal sealed class Attempt
    {
        public const int Unsent = 0;
        public const int Sending = 1;

        public int State;

        /// <summary>How the first send ended, as far as sending again is concerned (a refused copy during the first send: it may have been delivered).</summary>
        public XpmFailureKind First = XpmFailureKind.MayHaveBeenDelivered;

        /// <summary>The status of the first send's response, when it got one.</summary>
        public int? FirstStatus;
    }
}

/// <summary>A handler inside the <see cref="HttpClient"/> tried to send a write again after an attempt XPM may have processed.</summary>
internal sealed class XpmResendRefusedException(XpmFailureKind first, int? firstStatus)
    : Exception(
        "a handler inside the HttpClient (a resilience handler that does not follow XPM's rule, or a hedging handler) tried to send the request again after "
        + (firstStatus is { } status ? "an attempt that got HTTP " + status.ToString(System.Globalization.CultureInfo.InvariantCulture) : "an attempt XPM may have processed")
        + ", and XpmGen refused. Add resilience with AddXpmResilienceHandler(), or AddStandardResilienceHandler() on the builder AddXpmClient returns, so that writes are not retried")
{
    /// <summary>How the attempt that was sent ended.</summary>
    public XpmFailureKind First { get; } = first;
}

/// <summary>Adds <see cref="XpmWriteOnceHandler"/> last, after every other configuration, to the <see cref="HttpClient"/>s <c>AddXpmClient</c> registered.</summary>
internal sealed class XpmWriteOnceFilter(IEnumerable<XpmServiceCollectionExtensions.XpmClientRegistration> registrations) : IHttpMessageHandlerBuilderFilter
{
    private readonly HashSet<string> _names = registrations.Select(r => r.HttpClientName).ToHashSet(StringComparer.Ordinal);

    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
    {
        next(builder);
        if (builder.Name is { } name && _names.Contains(name))
        {
            builder.AdditionalHandlers.Add(new XpmWriteOnceHandler());
        }
    };
}
