using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace XpmGen.Sandbox.Tests;

/// <summary>What Xero's gateway does before XPM sees a call, spoken to in raw HTTP as any language's client would.</summary>
public sealed class GatewayTests
{
    [Fact]
    public async Task A_call_without_a_bearer_token_gets_401_in_Xeros_problem_shape()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.BaseAddress, "client.api/list"));
        request.Headers.Add("xero-tenant-id", sandbox.TenantId);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Headers.WwwAuthenticate, static h => h.Scheme == "Bearer");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Title\":\"Unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains("\"Status\":401", body, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("xero-correlation-id"));
    }

    [Fact]
    public async Task A_wrong_token_gets_401_and_a_wrong_tenant_gets_403()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient();

        using var wrongToken = await SendAsync(http, sandbox, "client.api/list", token: "not-a-sandbox-token", tenant: sandbox.TenantId);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);

        using var wrongTenant = await SendAsync(http, sandbox, "client.api/list", token: sandbox.AccessToken, tenant: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Forbidden, wrongTenant.StatusCode);
        var body = await wrongTenant.Content.ReadAsStringAsync();
        Assert.Contains("\"Detail\":\"AuthenticationUnsuccessful\"", body, StringComparison.Ordinal);

        using var noTenant = await SendAsync(http, sandbox, "client.api/list", token: sandbox.AccessToken, tenant: null);
        Assert.Equal(HttpStatusCode.Forbidden, noTenant.StatusCode);
    }

    [Fact]
    public async Task Every_answer_carries_the_three_limit_headers_and_they_count_down()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient();

        using var first = await SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);
        using var second = await SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);

        foreach (var name in new[] { "X-MinLimit-Remaining", "X-DayLimit-Remaining", "X-AppMinLimit-Remaining" })
        {
            Assert.True(first.Headers.Contains(name), name);
        }

        Assert.Equal(59, int.Parse(first.Headers.GetValues("X-MinLimit-Remaining").Single()));
        Assert.Equal(58, int.Parse(second.Headers.GetValues("X-MinLimit-Remaining").Single()));
        Assert.Equal(4998, int.Parse(second.Headers.GetValues("X-DayLimit-Remaining").Single()));
    }

    [Fact]
    public async Task An_unknown_path_is_404_and_a_wrong_method_is_405_both_with_an_envelope()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        using var http = new HttpClient();

        using var unknown = await SendAsync(http, sandbox, "client.api/nothing-here", sandbox.AccessToken, sandbox.TenantId);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("ERROR", XDocument.Parse(await unknown.Content.ReadAsStringAsync()).Root!.Element("Status")!.Value);

        using var wrongMethod = await SendAsync(http, sandbox, "client.api/list", sandbox.AccessToken, sandbox.TenantId, HttpMethod.Delete);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("GET", wrongMethod.Content.Headers.Allow);
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_and_the_sandbox_stays_up()
    {
        await using var sandbox = await TestSandbox.StartAsync(new XpmSandboxOptions { MaxRequestBodySize = 4096 });
        using var http = new HttpClient();
        var huge = "<Client><Name>" + new string('x', 10_000) + "</Name></Client>";

        using var refused = await SendAsync(http, sandbox, "client.api/add", sandbox.AccessToken, sandbox.TenantId, HttpMethod.Post, huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);

        using var after = await SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Injected_faults_answer_503_for_the_configured_share()
    {
        await using var sandbox = await TestSandbox.StartAsync(new XpmSandboxOptions { ServiceUnavailableRate = 1, FaultSeed = 7 });
        using var http = new HttpClient();

        using var response = await SendAsync(http, sandbox, "category.api/list", sandbox.AccessToken, sandbox.TenantId);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("\"Status\":503", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, XpmSandbox sandbox, string path, string? token, string? tenant, HttpMethod? method = null, string? body = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, new Uri(sandbox.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (tenant is not null)
        {
            request.Headers.Add("xero-tenant-id", tenant);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/xml");
        }

        return await http.SendAsync(request);
    }
}
