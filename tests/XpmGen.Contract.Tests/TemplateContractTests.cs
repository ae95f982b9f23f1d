using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>template.api: the practice's job templates.</summary>
[Collection(WireMockCollection.Name)]
public sealed class TemplateContractTests : ContractTestBase
{
    public TemplateContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_every_template_of_the_Templates_wrapper()
    {
        var templates = await Xpm.Templates.ListAsync(Ct);

        var request = await SingleCallAsync("GET", "template.api/list");
        Assert.Empty(request.Query);
        Assert.Null(request.Header(ContractCaseClient.Header));

        Assert.Equal(3, templates.Count);
        Assert.Equal(TaskContractData.AnnualAccountsTemplateUuid, templates[0].Uuid);
        Assert.Equal("Annual Accounts", templates[0].Name);
        Assert.Equal("5d61b1b7-4301-4187-878b-5eb44715faea", templates[1].Uuid);
        Assert.Equal("GST Return (two-monthly)", templates[1].Name);
        Assert.Equal("789dafd5-73a8-42d7-ade8-ccca9384d6c1", templates[2].Uuid);
        Assert.Equal("Company Incorporation & Setup", templates[2].Name);
    }

    [Fact]
    public async Task List_of_a_practice_with_one_template_reads_the_single_item()
    {
        using var single = new ContractCaseClient(Server, "single");

        var templates = await single.Xpm.Templates.ListAsync(Ct);

        var only = Assert.Single(templates);
        Assert.Equal(TaskContractData.AnnualAccountsTemplateUuid, only.Uuid);
        Assert.Equal("Annual Accounts", only.Name);
        await SingleCallAsync("GET", "template.api/list");
    }

    [Fact]
    public async Task List_of_a_practice_without_templates_reads_an_empty_list()
    {
        using var empty = new ContractCaseClient(Server, "empty");

        var templates = await empty.Xpm.Templates.ListAsync(Ct);

        Assert.Empty(templates);
        await SingleCallAsync("GET", "template.api/list");
    }

    [Fact]
    public async Task List_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        using var failing = new ContractCaseClient(Server, "error");

        var error = await Assert.ThrowsAsync<XpmApiException>(() => failing.Xpm.Templates.ListAsync(Ct));

        Assert.Equal("An error occurred while retrieving the job templates", error.ErrorDescription);
        Assert.Equal("List", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("template.api/list", error.Path);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c0012", error.CorrelationId);

        await SingleCallAsync("GET", "template.api/list");
    }
}
