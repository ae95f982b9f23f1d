using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Web;
using XpmGen.Auth;
using XpmGen.Cli.Auth;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary>
/// <c>xpm login --no-browser</c> against the sandbox's identity fake, with the test as the browser; then the stored login
/// at work, <c>tenants</c>, and <c>logout</c>. Each test has its own config directory through <c>XPM_CONFIG_DIR</c>.
/// </summary>
public sealed class LoginTests : IDisposable
{
    private const string AuthorizeUrlPrefix = "authorize-url: ";
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private readonly string _config = Directory.CreateTempSubdirectory("xpm-login-tests-").FullName;

    private Dictionary<string, string> Environment => new() { [LoginStore.ConfigDirectoryVariable] = _config };

    public void Dispose() => Directory.Delete(_config, recursive: true);

    [Fact]
    public async Task Login_ThenCommandsUseTheStoredLogin_TenantsListsIt_LogoutRevokesAndForgets()
    {
        // Access tokens that expire within the refresh skew: every command refreshes, so rotation is exercised.
        await using var sandbox = await XpmSandbox.StartAsync(new XpmSandboxOptions { AccessTokenLifetime = TimeSpan.FromMinutes(1) });
        var baseUrl = sandbox.BaseAddress.AbsoluteUri;

        var (login, landing) = await LoginAsync(sandbox, FollowAsBrowserAsync);
        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal(HttpStatusCode.OK, landing);
        Assert.Contains("Logged in. Default tenant:", login.Output, StringComparison.Ordinal);
        Assert.Contains(sandbox.TenantId, login.Output, StringComparison.Ordinal);

        var store = LoginStore.Locate(name => Environment.GetValueOrDefault(name))!;
        var first = await LoadTokensAsync(store);

        // No token in the environment: the stored login is used, and refreshed with rotation twice in a row.
        var outputs = new List<CliResult> { login };
        for (var i = 0; i < 2; i++)
        {
            var staff = await CliRun.RunAsync(Environment, "staff", "list", "--base-url", baseUrl);
            Assert.True(staff.ExitCode == 0, staff.ToString());
            Assert.Equal(DemoSeed.State.Staff.All.Count, PrintedTable.Parse(staff.Output.TrimEnd('\n').Split('\n')).Rows.Count);
            outputs.Add(staff);
        }

        // Logged in against the sandbox's identity fake, commands call the sandbox's API without --base-url.
        var implicitBase = await CliRun.RunAsync(Environment, "staff", "list");
        Assert.True(implicitBase.ExitCode == 0, implicitBase.ToString());
        Assert.Contains(sandbox.BaseAddress.AbsoluteUri, login.Error, StringComparison.Ordinal);

        var rotated = await LoadTokensAsync(store);
        Assert.NotEqual(first.RefreshToken, rotated.RefreshToken);

        // XPM_ACCESS_TOKEN wins over the stored login, and still takes its default tenant.
        var fromEnvironment = await CliRun.RunAsync(
            new Dictionary<string, string>(Environment) { ["XPM_ACCESS_TOKEN"] = sandbox.AccessToken },
            "staff", "list", "--base-url", baseUrl);
        Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
        Assert.Equal(rotated, await LoadTokensAsync(store));

        var table = await CliRun.RunAsync(Environment, "tenants");
        Assert.True(table.ExitCode == 0, table.ToString());
        var row = Assert.Single(PrintedTable.Parse(table.Output.TrimEnd('\n').Split('\n')).Rows);
        Assert.Equal(sandbox.TenantId, row["Tenant ID"]);
        Assert.Equal("Yes", row["Default"]);

        var json = await CliRun.RunAsync(Environment, "tenants", "-o", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var document = JsonDocument.Parse(json.Output))
        {
            var tenant = Assert.Single(document.RootElement.EnumerateArray().ToList());
            Assert.Equal(sandbox.TenantId, tenant.GetProperty("tenantId").GetString());
            Assert.False(string.IsNullOrEmpty(tenant.GetProperty("tenantName").GetString()));
            Assert.True(tenant.GetProperty("default").GetBoolean());
        }

        var unknown = await CliRun.RunAsync(Environment, "tenants", "use", "00000000-0000-0000-0000-000000000000");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains(sandbox.TenantId, unknown.Error, StringComparison.Ordinal);
        var use = await CliRun.RunAsync(Environment, "tenants", "use", sandbox.TenantId.ToUpperInvariant());
        Assert.True(use.ExitCode == 0, use.ToString());
        outputs.AddRange([table, json, unknown, use]);

        // Kept for the user only, encrypted, and never printed.
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.KeyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.SettingsPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.TokensDirectory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.OpenTokens().GetPath(LoginStore.TokenKey)));
        }

        var tokenFile = await File.ReadAllBytesAsync(store.OpenTokens().GetPath(LoginStore.TokenKey));
        var settingsFile = await File.ReadAllTextAsync(store.SettingsPath);
        foreach (var secret in new[] { first.AccessToken, first.RefreshToken!, rotated.AccessToken, rotated.RefreshToken! })
        {
            Assert.Equal(-1, tokenFile.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)));
            Assert.DoesNotContain(secret, settingsFile, StringComparison.Ordinal);
            Assert.All(outputs, result => Assert.DoesNotContain(secret, result.Output + result.Error, StringComparison.Ordinal));
        }

        var logout = await CliRun.RunAsync(Environment, "logout");
        Assert.True(logout.ExitCode == 0, logout.ToString());
        Assert.Contains("revoked", logout.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(store.SettingsPath));
        Assert.False(File.Exists(store.KeyPath));
        Assert.False(Directory.Exists(store.TokensDirectory));

        var afterwards = await CliRun.RunAsync(Environment, "staff", "list", "--base-url", baseUrl);
        Assert.Equal(2, afterwards.ExitCode);
        Assert.Contains("xpm login", afterwards.Error, StringComparison.Ordinal);
        Assert.Contains("XPM_ACCESS_TOKEN", afterwards.Error, StringComparison.Ordinal);
        Assert.Contains("--sandbox", afterwards.Error, StringComparison.Ordinal);

        // The identity service no longer honours the refresh token logout revoked.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var oauth = new XpmOAuthClient(http, new XpmOAuthOptions { ClientId = "test" }.UseIdentityServer(sandbox.IdentityAddress));
        await Assert.ThrowsAsync<XpmReconnectRequiredException>(() => oauth.RefreshAsync(rotated.RefreshToken!));

        var again = await CliRun.RunAsync(Environment, "logout");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Not logged in", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshTokenSpentElsewhere_ExitsThreeAskingForLoginAgain()
    {
        await using var sandbox = await XpmSandbox.StartAsync(new XpmSandboxOptions { AccessTokenLifetime = TimeSpan.FromMinutes(1) });
        var (login, _) = await LoginAsync(sandbox, FollowAsBrowserAsync);
        Assert.True(login.ExitCode == 0, login.ToString());

        // Another copy of the login refreshes first: the stored refresh token is rotated away.
        var store = LoginStore.Locate(name => Environment.GetValueOrDefault(name))!;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var oauth = new XpmOAuthClient(http, new XpmOAuthOptions { ClientId = "test" }.UseIdentityServer(sandbox.IdentityAddress));
        await oauth.RefreshAsync((await LoadTokensAsync(store)).RefreshToken!);

        var result = await CliRun.RunAsync(Environment, "staff", "list", "--base-url", sandbox.BaseAddress.AbsoluteUri);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("run xpm login again", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        CliRun.AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task RedirectWithAccessDenied_ExitsThree_AndStoresNothing()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var (login, landing) = await LoginAsync(sandbox, async (http, authorize) =>
        {
            // The user declined on the consent page: the identity service redirects back with error=access_denied.
            var query = HttpUtility.ParseQueryString(authorize.Query);
            var redirect = $"{query["redirect_uri"]}?error=access_denied&error_description={Uri.EscapeDataString("The user declined")}&state={Uri.EscapeDataString(query["state"]!)}";
            using var response = await http.GetAsync(redirect);
            return response.StatusCode;
        });

        Assert.Equal(3, login.ExitCode);
        Assert.Equal(HttpStatusCode.BadRequest, landing);
        Assert.Contains("access_denied", login.Error, StringComparison.Ordinal);
        Assert.Contains("The user declined", login.Error, StringComparison.Ordinal);
        CliRun.AssertNoStackTrace(login.Error);
        Assert.False(File.Exists(Path.Combine(_config, "login.json")));
    }

    [Fact]
    public async Task RedirectWithAnotherState_IsRefused_AndTheCodeIsNotExchanged()
    {
        await using var sandbox = await XpmSandbox.StartAsync();
        Uri? forged = null;

        var (login, landing) = await LoginAsync(sandbox, async (http, authorize) =>
        {
            using var approve = await http.GetAsync(authorize);
            var location = approve.Headers.Location!;
            var query = HttpUtility.ParseQueryString(location.Query);
            forged = new Uri($"{location.GetLeftPart(UriPartial.Path)}?code={Uri.EscapeDataString(query["code"]!)}&state=forged");
            using var response = await http.GetAsync(forged);
            return response.StatusCode;
        });

        Assert.Equal(3, login.ExitCode);
        Assert.Equal(HttpStatusCode.BadRequest, landing);
        Assert.Contains("state does not match", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_config, "login.json")));
    }

    [Fact]
    public async Task NoRedirectInTime_ExitsThree()
    {
        await using var sandbox = await XpmSandbox.StartAsync();

        var (login, _) = await LoginAsync(sandbox, browse: null, "--timeout", "1");

        Assert.Equal(3, login.ExitCode);
        Assert.Contains("No redirect arrived within 1 seconds", login.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoClientId_IsAUsageErrorNamingTheVariable_AndTheVariableIsEnough()
    {
        var missing = await CliRun.RunAsync(Environment, "login", "--no-browser");

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("XPM_CLIENT_ID", missing.Error, StringComparison.Ordinal);
        Assert.Contains("--client-id", missing.Error, StringComparison.Ordinal);

        await using var sandbox = await XpmSandbox.StartAsync();
        var (login, _) = await LoginAsync(sandbox, FollowAsBrowserAsync, clientIdFromEnvironment: true);
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    [Fact]
    public async Task TenantsWithoutLogin_IsAUsageError()
    {
        var result = await CliRun.RunAsync(Environment, "tenants");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xpm login", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The browser: approves on the identity fake (no auto-redirect), then GETs the loopback redirect.</summary>
    private static async Task<HttpStatusCode> FollowAsBrowserAsync(HttpClient http, Uri authorize)
    {
        using var approve = await http.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        using var landing = await http.GetAsync(approve.Headers.Location!);
        return landing.StatusCode;
    }

    private Task<(CliResult Result, HttpStatusCode? Landing)> LoginAsync(XpmSandbox sandbox, Func<HttpClient, Uri, Task<HttpStatusCode>>? browse, params string[] extra) =>
        LoginAsync(sandbox, browse, clientIdFromEnvironment: false, extra);

    /// <summary>Runs <c>xpm login --no-browser</c> in process and, once it prints the authorize URL, lets <paramref name="browse"/> act as the browser.</summary>
    private async Task<(CliResult Result, HttpStatusCode? Landing)> LoginAsync(
        XpmSandbox sandbox, Func<HttpClient, Uri, Task<HttpStatusCode>>? browse, bool clientIdFromEnvironment, params string[] extra)
    {
        var environment = Environment;
        var args = new List<string> { "login", "--no-browser", "--identity-url", sandbox.IdentityAddress.AbsoluteUri };
        if (clientIdFromEnvironment)
        {
            environment["XPM_CLIENT_ID"] = "test";
        }
        else
        {
            args.AddRange(["--client-id", "test"]);
        }

        args.AddRange(extra.Contains("--timeout") ? extra : [.. extra, "--timeout", "30"]);
        using var cancellation = new CancellationTokenSource(TestTimeout);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var watchedOutput = TextWriter.Synchronized(output);
        var run = CliApp.RunAsync([.. args], watchedOutput, TextWriter.Synchronized(error), name => environment.GetValueOrDefault(name), cancellation.Token);

        HttpStatusCode? landing = null;
        var authorize = await WaitForAuthorizeUrlAsync(output, watchedOutput, run, cancellation.Token);
        if (browse is not null)
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
            landing = await browse(http, authorize);
        }

        var exitCode = await run;
        return (new CliResult(exitCode, output.ToString(), error.ToString()), landing);
    }

    /// <summary>Polls the output for the <c>authorize-url:</c> line, as a script reading standard output would.</summary>
    private static async Task<Uri> WaitForAuthorizeUrlAsync(StringWriter output, TextWriter gate, Task<int> run, CancellationToken cancellationToken)
    {
        while (true)
        {
            string text;
            lock (gate)
            {
                text = output.ToString();
            }

            // Only a whole line counts: the URL is complete once its line break is written.
            var start = text.StartsWith(AuthorizeUrlPrefix, StringComparison.Ordinal) ? 0 : text.IndexOf("\n" + AuthorizeUrlPrefix, StringComparison.Ordinal) + 1;
            var end = start > 0 || text.StartsWith(AuthorizeUrlPrefix, StringComparison.Ordinal) ? text.IndexOf('\n', start) : -1;
            if (end > 0)
            {
                return new Uri(text[(start + AuthorizeUrlPrefix.Length)..end].Trim());
            }

            Assert.False(run.IsCompleted, "xpm login ended before printing the authorize URL: exit " + (run.IsCompletedSuccessfully ? run.Result : -1) + "\n" + text);
            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<XpmTokenSet> LoadTokensAsync(LoginStore store) =>
        await store.OpenTokens().LoadAsync(LoginStore.TokenKey, CancellationToken.None) ?? throw new InvalidOperationException("No tokens stored.");
}
