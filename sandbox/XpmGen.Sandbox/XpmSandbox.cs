using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XpmGen.Auth;

namespace XpmGen.Sandbox;

/// <summary>
/// A stateful fake of Xero Practice Manager API 3.1 and of Xero's identity service, on loopback: every operation of the
/// schema at XPM's paths in XPM's XML, over an in-memory practice (the demo practice, an empty one, or one kept in a
/// data folder), with Xero's 401/403 gateway answers, limit headers, optional 429s and injected faults.
/// </summary>
/// <example>
/// <code>
/// await using var sandbox = await XpmSandbox.StartAsync();
/// var xpm = sandbox.CreateClient();
/// var clients = await xpm.Clients.ListAsync();
/// </code>
/// </example>
public sealed class XpmSandbox : IAsyncDisposable
{
    /// <summary>The identity fake's path under the server root.</summary>
    public const string IdentityPath = "/identity";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly SandboxGateway _gateway;
    private readonly LoopbackClients _clients = new();
    private int _disposed;

    private XpmSandbox(WebApplication app, Uri root, SandboxPractice practice, SandboxGateway gateway, string accessToken, XpmSandboxOptions options)
    {
        _app = app;
        _gateway = gateway;
        Practice = practice;
        Options = options;
        BaseAddress = new Uri(root, SandboxGateway.ApiPath.TrimStart('/') + "/");
        IdentityAddress = new Uri(root, IdentityPath.TrimStart('/') + "/");
        AccessToken = accessToken;
    }

    /// <summary>The API base address, such as <c>http://127.0.0.1:50123/practicemanager/3.1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The identity fake's base address, such as <c>http://127.0.0.1:50123/identity/</c>: <c>connect/authorize</c>,
    /// <c>connect/token</c> and <c>connections</c> are under it (see <see cref="XpmOAuthOptions.UseIdentityServer"/>).
    /// </summary>
    public Uri IdentityAddress { get; }

    /// <summary>The practice's tenant id, sent as <c>xero-tenant-id</c>.</summary>
    public string TenantId => Practice.TenantId;

    /// <summary>An access token for the practice that stays valid while the sandbox runs. Not a secret: it opens fictional data on loopback.</summary>
    public string AccessToken { get; }

    /// <summary>The practice's state, for tests inside XpmGen.</summary>
    internal SandboxPractice Practice { get; }

    internal XpmSandboxOptions Options { get; }

    /// <summary>The operations that have answered OK at least once since start.</summary>
    internal IReadOnlyCollection<XpmEndpoint> OperationsServed => _gateway.Served;

    /// <summary>How many calls were refused with HTTP 429 since start.</summary>
    internal int ThrottledCalls => _gateway.Throttled;

    /// <summary>Starts a sandbox on <c>127.0.0.1</c>.</summary>
    /// <param name="options">Port, data, limits and faults; null for the demo practice on a free port.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    /// <exception cref="XpmSandboxDataException">A file of <see cref="XpmSandboxOptions.DataDirectory"/> cannot be read; the message names it.</exception>
    public static async Task<XpmSandbox> StartAsync(XpmSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new XpmSandboxOptions();
        if (options.Validate() is { } problem)
        {
            throw new ArgumentException("Invalid sandbox options: " + problem, nameof(options));
        }

        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var practice = CreatePractice(options, loggerFactory.CreateLogger("XpmGen.Sandbox"));
        var tokens = new SandboxTokens(options.TimeProvider, options.AccessTokenLifetime);
        var accessToken = tokens.IssueStanding([practice.TenantId]);
        var gateway = new SandboxGateway(SandboxApiSet.Routes, [practice], tokens, new SandboxRateLimits(options.Limits, options.TimeProvider), options);
        var identity = new SandboxIdentity(tokens, [practice], options.TimeProvider.GetUtcNow().UtcDateTime);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            // Not the current directory: an appsettings.json there must not configure the sandbox.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // Whoever owns the sandbox handles Ctrl+C; the host must not hook the console itself.
        builder.Services.AddSingleton<IHostLifetime, OwnedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodySize;
            // An explicit endpoint overrides ASPNETCORE_URLS and friends: the sandbox only ever listens on loopback.
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });

        var app = builder.Build();
        app.MapGet(IdentityPath + "/connect/authorize", identity.AuthorizeAsync);
        app.MapPost(IdentityPath + "/connect/token", identity.TokenAsync);
        app.MapPost(IdentityPath + "/connect/revocation", identity.RevokeAsync);
        app.MapGet(IdentityPath + "/connections", identity.ConnectionsAsync);
        // One catch-all: the gateway checks credentials before it looks for a route, as Xero's does.
        app.Map(SandboxGateway.ApiPath + "/{**path}", (RequestDelegate)(context =>
        {
            context.Request.Path = "/" + (context.Request.RouteValues["path"] as string ?? string.Empty);
            return gateway.HandleAsync(context);
        }));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new XpmSandbox(app, new Uri(address.TrimEnd('/') + "/"), practice, gateway, accessToken, options);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates a client wired to the sandbox: its base address, tenant and access token, and a rate limiter of its own
    /// with the sandbox's limits (so clients of different sandboxes in one process do not share a quota).
    /// </summary>
    /// <param name="configure">Changes further options, such as retries or another token provider.</param>
    /// <returns>A client; the sandbox disposes its HTTP connection and limiter when it stops.</returns>
    public XpmClient CreateClient(Action<XpmClientOptions>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var limits = Options.Limits;
        return _clients.Create(BaseAddress, TenantId, AccessToken, new XpmRateLimitOptions
        {
            ConcurrentRequestsPerTenant = limits.Concurrent,
            RequestsPerWindowPerTenant = limits.PerWindow,
            RequestsPerWindowPerApp = limits.AppPerWindow,
            Window = limits.Window,
        }, configure);
    }

    /// <summary>Stops the server and releases its port; the data folder, if any, already holds every write.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A fresh token: the owner's token may already be cancelled (Ctrl+C), and stopping must still finish.
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _clients.Dispose();
        }
    }

    private static SandboxPractice CreatePractice(XpmSandboxOptions options, ILogger logger)
    {
        var state = new SandboxState();
        SandboxDataFolder? folder = null;
        if (options.DataDirectory is { } directory)
        {
            folder = new SandboxDataFolder(directory);
            if (folder.HasData(state))
            {
                folder.Load(state);
                return new SandboxPractice(options.TenantId, options.PracticeName, state, folder, options.TimeProvider, logger);
            }
        }

        if (!options.Empty)
        {
            SandboxSeed.Load(state);
        }

        // A new data folder gets every table at once, so the next start finds the same practice.
        folder?.Write(state.Snapshot());
        return new SandboxPractice(options.TenantId, options.PracticeName, state, folder, options.TimeProvider, logger);
    }

    /// <summary>A host lifetime that leaves the console alone: the sandbox lives exactly as long as its owner keeps it.</summary>
    private sealed class OwnedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
