using System;
using System.Threading.Tasks;
using XpmGen.Models;
using static XpmGen.Sandbox.Tests.JobScenarioTests;

namespace XpmGen.Sandbox.Tests;

/// <summary>Costs on jobs through the typed client: add, list, update, custom fields.</summary>
public sealed class JobCostScenarioTests
{
    [Scenario]
    public async Task A_cost_added_to_a_job_is_listed_and_can_be_updated()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var uuid = await xpm.Jobs.Costs.AddAsync(new JobCostAddRequest
        {
            Job = "J000001",
            Date = new DateOnly(2024, 1, 15),
            Description = "Widget",
            Code = "WIDGET",
            Note = "a note about the widget",
            Quantity = 1m,
            UnitCost = 50m,
            UnitPrice = 100m,
        });

        Assert.False(string.IsNullOrEmpty(uuid));
        var cost = Assert.Single(await xpm.Jobs.Costs.ListAsync("J000001"));
        Assert.Equal(uuid, cost.Uuid);
        Assert.Equal(new DateTime(2024, 1, 15), cost.Date);
        Assert.Equal("WIDGET", cost.Code);
        Assert.Equal(100m, cost.UnitPrice);
        Assert.True(cost.Billable);

        var updated = await xpm.Jobs.Costs.UpdateAsync(new JobCostUpdateRequest
        {
            Uuid = uuid,
            Date = new DateOnly(2024, 1, 16),
            Description = "Widgets",
            Quantity = 3m,
            UnitCost = 50m,
            UnitPrice = 90m,
            Billable = false,
        });

        Assert.Equal(uuid, updated);
        cost = Assert.Single(await xpm.Jobs.Costs.ListAsync("J000001"));
        Assert.Equal("Widgets", cost.Description);
        Assert.Equal(3m, cost.Quantity);
        Assert.Equal(90m, cost.UnitPrice);
        Assert.False(cost.Billable);
        Assert.Equal("WIDGET", cost.Code);
        Assert.Empty(await xpm.Jobs.Costs.ListAsync("ABC123"));
    }

    [Scenario]
    public async Task Refused_cost_calls_name_the_problem_and_change_nothing()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await AssertRefused("Invalid job identifier", () => xpm.Jobs.Costs.ListAsync("J404"));
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.Costs.AddAsync(new JobCostAddRequest { Job = "J404", Date = new DateOnly(2024, 1, 1), Description = "X", Quantity = 1m, UnitCost = 1m, UnitPrice = 1m }));
        await AssertRefused("missing - /Cost/UnitPrice", () => xpm.Jobs.Costs.AddAsync(new JobCostAddRequest { Job = "J000001", Date = new DateOnly(2024, 1, 1), Description = "X", Quantity = 1m, UnitCost = 1m }));
        await AssertRefused("Invalid cost identifier", () => xpm.Jobs.Costs.UpdateAsync(new JobCostUpdateRequest { Uuid = Guid.NewGuid().ToString(), Date = new DateOnly(2024, 1, 1), Description = "X", Quantity = 1m, UnitCost = 1m, UnitPrice = 1m }));

        Assert.Empty(await xpm.Jobs.Costs.ListAsync("J000001"));
    }

    [Scenario]
    public async Task Custom_fields_of_a_job_cost_are_set_and_read_back()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var uuid = await xpm.Jobs.Costs.AddAsync(new JobCostAddRequest { Job = "J000001", Date = new DateOnly(2024, 1, 1), Description = "Fee", Quantity = 1m, UnitCost = 1m, UnitPrice = 2m });

        var update = new CustomFieldValuesUpdate();
        update.Fields.Add(new CustomFieldValueUpdate { Uuid = JobPractice.FieldReference, Text = "COST-3" });
        await xpm.Jobs.Costs.UpdateCustomFieldsAsync(uuid!, update);

        Assert.Equal("COST-3", Assert.Single(await xpm.Jobs.Costs.GetCustomFieldsAsync(uuid!)).Text);
        await AssertRefused("Invalid cost identifier", () => xpm.Jobs.Costs.GetCustomFieldsAsync(Guid.NewGuid().ToString()));
    }
}
