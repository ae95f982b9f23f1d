using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Models;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary>Credentials from the environment, <c>--base-url</c>, usage errors and cancellation.</summary>
public sealed class CredentialTests
{
    // Well formed, for the tests that fail before any call or never reach a sandbox.
    private static readonly Dictionary<string, string> SomeCredentials = new()
    {
        ["XPM_ACCESS_TOKEN"] = "sbx_at_not-a-live-token",
        ["XPM_TENANT_ID"] = XpmSandboxOptions.DefaultTenantId,
    };

    private static Dictionary<string, string> CredentialsOf(XpmSandbox sandbox) => CliRun.CredentialsOf(sandbox);

    [Fact]
    public async Task NoCredentialsAndNoSandbox_ExitsTwoNamingBothVariablesAndSuggestingSandbox()
    {
        var result = await CliRun.RunAsync("clients", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("XPM_ACCESS_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.Contains("XPM_TENANT_ID", result.Error, StringComparison.Ordinal);
        Assert.Contains("--sandbox", result.Error, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task OnlyTheTenantMissing_NamesOnlyTheTenantAndNeverPrintsTheToken()
    {
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "eyJhbGciOiJSUzI1NiJ9.secret-token-value" };

        var result = await CliRun.RunAsync(environment, "jobs", "current");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("XPM_TENANT_ID", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("set XPM_ACCESS_TOKEN", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-value", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlankVariables_CountAsMissing()
    {
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "   ", ["XPM_TENANT_ID"] = "" };

        var result = await CliRun.RunAsync(environment, "clients", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("XPM_ACCESS_TOKEN and XPM_TENANT_ID", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenWithWhiteSpace_IsAUsageErrorThatDoesNotEchoIt()
    {
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "abc def-secret", ["XPM_TENANT_ID"] = "t-1" };

        var result = await CliRun.RunAsync(environment, "clients", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("XPM_ACCESS_TOKEN is not a valid access token", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("def-secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BaseUrl_AtASandboxStartedByTheTest_WithEnvironmentCredentials_Works()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var result = await CliRun.RunAsync(CredentialsOf(sandbox), "clients", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Error);
        Assert.Equal(DemoSeed.Clients.Select(c => c.Uuid), PrintedTable.Parse(result.Output.TrimEnd('\n').Split('\n')).Rows.Select(row => row["UUID"]));
    }

    [Fact]
    public async Task ClientDeletedThroughTheApi_IsStillListed_AndGetMarksItDeleted()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var client = DemoSeed.Clients.First(c => c.IsDeleted != true && c.IsArchived != true);
        await sandbox.CreateClient().Clients.DeleteAsync(new ClientUuidRequest { Uuid = client.Uuid }, CancellationToken.None);

        var list = await CliRun.RunAsync(CredentialsOf(sandbox), "clients", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);
        var get = await CliRun.RunAsync(CredentialsOf(sandbox), "clients", "get", client.Uuid!, "--base-url", sandbox.BaseAddress.AbsoluteUri);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(DemoSeed.Clients.Count, PrintedTable.Parse(list.Output.TrimEnd('\n').Split('\n')).Rows.Count);
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Equal("Yes", PrintedObject.Parse(CliRun.Lines(get.Output))["Is Deleted"]);
    }

    [Fact]
    public async Task TenantOption_OverridesTheEnvironment()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["XPM_ACCESS_TOKEN"] = sandbox.AccessToken,
            ["XPM_TENANT_ID"] = "not-the-sandbox-tenant",
        };

        var refused = await CliRun.RunAsync(environment, "jobs", "current", "--base-url", sandbox.BaseAddress.AbsoluteUri);
        var accepted = await CliRun.RunAsync(environment, "jobs", "current", "--base-url", sandbox.BaseAddress.AbsoluteUri, "--tenant", sandbox.TenantId);

        Assert.Contains("HTTP 403", CliRun.AssertFailure(refused, 3), StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.AccessToken, refused.Error, StringComparison.Ordinal);
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Contains(DemoSeed.CurrentJobs[0].Id!, accepted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_ExitsThreeWith401AndNeverPrintsTheToken()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["XPM_ACCESS_TOKEN"] = "expired-token-4f1c9a",
            ["XPM_TENANT_ID"] = sandbox.TenantId,
        };

        var result = await CliRun.RunAsync(environment, "clients", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);

        var line = CliRun.AssertFailure(result, 3);
        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
        Assert.Contains("access token", line, StringComparison.Ordinal);
        Assert.DoesNotContain("expired-token-4f1c9a", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableBaseUrl_ExitsSixWithAPlainMessage()
    {
        // A port that was free a moment ago: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliRun.RunAsync(SomeCredentials, "clients", "list", "--base-url", $"http://127.0.0.1:{port}/practicemanager/3.1/");

        Assert.StartsWith($"Could not reach XPM at http://127.0.0.1:{port}/practicemanager/3.1/", CliRun.AssertFailure(result, 6), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clients", "list", "--sandbox", "--base-url", "http://127.0.0.1:1/")]
    [InlineData("clients", "list", "--base-url", "not a url")]
    [InlineData("clients", "list", "--base-url", "ftp://example.com/")]
    [InlineData("clients", "list", "--sandbox", "--output", "yaml")]
    [InlineData("clients", "list", "--detailed", "yes", "--sandbox")]
    [InlineData("clients", "get", "--sandbox")]
    [InlineData("clients", "list", "--sandbox", "--tenant", " ")]
    [InlineData("nonsense")]
    [InlineData("client", "list", "--sandbox")]
    [InlineData("job", "current", "--sandbox")]
    public async Task UsageErrors_ExitTwoWithoutCallingAnything(params string[] args)
    {
        var result = await CliRun.RunAsync(SomeCredentials, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.NotEqual(string.Empty, result.Error.Trim());
        CliRun.AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Cancellation_WhileWaitingForXpm_ExitsPromptlyWith130()
    {
        // A server that accepts the connection and never answers.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var accepting = listener.AcceptTcpClientAsync();
            using var cancellation = new CancellationTokenSource();
            var run = CliRun.RunAsync(SomeCredentials, cancellation.Token, "clients", "list", "--base-url", $"http://127.0.0.1:{port}/practicemanager/3.1/");
            using var connection = await accepting.WaitAsync(TimeSpan.FromSeconds(30));

            cancellation.Cancel();
            var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(130, result.ExitCode);
            Assert.Equal("Cancelled.", result.Error.Trim());
        }
        finally
        {
            listener.Stop();
        }
    }
}
