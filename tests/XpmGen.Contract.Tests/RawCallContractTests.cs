using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The escape hatch: calls the schema does not describe still get the token, tenant, envelope and error checks.</summary>
[Collection(WireMockCollection.Name)]
public sealed class RawCallContractTests : ContractTestBase
{
    public RawCallContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task A_raw_get_returns_the_payload_xml_and_the_web_url()
    {
        var response = await Xpm.SendRawAsync(HttpMethod.Get, "client.api/get/" + ContractData.KowhaiClientUuid, cancellationToken: Ct);

        Assert.Equal("Client", response.Payload!.Name.LocalName);
        Assert.Equal(ContractData.KowhaiClientUuid, (string?)response.Payload.Element("UUID"));
        Assert.Equal("https://practicemanager.xero.com/Client/4417/Detail", response.WebUrl);
        await SingleCallAsync("GET", "client.api/get/" + ContractData.KowhaiClientUuid);
    }

    [Fact]
    public async Task A_raw_post_sends_the_body_and_query_as_given()
    {
        await using var stub = await Server.AddMappingAsync(
            """
            {
              "priority": 1,
              "request": {
                "method": "POST",
                "urlPath": "/practicemanager/3.1/future.api/add",
                "queryParameters": { "notify": { "equalTo": "true" } },
                "bodyPatterns": [ { "matchesXPath": "/Future[Name='Next year']" } ]
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8" },
                "body": "<Response api-method=\"Add\"><Status>OK</Status><Future><UUID>5e5e5e5e-0000-4000-8000-000000000005</UUID></Future></Response>"
              }
            }
            """,
            Ct);

        var response = await Xpm.SendRawAsync(
            HttpMethod.Post,
            "future.api/add",
            new[] { new KeyValuePair<string, string>("notify", "true") },
            new XElement("Future", new XElement("Name", "Next year")),
            Ct);

        Assert.Equal("5e5e5e5e-0000-4000-8000-000000000005", (string?)response.Payload!.Element("UUID"));
        Assert.Equal("Add", response.ApiMethod);
        var request = await SingleCallAsync("POST", "future.api/add");
        Assert.Equal("Next year", (string?)request.BodyAsXml().Root!.Element("Name"));
    }

    [Fact]
    public async Task A_raw_call_reports_an_error_envelope_like_any_call()
    {
        var ex = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.SendRawAsync(HttpMethod.Get, "job.api/get/" + ContractData.UnknownJobNumber, cancellationToken: Ct));

        Assert.Equal("Invalid job identifier", ex.ErrorDescription);
    }
}
