using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The costs of a job: <c>xpm.Jobs.Costs</c> (job.api/costs/{job}, job.api/cost).</summary>
[Collection(WireMockCollection.Name)]
public sealed class JobCostContractTests : ContractTestBase
{
    public JobCostContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_every_cost_of_the_job()
    {
        var costs = await Xpm.Jobs.Costs.ListAsync(ContractData.JobNumber, Ct);

        var request = await SingleCallAsync("GET", "job.api/costs/" + ContractData.JobNumber);
        Assert.Empty(request.Query);

        Assert.Equal(2, costs.Count);
        var fee = costs[0];
        Assert.Equal(JobContractData.CostUuid, fee.Uuid);
        Assert.Equal(new DateTime(2009, 8, 18), fee.Date);
        Assert.Equal("Companies Office annual return fee", fee.Description);
        Assert.Equal("CO-FEE", fee.Code);
        Assert.Null(fee.Note); // <Note />
        Assert.Equal(1m, fee.Quantity);
        Assert.Equal(45.00m, fee.UnitCost);
        Assert.Equal(51.75m, fee.UnitPrice);
        Assert.True(fee.Billable);
        Assert.Null(fee.Supplier);

        var courier = costs[1];
        Assert.Equal("d7e9f1a3-5c2b-4e8d-b6a0-9f1e3c5d7b2a", courier.Uuid);
        Assert.Null(courier.Code); // <Code />
        Assert.Equal("Overnight bag to Tauranga", courier.Note);
        Assert.Equal(2.5m, courier.Quantity);
        Assert.Equal(12.40m, courier.UnitCost);
        Assert.Equal(15.00m, courier.UnitPrice);
        Assert.False(courier.Billable);
        Assert.Equal("4f6a8c0e-2d1b-4a3c-b5e7-9d1f3b5a7c80", courier.Supplier?.Uuid);
        Assert.Equal("Swift Couriers Ltd", courier.Supplier?.Name);
    }

    [Fact]
    public async Task List_of_a_job_without_costs_is_empty()
    {
        var costs = await Xpm.Jobs.Costs.ListAsync(JobContractData.BareJobNumber, Ct);

        await SingleCallAsync("GET", "job.api/costs/" + JobContractData.BareJobNumber);
        Assert.Empty(costs);
    }

    [Fact]
    public async Task Add_posts_a_Cost_with_the_job_number_and_a_yyyyMMdd_date()
    {
        var costUuid = await Xpm.Jobs.Costs.AddAsync(
            new JobCostAddRequest
            {
                Job = ContractData.JobNumber,
                Date = new DateOnly(2009, 10, 23),
                Description = "Land title search",
                Code = "LINZ",
                Note = "Title for 12 Karaka Lane",
                Quantity = 2m,
                UnitCost = 10.35m,
                UnitPrice = 12.00m,
                Billable = false,
            },
            Ct);

        Assert.Equal("4b8e2d6f-0a1c-4e3b-9d5f-7c2a6e8b0d14", costUuid);

        var request = await SingleCallAsync("POST", "job.api/cost");
        var body = XmlBody(request, "Cost");
        Assert.Equal(ContractData.JobNumber, Child(body, "Job"));
        Assert.Equal("20091023", Child(body, "Date"));
        Assert.Equal("Land title search", Child(body, "Description"));
        Assert.Equal("LINZ", Child(body, "Code"));
        Assert.Equal("Title for 12 Karaka Lane", Child(body, "Note"));
        Assert.Equal("2", Child(body, "Quantity"));
        Assert.Equal("10.35", Child(body, "UnitCost"));
        Assert.Equal("12.00", Child(body, "UnitPrice"));
        Assert.Equal("false", Child(body, "Billable"));
        Assert.Null(body.Element("UUID"));
        Assert.Null(body.Element("SupplierUUID"));
    }

    [Fact]
    public async Task Update_puts_a_Cost_naming_the_job_cost_by_UUID()
    {
        var costUuid = await Xpm.Jobs.Costs.UpdateAsync(
            new JobCostUpdateRequest
            {
                Uuid = JobContractData.CostUuid,
                Date = new DateOnly(2009, 8, 18),
                Description = "Companies Office annual return fee",
                Code = "CO-FEE",
                Quantity = 1m,
                UnitCost = 50.00m,
                UnitPrice = 57.50m,
            },
            Ct);

        Assert.Equal("a2c4e6f8-1b3d-4f5a-9c7e-0d2b4f6a8c1e", costUuid);

        var request = await SingleCallAsync("PUT", "job.api/cost");
        var body = XmlBody(request, "Cost");
        Assert.Equal(JobContractData.CostUuid, Child(body, "UUID"));
        Assert.Null(body.Element("Job"));
        Assert.Equal("20090818", Child(body, "Date"));
        Assert.Equal("50.00", Child(body, "UnitCost"));
        Assert.Equal("57.50", Child(body, "UnitPrice"));
        Assert.Null(body.Element("Billable")); // left out: XPM's default applies
        Assert.Equal(new[] { "UUID", "Date", "Description", "Code", "Quantity", "UnitCost", "UnitPrice" }, body.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task List_of_an_unknown_job_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Jobs.Costs.ListAsync(ContractData.UnknownJobNumber, Ct));

        Assert.Equal("Invalid job identifier", error.ErrorDescription);
        Assert.Equal("Costs", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        await SingleCallAsync("GET", "job.api/costs/" + ContractData.UnknownJobNumber);
    }
}
