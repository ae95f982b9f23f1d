using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace XpmGen.Testing;

/// <summary>
/// A stub XPM 3.1 server for unit-level tests of code built on XpmGen: WireMock.Net in process on a free loopback port,
/// with a typed stub for every operation of the schema (<c>fake.Clients.List.Returns(clients)</c>), faults on demand
/// (ERROR envelopes, 401, 403, 429, 503, delays, dropped connections) and a typed journal of what was sent
/// (<c>fake.Jobs.Add.Requests</c>).
/// </summary>
/// <remarks>
/// The fake keeps no state: each operation answers what its stub was told. For flows that need state (add a job, then
/// list it) or OAuth, use <c>XpmGen.Sandbox.XpmSandbox</c>. An operation that was not stubbed answers HTTP 404 with an
/// ERROR envelope naming the stub to set, so the client's exception message says what is missing.
/// </remarks>
/// <example>
/// <code>
/// await using var fake = await XpmFake.StartAsync();
/// fake.Clients.List.Returns([new Client { Uuid = "c1", Name = "Acme" }]);
/// var xpm = fake.CreateClient();
/// var clients = await xpm.Clients.ListAsync();
/// </code>
/// </example>
public sealed partial class XpmFake : IAsyncDisposable
{
    /// <summary>The path of XPM 3.1 under the server root, as on <c>api.xero.com</c>.</summary>
    public const string ApiPath = "/practicemanager/3.1/";

    /// <summary>The access token <see cref="CreateClient"/> sends. Not a secret: the fake accepts any token.</summary>
    public const string AccessToken = "xpmfake_access_token";

    // WireMock: a lower number wins. Operations by their count of placeholders (a literal segment beats a
    // placeholder, as XPM routes), and the answer for a path that is no operation after all of them.
    private const int OperationPriority = 10;
    private const int UnknownPathPriority = 1000;

    private readonly WireMockServer _server;
    private readonly List<XpmStub> _stubs = [];
    private readonly XpmGen.Sandbox.LoopbackClients _loopbackClients = new();
    private int _disposed;

    private XpmFake(int port)
    {
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            // Loopback only: a test fake must not listen on the network.
            Urls = [$"http://127.0.0.1:{port}"],
            StartAdminInterface = false,
            // Quiet test output; the fake keeps its own typed journal, so WireMock's request log only needs a bound.
            Logger = new WireMock.Logging.WireMockNullLogger(),
            MaxRequestLogCount = 100,
            // Runs before WireMock's own middleware: journals every request of an operation, and drops the connection
            // when a ResetConnection is due, which no WireMock response can do.
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(InterceptAsync),
        });
        var root = new Uri(_server.Url!.TrimEnd('/') + "/");
        BaseAddress = new Uri(root, ApiPath.TrimStart('/'));
        TenantId = Guid.NewGuid().ToString("D");
        _server
            .Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .AtPriority(UnknownPathPriority)
            .RespondWith(Response.Create().WithCallback(request => ToMessage(XpmWire.UnknownPath(request.Method, request.Path))));
        CreateStubs();
    }

    /// <summary>The API base address, such as <c>http://127.0.0.1:50123/practicemanager/3.1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The tenant id <see cref="CreateClient"/> sends as <c>xero-tenant-id</c>; new for each fake.</summary>
    public string TenantId { get; }

    /// <summary>Every stub of the fake, one per operation of the schema (<see cref="XpmEndpoints.All"/>), grouped by resource.</summary>
    public IReadOnlyList<XpmStub> Stubs
    {
        get
        {
            lock (_stubs)
            {
                return _stubs.ToArray();
            }
        }
    }

    /// <summary>Starts a fake on a free loopback port, with every operation unstubbed.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fake; dispose it to stop the server.</returns>
    public static async Task<XpmFake> StartAsync(CancellationToken cancellationToken = default)
    {
        // WireMock.Net binds the port it is given; a port found free can be taken before it binds, so try a few.
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var port = FreeLoopbackPort();
            try
            {
                // WireMockServer.Start blocks until Kestrel listens: keep it off the caller's thread.
                return await Task.Run(() => new XpmFake(port), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (attempt < 3 && ex is not OperationCanceledException)
            {
            }
        }
    }

    /// <summary>
    /// Creates an <see cref="XpmClient"/> wired to this fake: its base address and tenant, a static token, a rate
    /// limiter of its own (so tests do not share the process-wide one) and no proxy. The fake disposes what it creates.
    /// </summary>
    /// <param name="configure">Changes the options before the client is created, such as <see cref="XpmClientOptions.Retry"/>.</param>
    /// <returns>A client whose calls reach this fake.</returns>
    public XpmClient CreateClient(Action<XpmClientOptions>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _loopbackClients.Create(BaseAddress, TenantId, AccessToken, new XpmRateLimitOptions(), configure);
    }

    /// <summary>Forgets every stub's answer, faults, delay and journal, as just started.</summary>
    public void Reset()
    {
        foreach (var stub in Stubs)
        {
            stub.Reset();
        }
    }

    /// <summary>Stops the server, releases its port and disposes the clients' HTTP handlers.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _server.Stop();
        _server.Dispose();
        _loopbackClients.Dispose();

        return ValueTask.CompletedTask;
    }

    /// <summary>Creates one stub per operation; the generated part of this class implements it.</summary>
    partial void CreateStubs();

    /// <summary>Adds a stub to the catalogue and gives it its WireMock mapping; called by the stub's constructor.</summary>
    internal void Register(XpmStub stub)
    {
        lock (_stubs)
        {
            _stubs.Add(stub);
        }

        var path = "^" + Regex.Escape(ApiPath) + stub.PathPattern.ToString()[1..];
        _server
            .Given(Request.Create().WithPath(new RegexMatcher(path, ignoreCase: true)).UsingMethod(stub.Endpoint.Method.Method))
            .AtPriority(OperationPriority + stub.Placeholders)
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                var (answer, delay) = stub.Next();
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay).ConfigureAwait(false);
                }

                return ToMessage(answer);
            }));
    }

    private static IResponseMessage ToMessage(XpmWireAnswer answer)
    {
        var body = answer.Body();
        var message = new ResponseMessage
        {
            StatusCode = answer.StatusCode,
            BodyData = body.Length == 0 ? null : new BodyData { DetectedBodyType = BodyType.Bytes, BodyAsBytes = body },
        };
        if (body.Length > 0)
        {
            message.AddHeader("Content-Type", answer.ContentType);
        }

        message.AddHeader("xero-correlation-id", Guid.NewGuid().ToString("D"));
        foreach (var header in answer.Headers)
        {
            message.AddHeader(header.Key, header.Value);
        }

        return message;
    }

    /// <summary>The stub of the operation a request is for (a literal segment beats a placeholder), or null.</summary>
    private XpmStub? Resolve(string method, string? path)
    {
        if (path is null || !path.StartsWith(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var relative = path[ApiPath.Length..];
        return Stubs
            .Where(stub => string.Equals(stub.Endpoint.Method.Method, method, StringComparison.OrdinalIgnoreCase) && stub.PathPattern.IsMatch(relative))
            .OrderBy(static stub => stub.Placeholders)
            .FirstOrDefault();
    }

    private async Task InterceptAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var stub = Resolve(request.Method, request.Path.Value);
        if (stub is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        // Buffered, so WireMock reads the same body after the journal has.
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(static h => h.Key, static h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        stub.Record(new XpmRecordedRequest(
            request.Method,
            request.Path.Value![ApiPath.Length..],
            request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
            headers,
            body,
            DateTimeOffset.UtcNow));

        if (stub.TakeReset())
        {
            // No status line, no body: the client sees the connection end, as when a load balancer drops it.
            context.Abort();
            return;
        }

        await next().ConfigureAwait(false);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
