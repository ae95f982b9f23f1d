using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The relationship endpoints of client.api: <c>xpm.Clients.Relationships</c>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ClientRelationshipContractTests : ContractTestBase
{
    public ClientRelationshipContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Add_posts_a_Relationship_document_with_flat_UUIDs_and_reads_the_relationship()
    {
        var added = await Xpm.Clients.Relationships.AddAsync(
            new ClientRelationshipAddRequest
            {
                ClientUuid = ContractData.OkaforClientUuid,
                RelatedClientUuid = ContractData.TuiStreetClientUuid,
                Type = "Partner",
                Percentage = 25.00m,
                StartDate = new DateOnly(2024, 4, 1),
            },
            Ct);

        var request = await SingleCallAsync("POST", "client.api/addrelationship");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Relationship");
        Assert.Equal(
            new[] { "ClientUUID", "RelatedClientUUID", "Type", "Percentage", "StartDate" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ContractData.OkaforClientUuid, Child(body, "ClientUUID"));
        Assert.Equal(ContractData.TuiStreetClientUuid, Child(body, "RelatedClientUUID"));
        Assert.Equal("Partner", Child(body, "Type"));
        Assert.Equal("25.00", Child(body, "Percentage"));
        Assert.Equal("2024-04-01", Child(body, "StartDate")); // relationships take yyyy-MM-dd, not yyyyMMdd

        Assert.NotNull(added);
        Assert.Equal(ClientContractData.PartnerRelationshipUuid, added.Uuid);
        Assert.Equal(ContractData.OkaforClientUuid, added.Client?.Uuid);
        Assert.Equal("M. Okafor", added.Client?.Name);
        Assert.Equal(ContractData.TuiStreetClientUuid, added.RelatedClient?.Uuid);
        Assert.Equal("Tui Street Bakery Ltd", added.RelatedClient?.Name);
        Assert.Equal("Partner", added.RelationshipType?.Name);
        Assert.Null(added.RelationshipType?.Uuid);
        Assert.Equal(0, added.NumberOfShares);
        Assert.Equal(25.00m, added.Percentage);
        Assert.Equal(new DateOnly(2024, 4, 1), added.StartDate);
        Assert.Null(added.EndDate);
    }

    [Fact]
    public async Task Update_puts_a_Relationship_document_with_its_UUID_and_reads_the_relationship()
    {
        var updated = await Xpm.Clients.Relationships.UpdateAsync(
            new ClientRelationshipUpdateRequest
            {
                Uuid = ClientContractData.ShareholderRelationshipUuid,
                NumberOfShares = 1500,
                EndDate = new DateOnly(2026, 3, 31),
            },
            Ct);

        var request = await SingleCallAsync("PUT", "client.api/updaterelationship");
        var body = XmlBody(request, "Relationship");
        Assert.Equal(new[] { "UUID", "NumberOfShares", "EndDate" }, body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ClientContractData.ShareholderRelationshipUuid, Child(body, "UUID"));
        Assert.Equal("1500", Child(body, "NumberOfShares"));
        Assert.Equal("2026-03-31", Child(body, "EndDate"));

        Assert.NotNull(updated);
        Assert.Equal(ClientContractData.ShareholderRelationshipUuid, updated.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", updated.Client?.Name);
        Assert.Equal(ClientContractData.WhitfieldHoldingsClientUuid, updated.RelatedClient?.Uuid);
        Assert.Equal("Shareholder", updated.RelationshipType?.Name);
        Assert.Equal(1500, updated.NumberOfShares);
        Assert.Equal(0m, updated.Percentage);
        Assert.Equal(new DateOnly(2011, 1, 1), updated.StartDate); // written as a date-time here
        Assert.Equal(new DateOnly(2026, 3, 31), updated.EndDate);
    }

    [Fact]
    public async Task Update_of_an_unknown_relationship_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Clients.Relationships.UpdateAsync(
            new ClientRelationshipUpdateRequest { Uuid = ClientContractData.UnknownRelationshipUuid, NumberOfShares = 10 },
            Ct));

        Assert.Equal("Relationship not found", error.ErrorDescription);
        Assert.Equal("UpdateRelationship", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Put, error.Method);

        await SingleCallAsync("PUT", "client.api/updaterelationship");
    }

    [Fact]
    public async Task Delete_posts_only_the_UUID_and_reads_a_status_only_response_as_null()
    {
        var deleted = await Xpm.Clients.Relationships.DeleteAsync(
            new ClientRelationshipUuidRequest { Uuid = ClientContractData.PartnerRelationshipUuid },
            Ct);

        var request = await SingleCallAsync("POST", "client.api/deleterelationship");
        var body = XmlBody(request, "Relationship");
        var only = Assert.Single(body.Elements());
        Assert.Equal("UUID", only.Name.LocalName);
        Assert.Equal(ClientContractData.PartnerRelationshipUuid, only.Value.Trim());
        Assert.Null(deleted);
    }
}
