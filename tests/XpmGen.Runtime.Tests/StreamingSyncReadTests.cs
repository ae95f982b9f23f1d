using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// Streaming reads the network asynchronously only: a handler wraps the real response stream of a loopback
/// server and counts the synchronous and asynchronous reads made on it while a large list is streamed.
/// </summary>
public sealed class StreamingSyncReadTests
{
    [Theory]
    [InlineData(BodyMode.ContentLength)]
    [InlineData(BodyMode.CloseDelimited)]
    public async Task Streaming_3000_clients_makes_no_synchronous_read_on_the_network(BodyMode mode)
    {
        var items = string.Concat(Enumerable.Range(0, 3000).Select(static i => $"<Client><UUID>c{i}</UUID><Name>Client &amp; Co {i}</Name><Email>c{i}@example.com</Email></Client>\n"));
        var body = Encoding.UTF8.GetBytes(Envelope("<Status>OK</Status><Clients>\n" + items + "</Clients>"));
        var canned = CannedResponse.Xml(string.Empty);
        await using var server = TestHttpServer.Start(new CannedResponse { Body = body, Headers = canned.Headers, Mode = mode });
        var counter = new ReadCountingHandler { InnerHandler = new SocketsHttpHandler() };
        using var http = new HttpClient(counter) { Timeout = TimeSpan.FromSeconds(30) };
        var client = new XpmClient(http, new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
        });

        var names = 0;
        var last = string.Empty;
        await foreach (var c in client.StreamAsync(ListClients(), Deadline()))
        {
            names++;
            last = c.Name!;
        }

        Assert.Equal(3000, names);
        Assert.Equal("Client & Co 2999", last);
        Assert.Equal(0, counter.SyncReads);
        Assert.True(counter.AsyncReads > 1, $"{counter.AsyncReads} asynchronous reads");
    }

    /// <summary>Wraps every response body in a stream that counts how it is read.</summary>
    private sealed class ReadCountingHandler : DelegatingHandler
    {
        private int _syncReads;
        private int _asyncReads;

        public int SyncReads => Volatile.Read(ref _syncReads);

        public int AsyncReads => Volatile.Read(ref _asyncReads);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var inner = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new StreamContent(new CountingStream(inner, this));
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            return response;
        }

        private sealed class CountingStream(Stream inner, ReadCountingHandler owner) : Stream
        {
            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                Interlocked.Increment(ref owner._syncReads);
                return inner.Read(buffer, offset, count);
            }

            public override int Read(Span<byte> buffer)
            {
                Interlocked.Increment(ref owner._syncReads);
                return inner.Read(buffer);
            }

            public override int ReadByte()
            {
                Interlocked.Increment(ref owner._syncReads);
                return inner.ReadByte();
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref owner._asyncReads);
                return inner.ReadAsync(buffer, cancellationToken);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }
    }
}
