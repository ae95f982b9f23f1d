using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

[Collection(WireMockCollection.Name)]
public sealed class JobContractTests : ContractTestBase
{
    public JobContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Current_reads_both_jobs_with_and_without_a_completed_date()
    {
        var jobs = await Xpm.Jobs.CurrentAsync(detailed: null, Ct);

        var request = await SingleCallAsync("GET", "job.api/current");
        Assert.Empty(request.Query);

        Assert.Equal(2, jobs.Count);
        var completed = jobs[0];
        Assert.Equal("J000412", completed.Id);
        Assert.Equal("Annual Accounts FY2025", completed.Name);
        Assert.Null(completed.Description);
        Assert.Equal("Completed", completed.State);
        Assert.Null(completed.ClientOrderNumber);
        Assert.Equal(new DateTime(2025, 4, 1), completed.StartDate);
        Assert.Equal(new DateTime(2025, 6, 30), completed.DueDate);
        Assert.Equal(new DateTime(2025, 6, 27), completed.CompletedDate);
        Assert.Equal(ContractData.KowhaiClientUuid, completed.Client?.Uuid);
        Assert.Equal("Kowhai Landscaping Ltd", completed.Client?.Name);
        Assert.Equal("Hana Whitfield", completed.Contact?.Name);
        Assert.Equal("Aroha Ngata", completed.Manager?.Name);
        Assert.Equal("Tomas Brennan", completed.Partner?.Name);
        var assigned = Assert.Single(completed.Assigned ?? new List<JobStaff>());
        Assert.Equal("e1e5128e-ed62-49ee-a489-c1acbde68bcf", assigned.Uuid);
        Assert.Equal("Priya Raman", assigned.Name);
        Assert.Null(assigned.AllocatedMinutes);

        var open = jobs[1];
        Assert.Equal("J000415", open.Id);
        Assert.Equal("Two-monthly GST return", open.Description);
        Assert.Equal("In Progress", open.State);
        Assert.Equal("PO-7781", open.ClientOrderNumber);
        Assert.Null(open.CompletedDate);
        Assert.Null(open.Manager);
        Assert.Null(open.Partner);
        Assert.Equal(new[] { "Priya Raman", "Aroha Ngata" }, (open.Assigned ?? new List<JobStaff>()).Select(s => s.Name));
    }

    [Fact]
    public async Task Get_reads_the_detailed_job_with_tasks_milestones_notes_and_comments()
    {
        var job = await Xpm.Jobs.GetAsync(ContractData.JobNumber, Ct);

        var request = await SingleCallAsync("GET", "job.api/get/" + ContractData.JobNumber);
        Assert.Empty(request.Query);

        Assert.Equal("https://app.practicemanager.xero.com/job/jobview.aspx?id=J000309", job.WebUrl);
        Assert.Equal("J000309", job.Id);
        Assert.Equal("bee1a88b-8ce8-44db-965f-bbee8cfb0804", job.Uuid);
        Assert.Equal("Annual Accounts FY2009", job.Name);
        Assert.Equal("Year-end accounts and income tax return", job.Description);
        Assert.Equal("Planned", job.State);
        Assert.Equal(1250.00m, job.Budget);
        Assert.Equal("Annual Accounts", job.Type);
        Assert.Equal(new DateTime(2009, 7, 1), job.StartDate);
        Assert.Equal(new DateTime(2009, 9, 30), job.DueDate);
        Assert.Null(job.CompletedDate); // <CompletedDate />
        Assert.Equal("5784f88b-ca5d-4159-97ba-16439798ef65", job.Contact?.Uuid);
        Assert.Equal("e014f86c-f8eb-441e-bc35-e0eda4e32cd7", job.Manager?.Uuid);
        Assert.Equal("7fc66691-901f-4762-b636-68a2084cd725", job.Partner?.Uuid);
        Assert.Equal("Priya Raman", Assert.Single(job.Assigned ?? new List<JobStaff>()).Name);

        Assert.NotNull(job.Tasks);
        Assert.Equal(2, job.Tasks.Count);
        var scheduled = job.Tasks[0];
        Assert.Equal("3b7cb5f5-114e-4e99-b08e-83ec31779a84", scheduled.Uuid);
        Assert.Equal("176c9ee1-5c67-4abc-88a6-5ed61b0df8b1", scheduled.TaskUuid);
        Assert.Equal("Prepare Financial Statements", scheduled.Name);
        Assert.Equal(180, scheduled.EstimatedMinutes);
        Assert.Equal(100, scheduled.ActualMinutes);
        Assert.False(scheduled.Completed);
        Assert.True(scheduled.Billable);
        Assert.Equal(new DateTime(2009, 8, 10), scheduled.StartDate);
        Assert.Equal(new DateTime(2009, 8, 21), scheduled.DueDate);
        var allocation = Assert.Single(scheduled.Assigned ?? new List<JobStaff>());
        Assert.Equal("e1e5128e-ed62-49ee-a489-c1acbde68bcf", allocation.Uuid);
        Assert.Equal(180, allocation.AllocatedMinutes);

        var unscheduled = job.Tasks[1];
        Assert.Equal("Review & Sign-off", unscheduled.Name);
        Assert.Equal("03380ea0-6d97-45a5-b3d6-cd794a718ca7", unscheduled.TaskUuid);
        Assert.Equal(0, unscheduled.ActualMinutes);
        Assert.True(unscheduled.Completed);
        Assert.False(unscheduled.Billable);
        Assert.Null(unscheduled.StartDate);
        Assert.Null(unscheduled.DueDate);
        Assert.Empty(unscheduled.Assigned ?? new List<JobStaff>());

        var milestone = Assert.Single(job.Milestones ?? new List<JobMilestone>());
        Assert.Equal("3ab2d46b-62a9-484a-a8d9-7f39aaceb961", milestone.Uuid);
        Assert.Equal(new DateTime(2009, 9, 24), milestone.Date);
        Assert.Equal("Draft accounts to client", milestone.Description);
        Assert.False(milestone.Completed);

        var note = Assert.Single(job.Notes ?? new List<JobNote>());
        Assert.Equal("88255c83-2019-44c2-a569-e0d394f6f282", note.Uuid);
        Assert.Equal("Bank confirmations", note.Title);
        Assert.Equal("Waiting on the ANZ confirmation letter.", note.Text);
        Assert.Equal(new DateTime(2009, 8, 12, 13, 0, 0), note.Date);
        Assert.Equal("Priya Raman", note.CreatedBy);
        var comment = Assert.Single(note.Comments ?? new List<JobNoteComment>());
        Assert.Equal("2281da8a-88cb-45af-bb22-595c80e784ec", comment.Uuid);
        Assert.Equal("Received on 14 August.", comment.Text);
        Assert.Equal(new DateTime(2009, 8, 14, 9, 30, 0), comment.Date);
        Assert.Equal("Aroha Ngata", comment.CreatedBy);
    }

    [Fact]
    public async Task Get_of_an_unknown_job_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Jobs.GetAsync(ContractData.UnknownJobNumber, Ct));

        Assert.IsAssignableFrom<XpmException>(error);
        Assert.Equal("Invalid job identifier", error.ErrorDescription);
        Assert.Equal("Get", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);
        Assert.Contains("job.api/get/" + ContractData.UnknownJobNumber, error.Path);
        Assert.Equal("7c1e0a52-4b8f-4d0e-9a61-3f2d8c5b1a0d", error.CorrelationId);
        Assert.Contains("Invalid job identifier", error.Message);

        await SingleCallAsync("GET", "job.api/get/" + ContractData.UnknownJobNumber);
    }

    [Fact]
    public async Task Add_posts_a_Job_document_with_yyyyMMdd_dates_and_reads_the_new_job()
    {
        var job = await Xpm.Jobs.AddAsync(
            new JobAddRequest
            {
                Name = "Brochure Design",
                Description = "Detailed description of the job",
                ClientUuid = ContractData.TuiStreetClientUuid,
                StartDate = new DateOnly(2009, 10, 23),
                DueDate = new DateOnly(2009, 10, 28),
                Budget = 55.00m,
            },
            Ct);

        var request = await SingleCallAsync("POST", "job.api/add");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Job");
        Assert.Equal("Brochure Design", Child(body, "Name"));
        Assert.Equal("Detailed description of the job", Child(body, "Description"));
        Assert.Equal(ContractData.TuiStreetClientUuid, Child(body, "ClientUUID"));
        Assert.Equal("20091023", Child(body, "StartDate"));
        Assert.Equal("20091028", Child(body, "DueDate"));
        Assert.Equal("55.00", Child(body, "Budget"));
        Assert.True(string.IsNullOrEmpty(Child(body, "ID")), "No custom job number was given, so none may be sent.");

        Assert.Equal("J000420", job.Id);
        Assert.Equal("e6fb0cef-b35a-40c2-8479-1138d07e6255", job.Uuid);
        Assert.Equal("Brochure Design", job.Name);
        Assert.Equal("https://app.practicemanager.xero.com/job/jobview.aspx?id=J000420", job.WebUrl);
        Assert.Null(job.Budget); // <Budget />
        Assert.Equal(new DateTime(2009, 10, 23), job.StartDate);
        Assert.Equal(ContractData.TuiStreetClientUuid, job.Client?.Uuid);
        Assert.Empty(job.Tasks ?? new List<JobTask>());
    }

    [Fact]
    public async Task UpdateState_puts_the_job_number_and_interface_code_and_reads_the_job()
    {
        var job = await Xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = ContractData.JobNumber, State = "CONFIRMED" }, Ct);

        var request = await SingleCallAsync("PUT", "job.api/state");
        var body = XmlBody(request, "Job");
        Assert.Equal(ContractData.JobNumber, Child(body, "ID"));
        Assert.Equal("CONFIRMED", Child(body, "State"));

        Assert.NotNull(job);
        Assert.Equal(ContractData.JobNumber, job.Id);
        Assert.Equal("Confirmed", job.State);
    }

    [Fact]
    public async Task UpdateState_returns_null_when_XPM_answers_with_the_status_only()
    {
        const string StatusOnly = """
            {
              "priority": 1,
              "request": {
                "method": "PUT",
                "urlPath": "/practicemanager/3.1/job.api/state",
                "headers": { "xero-tenant-id": { "equalTo": "3b1be89e-f411-4cf9-9bde-a3eb08a8e897" } },
                "bodyPatterns": [ { "matchesXPath": "/Job/ID[text() = 'J000309']" } ]
              },
              "response": {
                "status": 200,
                "headers": { "Content-Type": "text/xml; charset=utf-8", "xero-correlation-id": "5d1c9b0e-2a47-4f63-8e15-6b7a3c9d0f21" },
                "body": "<Response api-method=\"State\">\n  <Status>OK</Status>\n</Response>\n"
              }
            }
            """;
        await using (await Server.AddMappingAsync(StatusOnly, Ct))
        {
            var job = await Xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = ContractData.JobNumber, State = "COMPLETED" }, Ct);

            Assert.Null(job);
        }

        var request = await SingleCallAsync("PUT", "job.api/state");
        Assert.Equal("COMPLETED", Child(XmlBody(request, "Job"), "State"));
    }
}
