using System;
using System.Linq;
using System.Threading.Tasks;
using static XpmGen.Sandbox.Tests.JobScenarioTests;

namespace XpmGen.Sandbox.Tests;

/// <summary>The read-only catalogues jobs are built from: templates, job states, categories and the task catalogue.</summary>
public sealed class CatalogueScenarioTests
{
    [Scenario]
    public async Task The_catalogues_list_what_the_practice_defines()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        Assert.Equal(["Brochure"], (await xpm.Templates.ListAsync()).Select(t => t.Name));
        Assert.Equal(["Planned", "In Progress", "Completed", "Cancelled"], (await xpm.JobStates.ListAsync()).Select(s => s.Name));
        Assert.Equal([JobPractice.CategoryDesign], (await xpm.Categories.ListAsync()).Select(c => c.Uuid));
        Assert.Equal(["Concept", "Design", "Prepare accounts"], (await xpm.Tasks.ListAsync()).Select(t => t.Name));

        var task = await xpm.Tasks.GetAsync(JobPractice.TaskConcept.ToUpperInvariant());
        Assert.Equal("Concept", task.Name);
        Assert.Equal("First ideas", task.Description);
        await AssertRefused("Invalid task identifier", () => xpm.Tasks.GetAsync(Guid.NewGuid().ToString()));
    }

    [Scenario]
    public async Task An_empty_practice_has_empty_catalogues()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: true);
        var xpm = sandbox.CreateClient();

        Assert.Empty(await xpm.Templates.ListAsync());
        Assert.Empty(await xpm.JobStates.ListAsync());
        Assert.Empty(await xpm.Categories.ListAsync());
        Assert.Empty(await xpm.Tasks.ListAsync());
    }
}
