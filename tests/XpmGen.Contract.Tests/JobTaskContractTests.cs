using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The tasks of a job: <c>xpm.Jobs.Tasks</c> (job.api/tasks, task, task/{uuid}/complete|reopen, reordertasks).</summary>
[Collection(WireMockCollection.Name)]
public sealed class JobTaskContractTests : ContractTestBase
{
    public JobTaskContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_without_criteria_sends_no_query_and_reads_the_jobs_with_their_tasks()
    {
        var jobs = await Xpm.Jobs.Tasks.ListAsync(cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/tasks");
        Assert.Empty(request.Query);

        Assert.Equal(new[] { ContractData.JobNumber, JobContractData.BareJobNumber }, jobs.Select(j => j.Id));
        var tasks = jobs[0].Tasks ?? new List<JobTask>();
        Assert.Equal(2, tasks.Count);
        Assert.Equal(JobContractData.PrepareTaskUuid, tasks[0].Uuid);
        Assert.False(tasks[0].Completed);
        Assert.Equal(new DateTime(2009, 8, 10), tasks[0].StartDate);
        Assert.Equal(JobContractData.PriyaStaffUuid, Assert.Single(tasks[0].Assigned ?? new List<JobStaff>()).Uuid);
        Assert.Equal("Review & Sign-off", tasks[1].Name);
        Assert.True(tasks[1].Completed);
        Assert.False(tasks[1].Billable);
        var gst = Assert.Single(jobs[1].Tasks ?? new List<JobTask>());
        Assert.Equal("GST Return Preparation", gst.Name);
        Assert.Equal(45, gst.ActualMinutes);
        Assert.Equal("M. Okafor", jobs[1].Client?.Name);
    }

    [Fact]
    public async Task List_sends_complete_as_true_false_and_due_as_yyyyMMdd_and_reads_a_single_job()
    {
        var jobs = await Xpm.Jobs.Tasks.ListAsync(complete: false, due: new DateOnly(2009, 8, 31), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/tasks");
        Assert.Equal("false", request.QueryValue("complete"));
        Assert.Equal("20090831", request.QueryValue("due"));
        Assert.Null(request.QueryValue("start"));

        var job = Assert.Single(jobs);
        Assert.Equal(ContractData.JobNumber, job.Id);
        var task = Assert.Single(job.Tasks ?? new List<JobTask>());
        Assert.Equal("Prepare Financial Statements", task.Name);
        Assert.Equal(new DateTime(2009, 8, 21), task.DueDate);
    }

    [Fact]
    public async Task List_with_no_matching_tasks_is_empty()
    {
        var jobs = await Xpm.Jobs.Tasks.ListAsync(start: new DateOnly(2030, 1, 1), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/tasks");
        Assert.Equal("20300101", request.QueryValue("start"));
        Assert.Null(request.QueryValue("complete"));
        Assert.Null(request.QueryValue("due"));
        Assert.Empty(jobs);
    }

    [Fact]
    public async Task Add_posts_a_Task_naming_the_job_and_the_catalogue_task()
    {
        var taskUuid = await Xpm.Jobs.Tasks.AddAsync(
            new JobTaskAddRequest
            {
                Job = ContractData.JobNumber,
                TaskUuid = JobContractData.CatalogueTaskUuid,
                Label = "FY2009",
                Description = "Reconcile the GST returns to the ledger",
                EstimatedMinutes = 90,
                StartDate = new DateOnly(2009, 8, 24),
                DueDate = new DateOnly(2009, 8, 28),
            },
            Ct);

        Assert.Equal("6e1b8d4a-2c7f-4a93-8e05-b3d9f1c2a7e6", taskUuid);

        var request = await SingleCallAsync("POST", "job.api/task");
        var body = XmlBody(request, "Task");
        Assert.Equal(ContractData.JobNumber, Child(body, "Job"));
        Assert.Equal(JobContractData.CatalogueTaskUuid, Child(body, "TaskUUID"));
        Assert.Equal("FY2009", Child(body, "Label"));
        Assert.Equal("Reconcile the GST returns to the ledger", Child(body, "Description"));
        Assert.Equal("90", Child(body, "EstimatedMinutes"));
        Assert.Equal("20090824", Child(body, "StartDate"));
        Assert.Equal("20090828", Child(body, "DueDate"));
        Assert.Null(body.Element("UUID"));
    }

    [Fact]
    public async Task Add_leaves_out_the_optional_elements_it_is_not_given()
    {
        await Xpm.Jobs.Tasks.AddAsync(
            new JobTaskAddRequest { Job = ContractData.JobNumber, TaskUuid = JobContractData.CatalogueTaskUuid, EstimatedMinutes = 60 },
            Ct);

        var body = XmlBody(await SingleCallAsync("POST", "job.api/task"), "Task");
        Assert.Equal(new[] { "Job", "TaskUUID", "EstimatedMinutes" }, body.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task Update_puts_a_Task_naming_the_job_task_by_its_UUID()
    {
        var taskUuid = await Xpm.Jobs.Tasks.UpdateAsync(
            new JobTaskUpdateRequest
            {
                Uuid = JobContractData.PrepareTaskUuid,
                Description = "Include the fixed asset register",
                EstimatedMinutes = 240,
                DueDate = new DateOnly(2009, 9, 4),
            },
            Ct);

        Assert.Equal("3b7cb5f5-114e-4e99-b08e-83ec31779a84", taskUuid);

        var request = await SingleCallAsync("PUT", "job.api/task");
        var body = XmlBody(request, "Task");
        Assert.Equal(JobContractData.PrepareTaskUuid, Child(body, "UUID"));
        Assert.Null(body.Element("TaskUUID"));
        Assert.Null(body.Element("Job"));
        Assert.Equal("Include the fixed asset register", Child(body, "Description"));
        Assert.Equal("240", Child(body, "EstimatedMinutes"));
        Assert.Equal("20090904", Child(body, "DueDate"));
        Assert.Null(body.Element("StartDate"));
    }

    [Fact]
    public async Task Complete_puts_no_body_to_the_job_task_and_reads_the_job()
    {
        var job = await Xpm.Jobs.Tasks.CompleteAsync(JobContractData.PrepareTaskUuid, Ct);

        var request = await SingleCallAsync("PUT", "job.api/task/" + JobContractData.PrepareTaskUuid + "/complete");
        Assert.Equal(string.Empty, request.Body);
        Assert.Null(request.Header("Content-Type"));

        Assert.NotNull(job);
        Assert.Equal(ContractData.JobNumber, job.Id);
        var completed = job.Tasks!.Single(t => t.Uuid == JobContractData.PrepareTaskUuid);
        Assert.True(completed.Completed);
        Assert.Equal(165, completed.ActualMinutes);
    }

    [Fact]
    public async Task Reopen_puts_no_body_and_returns_null_for_a_status_only_response()
    {
        var job = await Xpm.Jobs.Tasks.ReopenAsync(JobContractData.ReviewTaskUuid, Ct);

        var request = await SingleCallAsync("PUT", "job.api/task/" + JobContractData.ReviewTaskUuid + "/reopen");
        Assert.Equal(string.Empty, request.Body);
        Assert.Null(job);
    }

    [Fact]
    public async Task Reorder_puts_the_job_task_UUIDs_in_order_and_reads_the_job()
    {
        var job = await Xpm.Jobs.Tasks.ReorderAsync(
            new JobReorderTasksRequest
            {
                Id = ContractData.JobNumber,
                Tasks = new List<JobTaskReorderItem>
                {
                    new() { Uuid = JobContractData.ReviewTaskUuid },
                    new() { Uuid = JobContractData.PrepareTaskUuid },
                },
            },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/reordertasks");
        var body = XmlBody(request, "Job");
        Assert.Equal(ContractData.JobNumber, Child(body, "ID"));
        var tasks = body.Element("Tasks");
        Assert.NotNull(tasks);
        Assert.All(tasks.Elements(), t => Assert.Equal("Task", t.Name.LocalName));
        Assert.Equal(new[] { JobContractData.ReviewTaskUuid, JobContractData.PrepareTaskUuid }, tasks.Elements("Task").Select(t => Child(t, "UUID")));

        Assert.NotNull(job);
        Assert.Equal(new[] { JobContractData.ReviewTaskUuid, JobContractData.PrepareTaskUuid }, job.Tasks!.Select(t => t.Uuid));
    }

    [Fact]
    public async Task Complete_of_an_unknown_task_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Jobs.Tasks.CompleteAsync(JobContractData.UnknownTaskUuid, Ct));

        Assert.Equal("Invalid task identifier", error.ErrorDescription);
        Assert.Equal("CompleteTask", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("job.api/task/" + JobContractData.UnknownTaskUuid + "/complete", error.Path);
        await SingleCallAsync("PUT", "job.api/task/" + JobContractData.UnknownTaskUuid + "/complete");
    }
}
