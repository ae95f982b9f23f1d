using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WireMock.Logging;
using WireMock.Settings;
using Xunit;
using WireMockNet = WireMock.Server.WireMockServer;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>
/// WireMock.Net in the test process, on a free loopback port, serving the stubs in <c>contracts/</c> (WireMock.org's
/// mappings/ and __files/ layout, translated by <see cref="WireMockOrgMapping"/>). One instance is shared by every test
/// of the "WireMock" collection.
/// </summary>
public sealed class WireMockServer : IAsyncLifetime, IDisposable
{
    /// <summary>The version of the NuGet package <c>WireMock.Net.Minimal</c> the tests are written against.</summary>
    public const string ExpectedWireMockVersion = "2.21.0";

    /// <summary>The path prefix every stub is served under; the same layout as the real API.</summary>
    public const string ApiBasePath = "/practicemanager/3.1/";

    private const int MaxStartAttempts = 3;

    private readonly object _mappingsLock = new();
    private readonly HashSet<Guid> _runtimeMappings = new();
    private WireMockNet? _server;
    private int _sequence;
    private int _disposed;

    /// <summary>The root of the server, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServerAddress { get; private set; } = null!;

    /// <summary>The API base address to give the client, <c>http://127.0.0.1:PORT/practicemanager/3.1/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The folder holding the stubs: mappings/ and __files/.</summary>
    public string ContractsDirectory { get; private set; } = null!;

    /// <summary>How many mappings of <c>contracts/mappings</c> were registered at start.</summary>
    public int FileMappingCount { get; private set; }

    private WireMockNet Server => _server ?? throw new InvalidOperationException("The WireMock fixture is not started.");

    /// <inheritdoc />
    public Task InitializeAsync()
    {
        ContractsDirectory = FindContractsDirectory();

        // The port is chosen here, not by the server, so that it listens on loopback only; another process may take the
        // port between the probe and the bind, hence a few attempts.
        var failures = new List<string>();
        for (var attempt = 1; attempt <= MaxStartAttempts && _server is null; attempt++)
        {
            var port = GetFreeLoopbackPort();
            try
            {
                _server = WireMockNet.Start(new WireMockServerSettings
                {
                    Urls = [$"http://127.0.0.1:{port}"],
                    StartAdminInterface = false,
                    ReadStaticMappings = false,
                    Logger = new WireMockNullLogger(),
                    PreWireMockMiddlewareInit = ConnectionFaults.Install,
                });
                Port = port;
            }
            catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException or WireMock.Exceptions.WireMockException)
            {
                failures.Add($"Attempt {attempt} on port {port}: {ex.Message}");
            }
        }

        if (_server is null)
        {
            throw new InvalidOperationException($"WireMock.Net did not start after {MaxStartAttempts} attempts:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        }

        ServerAddress = new Uri($"http://127.0.0.1:{Port}/");
        BaseAddress = new Uri(ServerAddress, ApiBasePath);
        try
        {
            LoadFileMappings();
        }
        catch
        {
            Dispose();
            throw;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Interlocked.Exchange(ref _server, null)?.Stop();
    }

    /// <summary>Empties the request journal.</summary>
    public Task ResetJournalAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Server.ResetLogEntries();
        return Task.CompletedTask;
    }

    /// <summary>Every request in the journal, oldest first.</summary>
    public Task<IReadOnlyList<RecordedRequest>> GetRequestsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<RecordedRequest> requests = Server.LogEntries
            .Select(RecordedRequest.FromLogEntry)
            .OrderBy(r => r.LoggedAt) // stable: same-tick entries keep the journal's arrival order
            .ToList();
        return Task.FromResult(requests);
    }

    /// <summary>The journal's requests with the given method and path (absolute, or relative to <see cref="BaseAddress"/>).</summary>
    /// <param name="method">The HTTP method, for example <c>GET</c>.</param>
    /// <param name="urlPath">An absolute path such as <c>/practicemanager/3.1/client.api/list</c> or a relative one such as <c>client.api/list</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<RecordedRequest>> FindRequestsAsync(string method, string urlPath, CancellationToken cancellationToken = default)
    {
        var path = urlPath.StartsWith('/') ? urlPath : ApiBasePath + urlPath;
        var all = await GetRequestsAsync(cancellationToken).ConfigureAwait(false);
        return all.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.AbsolutePath == path).ToList();
    }

    /// <summary>
    /// The one journal request with the given method and path; fails, listing the journal, when there is not exactly one.
    /// </summary>
    public async Task<RecordedRequest> SingleRequestAsync(string method, string urlPath, CancellationToken cancellationToken = default)
    {
        var found = await FindRequestsAsync(method, urlPath, cancellationToken).ConfigureAwait(false);
        if (found.Count != 1)
        {
            var all = await GetRequestsAsync(cancellationToken).ConfigureAwait(false);
            Assert.Fail(
                $"Expected exactly one {method} {urlPath} in WireMock's journal but found {found.Count}. Journal:{Environment.NewLine}" +
                string.Join(Environment.NewLine, all.Select(r => $"  {r.Method} {r.Url} (matched a stub: {r.WasMatched})")));
        }

        return found[0];
    }

    /// <summary>Adds a stub at run time (not persisted); disposing the result removes it.</summary>
    /// <param name="mappingJson">A stub mapping in WireMock.org's JSON format.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<IAsyncDisposable> AddMappingAsync(string mappingJson, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var document = JsonDocument.Parse(mappingJson);
        var id = Guid.NewGuid();
        WireMockOrgMapping.Register(Server, document.RootElement, "run-time mapping", id, Interlocked.Increment(ref _sequence), FilesDirectory);
        lock (_mappingsLock)
        {
            _runtimeMappings.Add(id);
        }

        return Task.FromResult<IAsyncDisposable>(new RuntimeMapping(this, id.ToString()));
    }

    /// <summary>Removes a stub added at run time by id.</summary>
    public Task RemoveMappingAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var guid = Guid.Parse(id);
        lock (_mappingsLock)
        {
            if (!_runtimeMappings.Remove(guid))
            {
                throw new InvalidOperationException($"No run-time mapping {id} to remove.");
            }
        }

        Server.DeleteMapping(guid);
        return Task.CompletedTask;
    }

    private string FilesDirectory => Path.Combine(ContractsDirectory, "__files");

    private void LoadFileMappings()
    {
        var directory = Path.Combine(ContractsDirectory, "mappings");

        // A fixed order, so that which of two equally ranked stubs wins (the later) does not depend on the file system.
        foreach (var file in Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            foreach (var mapping in WireMockOrgMapping.ReadFile(file))
            {
                WireMockOrgMapping.Register(Server, mapping, Path.GetFileName(file), Guid.NewGuid(), Interlocked.Increment(ref _sequence), FilesDirectory);
                FileMappingCount++;
            }
        }

        if (FileMappingCount == 0)
        {
            throw new InvalidOperationException($"No stub in '{directory}'.");
        }
    }

    private static int GetFreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>contracts/ next to the test assembly (copied by the build), else in the project folder recorded at build time.</summary>
    private static string FindContractsDirectory()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "contracts");
        if (Directory.Exists(Path.Combine(copied, "mappings")))
        {
            return copied;
        }

        var project = typeof(WireMockServer).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "XpmGen.Contract.Tests.ProjectDirectory")?.Value;
        var candidate = project is null ? null : Path.Combine(project, "contracts");
        if (candidate is not null && Directory.Exists(Path.Combine(candidate, "mappings")))
        {
            return candidate;
        }

        throw new InvalidOperationException($"No contracts/mappings folder next to the test assembly ('{copied}') nor in the project folder.");
    }

    private sealed class RuntimeMapping(WireMockServer server, string id) : IAsyncDisposable
    {
        private int _removed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _removed, 1) == 0 && Volatile.Read(ref server._disposed) == 0)
            {
                await server.RemoveMappingAsync(id).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>The collection every contract test belongs to; its tests share one <see cref="WireMockServer"/> and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class WireMockCollection : ICollectionFixture<WireMockServer>
{
    /// <summary>The collection name.</summary>
    public const string Name = "WireMock";
}
