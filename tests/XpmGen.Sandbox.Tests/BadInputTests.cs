using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace XpmGen.Sandbox.Tests;

/// <summary>Bad requests get XPM's ERROR envelope naming the problem; the sandbox stays up and the practice unchanged.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string> BadBodies => new()
    {
        { "<Staff><Name>Unclosed</Staff>", "Message not in expected format" },
        { "not xml at all", "Message not in expected format" },
        { "<Client><Name>Wrong root</Name></Client>", "expected <Staff>" },
        { "<Staff><Name>Typo</Name><Emial>x@example.com</Emial></Staff>", "/Staff/Emial" },
        { "<Staff><Email>nobody@example.com</Email></Staff>", "/Staff/Name" },
        { "<?xml version=\"1.0\"?><!DOCTYPE Staff [<!ENTITY e \"boom\">]><Staff><Name>&e;</Name></Staff>", "Message not in expected format" },
        { "", "no body" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_an_error_envelope_and_changes_nothing(string body, string expected)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var before = sandbox.Practice.Read(static state => state.Snapshot());
        using var http = new HttpClient();

        using var response = await GatewayTests.SendAsync(http, sandbox, "staff.api/add", sandbox.AccessToken, sandbox.TenantId, HttpMethod.Post, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("ERROR", envelope.Element("Status")!.Value);
        Assert.Contains(expected, envelope.Element("ErrorDescription")!.Value, StringComparison.Ordinal);
        var after = sandbox.Practice.Read(static state => state.Snapshot());
        Assert.All(before, pair => Assert.True(pair.Value.AsSpan().SequenceEqual(after[pair.Key]), pair.Key + " changed"));

        using var stillUp = await GatewayTests.SendAsync(http, sandbox, "staff.api/list", sandbox.AccessToken, sandbox.TenantId);
        Assert.Equal(HttpStatusCode.OK, stillUp.StatusCode);
    }

    [Theory]
    [InlineData("time.api/list?from=20260101", "'to' is required")]
    [InlineData("time.api/list?from=2026-01-01&to=20260131", "'from' is '2026-01-01', which is not a date in the form yyyyMMdd")]
    [InlineData("time.api/list?from=20250101&to=20260131", "year")]
    [InlineData("client.api/list?detailed=maybe", "'detailed' is 'maybe', which is not true or false")]
    public async Task A_bad_query_is_an_error_envelope_that_names_the_parameter(string path, string expected)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient();

        using var response = await GatewayTests.SendAsync(http, sandbox, path, sandbox.AccessToken, sandbox.TenantId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var envelope = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("ERROR", envelope.Element("Status")!.Value);
        Assert.Contains(expected, envelope.Element("ErrorDescription")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_that_fails_after_changing_state_is_rolled_back()
    {
        var state = new SandboxState();
        SandboxSeed.Load(state);
        var practice = new SandboxPractice("tenant", "Practice", state, folder: null, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var staffBefore = state.Staff.Count;
        var halfDone = new SandboxRoute(XpmEndpoints.Staff.Add, call =>
        {
            state.Staff.Add(new Models.Staff { Uuid = Guid.NewGuid().ToString(), Name = "Half done" });
            state.Clients.RemoveAll(static _ => true);
            throw new InvalidOperationException("a bug in a behaviour");
        });
        var empty = new System.Collections.Generic.Dictionary<string, string>();

        var envelope = XDocument.Parse(System.Text.Encoding.UTF8.GetString(practice.Execute(halfDone, empty, empty, ReadOnlyMemory<byte>.Empty, out var ok))).Root!;

        Assert.False(ok);
        Assert.Equal("ERROR", envelope.Element("Status")!.Value);
        Assert.Contains("unchanged", envelope.Element("ErrorDescription")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("a bug in a behaviour", envelope.ToString(), StringComparison.Ordinal);
        Assert.Equal(staffBefore, state.Staff.Count);
        Assert.NotEmpty(state.Clients.All);
    }
}
