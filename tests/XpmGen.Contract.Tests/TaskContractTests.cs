using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>task.api: the practice's task catalogue, read as <see cref="CatalogTask"/>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class TaskContractTests : ContractTestBase
{
    public TaskContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_every_task_of_the_TaskList_wrapper()
    {
        var tasks = await Xpm.Tasks.ListAsync(Ct);

        var request = await SingleCallAsync("GET", "task.api/list");
        Assert.Empty(request.Query);
        Assert.Null(request.Header(ContractCaseClient.Header));

        Assert.Equal(new[] { "Prepare Financial Statements", "Review & Sign-off", "GST Return" }, tasks.Select(t => t.Name));
        Assert.Equal(
            new[] { TaskContractData.PrepareFinancialStatementsUuid, TaskContractData.ReviewAndSignOffUuid, TaskContractData.GstReturnUuid },
            tasks.Select(t => t.Uuid));
        Assert.Null(tasks[0].Description); // <Description></Description>
        Assert.Equal("Partner review of the draft accounts and sign-off with the client", tasks[1].Description);
        Assert.Null(tasks[2].Description); // <Description />
    }

    [Fact]
    public async Task List_of_a_catalogue_with_one_task_reads_the_single_item()
    {
        using var single = new ContractCaseClient(Server, "single");

        var tasks = await single.Xpm.Tasks.ListAsync(Ct);

        var only = Assert.Single(tasks);
        Assert.Equal(TaskContractData.GstReturnUuid, only.Uuid);
        Assert.Equal("GST Return", only.Name);
        Assert.Null(only.Description);
        await SingleCallAsync("GET", "task.api/list");
    }

    [Fact]
    public async Task List_of_an_empty_catalogue_reads_an_empty_list()
    {
        using var empty = new ContractCaseClient(Server, "empty");

        var tasks = await empty.Xpm.Tasks.ListAsync(Ct);

        Assert.Empty(tasks);
        await SingleCallAsync("GET", "task.api/list");
    }

    [Fact]
    public async Task Get_reads_one_task_of_the_catalogue()
    {
        var task = await Xpm.Tasks.GetAsync(TaskContractData.ReviewAndSignOffUuid, Ct);

        var request = await SingleCallAsync("GET", "task.api/get/" + TaskContractData.ReviewAndSignOffUuid);
        Assert.Empty(request.Query);

        Assert.Equal(TaskContractData.ReviewAndSignOffUuid, task.Uuid);
        Assert.Equal("Review & Sign-off", task.Name);
        Assert.Equal("Partner review of the draft accounts and sign-off with the client", task.Description);
    }

    [Fact]
    public async Task Get_of_an_unknown_task_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Tasks.GetAsync(TaskContractData.UnknownTaskUuid, Ct));

        Assert.Equal("Invalid task identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("task.api/get/" + TaskContractData.UnknownTaskUuid, error.Path);
        Assert.Equal("c4e7a2b1-9d3f-4e6a-8b5c-2f1e0d9c000e", error.CorrelationId);

        await SingleCallAsync("GET", "task.api/get/" + TaskContractData.UnknownTaskUuid);
    }
}
