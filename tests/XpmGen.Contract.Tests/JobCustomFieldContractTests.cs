using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>Custom field values of jobs, job tasks and job costs (job.api/get|update/{job}/customfield, task/{uuid}/customfield, cost/{uuid}/customfield).</summary>
[Collection(WireMockCollection.Name)]
public sealed class JobCustomFieldContractTests : ContractTestBase
{
    public JobCustomFieldContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task GetCustomFields_of_a_job_reads_every_kind_of_value()
    {
        var fields = await Xpm.Jobs.GetCustomFieldsAsync(ContractData.JobNumber, Ct);

        var request = await SingleCallAsync("GET", "job.api/get/" + ContractData.JobNumber + "/customfield");
        Assert.Empty(request.Query);

        Assert.Equal(5, fields.Count);
        Assert.Equal("53338270-7a1c-4e2b-9d5f-0c3e6a8b1d24", fields[0].Uuid);
        Assert.Equal("Engagement Letter Signed", fields[0].Name);
        Assert.Equal(new DateTime(2009, 6, 22), fields[0].Date);
        Assert.Null(fields[0].Text);
        Assert.Equal(3m, fields[1].Number);
        Assert.Equal(1250.50m, fields[2].Decimal);
        Assert.True(fields[3].Boolean);
        Assert.Equal("Extension of time until 31 March", fields[4].Text);
        Assert.Null(fields[4].Boolean);
    }

    [Fact]
    public async Task GetCustomFields_of_a_job_without_values_is_empty()
    {
        var fields = await Xpm.Jobs.GetCustomFieldsAsync(JobContractData.BareJobNumber, Ct);

        await SingleCallAsync("GET", "job.api/get/" + JobContractData.BareJobNumber + "/customfield");
        Assert.Empty(fields);
    }

    [Fact]
    public async Task UpdateCustomFields_of_a_job_puts_a_CustomFields_body()
    {
        await Xpm.Jobs.UpdateCustomFieldsAsync(
            ContractData.JobNumber,
            new CustomFieldValuesUpdate
            {
                Fields =
                {
                    new CustomFieldValueUpdate { Uuid = "53338270-7a1c-4e2b-9d5f-0c3e6a8b1d24", Date = new DateOnly(2009, 6, 23) },
                    new CustomFieldValueUpdate { Uuid = "b630926a-4c8e-4b1d-a3f7-5e9d2c6a0b83", Number = 4 },
                    new CustomFieldValueUpdate { Uuid = "295dce11-8f3b-4a6e-b2d0-4c7e9a1f3b58", Boolean = false },
                },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/update/" + ContractData.JobNumber + "/customfield");
        var body = XmlBody(request, "CustomFields");
        var fields = body.Elements().ToList();
        Assert.All(fields, f => Assert.Equal("CustomField", f.Name.LocalName));
        Assert.Equal(3, fields.Count);
        Assert.Equal("53338270-7a1c-4e2b-9d5f-0c3e6a8b1d24", Child(fields[0], "UUID"));
        Assert.Equal("20090623", Child(fields[0], "Date"));
        Assert.Equal("4", Child(fields[1], "Number"));
        Assert.Equal("false", Child(fields[2], "Boolean"));
        Assert.Null(fields[2].Element("Text"));
    }

    [Fact]
    public async Task Tasks_GetCustomFields_reads_the_single_value_of_a_job_task()
    {
        var fields = await Xpm.Jobs.Tasks.GetCustomFieldsAsync(JobContractData.PrepareTaskUuid, Ct);

        await SingleCallAsync("GET", "job.api/task/" + JobContractData.PrepareTaskUuid + "/customfield");
        var field = Assert.Single(fields);
        Assert.Equal("a41c7e93-5b2d-4f08-9c6a-e1d3b5f7a920", field.Uuid);
        Assert.Equal("Reviewer Checklist Done", field.Name);
        Assert.False(field.Boolean);
    }

    [Fact]
    public async Task Tasks_UpdateCustomFields_puts_a_CustomFields_body_to_the_job_task()
    {
        await Xpm.Jobs.Tasks.UpdateCustomFieldsAsync(
            JobContractData.PrepareTaskUuid,
            new CustomFieldValuesUpdate { Fields = { new CustomFieldValueUpdate { Uuid = "a41c7e93-5b2d-4f08-9c6a-e1d3b5f7a920", Boolean = true } } },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/task/" + JobContractData.PrepareTaskUuid + "/customfield");
        var field = Assert.Single(XmlBody(request, "CustomFields").Elements("CustomField"));
        Assert.Equal("a41c7e93-5b2d-4f08-9c6a-e1d3b5f7a920", Child(field, "UUID"));
        Assert.Equal("true", Child(field, "Boolean"));
    }

    [Fact]
    public async Task Costs_GetCustomFields_reads_the_values_of_a_job_cost()
    {
        var fields = await Xpm.Jobs.Costs.GetCustomFieldsAsync(JobContractData.CostUuid, Ct);

        await SingleCallAsync("GET", "job.api/cost/" + JobContractData.CostUuid + "/customfield");
        Assert.Equal(2, fields.Count);
        Assert.Equal("Disbursement Category", fields[0].Name);
        Assert.Equal("Government fees", fields[0].Text);
        Assert.Equal(1.15m, fields[1].Decimal);
    }

    [Fact]
    public async Task Costs_UpdateCustomFields_puts_a_CustomFields_body_to_the_job_cost()
    {
        await Xpm.Jobs.Costs.UpdateCustomFieldsAsync(
            JobContractData.CostUuid,
            new CustomFieldValuesUpdate
            {
                Fields =
                {
                    new CustomFieldValueUpdate { Uuid = "6c8e0a2b-4d3f-4b5a-8e7c-1a3c5e7a9b04", Text = "Filing fees" },
                    new CustomFieldValueUpdate { Uuid = "9e1a3c5b-7f6d-4a8c-b0e2-4c6e8a0c2d17", Decimal = 1.20m },
                },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/cost/" + JobContractData.CostUuid + "/customfield");
        var fields = XmlBody(request, "CustomFields").Elements("CustomField").ToList();
        Assert.Equal(2, fields.Count);
        Assert.Equal("Filing fees", Child(fields[0], "Text"));
        Assert.Equal("1.20", Child(fields[1], "Decimal"));
    }

    [Fact]
    public async Task GetCustomFields_of_an_unknown_job_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Jobs.GetCustomFieldsAsync(ContractData.UnknownJobNumber, Ct));

        Assert.Equal("Invalid job identifier", error.ErrorDescription);
        Assert.Equal("CustomField", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        await SingleCallAsync("GET", "job.api/get/" + ContractData.UnknownJobNumber + "/customfield");
    }
}
