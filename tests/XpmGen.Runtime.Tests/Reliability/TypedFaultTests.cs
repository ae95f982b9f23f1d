using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>Every failure a caller can see is an <see cref="XpmException"/>, and server text copied into it is bounded and redacted.</summary>
public sealed class TypedFaultTests
{
    private const string ListBody = "<Response><Status>OK</Status><Clients><Client><UUID>c1</UUID></Client></Clients></Response>";

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task A_content_encoding_on_a_plain_body_is_a_protocol_error_buffered_and_streamed(string encoding)
    {
        await using var server = TestHttpServer.Start(CannedResponse.Xml(ListBody, 200, ("Content-Encoding", encoding)));
        var client = DecompressingClient(server);

        var buffered = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline()));
        var streamed = await Assert.ThrowsAnyAsync<XpmException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(ListClients(), Deadline()))
            {
            }
        });

        Assert.Contains("could not be decompressed", buffered.Message, StringComparison.Ordinal);
        Assert.IsType<XpmProtocolException>(streamed);
    }

    [Fact]
    public async Task A_gzip_bomb_is_refused_at_the_buffered_body_cap()
    {
        // 80 MB of spaces inside one element (no frame end for the streamed path either) compress to about 80 KB.
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes("<Response><Status>OK</Status><Clients><Client><Name>"));
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < 80; i++)
            {
                gzip.Write(spaces);
            }

            gzip.Write(Encoding.UTF8.GetBytes("</Name></Client></Clients></Response>"));
        }

        var response = new CannedResponse { Body = compressed.ToArray() };
        response.Headers.Add(new("Content-Type", "text/xml"));
        response.Headers.Add(new("Content-Encoding", "gzip"));
        await using var server = TestHttpServer.Start(response);

        var client = DecompressingClient(server);
        var buffered = await Assert.ThrowsAsync<XpmProtocolException>(() => client.SendAsync(ListClients(), Deadline(60)));
        var streamed = await Assert.ThrowsAsync<XpmProtocolException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(ListClients(), Deadline(60)))
            {
            }
        });

        Assert.Contains("larger than the 64 MB", buffered.Message, StringComparison.Ordinal);
        Assert.Contains("larger than the 64 MB", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_echoed_access_token_never_reaches_the_exception()
    {
        await using var server = TestHttpServer.Start(_ =>
        {
            var response = CannedResponse.Xml(
                "<Response><Status>ERROR</Status><ErrorDescription>slow down " + Token + "</ErrorDescription></Response>",
                429,
                ("X-Rate-Limit-Problem", "minute " + Token),
                ("Retry-After", "1"));
            response.Headers.RemoveAll(h => h.Key == "xero-correlation-id");
            response.Headers.Add(new("xero-correlation-id", Token));
            return response;
        });

        var ex = await Assert.ThrowsAsync<XpmRateLimitException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        var captured = ex.ToString() + " " + ex.CorrelationId + " " + ex.ResponseExcerpt + " " + ex.LimitProblem;
        Assert.DoesNotContain(Token, captured, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", captured, StringComparison.Ordinal);
        Assert.Null(ex.CorrelationId);
    }

    [Fact]
    public async Task A_huge_error_description_is_capped_in_the_message()
    {
        var huge = new string('y', 1_000_000);
        await using var server = TestHttpServer.Start(CannedResponse.Xml("<Response><Status>ERROR</Status><ErrorDescription>" + huge + "</ErrorDescription></Response>"));

        var ex = await Assert.ThrowsAsync<XpmApiException>(() => CreateClient(server).SendAsync(ListClients(), Deadline()));

        Assert.True(ex.Message.Length < 2000, $"message of {ex.Message.Length} characters");
    }

    [Fact]
    public async Task An_error_status_whose_body_stalls_ends_within_the_attempt_timeout()
    {
        var body = Encoding.UTF8.GetBytes("<Response><Status>ERROR</Status><ErrorDescription>boom</ErrorDescription></Response>");
        var response = new CannedResponse { Status = 500, Reason = "Internal Server Error", Body = body, Mode = BodyMode.Stall, CutAt = 10 };
        response.Headers.Add(new("Content-Type", "text/xml"));
        await using var server = TestHttpServer.Start(response);
        var client = new XpmClient(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
            AttemptTimeout = TimeSpan.FromMilliseconds(500),
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => client.SendAsync(ListClients(), Deadline()));

        Assert.True(ex.TimedOut);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void A_token_store_exception_is_an_XpmException()
    {
        Assert.IsAssignableFrom<XpmException>(new XpmTokenStoreException("x"));
    }

    [Fact]
    public async Task A_token_path_that_is_a_directory_is_a_typed_store_failure()
    {
        var directory = Directory.CreateTempSubdirectory("xpm-rel-").FullName;
        try
        {
            var store = new EncryptedFileXpmTokenStore(directory, RandomNumberGenerator.GetBytes(32));
            Directory.CreateDirectory(store.GetPath("k"));
            var tokens = new XpmTokenSet("a", "r", DateTimeOffset.UtcNow.AddHours(1), null);

            await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await store.LoadAsync("k", CancellationToken.None));
            await Assert.ThrowsAsync<XpmTokenStoreException>(async () => await store.SaveAsync("k", tokens, CancellationToken.None));
            Assert.Single(Directory.GetFileSystemEntries(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Temporary_files_of_interrupted_saves_are_cleaned_up()
    {
        var directory = Directory.CreateTempSubdirectory("xpm-rel-").FullName;
        try
        {
            var store = new EncryptedFileXpmTokenStore(directory, RandomNumberGenerator.GetBytes(32));
            var path = store.GetPath("k");
            // What a killed process leaves: its pid (no longer running) in the name. One of this process stays (a live writer).
            var orphans = Enumerable.Range(0, 8).Select(i => $"{path}.{int.MaxValue - i}.{Guid.NewGuid():N}.tmp").ToArray();
            foreach (var orphan in orphans)
            {
                await File.WriteAllBytesAsync(orphan, new byte[] { 1, 2, 3 });
            }

            var live = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            await File.WriteAllBytesAsync(live, new byte[] { 1 });

            await store.SaveAsync("k", new XpmTokenSet("a", "r", DateTimeOffset.UtcNow.AddHours(1), null), CancellationToken.None);

            Assert.All(orphans, orphan => Assert.False(File.Exists(orphan)));
            Assert.True(File.Exists(live));
            Assert.Equal("a", (await store.LoadAsync("k", CancellationToken.None))!.AccessToken);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static XpmClient DecompressingClient(TestHttpServer server) =>
        new(new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { Timeout = TimeSpan.FromSeconds(60) }, new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
        });
}
