using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Http;

namespace XpmGen.Pipeline;

/// <summary>
/// Stage 6, the last: builds the message for one attempt, sends it, and reads the body under the attempt
/// timeout, so that a server that stalls before or after the headers ends as a typed
/// <see cref="XpmConnectionException"/> (<see cref="XpmConnectionException.TimedOut"/>) within the timeout. A
/// success body is read whole into memory here (so the retry stage sees a stalled or reset read as the failed
/// attempt it is); a streamed call gets the open stream instead, guarded per read by <see cref="XpmFramedStream"/>.
/// Every exception that means "no response" leaves this stage as an <see cref="XpmConnectionException"/> saying
/// whether the request may have been processed; the caller's own cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class XpmTransportStage(HttpClient httpClient, TimeSpan attemptTimeout, int maxBodyBytes, bool headersTimedByHandler) : XpmStage
{
    private const string TenantIdHeader = "xero-tenant-id";

    private CancellationTokenSource? _spareDeadline;

    private static readonly string UserAgentValue = new ProductInfoHeaderValue("XpmGen", GetVersion()).ToString();
    private static readonly string AcceptValue = new MediaTypeWithQualityHeaderValue("application/xml") + ", " + new MediaTypeWithQualityHeaderValue("text/xml");

    /// <summary>The attempt timeout, which also bounds each read of a streamed body.</summary>
    public TimeSpan AttemptTimeout => attemptTimeout;

    /// <summary>The success-body cap (<see cref="XpmClientOptions.MaxResponseBodySize"/>), which also bounds one streamed frame.</summary>
    public int MaxBodyBytes => maxBodyBytes;

    public override async ValueTask<XpmResponse> SendAsync(XpmCall call, CancellationToken cancellationToken)
    {
        // A message is sent once only, so every attempt builds its own.
        using var message = BuildMessage(call);
        var deadline = RentDeadline();
        var callerCancels = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), deadline)
            : default;
        try
        {
            // When a resilience handler inside the HttpClient retries, its own attempt timeout bounds each header wait
            // and this stage must not cut its retries short; the body is still read under this stage's timeout.
            if (!headersTimedByHandler)
            {
                deadline.CancelAfter(attemptTimeout);
            }

            HttpResponseMessage response;
            try
            {
                response = await httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && (deadline.IsCancellationRequested || XpmRetryRule.Classify(ex, callerCancelled: false) != XpmFailureKind.Other))
            {
                throw ConnectionFailure(call, ex, headersArrived: false, timedOut: deadline.IsCancellationRequested);
            }

            deadline.CancelAfter(attemptTimeout);
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    var error = await XpmBoundedBody.ReadAsync(response, XpmBoundedBody.MaxErrorBodyBytes, deadline.Token).ConfigureAwait(false);
                    return new XpmResponse(response) { Body = error.Bytes, BodyLength = error.Length, BodyCutShort = error.CutShort };
                }

                if (call.Streamed)
                {
                    var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                    return new XpmResponse(response) { Stream = stream };
                }

                var body = await XpmBoundedBody.ReadAsync(response, maxBodyBytes, deadline.Token, failWhenLarger: true).ConfigureAwait(false);
                return new XpmResponse(response) { Body = body.Bytes, BodyLength = body.Length, BodyCutShort = body.CutShort };
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException or HttpRequestException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                throw ConnectionFailure(call, ex, headersArrived: true, timedOut: true);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }
        finally
        {
            // The caller's registration goes first (it waits for a cancel in progress), so a deadline that is kept
            // can no longer be cancelled by this call's caller.
            callerCancels.Dispose();
            ReturnDeadline(deadline);
        }
    }

    // A deadline source that did not fire is reset and kept for the next attempt (one spare per stage): sequential
    // calls then take no new source and no new timer. A source that fired, or that cannot be reset, is disposed.
    private CancellationTokenSource RentDeadline() => Interlocked.Exchange(ref _spareDeadline, null) ?? new CancellationTokenSource();

    private void ReturnDeadline(CancellationTokenSource deadline)
    {
        if (!deadline.TryReset() || Interlocked.CompareExchange(ref _spareDeadline, deadline, null) is not null)
        {
            deadline.Dispose();
        }
    }

    /// <summary>Builds the typed failure for an attempt that got no (complete) response.</summary>
    public XpmConnectionException ConnectionFailure(XpmCall call, Exception exception, bool headersArrived, bool timedOut = false)
    {
        var kind = XpmRetryRule.Classify(exception, callerCancelled: false);
        timedOut |= kind == XpmFailureKind.TimedOut || exception is XpmBodyStalledException;
        var sent = headersArrived || kind != XpmFailureKind.NotSent;
        var seconds = attemptTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var reason = timedOut
            ? headersArrived
                ? $"the response headers arrived but the body stalled and did not complete within the attempt timeout ({seconds} s)"
                : $"no response arrived within the attempt timeout ({seconds} s or the HttpClient's or resilience handler's timeout)"
            : XpmBodyText.Redact(exception.Message, call.AccessToken);
        var advice = !sent
            ? "The connection could not be opened, so nothing was sent."
            : call.Endpoint.IsIdempotent
                ? "A read is safe to send again, so it is retried within XpmRetryOptions."
                : "The request had been sent and XPM may have processed it; it was not sent again because XPM has no idempotency key. Check XPM before repeating it.";
        return new XpmConnectionException(
            $"{call.Describe()} failed without a complete response: {reason.TrimEnd('.')}. {advice}",
            call.Context(),
            sent,
            exception,
            timedOut);
    }

    private static HttpRequestMessage BuildMessage(XpmCall call)
    {
        var message = new HttpRequestMessage(call.Method, call.RequestUri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.AccessToken);
        if (call.TenantId is not null)
        {
            message.Headers.TryAddWithoutValidation(TenantIdHeader, call.TenantId);
        }

        // The same header lines as typed values would write ("Accept: application/xml, text/xml"), added as text:
        // typed values cost a header value collection and its parse state on every message. Headers.Accept and
        // Headers.UserAgent still read them as typed values.
        message.Headers.TryAddWithoutValidation("Accept", AcceptValue);
        message.Headers.TryAddWithoutValidation("User-Agent", UserAgentValue);

        // Read by the resilience handler's rule and the re-send guard inside the HttpClient pipeline. The rule takes
        // the method's word when the flag is absent (a GET may be sent again), so the flag is set only where the endpoint
        // says otherwise; a GET then carries no options at all.
        if (call.Endpoint.IsIdempotent != (call.Method == HttpMethod.Get))
        {
            message.Options.Set(XpmResilienceExtensions.IdempotentKey, call.Endpoint.IsIdempotent);
        }

        if (!call.Endpoint.IsIdempotent)
        {
            message.Options.Set(XpmWriteOnceHandler.AttemptKey, new XpmWriteOnceHandler.Attempt());
        }

        if (call.Body is { } body)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
            message.Content = content;
        }

        return message;
    }

    private static string GetVersion()
    {
        var version = typeof(XpmClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(XpmClient).Assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? version[..plus] : version;
    }
}
