using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace XpmGen.Cli.Auth;

/// <summary>The page the listener shows the browser once the redirect arrived.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">The page's heading.</param>
/// <param name="Message">One sentence under it.</param>
internal sealed record RedirectPage(int Status, string Title, string Message);

/// <summary>
/// The OAuth redirect target of <c>xpm login</c>: a minimal HTTP/1.1 server on a loopback address, over
/// <see cref="TcpListener"/> (no HttpListener prefixes, no ASP.NET, nothing that trimming or AOT could break). It answers
/// one GET at the redirect path with a small page and returns its query; other requests (a browser's favicon) get 404.
/// </summary>
internal sealed class LoopbackRedirectListener : IDisposable
{
    private const int MaxRequestHead = 16 * 1024;
    private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(10);

    private readonly List<TcpListener> _listeners;

    private LoopbackRedirectListener(List<TcpListener> listeners, Uri redirectUri)
    {
        _listeners = listeners;
        RedirectUri = redirectUri;
    }

    /// <summary>The redirect URI to send in the authorize request.</summary>
    public Uri RedirectUri { get; }

    /// <summary>
    /// Starts listening: on a free 127.0.0.1 port at <c>/callback</c>, or at <paramref name="registered"/>, which must be
    /// an http URI on a loopback host with a port (the one registered with the app).
    /// </summary>
    /// <exception cref="CliUsageException"><paramref name="registered"/> is not a loopback http URI with a port.</exception>
    /// <exception cref="SocketException">The port is in use.</exception>
    public static LoopbackRedirectListener Start(Uri? registered)
    {
        if (registered is null)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            return new LoopbackRedirectListener([listener], new Uri($"http://127.0.0.1:{port}/callback"));
        }

        if (registered.Scheme != Uri.UriSchemeHttp || registered.IsDefaultPort || !(registered.IsLoopback || registered.Host == "localhost"))
        {
            throw new CliUsageException(
                $"--redirect-uri must be an http URL on 127.0.0.1, [::1] or localhost with a port, such as http://127.0.0.1:5001/callback, since xpm listens there itself; it is '{registered}'.");
        }

        // "localhost" may resolve to either loopback address in the browser: listen on both (IPv6 when the machine has it).
        IPAddress[] addresses = registered.HostNameType == UriHostNameType.IPv6 ? [IPAddress.IPv6Loopback]
            : registered.Host == "localhost" ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
            : [IPAddress.Loopback];
        var listeners = new List<TcpListener>();
        try
        {
            foreach (var address in addresses)
            {
                var listener = new TcpListener(address, registered.Port);
                try
                {
                    listener.Start();
                    listeners.Add(listener);
                }
                catch (SocketException) when (address.Equals(IPAddress.IPv6Loopback) && addresses.Length > 1)
                {
                    // No IPv6 here; the IPv4 listener is enough.
                    listener.Dispose();
                }
            }
        }
        catch
        {
            listeners.ForEach(static l => l.Dispose());
            throw;
        }

        return new LoopbackRedirectListener(listeners, registered);
    }

    /// <summary>
    /// Waits for the browser's GET at the redirect path, answers it with the page <paramref name="answer"/> picks for its
    /// query, and returns the query (parameter names and values decoded; a repeated name keeps its first value).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitAsync(Func<IReadOnlyDictionary<string, string>, RedirectPage> answer, CancellationToken cancellationToken)
    {
        // Accepts still pending when the redirect has arrived are cancelled here, not left to fault on disposal.
        using var pending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var accepts = _listeners.ToDictionary(l => l.AcceptTcpClientAsync(pending.Token).AsTask(), l => l);
        try
        {
            while (true)
            {
                var done = await Task.WhenAny(accepts.Keys).ConfigureAwait(false);
                var listener = accepts[done];
                accepts.Remove(done);
                using var client = await done.ConfigureAwait(false);
                accepts.Add(listener.AcceptTcpClientAsync(pending.Token).AsTask(), listener);
                var query = await HandleAsync(client, answer, cancellationToken).ConfigureAwait(false);
                if (query is not null)
                {
                    return query;
                }
            }
        }
        finally
        {
            await pending.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(accepts.Keys).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listeners.ForEach(static l => l.Dispose());

    private async Task<IReadOnlyDictionary<string, string>?> HandleAsync(TcpClient client, Func<IReadOnlyDictionary<string, string>, RedirectPage> answer, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestReadTimeout);
        var stream = client.GetStream();
        string? target;
        try
        {
            target = await ReadRequestTargetAsync(stream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.IO.IOException && !cancellationToken.IsCancellationRequested)
        {
            // A connection that never sends a request (a browser's speculative one) is dropped, not fatal.
            return null;
        }

        if (target is null)
        {
            await WritePageAsync(stream, new RedirectPage(400, "Bad request", "xpm expected a GET request from the browser."), timeout.Token).ConfigureAwait(false);
            return null;
        }

        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        if (!string.Equals(path, RedirectUri.AbsolutePath, StringComparison.Ordinal))
        {
            await WritePageAsync(stream, new RedirectPage(404, "Not found", "This is xpm's login redirect; nothing else is served here."), timeout.Token).ConfigureAwait(false);
            return null;
        }

        var query = ParseQuery(queryStart < 0 ? string.Empty : target[(queryStart + 1)..]);
        await WritePageAsync(stream, answer(query), timeout.Token).ConfigureAwait(false);
        return query;
    }

    /// <summary>Reads the request head and returns the target of a GET, or <see langword="null"/> for anything else.</summary>
    private static async Task<string?> ReadRequestTargetAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHead];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var head = Encoding.ASCII.GetString(buffer, 0, length);
        var lineEnd = head.IndexOf("\r\n", StringComparison.Ordinal);
        var parts = (lineEnd < 0 ? head : head[..lineEnd]).Split(' ');
        return parts.Length == 3 && parts[0] == "GET" && parts[1].StartsWith('/') && parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal) ? parts[1] : null;
    }

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            values.TryAdd(name, value);
        }

        return values;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static async Task WritePageAsync(NetworkStream stream, RedirectPage page, CancellationToken cancellationToken)
    {
        var title = WebUtility.HtmlEncode(page.Title);
        var html = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>xpm: " + title + "</title></head>"
            + "<body style=\"font-family: sans-serif; margin: 3em;\"><h1>" + title + "</h1><p>" + WebUtility.HtmlEncode(page.Message) + "</p></body></html>\n";
        var body = Encoding.UTF8.GetBytes(html);
        var reason = page.Status switch { 200 => "OK", 404 => "Not Found", _ => "Bad Request" };
        var head = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 {page.Status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\n"
            + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(head, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.IO.IOException or OperationCanceledException)
        {
            // The browser went away or was too slow to read; the redirect's query is what matters.
        }
    }
}
