using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using static XpmGen.Runtime.Tests.Fixtures;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// A server that stalls before or after the headers ends within <see cref="XpmClientOptions.AttemptTimeout"/> as a
/// typed <see cref="XpmConnectionException"/>; reads are retried, writes are not, and the loopback server's hit
/// count shows what was sent again. The caller's token still cancels at once.
/// </summary>
public sealed class AttemptTimeoutTests
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);
    private static readonly byte[] OkBody = Encoding.UTF8.GetBytes(Envelope("<Status>OK</Status><Clients><Client><Name>Acme</Name></Client></Clients>"));

    public static TheoryData<BodyMode, bool, int> Stalls => new()
    {
        // mode, is a read, expected server hits with MaxRetries = 2
        { BodyMode.StallBeforeHeaders, true, 3 },
        { BodyMode.StallBeforeHeaders, false, 1 },
        { BodyMode.Stall, true, 3 },
        { BodyMode.Stall, false, 1 },
    };

    [Theory]
    [MemberData(nameof(Stalls))]
    public async Task A_stall_ends_typed_within_the_attempt_timeout_and_only_reads_are_sent_again(BodyMode mode, bool read, int expectedHits)
    {
        await using var server = TestHttpServer.Start(new CannedResponse { Body = OkBody, Mode = mode, CutAt = 20 });
        var client = CreateRetryingClient(server);
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => (read
            ? client.SendAsync(ListClients(), Deadline(30))
            : (Task)client.SendAsync(AddClient(new ClientModel { Name = "Stall Ltd" }), Deadline(30))).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(ex.TimedOut);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(expectedHits, server.Requests.Count);
        Assert.Contains("attempt timeout (1 s", ex.Message, StringComparison.Ordinal);
        Assert.Contains(read ? "safe to send again" : "not sent again", ex.Message, StringComparison.Ordinal);

        // Each attempt ends within the timeout (plus scheduling slack); retries add only their small delays.
        Assert.True(clock.Elapsed < (AttemptTimeout * expectedHits) + TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Calls_after_a_timed_out_call_get_a_fresh_deadline()
    {
        // The transport keeps the deadline of an attempt that did not time out for the next one; one that fired must
        // never be handed on, or every later call on the client would be cancelled at once.
        var stall = true;
        await using var server = TestHttpServer.Start(_ => Volatile.Read(ref stall)
            ? new CannedResponse { Body = OkBody, Mode = BodyMode.Stall, CutAt = 20 }
            : new CannedResponse { Body = OkBody });
        var client = CreateRetryingClient(server);

        await Assert.ThrowsAsync<XpmConnectionException>(() => client.SendAsync(AddClient(new ClientModel { Name = "Stall Ltd" }), Deadline(30)));
        Volatile.Write(ref stall, false);

        for (var i = 0; i < 3; i++)
        {
            var clients = await client.SendAsync(ListClients(), Deadline(30));
            Assert.Equal("Acme", Assert.Single(clients).Name);
        }

        // The caller's own token, cancelled after a successful call, does not reach the next call's deadline.
        using (var caller = new CancellationTokenSource())
        {
            await client.SendAsync(ListClients(), caller.Token);
            caller.Cancel();
        }

        Assert.Equal("Acme", Assert.Single(await client.SendAsync(ListClients(), Deadline(30))).Name);
        Assert.Equal(6, server.Requests.Count);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 1)]
    public async Task A_dropped_connection_is_sent_again_for_reads_only(bool read, int expectedHits)
    {
        await using var server = TestHttpServer.Start(new CannedResponse { Mode = BodyMode.Drop });
        var client = CreateRetryingClient(server);

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(() => read
            ? client.SendAsync(ListClients(), Deadline(30))
            : client.SendAsync(AddClient(new ClientModel { Name = "Drop Ltd" }), Deadline(30)));

        Assert.False(ex.TimedOut);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(expectedHits, server.Requests.Count);
    }

    [Fact]
    public async Task A_streamed_body_that_stalls_ends_typed_after_the_items_that_arrived()
    {
        // 200 items, then the body stalls before </Clients>. An item is handed out once it and the frames after it
        // that the XML reader has pulled into its own buffer (a few KB) are in memory, so the last few wait.
        var items = string.Concat(System.Linq.Enumerable.Range(0, 200).Select(static i => $"<Client><Name>Client {i}</Name></Client>"));
        var body = Encoding.UTF8.GetBytes(Envelope("<Status>OK</Status><Clients>" + items + "</Clients>"));
        await using var server = TestHttpServer.Start(new CannedResponse { Body = body, Mode = BodyMode.Stall, CutAt = body.Length - "</Clients></Response>".Length });
        var client = CreateRetryingClient(server);
        var seen = 0;
        var clock = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<XpmConnectionException>(async () =>
        {
            await foreach (var _ in client.StreamAsync(ListClients(), Deadline(30)))
            {
                seen++;
            }
        });

        Assert.True(ex.TimedOut);
        Assert.InRange(seen, 100, 199);
        Assert.Single(server.Requests);
        Assert.True(clock.Elapsed < AttemptTimeout + TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData(BodyMode.StallBeforeHeaders)]
    [InlineData(BodyMode.Stall)]
    public async Task The_callers_token_still_cancels_at_once(BodyMode mode)
    {
        // The caller cancels 300 ms after the server has the request (a fixed delay from the start could fire before
        // the request arrived on a loaded machine, and then the server would have seen nothing).
        using var cancel = new CancellationTokenSource();
        await using var server = TestHttpServer.Start(_ =>
        {
            cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
            return new CannedResponse { Body = OkBody, Mode = mode, CutAt = 20 };
        });
        var client = new XpmClient(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = server.BaseAddress,
            TenantId = TenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(Token),
            RateLimiter = GenerousLimits(),
            AttemptTimeout = TimeSpan.FromSeconds(20),
        });
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(ListClients(), cancel.Token).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Single(server.Requests);
    }

    private static XpmClient CreateRetryingClient(TestHttpServer server) => new(NewHttpClient(), new XpmClientOptions
    {
        BaseAddress = server.BaseAddress,
        TenantId = TenantId,
        AccessTokenProvider = new StaticAccessTokenProvider(Token),
        Retry = new XpmRetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        RateLimiter = GenerousLimits(),
        AttemptTimeout = AttemptTimeout,
    });
}
