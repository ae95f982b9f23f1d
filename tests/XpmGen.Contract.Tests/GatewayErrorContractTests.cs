using System.Net;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>Errors of the Xero gateway in front of XPM: JSON problem bodies, not XPM envelopes.</summary>
[Collection(WireMockCollection.Name)]
public sealed class GatewayErrorContractTests : ContractTestBase
{
    public GatewayErrorContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Expired_token_throws_XpmUnauthorizedException_with_the_gateway_detail()
    {
        var xpm = CreateClient(accessToken: ContractData.ExpiredAccessToken);

        var error = await Assert.ThrowsAsync<XpmUnauthorizedException>(() => xpm.Staff.ListAsync(Ct));

        Assert.IsAssignableFrom<XpmException>(error);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("TokenExpired: token expired at 11/21/2026 06:00:00", error.Detail);
        Assert.Equal("7c1e0a52-4b8f-4d0e-9a61-3f2d8c5b1a12", error.CorrelationId);
        Assert.Contains("staff.api/list", error.Path);

        var requests = await Server.FindRequestsAsync("GET", "staff.api/list", Ct);
        var request = Assert.Single(requests); // an expired static token is not retried
        Assert.Equal("Bearer " + ContractData.ExpiredAccessToken, request.Header("Authorization"));
    }

    [Fact]
    public async Task Unknown_tenant_throws_XpmForbiddenException_with_the_gateway_detail()
    {
        var xpm = CreateClient(tenantId: ContractData.UnknownTenantId);

        var error = await Assert.ThrowsAsync<XpmForbiddenException>(() => xpm.Categories.ListAsync(Ct));

        Assert.IsAssignableFrom<XpmException>(error);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("AuthenticationUnsuccessful", error.Detail);
        Assert.Equal("7c1e0a52-4b8f-4d0e-9a61-3f2d8c5b1a13", error.CorrelationId);

        var request = Assert.Single(await Server.FindRequestsAsync("GET", "category.api/list", Ct));
        Assert.Equal(ContractData.UnknownTenantId, request.Header("xero-tenant-id"));
    }
}
