using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>job.api's jobs through the typed client: adding, reading, updating, states, assignment, templates, quotes, notes, documents, deleting.</summary>
public sealed class JobScenarioTests
{
    [Scenario]
    public async Task A_job_added_from_a_template_is_numbered_in_sequence_and_read_back_in_every_list()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var added = await xpm.Jobs.AddAsync(new JobAddRequest
        {
            Name = "Brochure Design",
            Description = "Spring brochure",
            ClientUuid = JobPractice.ClientSmith,
            ContactUuid = JobPractice.ContactJohn,
            StartDate = new DateOnly(2025, 3, 1),
            DueDate = new DateOnly(2025, 3, 31),
            ClientNumber = "PO-77",
            TemplateUuid = JobPractice.TemplateBrochure,
            CategoryUuid = JobPractice.CategoryDesign,
            Budget = 1500m,
        });

        Assert.Equal("J000003", added.Id);
        Assert.Equal("Planned", added.State);
        Assert.Equal("Design", added.Type);
        Assert.Equal("PO-77", added.ClientOrderNumber);
        Assert.Equal("John Smith", added.Contact?.Name);
        Assert.Equal(["Concept", "Design"], added.Tasks.Select(t => t.Name));

        var read = await xpm.Jobs.GetAsync("j000003");
        Assert.Equal(added.Uuid, read.Uuid);
        Assert.Equal(new DateTime(2025, 3, 31), read.DueDate);
        Assert.Equal(1500m, read.Budget);
        Assert.Equal(2, read.Tasks.Count);

        var current = await xpm.Jobs.CurrentAsync();
        Assert.Equal(["J000001", "ABC123", "J000003"], current.Select(j => j.Id));
        Assert.All(current, j => Assert.Empty(j.Tasks));
        var detailed = await xpm.Jobs.CurrentAsync(detailed: true);
        var seeded = Assert.Single(detailed, j => j.Id == "J000001");
        Assert.Single(seeded.Milestones);
        Assert.Single(seeded.Notes);
        Assert.Equal(2, detailed.Single(j => j.Id == "J000003").Tasks.Count);

        var listed = await xpm.Jobs.ListAsync(new DateOnly(2025, 3, 1), new DateOnly(2026, 2, 28));
        Assert.Equal(["J000003"], listed.Select(j => j.Id));
        var lastYear = await xpm.Jobs.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31));
        Assert.Equal(["J000001", "J000002", "ABC123"], lastYear.Select(j => j.Id));

        var ofClient = await xpm.Jobs.ListByClientAsync(JobPractice.ClientSmith);
        Assert.Equal(["J000001", "J000002", "J000003"], ofClient.Select(j => j.Id));
        var ofStaff = await xpm.Jobs.ListByStaffAsync(JobPractice.StaffJo);
        var staffJob = Assert.Single(ofStaff);
        Assert.Equal("J000001", staffJob.Id);
        Assert.NotEmpty(staffJob.Tasks);
        Assert.Null(staffJob.Partner);
    }

    [Scenario]
    public async Task A_deleted_client_keeps_its_jobs_but_takes_no_new_one()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await xpm.Clients.DeleteAsync(new ClientUuidRequest { Uuid = JobPractice.ClientSmith });

        Assert.NotEmpty(await xpm.Jobs.ListByClientAsync(JobPractice.ClientSmith));
        await AssertRefused("Invalid client identifier - /Job/ClientUUID", () => xpm.Jobs.AddAsync(NewJob()));
    }

    [Scenario]
    public async Task Refused_job_calls_name_the_problem_and_change_nothing()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await AssertRefused("Invalid job identifier", () => xpm.Jobs.GetAsync("J999999"));
        await AssertRefused("is too long", () => xpm.Jobs.ListAsync(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1)));
        await AssertRefused("ends before it starts", () => xpm.Jobs.ListAsync(new DateOnly(2024, 2, 1), new DateOnly(2024, 1, 1)));
        await AssertRefused("Invalid staff identifier", () => xpm.Jobs.ListByStaffAsync(Guid.NewGuid().ToString()));
        await AssertRefused("Invalid client identifier", () => xpm.Jobs.ListByClientAsync(Guid.NewGuid().ToString()));
        await AssertRefused("required element was missing - /Job/Name", () => xpm.Jobs.AddAsync(NewJob(name: null)));
        await AssertRefused("Invalid client identifier", () => xpm.Jobs.AddAsync(NewJob(client: Guid.NewGuid().ToString())));
        await AssertRefused("Invalid contact identifier", () => xpm.Jobs.AddAsync(NewJob(contact: JobPractice.ContactOther)));
        await AssertRefused("Invalid template identifier", () => xpm.Jobs.AddAsync(NewJob(template: Guid.NewGuid().ToString())));
        await AssertRefused("Invalid category identifier", () => xpm.Jobs.AddAsync(NewJob(category: Guid.NewGuid().ToString())));
        await AssertRefused("J000001 is already in use", () => xpm.Jobs.AddAsync(NewJob(id: "J000001")));
        await AssertRefused("before its start date", () => xpm.Jobs.UpdateAsync(new JobUpdateRequest
        {
            Id = "J000001",
            Name = "Renamed",
            StartDate = new DateOnly(2024, 5, 1),
            DueDate = new DateOnly(2024, 4, 1),
        }));

        Assert.Equal(2, (await xpm.Jobs.CurrentAsync()).Count);
        Assert.Equal("Annual accounts", (await xpm.Jobs.GetAsync("J000001")).Name);

        var custom = await xpm.Jobs.AddAsync(NewJob(id: "CUSTOM-9"));
        Assert.Equal("CUSTOM-9", custom.Id);
        Assert.Equal("J000003", (await xpm.Jobs.AddAsync(NewJob())).Id);
    }

    [Scenario]
    public async Task Update_changes_the_details_and_keeps_what_it_leaves_out()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var updated = await xpm.Jobs.UpdateAsync(new JobUpdateRequest
        {
            Id = "J000001",
            Name = "Annual accounts 2024",
            StartDate = new DateOnly(2024, 1, 15),
            DueDate = new DateOnly(2024, 3, 31),
            CategoryUuid = JobPractice.CategoryDesign,
            Budget = 900m,
        });

        Assert.Equal("Annual accounts 2024", updated.Name);
        var read = await xpm.Jobs.GetAsync("J000001");
        Assert.Equal("Annual accounts 2024", read.Name);
        Assert.Equal("Year end", read.Description);
        Assert.Equal(new DateTime(2024, 1, 15), read.StartDate);
        Assert.Equal("Design", read.Type);
        Assert.Equal(900m, read.Budget);
        Assert.Single(read.Tasks);
    }

    [Scenario]
    public async Task State_takes_the_interface_code_and_completing_a_job_takes_it_out_of_current()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var moved = await xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", State = "INPROGRESS" });
        Assert.Equal("In Progress", moved?.State);
        Assert.Equal("In Progress", (await xpm.Jobs.GetAsync("J000001")).State);

        await AssertRefused("Invalid state code", () => xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", State = "In Progress" }));
        await AssertRefused("Invalid state code", () => xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", State = "DONE" }));
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", Uuid = Guid.NewGuid().ToString(), State = "PLANNED" }));
        Assert.Equal("In Progress", (await xpm.Jobs.GetAsync("J000001")).State);

        await xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", State = "completed" });
        var completed = await xpm.Jobs.GetAsync("J000001");
        Assert.Equal("Completed", completed.State);
        Assert.NotNull(completed.CompletedDate);
        Assert.DoesNotContain(await xpm.Jobs.CurrentAsync(), j => j.Id == "J000001");

        await xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = "J000001", State = "planned" });
        Assert.Null((await xpm.Jobs.GetAsync("J000001")).CompletedDate);
        Assert.Contains(await xpm.Jobs.CurrentAsync(), j => j.Id == "J000001");
    }

    [Scenario]
    public async Task Assign_adds_and_removes_staff_on_the_job_and_its_tasks_and_sets_manager_and_partner()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var task = (await xpm.Jobs.GetAsync("J000001")).Tasks.Single();

        var assign = new JobAssignRequest
        {
            Id = "J000001",
            AddManager = new JobAssignRole { Uuid = JobPractice.StaffJo },
            AddPartner = new JobAssignRole { Uuid = JobPractice.StaffPat },
        };
        assign.Add.Add(new JobAssignStaff { Uuid = JobPractice.StaffSam, TaskUuid = task.Uuid });
        await xpm.Jobs.AssignAsync(assign);

        var read = await xpm.Jobs.GetAsync("J000001");
        Assert.Equal("Jo Bloggs", read.Manager?.Name);
        Assert.Equal("Pat Partner", read.Partner?.Name);
        Assert.Equal(["Jo Bloggs", "Sam Lee"], read.Assigned.Select(s => s.Name));
        Assert.Equal(["Jo Bloggs", "Sam Lee"], read.Tasks.Single().Assigned.Select(s => s.Name));
        Assert.Single(await xpm.Jobs.ListByStaffAsync(JobPractice.StaffSam));

        var refused = new JobAssignRequest { Id = "J000001", RemoveManager = new JobAssignRoleRemoval() };
        refused.Remove.Add(new JobAssignStaff { Uuid = JobPractice.StaffSam, TaskUuid = task.Uuid });
        refused.Add.Add(new JobAssignStaff { Uuid = Guid.NewGuid().ToString() });
        await AssertRefused("Invalid staff identifier", () => xpm.Jobs.AssignAsync(refused));
        var badTask = new JobAssignRequest { Id = "J000001" };
        badTask.Add.Add(new JobAssignStaff { Uuid = JobPractice.StaffSam, TaskUuid = Guid.NewGuid().ToString() });
        await AssertRefused("Invalid task identifier", () => xpm.Jobs.AssignAsync(badTask));
        Assert.Equal("Jo Bloggs", (await xpm.Jobs.GetAsync("J000001")).Manager?.Name);

        var remove = new JobAssignRequest { Id = "J000001", RemoveManager = new JobAssignRoleRemoval(), RemovePartner = new JobAssignRoleRemoval() };
        remove.Remove.Add(new JobAssignStaff { Uuid = JobPractice.StaffSam, TaskUuid = task.Uuid });
        remove.Remove.Add(new JobAssignStaff { Uuid = JobPractice.StaffJo });
        await xpm.Jobs.AssignAsync(remove);

        read = await xpm.Jobs.GetAsync("J000001");
        Assert.Null(read.Manager);
        Assert.Null(read.Partner);
        Assert.Equal(["Sam Lee"], read.Assigned.Select(s => s.Name));
        Assert.Equal(["Jo Bloggs"], read.Tasks.Single().Assigned.Select(s => s.Name));
    }

    [Scenario]
    public async Task Apply_template_adds_new_tasks_or_appends_to_the_same_tasks()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await xpm.Jobs.ApplyTemplateAsync(new JobApplyTemplateRequest { Id = "J000001", TemplateUuid = JobPractice.TemplateBrochure });
        var read = await xpm.Jobs.GetAsync("J000001");
        Assert.Equal(["Prepare accounts", "Concept", "Design"], read.Tasks.Select(t => t.Name));
        await xpm.Jobs.Tasks.UpdateAsync(new JobTaskUpdateRequest { Uuid = read.Tasks[1].Uuid, Description = "Own notes", EstimatedMinutes = 60 });

        await xpm.Jobs.ApplyTemplateAsync(new JobApplyTemplateRequest { Id = "J000001", TemplateUuid = JobPractice.TemplateBrochure, TaskMode = "AppendExisting" });
        read = await xpm.Jobs.GetAsync("J000001");
        Assert.Equal(["Prepare accounts", "Concept", "Design"], read.Tasks.Select(t => t.Name));
        Assert.Equal("Own notes" + Environment.NewLine + "First ideas", read.Tasks[1].Description);

        await xpm.Jobs.ApplyTemplateAsync(new JobApplyTemplateRequest { Id = "J000001", TemplateUuid = JobPractice.TemplateBrochure, TaskMode = "AddNew" });
        Assert.Equal(5, (await xpm.Jobs.GetAsync("J000001")).Tasks.Count);

        await AssertRefused("TaskMode 'Replace' is not valid", () => xpm.Jobs.ApplyTemplateAsync(new JobApplyTemplateRequest { Id = "J000001", TemplateUuid = JobPractice.TemplateBrochure, TaskMode = "Replace" }));
        await AssertRefused("Invalid template identifier", () => xpm.Jobs.ApplyTemplateAsync(new JobApplyTemplateRequest { Id = "J000001", TemplateUuid = Guid.NewGuid().ToString() }));
        Assert.Equal(5, (await xpm.Jobs.GetAsync("J000001")).Tasks.Count);
    }

    [Scenario]
    public async Task Quotes_and_estimates_are_made_from_a_job_with_its_tasks_and_costs()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        await xpm.Jobs.Costs.AddAsync(new JobCostAddRequest
        {
            Job = "J000001",
            Date = new DateOnly(2024, 2, 1),
            Description = "Printing",
            Quantity = 2m,
            UnitCost = 10m,
            UnitPrice = 25m,
        });

        var quoteNumber = await xpm.Jobs.CreateQuoteAsync("J000001");
        var estimateNumber = await xpm.Jobs.CreateEstimateAsync("J000001");

        Assert.Equal("Q000001", quoteNumber);
        Assert.Equal("Q000002", estimateNumber);
        var quote = await xpm.Quotes.GetAsync(quoteNumber!);
        var estimate = await xpm.Quotes.GetAsync(estimateNumber!);
        Assert.Equal("Quote", quote.Type);
        Assert.Equal("Estimate", estimate.Type);
        Assert.Equal("Draft", quote.State);
        Assert.Equal("Annual accounts", quote.Name);
        Assert.Equal(JobPractice.ClientSmith, quote.Client?.Uuid);
        Assert.Equal(["Prepare accounts"], quote.Tasks.Select(t => t.Name));
        Assert.Equal(50m, Assert.Single(quote.Costs).Amount);
        Assert.Equal(50m, quote.Amount);
        Assert.Equal(57.5m, quote.AmountIncludingTax);
        Assert.Equal(20m, quote.EstimatedCost);
        Assert.Contains(await xpm.Quotes.DraftAsync(), q => q.Id == quoteNumber);
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.CreateQuoteAsync("J404"));
    }

    [Scenario]
    public async Task A_note_and_a_document_added_to_a_job_are_read_back()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        await xpm.Jobs.Notes.AddAsync(new JobNoteAddRequest { Job = "J000001", Title = "Call", Text = "Client rang", Folder = "Correspondence", Public = false });
        var note = (await xpm.Jobs.GetAsync("J000001")).Notes.Last();
        Assert.Equal("Call", note.Title);
        Assert.Equal("Client rang", note.Text);
        Assert.Equal("Correspondence", note.Folder);
        Assert.NotNull(note.Date);
        Assert.False(string.IsNullOrEmpty(note.CreatedBy));
        await AssertRefused("missing - /Note/Text", () => xpm.Jobs.Notes.AddAsync(new JobNoteAddRequest { Job = "J000001", Title = "Empty" }));

        Assert.Empty(await xpm.Jobs.Documents.ListAsync("J000001"));
        await xpm.Jobs.Documents.AddAsync(new JobDocumentAddRequest
        {
            Job = "J000001",
            Title = "Engagement letter",
            Text = "Signed",
            Folder = "Letters",
            FileName = "letter.txt",
            Content = Convert.ToBase64String("Dear client"u8.ToArray()),
        });
        var document = Assert.Single(await xpm.Jobs.Documents.ListAsync("J000001"));
        Assert.Equal("Engagement letter", document.Title);
        Assert.Equal("letter.txt", document.FileName);
        Assert.Equal("Letters", document.Folder);
        Assert.NotNull(document.Url);

        await AssertRefused("not base64", () => xpm.Jobs.Documents.AddAsync(new JobDocumentAddRequest { Job = "J000001", Title = "Bad", FileName = "bad.bin", Content = "***" }));
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.Documents.ListAsync("J404"));
        Assert.Single(await xpm.Jobs.Documents.ListAsync("J000001"));
    }

    [Scenario]
    public async Task Custom_fields_of_a_job_are_set_and_read_back()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();

        var update = new CustomFieldValuesUpdate();
        update.Fields.Add(new CustomFieldValueUpdate { Uuid = JobPractice.FieldReference, Text = "REF-1" });
        await xpm.Jobs.UpdateCustomFieldsAsync("J000001", update);

        var field = Assert.Single(await xpm.Jobs.GetCustomFieldsAsync("J000001"));
        Assert.Equal("REF-1", field.Text);
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.GetCustomFieldsAsync("J404"));
    }

    [Scenario]
    public async Task A_deleted_job_is_gone_with_its_costs_and_documents()
    {
        await using var practice = await JobPractice.StartAsync();
        var xpm = practice.Sandbox.CreateClient();
        var job = await xpm.Jobs.AddAsync(NewJob());
        await xpm.Jobs.Costs.AddAsync(new JobCostAddRequest { Job = job.Id, Date = new DateOnly(2025, 1, 1), Description = "Fee", Quantity = 1m, UnitCost = 1m, UnitPrice = 2m });

        await AssertRefused("Invalid job identifier", () => xpm.Jobs.DeleteAsync(new JobDeleteRequest { Id = job.Id, Uuid = Guid.NewGuid().ToString() }));
        await xpm.Jobs.GetAsync(job.Id!);

        await xpm.Jobs.DeleteAsync(new JobDeleteRequest { Id = job.Id, Uuid = job.Uuid });

        await AssertRefused("Invalid job identifier", () => xpm.Jobs.GetAsync(job.Id!));
        await AssertRefused("Invalid job identifier", () => xpm.Jobs.DeleteAsync(new JobDeleteRequest { Id = job.Id }));
        Assert.Empty(practice.Sandbox.Practice.Read(state => state.JobCosts.Of(job.Id!)));
        Assert.DoesNotContain(await xpm.Jobs.CurrentAsync(), j => j.Id == job.Id);
    }

    [Scenario]
    public async Task In_the_demo_practice_a_job_moves_through_every_state_by_its_interface_code()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var xpm = sandbox.CreateClient();
        var current = await xpm.Jobs.CurrentAsync();
        Assert.NotEmpty(current);
        Assert.All(current, job => Assert.DoesNotMatch("^(Completed|Cancelled)$", job.State ?? string.Empty));

        var template = (await xpm.Templates.ListAsync()).First();
        var added = await xpm.Jobs.AddAsync(new JobAddRequest
        {
            Name = "Demo job",
            ClientUuid = current[0].Client!.Uuid,
            StartDate = new DateOnly(2026, 12, 1),
            DueDate = new DateOnly(2026, 12, 20),
            TemplateUuid = template.Uuid,
        });
        Assert.Equal("J000015", added.Id);
        Assert.Equal("Planned", added.State);
        Assert.NotEmpty(added.Tasks);

        foreach (var state in await xpm.JobStates.ListAsync())
        {
            var code = new string(state.Name!.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
            await xpm.Jobs.UpdateStateAsync(new JobStateRequest { Id = added.Id, State = code });
            Assert.Equal(state.Name, (await xpm.Jobs.GetAsync(added.Id!)).State);
        }
    }

    internal static JobAddRequest NewJob(
        string? name = "New job",
        string? client = JobPractice.ClientSmith,
        string? contact = null,
        string? template = null,
        string? category = null,
        string? id = null) => new()
    {
        Name = name,
        ClientUuid = client,
        ContactUuid = contact,
        TemplateUuid = template,
        CategoryUuid = category,
        Id = id,
        StartDate = new DateOnly(2025, 1, 1),
        DueDate = new DateOnly(2025, 1, 31),
    };

    internal static async Task AssertRefused(string expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(call);
        Assert.Contains(expected, error.ErrorDescription, StringComparison.Ordinal);
    }
}

/// <summary>
/// A small practice of known data for the job scenarios, written as a data folder in XPM's format by the generated
/// writers, so the scenarios do not depend on the demo practice's contents.
/// </summary>
internal static class JobPractice
{
    public const string StaffJo = "5b0c9a1e-0000-4000-8000-000000000001";
    public const string StaffSam = "5b0c9a1e-0000-4000-8000-000000000002";
    public const string StaffPat = "5b0c9a1e-0000-4000-8000-000000000003";
    public const string ClientSmith = "c1000000-0000-4000-8000-000000000001";
    public const string ClientRoberts = "c1000000-0000-4000-8000-000000000002";
    public const string ContactJohn = "c2000000-0000-4000-8000-000000000001";
    public const string ContactOther = "c2000000-0000-4000-8000-000000000002";
    public const string CategoryDesign = "ca000000-0000-4000-8000-000000000001";
    public const string TaskConcept = "7a000000-0000-4000-8000-000000000001";
    public const string TaskDesign = "7a000000-0000-4000-8000-000000000002";
    public const string TaskAccounts = "7a000000-0000-4000-8000-000000000003";
    public const string TemplateBrochure = "7e000000-0000-4000-8000-000000000001";
    public const string FieldReference = "cf000000-0000-4000-8000-000000000001";

    /// <summary>
    /// Jobs: J000001 (current, Smith, one task assigned to Jo, a milestone and a note), J000002 (completed, Smith),
    /// ABC123 (current, Roberts, a custom number).
    /// </summary>
    public static Task<ArrangedSandbox> StartAsync() => ArrangedSandbox.StartAsync(Fill);

    private static void Fill(SandboxState state)
    {
        state.Staff.Add(new Staff { Uuid = StaffJo, Name = "Jo Bloggs" });
        state.Staff.Add(new Staff { Uuid = StaffSam, Name = "Sam Lee" });
        state.Staff.Add(new Staff { Uuid = StaffPat, Name = "Pat Partner" });
        state.Clients.Add(new Client { Uuid = ClientSmith, Name = "A C Smith Limited" });
        state.Clients.Add(new Client { Uuid = ClientRoberts, Name = "Robert Holdings" });
        state.Contacts.Add(new Contact { Uuid = ContactJohn, Name = "John Smith" });
        state.Contacts.Add(new Contact { Uuid = ContactOther, Name = "John Roberts" });
        state.ClientContacts.For(ClientSmith).Add(new ClientContactLink { Uuid = ContactJohn, IsPrimary = true });
        state.ClientContacts.For(ClientRoberts).Add(new ClientContactLink { Uuid = ContactOther, IsPrimary = true });
        foreach (var name in new[] { "Planned", "In Progress", "Completed", "Cancelled" })
        {
            state.JobStates.Add(new JobState { Uuid = Guid.NewGuid().ToString(), Name = name });
        }

        state.Categories.Add(new Category { Uuid = CategoryDesign, Name = "Design" });
        state.CatalogTasks.Add(new CatalogTask { Uuid = TaskConcept, Name = "Concept", Description = "First ideas" });
        state.CatalogTasks.Add(new CatalogTask { Uuid = TaskDesign, Name = "Design" });
        state.CatalogTasks.Add(new CatalogTask { Uuid = TaskAccounts, Name = "Prepare accounts" });
        state.Templates.Add(new Template { Uuid = TemplateBrochure, Name = "Brochure" });
        state.TemplateTasks.For(TemplateBrochure).Add(new CatalogTask { Uuid = TaskConcept, Name = "Concept", Description = "First ideas" });
        state.TemplateTasks.For(TemplateBrochure).Add(new CatalogTask { Uuid = TaskDesign, Name = "Design" });
        state.CustomFieldDefinitions.Add(new CustomFieldDefinition
        {
            Uuid = FieldReference,
            Name = "Reference",
            Type = "Text",
            ValueElement = "Text",
            UseJob = true,
            UseJobTask = true,
            UseJobCost = true,
        });

        var smith = new Reference { Uuid = ClientSmith, Name = "A C Smith Limited" };
        var current = new Job
        {
            Id = "J000001",
            Uuid = Guid.NewGuid().ToString(),
            Name = "Annual accounts",
            Description = "Year end",
            State = "Planned",
            StartDate = new DateTime(2024, 1, 10),
            DueDate = new DateTime(2024, 2, 10),
            Client = smith,
            Assigned = { new JobStaff { Uuid = StaffJo, Name = "Jo Bloggs" } },
            Tasks =
            {
                new JobTask
                {
                    Uuid = Guid.NewGuid().ToString(),
                    TaskUuid = TaskAccounts,
                    Name = "Prepare accounts",
                    EstimatedMinutes = 120,
                    ActualMinutes = 30,
                    Completed = false,
                    Billable = true,
                    Assigned = { new JobStaff { Uuid = StaffJo, Name = "Jo Bloggs" } },
                },
            },
            Milestones = { new JobMilestone { Uuid = Guid.NewGuid().ToString(), Date = new DateTime(2024, 2, 1), Description = "Draft ready", Completed = false } },
            Notes = { new JobNote { Uuid = Guid.NewGuid().ToString(), Title = "Kick-off", Text = "Agreed scope", Date = new DateTime(2024, 1, 10, 9, 0, 0), CreatedBy = "Jo Bloggs" } },
        };
        state.Jobs.Add(current);
        state.Jobs.Add(new Job
        {
            Id = "J000002",
            Uuid = Guid.NewGuid().ToString(),
            Name = "Tax return",
            State = "Completed",
            StartDate = new DateTime(2024, 6, 1),
            DueDate = new DateTime(2024, 6, 30),
            CompletedDate = new DateTime(2024, 6, 20),
            Client = smith,
        });
        state.Jobs.Add(new Job
        {
            Id = "ABC123",
            Uuid = Guid.NewGuid().ToString(),
            Name = "Custom numbered",
            State = "In Progress",
            StartDate = new DateTime(2024, 9, 1),
            DueDate = new DateTime(2024, 9, 30),
            Client = new Reference { Uuid = ClientRoberts, Name = "Robert Holdings" },
        });
    }
}
