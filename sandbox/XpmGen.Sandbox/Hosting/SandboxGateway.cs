using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace XpmGen.Sandbox;

/// <summary>
/// The API side of the sandbox, in the order Xero's gateway and XPM meet a call: bearer token (401), tenant (403),
/// limits (429), injected faults (latency, 503), body size (413), then the route the schema binds to the practice.
/// Every answer carries <c>xero-correlation-id</c> and the three limit headers.
/// </summary>
internal sealed class SandboxGateway
{
    /// <summary>The API's path under the server root, as on <c>api.xero.com</c>.</summary>
    public const string ApiPath = "/practicemanager/3.1";

    private readonly IReadOnlyList<SandboxRoute> _routes;
    private readonly IReadOnlyDictionary<string, SandboxPractice> _practices;
    private readonly SandboxTokens _tokens;
    private readonly SandboxRateLimits _limits;
    private readonly XpmSandboxOptions _options;
    private readonly Random _faults;
    private readonly object _faultGate = new();
    private readonly HashSet<XpmEndpoint> _served = [];
    private int _throttled;

    public SandboxGateway(IReadOnlyList<SandboxRoute> routes, IEnumerable<SandboxPractice> practices, SandboxTokens tokens, SandboxRateLimits limits, XpmSandboxOptions options)
    {
        _routes = routes;
        _practices = practices.ToDictionary(static p => p.TenantId, StringComparer.OrdinalIgnoreCase);
        _tokens = tokens;
        _limits = limits;
        _options = options;
        _faults = options.FaultSeed is { } seed ? new Random(seed) : new Random();
    }

    /// <summary>The operations that have answered OK at least once.</summary>
    public IReadOnlyCollection<XpmEndpoint> Served
    {
        get
        {
            lock (_served)
            {
                return _served.ToArray();
            }
        }
    }

    /// <summary>How many calls were refused with HTTP 429.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    public async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["xero-correlation-id"] = Guid.NewGuid().ToString("D");

        var tenants = _tokens.Tenants(BearerToken(context.Request), out var problem);
        if (tenants is null)
        {
            AddLimitHeaders(response, _limits.Peek(null));
            response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Problem(context, 401, "Unauthorized", problem).ConfigureAwait(false);
            return;
        }

        var tenantId = context.Request.Headers["xero-tenant-id"].ToString().Trim();
        if (tenantId.Length == 0 || !tenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase) || !_practices.TryGetValue(tenantId, out var practice))
        {
            AddLimitHeaders(response, _limits.Peek(null));
            await Problem(context, 403, "Forbidden", "AuthenticationUnsuccessful").ConfigureAwait(false);
            return;
        }

        var admission = _limits.Admit(practice.TenantId);
        AddLimitHeaders(response, admission.Remaining);
        if (admission.Problem is not null)
        {
            Interlocked.Increment(ref _throttled);
            response.StatusCode = 429;
            response.Headers.RetryAfter = ((int)Math.Ceiling(admission.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            response.Headers["X-Rate-Limit-Problem"] = admission.Problem;
            return;
        }

        using (admission.Slot)
        {
            // The call stops being in flight when its answer starts: released once the body is complete, a client that
            // has read the whole answer could send its next call before the slot is free and be refused for nothing.
            response.OnStarting(static slot =>
            {
                ((IDisposable)slot).Dispose();
                return Task.CompletedTask;
            }, admission.Slot!);
            if (_options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(_options.Latency, _options.TimeProvider, context.RequestAborted).ConfigureAwait(false);
            }

            if (InjectServiceUnavailable())
            {
                await Problem(context, 503, "Service Unavailable", "The XpmGen sandbox injected this failure (ServiceUnavailableRate).").ConfigureAwait(false);
                return;
            }

            await DispatchAsync(context, practice).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(HttpContext context, SandboxPractice practice)
    {
        var path = (context.Request.Path.Value ?? string.Empty).Trim('/');
        var segments = path.Length == 0 ? [] : path.Split('/');
        var candidates = _routes
            .Select(route => (Route: route, Match: route.TryMatch(segments, out var values), Values: values))
            .Where(static c => c.Match)
            .ToList();
        if (candidates.Count == 0)
        {
            await Xml(context, 404, SandboxEnvelope.Error(null, $"No XPM 3.1 operation has the path '{path}'.")).ConfigureAwait(false);
            return;
        }

        var method = context.Request.Method;
        var chosen = candidates
            .Where(c => string.Equals(c.Route.Endpoint.Method.Method, method, StringComparison.OrdinalIgnoreCase))
            .OrderBy(static c => c.Route.PlaceholderCount)
            .FirstOrDefault();
        if (chosen.Route is null)
        {
            var allowed = string.Join(", ", candidates.Select(static c => c.Route.Endpoint.Method.Method).Distinct());
            context.Response.Headers.Allow = allowed;
            await Xml(context, 405, SandboxEnvelope.Error(null, $"'{path}' does not take {method}; it takes {allowed}.")).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        if (body is null)
        {
            await Xml(context, 413, SandboxEnvelope.Error(null, $"The request body is larger than the sandbox accepts ({_options.MaxRequestBodySize} bytes).")).ConfigureAwait(false);
            return;
        }

        var query = context.Request.Query.ToDictionary(static q => q.Key, static q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var envelope = practice.Execute(chosen.Route, chosen.Values, query, body.Value, out var ok);
        if (ok)
        {
            lock (_served)
            {
                _served.Add(chosen.Route.Endpoint);
            }
        }

        await Xml(context, 200, envelope).ConfigureAwait(false);
    }

    /// <summary>Reads the body up to the size limit; null when it is larger.</summary>
    private async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }

    private bool InjectServiceUnavailable()
    {
        if (_options.ServiceUnavailableRate <= 0)
        {
            return false;
        }

        lock (_faultGate)
        {
            return _faults.NextDouble() < _options.ServiceUnavailableRate;
        }
    }

    private static void AddLimitHeaders(HttpResponse response, SandboxRateLimits.Remaining remaining)
    {
        response.Headers["X-MinLimit-Remaining"] = remaining.Minute.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-DayLimit-Remaining"] = remaining.Day.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-AppMinLimit-Remaining"] = remaining.AppMinute.ToString(CultureInfo.InvariantCulture);
    }

    private static Task Xml(HttpContext context, int status, byte[] envelope)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = envelope.Length;
        return context.Response.Body.WriteAsync(envelope, context.RequestAborted).AsTask();
    }

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? BearerToken(HttpRequest request) =>
        AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            ? header.Parameter
            : null;

    /// <summary>Answers with Xero's gateway error body (<see cref="XeroProblem"/>).</summary>
    public static Task Problem(HttpContext context, int status, string title, string detail) =>
        SandboxIdentity.WriteJson(context, status, writer => XeroProblem.Write(writer, status, title, detail));
}
