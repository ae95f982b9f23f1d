using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;

namespace XpmGen.Redis.Testing;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) as a child process on 127.0.0.1 and a free port, with no persistence:
/// started, pinged until it answers, stopped (and startable again on the same port, for outage tests). Used by the Redis
/// tests and the benchmarks' <c>scale</c> mode. A missing <c>redis-server</c> is a failure with a message, never a skip.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private Process? _process;

    private RedisServerProcess(int port)
    {
        Port = port;
    }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for it (reconnecting by itself, short timeouts).</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000,syncTimeout=2000,asyncTimeout=2000,connectRetry=1";

    /// <summary>
    /// Options for a connection to it as an app under outage should make one: commands fail at once while disconnected
    /// (instead of queueing until a timeout), and reconnection is tried every 200 ms.
    /// </summary>
    /// <returns>New options.</returns>
    public StackExchange.Redis.ConfigurationOptions Options()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(Configuration);
        options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new StackExchange.Redis.LinearRetry(200);
        return options;
    }

    /// <summary>A connection made with <see cref="Options"/>.</summary>
    /// <returns>The connection.</returns>
    public StackExchange.Redis.ConnectionMultiplexer Connect() => StackExchange.Redis.ConnectionMultiplexer.Connect(Options());

    /// <summary>Whether the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server on a free port.</summary>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is missing or did not answer.</exception>
    public static RedisServerProcess Start()
    {
        var server = new RedisServerProcess(FreePort());
        server.Restart();
        return server;
    }

    /// <summary>Finds <c>redis-server</c> on the PATH (or /usr/bin).</summary>
    /// <returns>Its path.</returns>
    /// <exception cref="InvalidOperationException">It is not installed.</exception>
    public static string FindExecutable()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in (path + ":/usr/bin:/usr/sbin:/usr/local/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            "redis-server is not installed: the XpmGen.Redis tests and the scale benchmark need a real Redis server. "
            + "Install Debian's package (apt-get install -y redis-server); .ci/run does this when it is missing.");
    }

    /// <summary>(Re)starts the server on <see cref="Port"/> and waits until it answers PING.</summary>
    public void Restart()
    {
        Stop();
        var info = new ProcessStartInfo(FindExecutable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no", "--protected-mode", "yes" })
        {
            info.ArgumentList.Add(arg);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited at once with code {_process.ExitCode} (port {Port}).");
            }

            if (Ping())
            {
                return;
            }

            Thread.Sleep(20);
        }

        Stop();
        throw new InvalidOperationException($"redis-server did not answer PING on 127.0.0.1:{Port} within 10 s.");
    }

    /// <summary>Kills the server (as an outage would) and waits for it to exit.</summary>
    public void Stop()
    {
        if (_process is { } process)
        {
            _process = null;
            try
            {
                if (!process.HasExited)
                {
                    process.Kill();
                    process.WaitForExit(5000);
                }
            }
            catch (InvalidOperationException)
            {
                // Exited already.
            }

            process.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    private bool Ping()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            stream.ReadTimeout = 1000;
            stream.Write("PING\r\n"u8);
            var buffer = new byte[16];
            var read = stream.Read(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
