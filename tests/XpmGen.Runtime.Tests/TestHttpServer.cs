using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Runtime.Tests;

/// <summary>How the canned body is put on the wire.</summary>
public enum BodyMode
{
    /// <summary>With a correct <c>Content-Length</c>.</summary>
    ContentLength,

    /// <summary>No <c>Content-Length</c>; the body ends when the server closes the connection.</summary>
    CloseDelimited,

    /// <summary>Declares the full <c>Content-Length</c>, sends only <see cref="CannedResponse.CutAt"/> bytes, then closes.</summary>
    CutShort,

    /// <summary>Declares the full <c>Content-Length</c>, sends <see cref="CannedResponse.CutAt"/> bytes, then keeps the connection open and silent.</summary>
    Stall,

    /// <summary>Reads the request, then sends nothing at all and keeps the connection open: a stall before the headers.</summary>
    StallBeforeHeaders,

    /// <summary>Reads the request, sends the status line only, then closes the connection: the request may have been processed.</summary>
    Drop,
}

/// <summary>A request as the server received it, byte for byte.</summary>
public sealed class RecordedRequest
{
    public required string Method { get; init; }

    /// <summary>The request target, for example <c>/practicemanager/3.1/client.api/list?detailed=true</c>.</summary>
    public required string Target { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required byte[] Body { get; init; }

    public string Path => Target.Split('?', 2)[0];

    public string Query => Target.Contains('?') ? Target.Split('?', 2)[1] : string.Empty;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? Header(string name) => HeaderValues(name).SingleOrDefault();
}

/// <summary>What the server answers.</summary>
public sealed class CannedResponse
{
    public int Status { get; init; } = 200;

    public string Reason { get; init; } = "OK";

    public List<KeyValuePair<string, string>> Headers { get; init; } = new();

    public byte[] Body { get; init; } = Array.Empty<byte>();

    public BodyMode Mode { get; init; } = BodyMode.ContentLength;

    public int CutAt { get; init; }

    public static CannedResponse Xml(string body, int status = 200, params (string Name, string Value)[] headers) =>
        Text(body, "text/xml; charset=utf-8", status, headers);

    public static CannedResponse Text(string body, string contentType, int status = 200, params (string Name, string Value)[] headers)
    {
        var response = new CannedResponse
        {
            Status = status,
            Reason = ReasonOf(status),
            Body = Encoding.UTF8.GetBytes(body),
        };
        response.Headers.Add(new("Content-Type", contentType));
        response.Headers.Add(new("xero-correlation-id", "corr-" + status));
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(new(name, value));
        }

        return response;
    }

    private static string ReasonOf(int status) => Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Status";
}

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 and a port the OS picks, written on a raw <see cref="TcpListener"/> so
/// that tests control every byte: bodies cut short, connections closed early or left silent. Every response
/// closes its connection. It records what it received and stops when disposed.
/// </summary>
public sealed class TestHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<RecordedRequest, CannedResponse> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = new();
    private readonly Task _acceptLoop;

    private TestHttpServer(Func<RecordedRequest, CannedResponse> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>An XPM-like base address on this server.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/practicemanager/3.1/");

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public RecordedRequest SingleRequest => Assert.Single(_requests);

    public static TestHttpServer Start(Func<RecordedRequest, CannedResponse> respond) => new(respond);

    public static TestHttpServer Start(CannedResponse response) => new(_ => response);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
            await Task.WhenAll(_connections.ToArray()).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Shutting down: connections end however they end.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }

            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var request = await ReadRequestAsync(stream, _stop.Token).ConfigureAwait(false);
            if (request is null)
            {
                return;
            }

            _requests.Enqueue(request);
            await WriteResponseAsync(stream, _respond(request), _stop.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The client may abort (that is what several tests provoke); the server just moves on.
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (head.Count > MaxHeadBytes || await stream.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':');
            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        var lengthHeader = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)))
        {
            throw new NotSupportedException("The test server reads Content-Length bodies only.");
        }

        var body = new byte[lengthHeader is null ? 0 : int.Parse(lengthHeader, System.Globalization.CultureInfo.InvariantCulture)];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return new RecordedRequest { Method = requestLine[0], Target = requestLine[1], Headers = headers, Body = body };
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';

    private static async Task WriteResponseAsync(NetworkStream stream, CannedResponse response, CancellationToken cancellationToken)
    {
        if (response.Mode == BodyMode.StallBeforeHeaders)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }

        if (response.Mode == BodyMode.Drop)
        {
            // A status line first: a connection closed before any byte of the response would be retried by
            // SocketsHttpHandler itself for a GET, which would hide what the client does.
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\n"), cancellationToken).ConfigureAwait(false);
            return;
        }

        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(response.Reason).Append("\r\n");
        foreach (var header in response.Headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (response.Mode != BodyMode.CloseDelimited)
        {
            head.Append("Content-Length: ").Append(response.Body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).ConfigureAwait(false);

        var sent = response.Mode is BodyMode.CutShort or BodyMode.Stall ? response.Body.AsMemory(0, response.CutAt) : response.Body;
        await stream.WriteAsync(sent, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        if (response.Mode == BodyMode.Stall)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
    }
}
