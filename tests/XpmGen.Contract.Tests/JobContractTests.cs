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

    [Fact]
    public async Task List_sends_the_range_as_yyyyMMdd_and_reads_every_job_of_it()
    {
        var jobs = await Xpm.Jobs.ListAsync(new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/list");
        Assert.Equal("20250401", request.QueryValue("from"));
        Assert.Equal("20250630", request.QueryValue("to"));
        Assert.Null(request.QueryValue("detailed"));

        Assert.Equal(new[] { "J000412", "J000415", JobContractData.DeletableJobNumber }, jobs.Select(j => j.Id));
        Assert.Equal(new DateTime(2025, 6, 27), jobs[0].CompletedDate);
        Assert.Equal("Tomas Brennan", jobs[0].Partner?.Name);
        Assert.Equal("PO-7781", jobs[1].ClientOrderNumber);
        Assert.Empty(jobs[1].Assigned ?? new List<JobStaff>()); // <Assigned />
        var restructure = jobs[2];
        Assert.Equal("Company Restructure Advice", restructure.Name);
        Assert.Equal("Planned", restructure.State);
        Assert.Equal(new DateTime(2025, 7, 31), restructure.DueDate);
        Assert.Equal(JobContractData.TomasStaffUuid, restructure.Manager?.Uuid);
        Assert.Null(restructure.Partner);
        Assert.Equal(new[] { "Tomas Brennan", "Aroha Ngata" }, (restructure.Assigned ?? new List<JobStaff>()).Select(s => s.Name));
        Assert.Empty(restructure.Tasks ?? new List<JobTask>());
    }

    [Fact]
    public async Task List_detailed_reads_the_one_job_of_the_range_with_its_tasks_and_milestones()
    {
        var jobs = await Xpm.Jobs.ListAsync(new DateOnly(2009, 7, 1), new DateOnly(2009, 7, 31), detailed: true, Ct);

        var request = await SingleCallAsync("GET", "job.api/list");
        Assert.Equal("20090701", request.QueryValue("from"));
        Assert.Equal("20090731", request.QueryValue("to"));
        Assert.Equal("true", request.QueryValue("detailed"));

        var job = Assert.Single(jobs);
        Assert.Equal(ContractData.JobNumber, job.Id);
        Assert.Equal(JobContractData.JobUuid, job.Uuid);
        Assert.Equal(1250.00m, job.Budget);
        Assert.Equal("Annual Accounts", job.Type);
        Assert.Null(job.CompletedDate);
        var task = Assert.Single(job.Tasks ?? new List<JobTask>());
        Assert.Equal(JobContractData.PrepareTaskUuid, task.Uuid);
        Assert.Equal(180, task.EstimatedMinutes);
        Assert.Equal("Draft accounts to client", Assert.Single(job.Milestones ?? new List<JobMilestone>()).Description);
        Assert.Empty(job.Notes ?? new List<JobNote>());
    }

    [Fact]
    public async Task List_of_a_range_without_jobs_is_empty()
    {
        var jobs = await Xpm.Jobs.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 31), cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/list");
        Assert.Equal("20240101", request.QueryValue("from"));
        Assert.Equal("20240131", request.QueryValue("to"));
        Assert.Empty(jobs);
    }

    [Fact]
    public async Task List_over_more_than_one_year_is_sent_as_given_and_XPMs_rejection_is_raised()
    {
        // XPM allows at most one year between from and to. The client does not check the range itself (XPM's
        // limit may change); it sends it, and the rejection comes back as an XpmApiException. The stub answers
        // as a third party observed it (HTTP 400); the exact status and text in XML mode are unconfirmed.
        var error = await Assert.ThrowsAsync<XpmApiException>(
            () => Xpm.Jobs.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2025, 6, 30), cancellationToken: Ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("less than one year", error.ErrorDescription);
        var request = await SingleCallAsync("GET", "job.api/list");
        Assert.Equal("20240101", request.QueryValue("from"));
        Assert.Equal("20250630", request.QueryValue("to"));
    }

    [Fact]
    public async Task ListByStaff_reads_the_jobs_of_a_staff_member_with_their_tasks()
    {
        var jobs = await Xpm.Jobs.ListByStaffAsync(JobContractData.PriyaStaffUuid, Ct);

        var request = await SingleCallAsync("GET", "job.api/staff/" + JobContractData.PriyaStaffUuid);
        Assert.Empty(request.Query);

        Assert.Equal(2, jobs.Count);
        var accounts = jobs[0];
        Assert.Equal(JobContractData.JobUuid, accounts.Uuid);
        Assert.Equal(ContractData.JobNumber, accounts.Id);
        Assert.Equal("Annual Accounts FY2009", accounts.Name);
        Assert.Equal(ContractData.KowhaiClientUuid, accounts.Client?.Uuid);
        Assert.Equal(1250.00m, accounts.Budget);
        Assert.Equal("Annual Accounts", accounts.Type);
        Assert.Equal(new DateTime(2009, 7, 1), accounts.StartDate);
        Assert.Null(accounts.CompletedDate);
        Assert.Equal("Aroha Ngata", accounts.Manager?.Name);
        Assert.Null(accounts.Partner);
        Assert.Equal(JobContractData.PriyaStaffUuid, Assert.Single(accounts.Assigned ?? new List<JobStaff>()).Uuid);
        var task = Assert.Single(accounts.Tasks ?? new List<JobTask>());
        Assert.Equal("Prepare Financial Statements", task.Name);
        Assert.Equal(new DateTime(2009, 8, 21), task.DueDate);
        Assert.Equal(180, Assert.Single(task.Assigned ?? new List<JobStaff>()).AllocatedMinutes);

        var current = jobs[1];
        Assert.Equal("J000412", current.Id);
        Assert.Equal("In Progress", current.State);
        Assert.Null(current.Budget); // <Budget />
        Assert.Null(current.Description); // <Description />
        Assert.Empty(current.Tasks ?? new List<JobTask>());
    }

    [Fact]
    public async Task ListByStaff_reads_a_single_job()
    {
        var jobs = await Xpm.Jobs.ListByStaffAsync(JobContractData.TomasStaffUuid, Ct);

        await SingleCallAsync("GET", "job.api/staff/" + JobContractData.TomasStaffUuid);
        var job = Assert.Single(jobs);
        Assert.Equal(JobContractData.DeletableJobNumber, job.Id);
        Assert.Equal(4800.00m, job.Budget);
        Assert.Equal("Advisory", job.Type);
        var task = Assert.Single(job.Tasks ?? new List<JobTask>());
        Assert.Equal("Advice", task.Folder);
        Assert.Equal(600, task.EstimatedMinutes);
        Assert.Equal(0, task.ActualMinutes);
        Assert.Null(task.StartDate);
    }

    [Fact]
    public async Task ListByStaff_of_a_staff_member_without_jobs_is_empty()
    {
        var jobs = await Xpm.Jobs.ListByStaffAsync(JobContractData.NewStaffUuid, Ct);

        await SingleCallAsync("GET", "job.api/staff/" + JobContractData.NewStaffUuid);
        Assert.Empty(jobs);
    }

    [Fact]
    public async Task ListByClient_reads_the_jobs_of_a_client()
    {
        var jobs = await Xpm.Jobs.ListByClientAsync(ContractData.KowhaiClientUuid, cancellationToken: Ct);

        var request = await SingleCallAsync("GET", "job.api/client/" + ContractData.KowhaiClientUuid);
        Assert.Empty(request.Query);

        Assert.Equal(new[] { ContractData.JobNumber, JobContractData.DeletableJobNumber }, jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Equal("Kowhai Landscaping Ltd", j.Client?.Name));
        Assert.Equal("Tomas Brennan", jobs[0].Partner?.Name);
        Assert.Equal("Tomas Brennan", jobs[1].Manager?.Name);
        Assert.Empty(jobs[0].Tasks ?? new List<JobTask>());
    }

    [Fact]
    public async Task ListByClient_detailed_reads_a_single_detailed_job()
    {
        var jobs = await Xpm.Jobs.ListByClientAsync(ContractData.OkaforClientUuid, detailed: true, Ct);

        var request = await SingleCallAsync("GET", "job.api/client/" + ContractData.OkaforClientUuid);
        Assert.Equal("true", request.QueryValue("detailed"));

        var job = Assert.Single(jobs);
        Assert.Equal(JobContractData.BareJobNumber, job.Id);
        Assert.Equal("2f7b9d13-6e0a-4c58-b1f4-8a3d5c7e9b26", job.Uuid);
        Assert.Equal(350.00m, job.Budget);
        Assert.Equal("GST Return Preparation", Assert.Single(job.Tasks ?? new List<JobTask>()).Name);
        Assert.Empty(job.Milestones ?? new List<JobMilestone>());
        var note = Assert.Single(job.Notes ?? new List<JobNote>());
        Assert.Equal("Missing invoices", note.Title);
        Assert.Equal("Correspondence", note.Folder);
        Assert.Equal(new DateTime(2025, 4, 14, 10, 15, 0), note.Date);
        Assert.Empty(note.Comments ?? new List<JobNoteComment>());
    }

    [Fact]
    public async Task ListByClient_of_a_client_without_jobs_is_empty()
    {
        var jobs = await Xpm.Jobs.ListByClientAsync(ContractData.TuiStreetClientUuid, cancellationToken: Ct);

        await SingleCallAsync("GET", "job.api/client/" + ContractData.TuiStreetClientUuid);
        Assert.Empty(jobs);
    }

    [Fact]
    public async Task Update_puts_the_documented_Job_body_with_CategoryUUID_and_reads_the_job()
    {
        var job = await Xpm.Jobs.UpdateAsync(
            new JobUpdateRequest
            {
                Id = ContractData.JobNumber,
                Name = "Annual Accounts and Tax FY2009",
                Description = "Year-end accounts, income tax return and shareholder salaries",
                StartDate = new DateOnly(2009, 7, 6),
                DueDate = new DateOnly(2009, 10, 16),
                ClientNumber = "PO-2009-17",
                CategoryUuid = JobContractData.AnnualAccountsCategoryUuid,
                Budget = 1480.00m,
            },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/update");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Job");
        Assert.Equal(ContractData.JobNumber, Child(body, "ID"));
        Assert.Equal("Annual Accounts and Tax FY2009", Child(body, "Name"));
        Assert.Equal("Year-end accounts, income tax return and shareholder salaries", Child(body, "Description"));
        Assert.Equal("20090706", Child(body, "StartDate"));
        Assert.Equal("20091016", Child(body, "DueDate"));
        Assert.Equal("PO-2009-17", Child(body, "ClientNumber"));
        Assert.Equal(JobContractData.AnnualAccountsCategoryUuid, Child(body, "CategoryUUID"));
        Assert.Null(body.Element("CategoryID"));
        Assert.Equal("1480.00", Child(body, "Budget"));
        Assert.Null(body.Element("ClientUUID"));

        Assert.Equal("https://app.practicemanager.xero.com/job/jobview.aspx?id=J000309", job.WebUrl);
        Assert.Equal(ContractData.JobNumber, job.Id);
        Assert.Equal("Annual Accounts and Tax FY2009", job.Name);
        Assert.Equal("PO-2009-17", job.ClientOrderNumber);
        Assert.Equal(1480.00m, job.Budget);
        Assert.Equal(new DateTime(2009, 7, 6), job.StartDate);
        Assert.Equal(new DateTime(2009, 10, 16), job.DueDate);
    }

    [Fact]
    public async Task Delete_posts_the_job_number_and_returns_null_for_a_status_only_response()
    {
        var job = await Xpm.Jobs.DeleteAsync(new JobDeleteRequest { Id = JobContractData.DeletableJobNumber }, Ct);

        var request = await SingleCallAsync("POST", "job.api/delete");
        var body = XmlBody(request, "Job");
        Assert.Equal(JobContractData.DeletableJobNumber, Child(body, "ID"));
        Assert.Null(body.Element("UUID"));
        Assert.Null(job);
    }

    [Fact]
    public async Task Assign_puts_every_operation_as_an_element_with_uuid_attributes_and_reads_the_job()
    {
        var job = await Xpm.Jobs.AssignAsync(
            new JobAssignRequest
            {
                Id = ContractData.JobNumber,
                Uuid = JobContractData.JobUuid,
                Add =
                {
                    new JobAssignStaff { Uuid = JobContractData.ArohaStaffUuid },
                    new JobAssignStaff { Uuid = JobContractData.ArohaStaffUuid, TaskUuid = JobContractData.PrepareTaskUuid },
                },
                Remove =
                {
                    new JobAssignStaff { Uuid = JobContractData.PriyaStaffUuid },
                    new JobAssignStaff { Uuid = JobContractData.PriyaStaffUuid, TaskUuid = JobContractData.PrepareTaskUuid },
                },
                AddManager = new JobAssignRole { Uuid = JobContractData.TomasStaffUuid },
                RemovePartner = new JobAssignRoleRemoval(),
            },
            Ct);

        var request = await SingleCallAsync("PUT", "job.api/assign");
        var body = XmlBody(request, "Job");
        Assert.Equal(ContractData.JobNumber, Child(body, "ID"));
        Assert.Equal(JobContractData.JobUuid, Child(body, "UUID"));
        var adds = body.Elements("add").ToList();
        Assert.Equal(2, adds.Count);
        Assert.All(adds, a => Assert.Equal(JobContractData.ArohaStaffUuid, (string?)a.Attribute("uuid")));
        Assert.Null(adds[0].Attribute("task-uuid"));
        Assert.Equal(JobContractData.PrepareTaskUuid, (string?)adds[1].Attribute("task-uuid"));
        var removes = body.Elements("remove").ToList();
        Assert.Equal(2, removes.Count);
        Assert.All(removes, r => Assert.Equal(JobContractData.PriyaStaffUuid, (string?)r.Attribute("uuid")));
        Assert.All(removes, r => Assert.Null(r.Attribute("id")));
        Assert.Equal(JobContractData.PrepareTaskUuid, (string?)removes[1].Attribute("task-uuid"));
        Assert.Equal(JobContractData.TomasStaffUuid, (string?)body.Element("add-manager")?.Attribute("uuid"));
        var removePartner = body.Element("remove-partner");
        Assert.NotNull(removePartner);
        Assert.True(removePartner.IsEmpty);
        Assert.False(removePartner.HasAttributes);
        Assert.Null(body.Element("remove-manager"));
        Assert.Null(body.Element("add-partner"));

        Assert.NotNull(job);
        Assert.Equal("Tomas Brennan", job.Manager?.Name);
        Assert.Null(job.Partner);
        Assert.Equal(JobContractData.ArohaStaffUuid, Assert.Single(job.Assigned ?? new List<JobStaff>()).Uuid);
        var task = Assert.Single(job.Tasks ?? new List<JobTask>());
        Assert.Equal("Aroha Ngata", Assert.Single(task.Assigned ?? new List<JobStaff>()).Name);
    }

    [Fact]
    public async Task ApplyTemplate_posts_the_template_and_task_mode_and_reads_the_job_with_the_added_tasks()
    {
        var job = await Xpm.Jobs.ApplyTemplateAsync(
            new JobApplyTemplateRequest { Id = ContractData.JobNumber, TemplateUuid = JobContractData.TemplateUuid, TaskMode = "AppendExisting" },
            Ct);

        var request = await SingleCallAsync("POST", "job.api/applytemplate");
        var body = XmlBody(request, "Job");
        Assert.Equal(ContractData.JobNumber, Child(body, "ID"));
        Assert.Equal(JobContractData.TemplateUuid, Child(body, "TemplateUUID"));
        Assert.Equal("AppendExisting", Child(body, "TaskMode"));

        Assert.NotNull(job);
        Assert.Equal(3, job.Tasks?.Count);
        var added = job.Tasks![2];
        Assert.Equal("Shareholder Salaries", added.Name);
        Assert.Equal("Tax", added.Folder);
        Assert.Equal(60, added.EstimatedMinutes);
        Assert.Equal(2, job.Milestones?.Count);
        Assert.Equal(new DateTime(2009, 9, 28), job.Milestones![1].Date);
    }

    [Fact]
    public async Task CreateQuote_posts_no_body_to_the_job_number()
    {
        var quoteNumber = await Xpm.Jobs.CreateQuoteAsync(ContractData.JobNumber, Ct);

        Assert.Equal("Q000123", quoteNumber);

        var request = await SingleCallAsync("POST", "job.api/createquote/" + ContractData.JobNumber);
        Assert.Empty(request.Query);
        Assert.Equal(string.Empty, request.Body);
        Assert.Null(request.Header("Content-Type"));
    }

    [Fact]
    public async Task CreateEstimate_posts_no_body_to_the_job_number()
    {
        var estimateNumber = await Xpm.Jobs.CreateEstimateAsync(ContractData.JobNumber, Ct);

        Assert.Equal("Q000124", estimateNumber);

        var request = await SingleCallAsync("POST", "job.api/createestimate/" + ContractData.JobNumber);
        Assert.Empty(request.Query);
        Assert.Equal(string.Empty, request.Body);
        Assert.Null(request.Header("Content-Type"));
    }
}
