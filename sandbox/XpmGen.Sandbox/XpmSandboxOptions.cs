using System;
using Microsoft.Extensions.Logging;

namespace XpmGen.Sandbox;

/// <summary>How an <see cref="XpmSandbox"/> starts: port, data, limits and injected faults.</summary>
public sealed class XpmSandboxOptions
{
    /// <summary>The tenant id of the sandbox practice when none is set: fixed, so that a data folder keeps its tenant across restarts.</summary>
    public const string DefaultTenantId = "6e3f9a52-0b7d-4c1e-9f4a-2d8b5c7e1a30";

    /// <summary>The loopback port to listen on; 0 (the default) lets the operating system pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>The tenant id the practice answers to in <c>xero-tenant-id</c>.</summary>
    public string TenantId { get; set; } = DefaultTenantId;

    /// <summary>The practice's name, as <c>connections</c> lists it.</summary>
    public string PracticeName { get; set; } = "Harbourside Accounting (XpmGen sandbox)";

    /// <summary>Start with no data at all instead of the demo practice (<c>--empty</c>).</summary>
    public bool Empty { get; set; }

    /// <summary>
    /// A folder that keeps the practice across restarts (<c>--data DIR</c>): one XML file per table, replaced atomically
    /// after each successful write. A folder without data starts from the demo practice (or empty, with <see cref="Empty"/>)
    /// and is written at once. A corrupt file stops start-up with an <see cref="XpmSandboxDataException"/> naming it.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>XPM's rate limits: recorded and reported in the limit headers always, enforced with 429s only when <see cref="XpmSandboxLimits.Enforce"/> is set (<c>--limits</c>).</summary>
    public XpmSandboxLimits Limits { get; set; } = new();

    /// <summary>Delay added before every API answer, to simulate a slow network or a busy XPM. Default: none.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The share of API calls answered with HTTP 503 before they reach the practice, from 0 (the default) to 1.</summary>
    public double ServiceUnavailableRate { get; set; }

    /// <summary>Seed of the random choice of which calls get a 503, for repeatable fault tests; null picks a random seed.</summary>
    public int? FaultSeed { get; set; }

    /// <summary>The largest request body accepted, in bytes; a larger one is refused with HTTP 413. Default: 1 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>How long an access token from the identity fake is valid (Xero: 30 minutes).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock of the practice, the limits and the tokens. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the sandbox logs its own failures; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Returns a message naming the first setting that is out of range, or null.</summary>
    internal string? Validate()
    {
        if (Port is < 0 or > 65535)
        {
            return $"{nameof(Port)} must be between 0 and 65535; it is {Port}.";
        }

        if (string.IsNullOrWhiteSpace(TenantId))
        {
            return $"{nameof(TenantId)} is required.";
        }

        if (ServiceUnavailableRate is < 0 or > 1 || double.IsNaN(ServiceUnavailableRate))
        {
            return $"{nameof(ServiceUnavailableRate)} must be between 0 and 1; it is {ServiceUnavailableRate}.";
        }

        if (Latency < TimeSpan.Zero)
        {
            return $"{nameof(Latency)} must not be negative.";
        }

        if (MaxRequestBodySize < 1024)
        {
            return $"{nameof(MaxRequestBodySize)} must be at least 1024 bytes; it is {MaxRequestBodySize}.";
        }

        if (AccessTokenLifetime <= TimeSpan.Zero)
        {
            return $"{nameof(AccessTokenLifetime)} must be positive.";
        }

        return Limits is null ? $"{nameof(Limits)} is required." : Limits.Validate();
    }
}

/// <summary>XPM's per-tenant and per-app limits, as the sandbox applies them.</summary>
public sealed class XpmSandboxLimits
{
    /// <summary>Refuse calls over a limit with HTTP 429, <c>Retry-After</c> and <c>X-Rate-Limit-Problem</c>, as Xero does. Default: off.</summary>
    public bool Enforce { get; set; }

    /// <summary>Calls per tenant per <see cref="Window"/> (XPM: 60 a minute).</summary>
    public int PerWindow { get; set; } = 60;

    /// <summary>Calls per app, across tenants, per <see cref="Window"/> (XPM: 10,000 a minute).</summary>
    public int AppPerWindow { get; set; } = 10_000;

    /// <summary>The length of the sliding window of <see cref="PerWindow"/> and <see cref="AppPerWindow"/> (XPM: one minute). Tests shorten it.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Calls per tenant in flight at once (XPM: 5).</summary>
    public int Concurrent { get; set; } = 5;

    /// <summary>Calls per tenant per rolling day (XPM: 5,000; the real figure depends on the app's plan).</summary>
    public int PerDay { get; set; } = 5_000;

    internal string? Validate()
    {
        if (PerWindow < 1 || AppPerWindow < 1 || Concurrent < 1 || PerDay < 1)
        {
            return "Every limit must be at least 1.";
        }

        return Window <= TimeSpan.Zero ? "Limits.Window must be positive." : null;
    }
}
