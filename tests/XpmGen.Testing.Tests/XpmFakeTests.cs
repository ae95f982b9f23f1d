using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;
using XpmGen.Sandbox;

namespace XpmGen.Testing.Tests;

/// <summary>The kit as a consumer's test uses it: public API only, through a real XpmClient.</summary>
public sealed class XpmFakeTests : IAsyncLifetime
{
    private XpmFake _fake = null!;
    private XpmClient _xpm = null!;

    public async Task InitializeAsync()
    {
        _fake = await XpmFake.StartAsync();
        // Short backoff for 503s and resets, so retried reads do not slow the suite; Retry-After is still honoured.
        _xpm = _fake.CreateClient(options => options.Retry = new XpmRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(200) });
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Typed_list_stub_is_read_by_the_client()
    {
        _fake.Clients.List.Returns([new Client { Uuid = "c-1", Name = "Acme Ltd" }, new Client { Uuid = "c-2", Name = "Bravo & Sons" }]);

        var clients = await _xpm.Clients.ListAsync(detailed: true);

        Assert.Equal(["Acme Ltd", "Bravo & Sons"], clients.Select(static c => c.Name));
        var request = Assert.Single(_fake.Clients.List.RawRequests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("client.api/list", request.Path);
        Assert.Equal("detailed=true", request.Query);
        Assert.Equal(_fake.TenantId, request.Headers["xero-tenant-id"]);
        Assert.Equal("Bearer " + XpmFake.AccessToken, request.Headers["Authorization"]);
        Assert.Single(_fake.Clients.List.Requests);
    }

    [Fact]
    public async Task Item_stub_answers_for_any_path_value()
    {
        _fake.Clients.Get.Returns(new Client { Uuid = "c-9", Name = "Acme Ltd" });

        var client = await _xpm.Clients.GetAsync("anything-at-all");

        Assert.Equal("c-9", client.Uuid);
        Assert.Equal("client.api/get/anything-at-all", Assert.Single(_fake.Clients.Get.RawRequests).Path);
    }

    [Fact]
    public async Task Error_envelope_becomes_XpmApiException_with_the_description()
    {
        _fake.Clients.Get.ReturnsError("Client not found");

        var error = await Assert.ThrowsAsync<XpmApiException>(() => _xpm.Clients.GetAsync("missing"));

        Assert.Equal("Client not found", error.ErrorDescription);
        Assert.Contains("Client not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_journal_is_typed()
    {
        _fake.Jobs.Add.Returns(new Job { Id = "J000042", Name = "Annual accounts 2026" });

        var job = await _xpm.Jobs.AddAsync(new JobAddRequest
        {
            Name = "Annual accounts 2026",
            ClientUuid = "c-1",
            StartDate = new DateOnly(2026, 12, 1),
            DueDate = new DateOnly(2027, 1, 31),
        });

        Assert.Equal("J000042", job.Id);
        var sent = Assert.Single(_fake.Jobs.Add.Requests);
        Assert.Equal("Annual accounts 2026", sent.Name);
        Assert.Equal("c-1", sent.ClientUuid);
        Assert.Equal(new DateOnly(2027, 1, 31), sent.DueDate);
        var raw = Assert.Single(_fake.Jobs.Add.RawRequests);
        Assert.Equal("POST", raw.Method);
        Assert.Contains("<ClientUUID>c-1</ClientUUID>", raw.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Value_and_status_stubs()
    {
        _fake.Jobs.Tasks.Add.Returns("7f9a3c4e-0000-4000-8000-000000000001");
        _fake.Clients.Delete.Returns();

        var id = await _xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J000001", TaskUuid = "t-1" });
        await _xpm.Clients.DeleteAsync(new ClientUuidRequest { Uuid = "c-1" });

        Assert.Equal("7f9a3c4e-0000-4000-8000-000000000001", id);
        Assert.Equal("c-1", Assert.Single(_fake.Clients.Delete.Requests).Uuid);
    }

    [Fact]
    public async Task Rate_limited_once_then_the_client_retries_after_Retry_After()
    {
        _fake.Jobs.Add.RateLimited(TimeSpan.FromSeconds(1)).Returns(new Job { Id = "J000001" });
        var clock = Stopwatch.StartNew();

        var job = await _xpm.Jobs.AddAsync(new JobAddRequest { Name = "Year end", ClientUuid = "c-1" });

        Assert.Equal("J000001", job.Id);
        Assert.Equal(2, _fake.Jobs.Add.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task Unauthorized_becomes_XpmUnauthorizedException()
    {
        _fake.Clients.List.Unauthorized();

        await Assert.ThrowsAsync<XpmUnauthorizedException>(() => _xpm.Clients.ListAsync());
    }

    [Fact]
    public async Task Forbidden_becomes_XpmForbiddenException()
    {
        _fake.Clients.List.Forbidden();

        var error = await Assert.ThrowsAsync<XpmForbiddenException>(() => _xpm.Clients.ListAsync());

        Assert.Contains("practicemanager.client.read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_unavailable_twice_then_a_read_succeeds()
    {
        _fake.Clients.List.ServiceUnavailable(times: 2).Returns([new Client { Name = "Acme Ltd" }]);

        var clients = await _xpm.Clients.ListAsync();

        Assert.Equal("Acme Ltd", Assert.Single(clients).Name);
        Assert.Equal(3, _fake.Clients.List.RawRequests.Count);
    }

    [Fact]
    public async Task Service_unavailable_is_not_retried_for_a_write()
    {
        _fake.Jobs.Add.ServiceUnavailable().Returns(new Job { Id = "J1" });

        await Assert.ThrowsAsync<XpmServiceUnavailableException>(() => _xpm.Jobs.AddAsync(new JobAddRequest { Name = "x" }));

        Assert.Single(_fake.Jobs.Add.Requests);
    }

    [Fact]
    public async Task Delay_holds_the_answer()
    {
        _fake.Staff.List.Delay(TimeSpan.FromMilliseconds(500)).Returns([]);
        var clock = Stopwatch.StartNew();

        await _xpm.Staff.ListAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(450), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Delay_beyond_the_attempt_timeout_is_a_timeout()
    {
        _fake.Jobs.Add.Delay(TimeSpan.FromSeconds(2)).Returns(new Job());
        var xpm = _fake.CreateClient(options => options.AttemptTimeout = TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<XpmConnectionException>(() => xpm.Jobs.AddAsync(new JobAddRequest { Name = "x" }));

        Assert.True(error.TimedOut);
    }

    [Fact]
    public async Task Reset_connection_on_a_write_is_XpmConnectionException()
    {
        _fake.Jobs.Add.ResetConnection().Returns(new Job { Id = "J1" });

        var error = await Assert.ThrowsAsync<XpmConnectionException>(() => _xpm.Jobs.AddAsync(new JobAddRequest { Name = "x" }));

        Assert.True(error.MayHaveBeenProcessed);
        Assert.Single(_fake.Jobs.Add.Requests);
    }

    [Fact]
    public async Task Reset_connection_on_a_read_is_retried()
    {
        _fake.Clients.List.ResetConnection().Returns([new Client { Name = "Acme Ltd" }]);

        var clients = await _xpm.Clients.ListAsync();

        Assert.Single(clients);
        Assert.Equal(2, _fake.Clients.List.RawRequests.Count);
    }

    [Fact]
    public async Task Unstubbed_call_names_the_stub_to_set()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => _xpm.Clients.GetAsync("c-1"));

        Assert.Contains("No stub for GET client.api/get/{uuid}: set fake.Clients.Get.Returns(...)", error.Message, StringComparison.Ordinal);
        Assert.Single(_fake.Clients.Get.RawRequests);
    }

    [Fact]
    public async Task Unstubbed_calls_name_group_and_status_stubs()
    {
        var grouped = await Assert.ThrowsAsync<XpmApiException>(() => _xpm.Clients.Contacts.DeleteAsync("k-1"));
        var status = await Assert.ThrowsAsync<XpmApiException>(() => _xpm.Clients.DeleteAsync(new ClientUuidRequest { Uuid = "c-1" }));

        Assert.Contains("set fake.Clients.Contacts.Delete.Returns(...)", grouped.Message, StringComparison.Ordinal);
        Assert.Contains("set fake.Clients.Delete.Returns()", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_endpoint_has_a_generated_stub()
    {
        var stubbed = _fake.Stubs.Select(static s => s.Endpoint).ToHashSet();

        Assert.Equal(XpmEndpoints.All.Count, _fake.Stubs.Count);
        Assert.All(XpmEndpoints.All, endpoint => Assert.Contains(endpoint, stubbed));
    }

    [Fact]
    public async Task Token_page_carries_the_next_token()
    {
        _fake.Clients.ListPage.ReturnsPage([new Client { Name = "Acme Ltd" }], nextPageToken: "abc 123");

        var page = await _xpm.Clients.ListPageAsync(pageSize: 1);

        Assert.Equal("abc 123", page.NextPageToken);
    }

    [Fact]
    public async Task Reset_forgets_answers_and_journals()
    {
        _fake.Clients.List.Returns([]);
        await _xpm.Clients.ListAsync();

        _fake.Reset();

        Assert.Empty(_fake.Clients.List.RawRequests);
        Assert.False(_fake.Clients.List.IsStubbed);
    }

    [Fact]
    public async Task Sandbox_keeps_state_between_calls()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var xpm = sandbox.CreateClient();
        var client = (await xpm.Clients.ListAsync())[0];

        var job = await xpm.Jobs.AddAsync(new JobAddRequest
        {
            Name = "Kit check",
            ClientUuid = client.Uuid,
            StartDate = new DateOnly(2026, 12, 1),
            DueDate = new DateOnly(2027, 1, 31),
        });

        var again = await xpm.Jobs.GetAsync(job.Id!);
        Assert.Equal("Kit check", again.Name);
    }
}
