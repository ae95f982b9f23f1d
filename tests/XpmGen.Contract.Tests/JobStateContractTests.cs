using System.Linq;
using System.Net;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>jobstate.api: <c>xpm.JobStates</c>. Only Xero's OpenAPI describes it; the XML names JobStates/JobState are inferred.</summary>
[Collection(WireMockCollection.Name)]
public sealed class JobStateContractTests : ContractTestBase
{
    public JobStateContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_every_job_state()
    {
        var states = await Xpm.JobStates.ListAsync(Ct);

        var request = await SingleCallAsync("GET", "jobstate.api/list");
        Assert.Empty(request.Query);

        Assert.Equal(new[] { "Planned", "In Progress", "Waiting on Client", "Completed" }, states.Select(s => s.Name));
        Assert.Equal("0b2d4f6a-8c1e-4a3b-9d5f-7e9a1c3e5b60", states[0].Uuid);
        Assert.Equal("9d1f3b5d-7a6c-4e8b-b0d2-4f6a8c0e2a93", states[3].Uuid);
    }

    [Fact]
    public async Task List_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        const string Error = """
            {
              "priority": 1,
              "request": {
                "method": "GET",
                "urlPath": "/practicemanager/3.1/jobstate.api/list",
                "headers": { "xero-tenant-id": { "equalTo": "3b1be89e-f411-4cf9-9bde-a3eb08a8e897" } }
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "0c6e8a2f-4b1d-4e7a-9c3f-5d8b2a6e1f40" },
                "body": "<Response api-method=\"List\">\n  <Status>ERROR</Status>\n  <ErrorDescription>Job states are not available for this practice</ErrorDescription>\n</Response>\n"
              }
            }
            """;
        XpmApiException error;
        await using (await Server.AddMappingAsync(Error, Ct))
        {
            error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.JobStates.ListAsync(Ct));
        }

        Assert.Equal("Job states are not available for this practice", error.ErrorDescription);
        Assert.Equal("List", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("0c6e8a2f-4b1d-4e7a-9c3f-5d8b2a6e1f40", error.CorrelationId);
        await SingleCallAsync("GET", "jobstate.api/list");
    }
}
