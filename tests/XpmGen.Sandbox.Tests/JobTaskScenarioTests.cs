using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;
using static XpmGen.Sandbox.Tests.JobScenarioTests;

namespace XpmGen.Sandbox.Tests;

/// <summary>Tasks on jobs through the typed client: add from the catalogue, update, complete, reopen, reorder, list, custom fields.</summary>
public sealed class JobTaskScenarioTests
{
    [Scenario]
    public async Task A_task_added_to_a_job_appears_in_the_job_and_in_the_task_list_and_can_be_updated()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var uuid = await xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest
        {
            Job = "J000001",
            TaskUuid = JobPractice.TaskDesign,
            Label = "Cover design",
            Description = "Front and back",
            EstimatedMinutes = 90,
            StartDate = new DateOnly(2024, 1, 12),
            DueDate = new DateOnly(2024, 1, 20),
        });

        Assert.False(string.IsNullOrEmpty(uuid));
        var task = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single(t => t.Uuid == uuid);
        Assert.Equal(JobPractice.TaskDesign, task.TaskUuid);
        Assert.Equal("Cover design", task.Name);
        Assert.Equal("Front and back", task.Description);
        Assert.Equal(90, task.EstimatedMinutes);
        Assert.Equal(new DateTime(2024, 1, 20), task.DueDate);
        Assert.False(task.Completed);

        var dueSoon = await xpm.Jobs.Tasks.ListAsync(due: new DateOnly(2024, 1, 31));
        Assert.Equal([uuid], dueSoon.Single().Tasks.Select(t => t.Uuid));

        var updated = await xpm.Jobs.Tasks.UpdateAsync(new JobTaskUpdateRequest { Uuid = uuid, Label = "Cover", EstimatedMinutes = 120, DueDate = new DateOnly(2024, 1, 25) });
        Assert.Equal(uuid, updated);
        task = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single(t => t.Uuid == uuid);
        Assert.Equal("Cover", task.Name);
        Assert.Equal("Front and back", task.Description);
        Assert.Equal(120, task.EstimatedMinutes);
        Assert.Equal(new DateTime(2024, 1, 12), task.StartDate);
        Assert.Equal(new DateTime(2024, 1, 25), task.DueDate);
    }

    [Scenario]
    public async Task Completing_and_reopening_a_task_moves_it_between_the_complete_and_open_lists()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var uuid = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single().Uuid!;

        var job = await xpm.Jobs.Tasks.CompleteAsync(uuid);
        Assert.True(job?.Tasks.Single().Completed);
        Assert.Equal([uuid], (await xpm.Jobs.Tasks.ListAsync(complete: true)).SelectMany(j => j.Tasks).Select(t => t.Uuid));
        Assert.Empty(await xpm.Jobs.Tasks.ListAsync(complete: false));

        await xpm.Jobs.Tasks.ReopenAsync(uuid);
        Assert.False((await xpm.Jobs.GetAsync("J000001")).Tasks.Single().Completed);
        Assert.Empty(await xpm.Jobs.Tasks.ListAsync(complete: true));

        await AssertRefused("Invalid task identifier", () => xpm.Jobs.Tasks.CompleteAsync(Guid.NewGuid().ToString()));
    }

    [Scenario]
    public async Task Reorder_puts_the_tasks_in_the_given_order_and_refuses_a_task_of_another_job()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var first = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single().Uuid!;
        var second = await xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J000001", TaskUuid = JobPractice.TaskConcept, EstimatedMinutes = 30 });
        var third = await xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J000001", TaskUuid = JobPractice.TaskDesign, EstimatedMinutes = 45 });
        var elsewhere = await xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "ABC123", TaskUuid = JobPractice.TaskDesign, EstimatedMinutes = 45 });

        var reorder = new JobReorderTasksRequest { Id = "J000001" };
        foreach (var uuid in new[] { third, first, second })
        {
            reorder.Tasks.Add(new JobTaskReorderItem { Uuid = uuid });
        }

        await xpm.Jobs.Tasks.ReorderAsync(reorder);
        Assert.Equal([third, first, second], (await xpm.Jobs.GetAsync("J000001")).Tasks.Select(t => t.Uuid));

        var foreign = new JobReorderTasksRequest { Id = "J000001" };
        foreign.Tasks.Add(new JobTaskReorderItem { Uuid = first });
        foreign.Tasks.Add(new JobTaskReorderItem { Uuid = elsewhere });
        await AssertRefused("Invalid task identifier", () => xpm.Jobs.Tasks.ReorderAsync(foreign));
        Assert.Equal([third, first, second], (await xpm.Jobs.GetAsync("J000001")).Tasks.Select(t => t.Uuid));
    }

    [Scenario]
    public async Task Refused_task_calls_name_the_problem_and_add_nothing()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await AssertRefused("Invalid task identifier", () => xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J000001", TaskUuid = Guid.NewGuid().ToString(), EstimatedMinutes = 10 }));
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J404", TaskUuid = JobPractice.TaskDesign, EstimatedMinutes = 10 }));
        await AssertRefused("missing - /Task/EstimatedMinutes", () => xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest { Job = "J000001", TaskUuid = JobPractice.TaskDesign }));
        await AssertRefused("before its start date", () => xpm.Jobs.Tasks.AddAsync(new JobTaskAddRequest
        {
            Job = "J000001",
            TaskUuid = JobPractice.TaskDesign,
            EstimatedMinutes = 10,
            StartDate = new DateOnly(2024, 2, 1),
            DueDate = new DateOnly(2024, 1, 1),
        }));
        await AssertRefused("Invalid task identifier", () => xpm.Jobs.Tasks.UpdateAsync(new JobTaskUpdateRequest { Uuid = Guid.NewGuid().ToString(), EstimatedMinutes = 10 }));

        Assert.Single((await xpm.Jobs.GetAsync("J000001")).Tasks);
    }

    [Scenario]
    public async Task Custom_fields_of_a_job_task_are_set_and_read_back()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var uuid = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single().Uuid!;

        var update = new CustomFieldValuesUpdate();
        update.Fields.Add(new CustomFieldValueUpdate { Uuid = JobPractice.FieldReference, Text = "TASK-7" });
        await xpm.Jobs.Tasks.UpdateCustomFieldsAsync(uuid, update);

        Assert.Equal("TASK-7", Assert.Single(await xpm.Jobs.Tasks.GetCustomFieldsAsync(uuid)).Text);
        await AssertRefused("Invalid task identifier", () => xpm.Jobs.Tasks.GetCustomFieldsAsync(Guid.NewGuid().ToString()));
    }
}
