using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>cost.api through the typed client: the catalogue, paged a thousand items at a time.</summary>
public sealed class CostScenarioTests
{
    [Scenario]
    public async Task Costs_are_added_read_updated_and_deleted()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: true);
        var xpm = sandbox.CreateClient();

        var widget = await xpm.Costs.AddAsync(new CostAddRequest { Description = "Widget", Code = "WID", UnitCost = 100m, UnitPrice = 130m });
        var courier = await xpm.Costs.AddAsync(new CostAddRequest { Description = "Courier", UnitCost = 20m, UnitPrice = 25m });
        Assert.NotNull(widget);
        Assert.Equal("WID", (await xpm.Costs.GetAsync(widget.Uuid!)).Code);
        Assert.Equal([widget.Uuid, courier!.Uuid], (await xpm.Costs.ListAsync(1)).Items.Select(c => c.Uuid));
        Assert.Empty((await xpm.Costs.ListAsync(2)).Items);

        var updated = await xpm.Costs.UpdateAsync(new CostUpdateRequest { Uuid = widget.Uuid, UnitPrice = 150m, Note = "Price rise" });
        Assert.Equal(150m, updated.UnitPrice);
        var reread = await xpm.Costs.GetAsync(widget.Uuid!);
        Assert.Equal("Widget", reread.Description);
        Assert.Equal(100m, reread.UnitCost);
        Assert.Equal("Price rise", reread.Note);

        await xpm.Costs.DeleteAsync(new CostUuidRequest { Uuid = widget.Uuid });
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Costs.GetAsync(widget.Uuid!));
        Assert.Equal("Invalid cost identifier", gone.ErrorDescription);
        Assert.Equal([courier.Uuid], (await xpm.Costs.ListAsync(1)).Items.Select(c => c.Uuid));

        await xpm.Costs.DeleteAllAsync(new CostDeleteAllRequest());
        Assert.Empty((await xpm.Costs.ListAsync(1)).Items);
    }

    [Scenario]
    public async Task ListAll_walks_every_page_of_a_large_catalogue()
    {
        await using var practice = await ArrangedSandbox.StartAsync(state =>
        {
            for (var i = 1; i <= 2345; i++)
            {
                state.Costs.Add(new Cost { Uuid = Guid.NewGuid().ToString(), Description = $"Item {i}", UnitCost = i, UnitPrice = i });
            }
        });
        var xpm = practice.Sandbox.CreateClient();

        Assert.Equal(1000, (await xpm.Costs.ListAsync(1)).Items.Count);
        var last = await xpm.Costs.ListAsync(3);
        Assert.Equal(345, last.Items.Count);
        Assert.True(last.HasMore); // XPM signals the end only with an empty page
        var pastTheEnd = await xpm.Costs.ListAsync(4);
        Assert.Empty(pastTheEnd.Items);
        Assert.False(pastTheEnd.HasMore);

        var all = await xpm.Costs.ListAllAsync().ToListAsync();
        Assert.Equal(2345, all.Count);
        Assert.Equal("Item 1", all[0].Description);
        Assert.Equal("Item 2345", all[^1].Description);
    }

    [Scenario]
    public async Task Cost_writes_that_break_a_rule_are_refused_and_change_nothing()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: true);
        var xpm = sandbox.CreateClient();
        var widget = await xpm.Costs.AddAsync(new CostAddRequest { Description = "Widget", UnitCost = 1m, UnitPrice = 2m });

        var noDescription = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Costs.AddAsync(new CostAddRequest { UnitCost = 1m }));
        Assert.Equal("Message not in expected format. The following required element was missing - /Cost/Description", noDescription.ErrorDescription);

        var unknown = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Costs.UpdateAsync(new CostUpdateRequest { Uuid = Guid.NewGuid().ToString(), UnitPrice = 9m }));
        Assert.Equal("Invalid cost identifier", unknown.ErrorDescription);
        await Assert.ThrowsAsync<XpmApiException>(() => xpm.Costs.DeleteAsync(new CostUuidRequest { Uuid = Guid.NewGuid().ToString() }));

        var page0 = await Assert.ThrowsAsync<XpmApiException>(() => xpm.Costs.ListAsync(0));
        Assert.Contains("page", page0.ErrorDescription, StringComparison.Ordinal);

        Assert.Equal([widget!.Uuid], (await xpm.Costs.ListAsync(1)).Items.Select(c => c.Uuid));
    }
}
