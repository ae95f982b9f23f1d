using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>
/// Base of the contract tests: an empty journal before each test, and the generated public client
/// pointed at the fixture's WireMock.
/// </summary>
[Collection(WireMockCollection.Name)]
public abstract class ContractTestBase : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    protected ContractTestBase(WireMockServer server)
    {
        Server = server;
        Xpm = CreateClient();
    }

    /// <summary>The shared WireMock.</summary>
    protected WireMockServer Server { get; }

    /// <summary>A client for the tenant and token the stubs accept.</summary>
    protected XpmClient Xpm { get; }

    /// <summary>Cancels a test that hangs.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <inheritdoc />
    public Task InitializeAsync() => Server.ResetJournalAsync();

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _http.Dispose();
        _timeout.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Creates a client of the generated API for WireMock, as a consumer would.</summary>
    protected XpmClient CreateClient(string tenantId = ContractData.TenantId, string accessToken = ContractData.AccessToken) =>
        new(_http, new XpmClientOptions
        {
            BaseAddress = Server.BaseAddress,
            TenantId = tenantId,
            AccessTokenProvider = new StaticAccessTokenProvider(accessToken),
            RateLimiter = GenerousLimits(),
        });

    /// <summary>
    /// A limiter of its own per client, with limits no contract test reaches: the tests share one tenant id,
    /// and a 429 or an exhausted minute one stub reports must not pause the others.
    /// </summary>
    internal static XpmRateLimiter GenerousLimits() => new(new XpmRateLimitOptions
    {
        ConcurrentRequestsPerTenant = 1_000,
        RequestsPerWindowPerTenant = 1_000_000,
        RequestsPerWindowPerApp = 1_000_000,
    });

    /// <summary>The one request the client sent, checked for the headers every XPM call carries.</summary>
    protected async Task<RecordedRequest> SingleCallAsync(string method, string relativePath)
    {
        var all = await Server.GetRequestsAsync(Ct);
        Assert.True(
            all.Count == 1,
            $"Expected the client to send exactly one request but WireMock recorded {all.Count}:{Environment.NewLine}" +
            string.Join(Environment.NewLine, all.Select(r => $"  {r.Method} {r.Url} (matched a stub: {r.WasMatched})")));
        var request = await Server.SingleRequestAsync(method, relativePath, Ct);
        Assert.True(request.WasMatched, $"{method} {request.Url} matched no stub");
        Assert.Equal(ContractData.TenantId, request.Header("xero-tenant-id"));
        Assert.Equal("Bearer " + ContractData.AccessToken, request.Header("Authorization"));
        return request;
    }

    /// <summary>Checks that a write request carries an XML body with the given root and returns the root.</summary>
    protected static XElement XmlBody(RecordedRequest request, string rootName)
    {
        var contentType = request.Header("Content-Type");
        Assert.NotNull(contentType);
        Assert.Contains("xml", contentType, StringComparison.OrdinalIgnoreCase);
        Assert.False(request.Body.StartsWith('\uFEFF'), "The XML body starts with a byte order mark.");
        var root = request.BodyAsXml().Root;
        Assert.NotNull(root);
        Assert.Equal(rootName, root.Name.LocalName);
        Assert.Equal(XNamespace.None, root.Name.Namespace);
        return root;
    }

    /// <summary>The trimmed text of a child element, or <see langword="null"/> when it is absent.</summary>
    protected static string? Child(XElement parent, string name) => parent.Element(name)?.Value.Trim();
}
