using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary>Each class of failure: its own exit code, exactly one line on standard error, nothing on standard output, no stack trace.</summary>
public sealed class ExitCodeTests
{
    [Theory]
    [InlineData("--from takes a date", "time", "list", "--from", "2026-13-01", "--to", "2026-12-31", "--sandbox")]
    [InlineData("'--query' is required", "clients", "search", "--sandbox")]
    [InlineData("--body cannot be combined with field options (--name)", "clients", "add", "--name", "Kereru Design Ltd", "--body", "client.xml", "--sandbox")]
    [InlineData("--estimated-minutes takes a whole number", "jobs", "tasks", "add", "--job", "J000001", "--estimated-minutes", "ninety", "--sandbox")]
    [InlineData("--taxable takes true, false, yes or no", "client-groups", "add", "--name", "G", "--taxable", "maybe", "--sandbox")]
    [InlineData("Required command was not provided", "clients")]
    public async Task UsageError_ExitsTwo(string expected, params string[] args)
    {
        var line = CliRun.AssertFailure(await CliRun.RunAsync(args), 2);

        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageError_NamesTheHelpOfItsCommand()
    {
        var line = CliRun.AssertFailure(await CliRun.RunAsync("time", "list", "--from", "2026-13-01", "--to", "2026-12-31"), 2);

        Assert.EndsWith("See 'xpm time list --help'.", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_401_ExitsThree_WithoutTheToken()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "sbx_at_wrong-7d1e", ["XPM_TENANT_ID"] = sandbox.TenantId };

        var line = CliRun.AssertFailure(await CliRun.RunAsync(environment, "jobs", "current", "--base-url", sandbox.BaseAddress.AbsoluteUri), 3);

        Assert.Contains("HTTP 401", line, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-7d1e", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongTenant_403_ExitsThree_WithoutTheToken()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = sandbox.AccessToken, ["XPM_TENANT_ID"] = Guid.NewGuid().ToString() };

        var line = CliRun.AssertFailure(await CliRun.RunAsync(environment, "clients", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri), 3);

        Assert.Contains("HTTP 403", line, StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.AccessToken, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task XpmErrorEnvelope_ExitsFour()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var result = await CliRun.RunAsync(CliRun.CredentialsOf(sandbox), "clients", "get", Guid.NewGuid().ToString(), "--base-url", sandbox.BaseAddress.AbsoluteUri);

        Assert.Contains("Invalid client identifier", CliRun.AssertFailure(result, 4), StringComparison.Ordinal);
        Assert.DoesNotContain(sandbox.AccessToken, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimited_DayBudgetSpent_ExitsFivePromptly()
    {
        await using var sandbox = await XpmSandbox.StartAsync(new XpmSandboxOptions { Limits = new XpmSandboxLimits { Enforce = true, PerDay = 1 } });
        var environment = CliRun.CredentialsOf(sandbox);

        var first = await CliRun.RunAsync(environment, "categories", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);
        var started = DateTime.UtcNow;
        var second = await CliRun.RunAsync(environment, "categories", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);

        Assert.True(first.ExitCode == 0, first.ToString());
        var line = CliRun.AssertFailure(second, 5);
        Assert.Contains("429", line, StringComparison.Ordinal);
        // A day's limit is not waited out at the terminal: the client's short retry budget gives up at once.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10), $"took {DateTime.UtcNow - started}");
    }

    [Fact]
    public async Task RefusedConnection_ExitsSix()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "sbx_at_unused", ["XPM_TENANT_ID"] = XpmSandboxOptions.DefaultTenantId };

        var line = CliRun.AssertFailure(await CliRun.RunAsync(environment, "staff", "list", "--base-url", $"http://127.0.0.1:{port}/practicemanager/3.1/"), 6);

        Assert.StartsWith($"Could not reach XPM at http://127.0.0.1:{port}/", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_AddsCauses_StillNoStackTrace()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var environment = new Dictionary<string, string> { ["XPM_ACCESS_TOKEN"] = "sbx_at_unused", ["XPM_TENANT_ID"] = XpmSandboxOptions.DefaultTenantId };

        var result = await CliRun.RunAsync(environment, "staff", "list", "--verbose", "--base-url", $"http://127.0.0.1:{port}/practicemanager/3.1/");

        Assert.Equal(6, result.ExitCode);
        var lines = CliRun.Lines(result.Error);
        Assert.StartsWith("Could not reach XPM", lines[0], StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("  caused by ", line, StringComparison.Ordinal));
        Assert.True(lines.Count > 1, result.ToString());
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
