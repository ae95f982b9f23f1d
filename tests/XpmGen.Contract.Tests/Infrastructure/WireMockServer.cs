using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>
/// The real WireMock standalone server (the jar of the npm package <c>wiremock</c>, pinned in this
/// folder's package-lock.json) run with the machine's Java on a free loopback port, serving the
/// stubs in <c>contracts/</c>. One instance is shared by every test of the "WireMock" collection.
/// </summary>
public sealed class WireMockServer : IAsyncLifetime, IDisposable
{
    /// <summary>The version of the npm package <c>wiremock</c> the tests are written against.</summary>
    public const string ExpectedWireMockVersion = "3.13.2";

    /// <summary>The path prefix every stub is served under; the same layout as the real API.</summary>
    public const string ApiBasePath = "/practicemanager/3.1/";

    /// <summary>Overrides the location of the WireMock standalone jar.</summary>
    public const string JarEnvironmentVariable = "XPMGEN_WIREMOCK_JAR";

    private const int MaxStartAttempts = 3;
    private const int MaxCapturedLines = 400;
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly object _outputLock = new();
    private readonly Queue<string> _output = new();
    private readonly HttpClient _admin = new() { Timeout = TimeSpan.FromSeconds(30) };
    private Process? _process;
    private int _disposed;

    /// <summary>The root of the server, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri ServerAddress { get; private set; } = null!;

    /// <summary>The API base address to give the client, <c>http://127.0.0.1:PORT/practicemanager/3.1/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The folder passed to WireMock as <c>--root-dir</c> (holds mappings/ and __files/).</summary>
    public string ContractsDirectory { get; private set; } = null!;

    /// <summary>What the Java process printed (the last lines), for failure messages.</summary>
    public string CapturedOutput
    {
        get
        {
            lock (_outputLock)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var java = FindJava();
        var jar = FindWireMockJar();
        ContractsDirectory = FindContractsDirectory();

        // Should the test host end without disposing the fixture, still leave no Java process behind.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        var failures = new StringBuilder();
        for (var attempt = 1; attempt <= MaxStartAttempts; attempt++)
        {
            var port = GetFreeLoopbackPort();
            var outcome = await TryStartAsync(java, jar, port).ConfigureAwait(false);
            if (outcome is null)
            {
                Port = port;
                ServerAddress = new Uri($"http://127.0.0.1:{port}/");
                BaseAddress = new Uri(ServerAddress, ApiBasePath);
                try
                {
                    await EnsureStubsLoadedAsync().ConfigureAwait(false);
                }
                catch
                {
                    StopProcess();
                    throw;
                }

                return;
            }

            failures.AppendLine($"Attempt {attempt} on port {port}: {outcome}");
            StopProcess();
        }

        throw new InvalidOperationException(
            $"WireMock {ExpectedWireMockVersion} did not start after {MaxStartAttempts} attempts.{Environment.NewLine}" +
            $"java: {java}{Environment.NewLine}jar: {jar}{Environment.NewLine}root dir: {ContractsDirectory}{Environment.NewLine}" +
            failures + "Output of the Java process:" + Environment.NewLine + CapturedOutput);
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

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        StopProcess();
        _admin.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => StopProcess();

    /// <summary>Empties WireMock's request journal (<c>DELETE /__admin/requests</c>).</summary>
    public async Task ResetJournalAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _admin.DeleteAsync(AdminUri("requests"), cancellationToken).ConfigureAwait(false);
        await EnsureAdminSuccessAsync(response, "DELETE /__admin/requests").ConfigureAwait(false);
    }

    /// <summary>Every request in WireMock's journal (<c>GET /__admin/requests</c>), oldest first.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> GetRequestsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _admin.GetAsync(AdminUri("requests"), cancellationToken).ConfigureAwait(false);
        await EnsureAdminSuccessAsync(response, "GET /__admin/requests").ConfigureAwait(false);
        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return RecordedRequest.ParseJournal(json);
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

    /// <summary>
    /// Adds a stub at run time (<c>POST /__admin/mappings</c>, not persisted); disposing the result removes it.
    /// </summary>
    /// <param name="mappingJson">A WireMock stub mapping in its JSON format.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IAsyncDisposable> AddMappingAsync(string mappingJson, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(mappingJson, Encoding.UTF8, "application/json");
        using var response = await _admin.PostAsync(AdminUri("mappings"), content, cancellationToken).ConfigureAwait(false);
        await EnsureAdminSuccessAsync(response, "POST /__admin/mappings").ConfigureAwait(false);
        var created = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(created);
        var id = document.RootElement.GetProperty("id").GetString()
            ?? throw new InvalidOperationException("WireMock returned a mapping without an id: " + created);
        return new RuntimeMapping(this, id);
    }

    /// <summary>Removes a stub by id (<c>DELETE /__admin/mappings/{id}</c>).</summary>
    public async Task RemoveMappingAsync(string id, CancellationToken cancellationToken = default)
    {
        using var response = await _admin.DeleteAsync(AdminUri("mappings/" + Uri.EscapeDataString(id)), cancellationToken).ConfigureAwait(false);
        await EnsureAdminSuccessAsync(response, $"DELETE /__admin/mappings/{id}").ConfigureAwait(false);
    }

    private Uri AdminUri(string relative) => new(ServerAddress, "__admin/" + relative);

    private async Task<string?> TryStartAsync(string java, string jar, int port)
    {
        lock (_outputLock)
        {
            _output.Clear();
        }

        var startInfo = new ProcessStartInfo(java)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            CreateNoWindow = true,
            WorkingDirectory = ContractsDirectory,
        };
        foreach (var argument in new[]
                 {
                     "-jar", jar,
                     "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind-address", "127.0.0.1",
                     "--root-dir", ContractsDirectory,
                     "--disable-banner",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Capture(e.Data, "out");
        process.ErrorDataReceived += (_, e) => Capture(e.Data, "err");
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            process.Dispose();
            throw new InvalidOperationException($"Could not start '{java}' to run WireMock: {ex.Message}", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{port}/__admin/health");
        var deadline = Stopwatch.StartNew();
        string lastError = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                return $"the Java process exited with code {process.ExitCode} before WireMock answered";
            }

            try
            {
                using var response = await probe.GetAsync(health).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return null;
                }

                lastError = $"GET /__admin/health answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                lastError = ex.Message;
            }
            catch (TaskCanceledException)
            {
                lastError = "GET /__admin/health timed out";
            }

            await Task.Delay(200).ConfigureAwait(false);
        }

        return $"WireMock did not answer GET /__admin/health within {StartupTimeout.TotalSeconds:0} s (last: {lastError})";
    }

    private async Task EnsureStubsLoadedAsync()
    {
        using var response = await _admin.GetAsync(AdminUri("mappings")).ConfigureAwait(false);
        await EnsureAdminSuccessAsync(response, "GET /__admin/mappings").ConfigureAwait(false);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
        var total = document.RootElement.GetProperty("meta").GetProperty("total").GetInt32();
        if (total == 0)
        {
            throw new InvalidOperationException(
                $"WireMock started but loaded no stub from '{Path.Combine(ContractsDirectory, "mappings")}'. Output:{Environment.NewLine}{CapturedOutput}");
        }
    }

    private async Task EnsureAdminSuccessAsync(HttpResponseMessage response, string call)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            throw new InvalidOperationException(
                $"WireMock admin call {call} answered {(int)response.StatusCode}: {body}{Environment.NewLine}Output:{Environment.NewLine}{CapturedOutput}");
        }
    }

    private void Capture(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Enqueue($"[{stream}] {line}");
            while (_output.Count > MaxCapturedLines)
            {
                _output.Dequeue();
            }
        }
    }

    private void StopProcess()
    {
        var process = Interlocked.Exchange(ref _process, null);
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
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

    /// <summary>Finds <c>java</c>: <c>$JAVA_HOME/bin/java</c> when set, otherwise the first on <c>PATH</c>.</summary>
    internal static string FindJava()
    {
        var executable = OperatingSystem.IsWindows() ? "java.exe" : "java";
        var javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
        if (!string.IsNullOrWhiteSpace(javaHome))
        {
            var candidate = Path.Combine(javaHome, "bin", executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory.Trim('"'), executable);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "The contract tests need 'java' (a Java 11+ runtime) to run the WireMock standalone server, but no 'java' was found " +
            "on PATH or under JAVA_HOME. Install one (Debian: 'apt-get install -y openjdk-17-jre-headless'; .ci/run does this) " +
            "or set JAVA_HOME.");
    }

    /// <summary>
    /// Finds the WireMock standalone jar bundled in the npm package: <c>node_modules/wiremock/build/wiremock-standalone-VERSION.jar</c>
    /// next to this project's package.json (or <see cref="JarEnvironmentVariable"/>).
    /// </summary>
    internal static string FindWireMockJar()
    {
        var overridden = Environment.GetEnvironmentVariable(JarEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return File.Exists(overridden)
                ? Path.GetFullPath(overridden)
                : throw new InvalidOperationException($"{JarEnvironmentVariable} is set to '{overridden}', which does not exist.");
        }

        var searched = new List<string>();
        foreach (var root in CandidateProjectDirectories())
        {
            var package = Path.Combine(root, "node_modules", "wiremock");
            searched.Add(package);
            if (!File.Exists(Path.Combine(package, "package.json")))
            {
                continue;
            }

            var version = ReadPackageVersion(Path.Combine(package, "package.json"));
            if (version != ExpectedWireMockVersion)
            {
                throw new InvalidOperationException(
                    $"'{package}' holds wiremock {version}, but the contract tests pin {ExpectedWireMockVersion}. " +
                    "Run 'npm ci --prefix tests/XpmGen.Contract.Tests'.");
            }

            var exact = Path.Combine(package, "build", $"wiremock-standalone-{version}.jar");
            if (File.Exists(exact))
            {
                return exact;
            }

            var build = Path.Combine(package, "build");
            var jars = Directory.Exists(build) ? Directory.GetFiles(build, "*.jar") : Array.Empty<string>();
            if (jars.Length == 1)
            {
                return jars[0];
            }

            throw new InvalidOperationException($"Found the npm package wiremock at '{package}' but not exactly one jar in '{build}'.");
        }

        throw new InvalidOperationException(
            $"The WireMock standalone jar (npm package wiremock@{ExpectedWireMockVersion}) is not installed. " +
            "Run 'npm ci --prefix tests/XpmGen.Contract.Tests' from the repository root (.ci/run does this), " +
            $"or set {JarEnvironmentVariable}. Searched: {string.Join(", ", searched)}");
    }

    private static string ReadPackageVersion(string packageJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
        return document.RootElement.TryGetProperty("version", out var version) ? version.GetString() ?? "?" : "?";
    }

    /// <summary>The project folder recorded at build time, then every ancestor of the output folder that has a package.json.</summary>
    private static IEnumerable<string> CandidateProjectDirectories()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recorded = typeof(WireMockServer).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "XpmGen.Contract.Tests.ProjectDirectory")?.Value;
        if (!string.IsNullOrEmpty(recorded) && Directory.Exists(recorded) && seen.Add(recorded))
        {
            yield return recorded;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")) && seen.Add(directory.FullName))
            {
                yield return directory.FullName;
            }

            var nested = Path.Combine(directory.FullName, "tests", "XpmGen.Contract.Tests");
            if (File.Exists(Path.Combine(nested, "package.json")) && seen.Add(nested))
            {
                yield return nested;
            }
        }
    }

    private static string FindContractsDirectory()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "contracts");
        if (Directory.Exists(Path.Combine(copied, "mappings")))
        {
            return copied;
        }

        foreach (var root in CandidateProjectDirectories())
        {
            var candidate = Path.Combine(root, "contracts");
            if (Directory.Exists(Path.Combine(candidate, "mappings")))
            {
                return candidate;
            }
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
