using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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

namespace XpmGen.Cli.Sandbox;

/// <summary>
/// A fake Xero Practice Manager that runs inside the process on a free loopback port and serves the
/// <see cref="DemoPractice"/> through the read endpoints, in XPM's XML envelope. Like the Xero gateway it
/// refuses calls without the right bearer token (HTTP 401) or tenant (HTTP 403).
/// </summary>
/// <remarks>Start it with <see cref="StartAsync"/> and dispose it (<c>await using</c>) to stop it.</remarks>
internal sealed class SandboxServer : IAsyncDisposable
{
    /// <summary>The only access token the sandbox accepts. It is not a secret: the sandbox serves fictional data on loopback.</summary>
    public const string AccessToken = "xpm-sandbox-access-token";

    /// <summary>The only tenant id the sandbox accepts in the <c>xero-tenant-id</c> header.</summary>
    public const string TenantId = "6e3f9a52-0b7d-4c1e-9f4a-2d8b5c7e1a30";

    /// <summary>The path of the API under the server's root, as on <c>api.xero.com</c>.</summary>
    public const string ApiPath = "/practicemanager/3.1";

    private const string CorrelationIdHeader = "xero-correlation-id";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private static readonly byte[] AccessTokenBytes = Encoding.ASCII.GetBytes(AccessToken);

    private readonly WebApplication _app;
    private int _disposed;

    private SandboxServer(WebApplication app, Uri baseAddress, DemoPractice practice)
    {
        _app = app;
        BaseAddress = baseAddress;
        Practice = practice;
    }

    /// <summary>The API base address, for example <c>http://127.0.0.1:50123/practicemanager/3.1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The data the sandbox serves.</summary>
    public DemoPractice Practice { get; }

    /// <summary>Starts a sandbox on <c>127.0.0.1</c> with a port the operating system picks.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running sandbox.</returns>
    public static async Task<SandboxServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            // Not the current directory: an appsettings.json there must not configure the sandbox.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        // The command that owns the sandbox handles Ctrl+C; the host must not hook the console itself.
        builder.Services.AddSingleton<IHostLifetime, OwnedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // An explicit endpoint overrides ASPNETCORE_URLS and friends: the sandbox only ever listens on loopback.
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        var practice = new DemoPractice();
        app.Use(CheckCredentialsAsync);
        SandboxApi.Map(app.MapGroup(ApiPath), practice);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            var baseAddress = new Uri(address.TrimEnd('/') + ApiPath + "/", UriKind.Absolute);
            return new SandboxServer(app, baseAddress, practice);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the server and releases its port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // A fresh token: the command's own token may already be cancelled (Ctrl+C), and stopping must still finish.
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Checks the two headers the Xero gateway checks before XPM sees a request.</summary>
    private static Task CheckCredentialsAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers[CorrelationIdHeader] = Guid.NewGuid().ToString();
        if (!HasSandboxToken(context.Request))
        {
            return WriteGatewayProblemAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized", "AuthenticationUnsuccessful");
        }

        var tenant = context.Request.Headers["xero-tenant-id"].ToString().Trim();
        if (!string.Equals(tenant, TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return WriteGatewayProblemAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "AuthorizationUnsuccessful");
        }

        return next(context);
    }

    private static bool HasSandboxToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = Encoding.ASCII.GetBytes(authorization[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(token, AccessTokenBytes);
    }

    /// <summary>Answers as the Xero gateway does: a JSON problem document, not an XPM envelope.</summary>
    private static Task WriteGatewayProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = $$$"""{"Type":null,"Title":"{{{title}}}","Status":{{{status}}},"Detail":"{{{detail}}}","Instance":"{{{Guid.NewGuid()}}}","Extensions":{}}""";
        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>A host lifetime that leaves the console alone: the sandbox lives exactly as long as the command that started it.</summary>
    private sealed class OwnedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
