using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Job resource. Jobs are stored whole (tasks, milestones,
/// notes, assigned staff) in <see cref="SandboxState.Jobs"/>; every answer is a copy cut to the shape the operation
/// returns, so a caller never holds the stored job. This part holds the jobs themselves; tasks, assignment, notes,
/// documents, costs and quotes are in the other parts of the class.
/// </summary>
internal sealed partial class JobBehaviour : JobSandboxApi
{
    private readonly SandboxPractice _practice;

    public JobBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    /// <summary>The shapes XPM gives a job in its answers.</summary>
    private enum JobShape
    {
        /// <summary>Basic fields and assigned staff (lists without detailed).</summary>
        Summary,

        /// <summary>Summary plus tasks (job.api/tasks).</summary>
        WithTasks,

        /// <summary>Summary plus tasks, without the partner (job.api/staff, as Xero's OpenAPI has it).</summary>
        StaffList,

        /// <summary>Everything, as get answers.</summary>
        Detailed,
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<Job> Current(bool? detailed) =>
        Views(State.Jobs.All.Where(IsCurrent), ListShape(detailed));

    /// <inheritdoc/>
    public override IEnumerable<Job> List(DateOnly from, DateOnly to, bool? detailed)
    {
        SandboxDateRange.Check(from, to);
        return Views(State.Jobs.All.Where(job => Created(job) is { } created && created >= from && created <= to), ListShape(detailed));
    }

    /// <inheritdoc/>
    public override IEnumerable<Job> ListByStaff(string staffUuid)
    {
        var staff = State.Staff.Get(staffUuid, "staff");
        return Views(State.Jobs.All.Where(job => IsCurrent(job) && IsAssigned(job, staff.Uuid)), JobShape.StaffList);
    }

    /// <inheritdoc/>
    public override IEnumerable<Job> ListByClient(string clientUuid, bool? detailed)
    {
        var client = State.Clients.Get(clientUuid, "client");
        return Views(State.Jobs.All.Where(job => SameId(job.Client?.Uuid, client.Uuid)), ListShape(detailed));
    }

    /// <inheritdoc/>
    public override Job Get(string jobNumber) => Detailed(FindJob(jobNumber));

    /// <inheritdoc/>
    public override Job Add(JobAddRequest job)
    {
        var name = Required(job.Name, "Job/Name");
        var clientUuid = Required(job.ClientUuid, "Job/ClientUUID");
        var start = job.StartDate ?? throw SandboxFault.Missing("Job/StartDate");
        var due = job.DueDate ?? throw SandboxFault.Missing("Job/DueDate");
        CheckDates(start, due, "job");
        // A deleted client keeps its jobs but takes no new ones.
        var client = SandboxClients.Live(State, clientUuid, "Job/ClientUUID");
        var contact = job.ContactUuid is null ? null : ContactOf(client, job.ContactUuid);
        var template = job.TemplateUuid is null ? null : State.Templates.Get(job.TemplateUuid, "template");
        var category = job.CategoryUuid is null ? null : State.Categories.Get(job.CategoryUuid, "category");
        var number = job.Id is null ? NextNumber(State.Jobs.All.Select(j => j.Id), "J") : UnusedJobNumber(job.Id);

        var created = new Job
        {
            Id = number,
            Uuid = SandboxPractice.NewUuid(),
            Name = name,
            Description = job.Description,
            State = JobStateBehaviour.InitialStateName(State),
            ClientOrderNumber = job.ClientNumber,
            Budget = job.Budget,
            Type = category?.Name,
            StartDate = Midnight(start),
            DueDate = Midnight(due),
            Client = Ref(client.Uuid, client.Name),
            Contact = contact,
        };
        if (template is not null)
        {
            ApplyTemplateTasks(created, template, appendExisting: false);
        }

        State.Jobs.Add(created);
        return Detailed(created);
    }

    /// <inheritdoc/>
    public override Job Update(JobUpdateRequest job)
    {
        var number = Required(job.Id, "Job/ID");
        var name = Required(job.Name, "Job/Name");
        var start = job.StartDate ?? throw SandboxFault.Missing("Job/StartDate");
        var due = job.DueDate ?? throw SandboxFault.Missing("Job/DueDate");
        CheckDates(start, due, "job");
        var stored = FindJob(number);
        var category = job.CategoryUuid is null ? null : State.Categories.Get(job.CategoryUuid, "category");

        stored.Name = name;
        stored.StartDate = Midnight(start);
        stored.DueDate = Midnight(due);
        // Optional elements left out keep their value: XPM does not say it clears them.
        stored.Description = job.Description ?? stored.Description;
        stored.ClientOrderNumber = job.ClientNumber ?? stored.ClientOrderNumber;
        stored.Budget = job.Budget ?? stored.Budget;
        stored.Type = category?.Name ?? stored.Type;
        return Detailed(stored);
    }

    /// <inheritdoc/>
    public override Job? UpdateState(JobStateRequest job)
    {
        var number = Required(job.Id, "Job/ID");
        var code = Required(job.State, "Job/State");
        var stored = FindJob(number, job.Uuid);
        var state = JobStateBehaviour.ByCode(State, code);

        stored.State = state.Name;
        stored.CompletedDate = JobStateBehaviour.IsClosing(state.Name) ? stored.CompletedDate ?? Midnight(_practice.Today) : null;
        return Detailed(stored);
    }

    /// <inheritdoc/>
    public override Job? Delete(JobDeleteRequest job)
    {
        var stored = FindJob(Required(job.Id, "Job/ID"), job.Uuid);
        var number = stored.Id!;
        // Time and invoices name the job by number; deleting it under them would leave them pointing at nothing.
        if (State.Time.All.Any(t => SameId(t.Job?.Id, number)))
        {
            throw new SandboxFault($"The job {number} has time recorded against it and cannot be deleted.");
        }

        if (State.Invoices.All.Any(i => i.Jobs.Any(j => SameId(j.Id, number))))
        {
            throw new SandboxFault($"The job {number} has been invoiced and cannot be deleted.");
        }

        foreach (var task in stored.Tasks)
        {
            SandboxCustomFields.Remove(State, CustomFieldOwnerKind.JobTask, task.Uuid!);
        }

        foreach (var cost in State.JobCosts.Of(number))
        {
            SandboxCustomFields.Remove(State, CustomFieldOwnerKind.JobCost, cost.Uuid!);
        }

        SandboxCustomFields.Remove(State, CustomFieldOwnerKind.Job, number);
        State.JobCosts.RemoveOwner(number);
        State.JobDocuments.RemoveOwner(number);
        State.Jobs.Remove(stored);
        return null;
    }

    /// <inheritdoc/>
    public override Job? ApplyTemplate(JobApplyTemplateRequest job)
    {
        var number = Required(job.Id, "Job/ID");
        var templateUuid = Required(job.TemplateUuid, "Job/TemplateUUID");
        var appendExisting = IsAppendExisting(job.TaskMode);
        var stored = FindJob(number, job.Uuid);
        var template = State.Templates.Get(templateUuid, "template");

        ApplyTemplateTasks(stored, template, appendExisting);
        return Detailed(stored);
    }

    /// <inheritdoc/>
    public override IEnumerable<CustomFieldValue> GetCustomFields(string jobNumber) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.Job, FindJob(jobNumber).Id!);

    /// <inheritdoc/>
    public override void UpdateCustomFields(string jobNumber, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.Job, FindJob(jobNumber).Id!, customFields);

    /// <summary>
    /// The next number in a sequence such as J000001 or Q000001: one more than the highest number with this prefix
    /// (custom numbers of another form are skipped), written with at least six digits.
    /// </summary>
    internal static string NextNumber(IEnumerable<string?> existing, string prefix)
    {
        var highest = 0L;
        foreach (var id in existing)
        {
            if (id is not null
                && id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(id.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n > highest)
            {
                highest = n;
            }
        }

        return prefix + (highest + 1).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The job with this number, or XPM's <c>Invalid job identifier</c>.</summary>
    internal Job FindJob(string? number) => State.Jobs.Get(number?.Trim(), "job");

    /// <summary>Refuses a due date before the start date of a job or task.</summary>
    private static void CheckDates(DateOnly start, DateOnly due, string what)
    {
        if (due < start)
        {
            throw new SandboxFault($"The {what}'s due date {XpmValueFormat.FormatCompactDate(due)} is before its start date {XpmValueFormat.FormatCompactDate(start)}.");
        }
    }

    private static DateTime Midnight(DateOnly date) => date.ToDateTime(TimeOnly.MinValue);

    private static string Required(string? value, string path) =>
        string.IsNullOrWhiteSpace(value) ? throw SandboxFault.Missing(path) : value.Trim();

    private static bool SameId(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static Reference? Ref(string? uuid, string? name) => uuid is null ? null : new Reference { Uuid = uuid, Name = name };

    private static Reference? Copy(Reference? reference) => reference is null ? null : new Reference { Uuid = reference.Uuid, Name = reference.Name };

    private static bool IsCurrent(Job job) => !JobStateBehaviour.IsClosing(job.State);

    // XPM dates a job's creation; the sandbox keeps no creation stamp, so a job counts as created on its start date.
    private static DateOnly? Created(Job job) => job.StartDate is { } start ? DateOnly.FromDateTime(start) : null;

    private static bool IsAssigned(Job job, string? staffUuid) =>
        job.Assigned.Any(s => SameId(s.Uuid, staffUuid)) || job.Tasks.Any(t => t.Assigned.Any(s => SameId(s.Uuid, staffUuid)));

    private static JobShape ListShape(bool? detailed) => detailed == true ? JobShape.Detailed : JobShape.Summary;

    private static bool IsAppendExisting(string? taskMode) => taskMode switch
    {
        null => false,
        _ when string.Equals(taskMode, "AddNew", StringComparison.OrdinalIgnoreCase) => false,
        _ when string.Equals(taskMode, "AppendExisting", StringComparison.OrdinalIgnoreCase) => true,
        _ => throw new SandboxFault($"The TaskMode '{taskMode}' is not valid; send AddNew or AppendExisting."),
    };

    /// <summary>The job with this number, checking the UUID the body may also carry.</summary>
    private Job FindJob(string number, string? uuid)
    {
        var job = FindJob(number);
        if (uuid is not null && !SameId(job.Uuid, uuid.Trim()))
        {
            throw SandboxFault.InvalidIdentifier("job");
        }

        return job;
    }

    private string UnusedJobNumber(string number)
    {
        var trimmed = number.Trim();
        return State.Jobs.Find(trimmed) is null ? trimmed : throw new SandboxFault($"The job number {trimmed} is already in use.");
    }

    private Reference ContactOf(Client client, string contactUuid)
    {
        var uuid = contactUuid.Trim();
        if (!State.ClientContacts.Of(client.Uuid!).Any(link => SameId(link.Uuid, uuid)))
        {
            throw SandboxFault.InvalidIdentifier("contact");
        }

        return new Reference { Uuid = uuid, Name = State.Contacts.Find(uuid)?.Name };
    }

    /// <summary>Adds a template's tasks to a job; with appendExisting a task already on the job takes the template's details instead.</summary>
    private void ApplyTemplateTasks(Job job, Template template, bool appendExisting)
    {
        foreach (var catalogTask in State.TemplateTasks.Of(template.Uuid!))
        {
            var existing = appendExisting ? job.Tasks.FirstOrDefault(t => SameId(t.TaskUuid, catalogTask.Uuid)) : null;
            if (existing is null)
            {
                job.Tasks.Add(NewJobTask(catalogTask));
            }
            else
            {
                existing.Description = AppendText(existing.Description, catalogTask.Description);
            }
        }
    }

    private static string? AppendText(string? text, string? more) =>
        string.IsNullOrEmpty(more) ? text : string.IsNullOrEmpty(text) ? more : text + Environment.NewLine + more;

    private List<Job> Views(IEnumerable<Job> jobs, JobShape shape) => jobs.Select(job => View(job, shape)).ToList();

    private Job Detailed(Job job) => View(job, JobShape.Detailed);

    /// <summary>A copy of a stored job cut to a shape. Task ActualMinutes are kept in step by the time behaviour.</summary>
    private Job View(Job job, JobShape shape)
    {
        var view = Clone(job);
        if (shape is JobShape.Summary)
        {
            view.Tasks.Clear();
        }

        if (shape is not JobShape.Detailed)
        {
            view.Milestones.Clear();
            view.Notes.Clear();
        }

        if (shape is JobShape.StaffList)
        {
            view.Partner = null;
        }

        return view;
    }

    private static Job Clone(Job job)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream))
        {
            JobXml.Write(writer, job, "Job");
        }

        stream.Position = 0;
        using var reader = XpmXml.CreateReader(stream);
        reader.MoveToContent();
        return JobXml.Read(reader);
    }
}
