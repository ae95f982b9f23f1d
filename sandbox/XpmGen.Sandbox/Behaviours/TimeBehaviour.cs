using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Time resource: time sheet entries recorded by a staff member
/// against a task of a job, kept in <see cref="SandboxState.Time"/> and read back with the current names of the job,
/// task and staff member.
/// </summary>
internal sealed class TimeBehaviour : TimeSandboxApi
{
    private readonly SandboxPractice _practice;

    public TimeBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    public override IEnumerable<Time> List(DateOnly from, DateOnly to)
    {
        SandboxDateRange.Check(from, to);
        return Select(_ => true, from, to);
    }

    public override IEnumerable<Time> ListByJob(string jobNumber, DateOnly? from, DateOnly? to)
    {
        var job = State.Jobs.Get(jobNumber, "job");
        if (from is not null && to is not null)
        {
            SandboxDateRange.Check(from.Value, to.Value);
        }

        return Select(time => SameId(time.Job?.Id, job.Id), from, to);
    }

    public override IEnumerable<Time> ListByStaff(string staffUuid, DateOnly from, DateOnly to)
    {
        var staff = State.Staff.Get(staffUuid, "staff");
        SandboxDateRange.Check(from, to);
        return Select(time => SameId(time.Staff?.Uuid, staff.Uuid), from, to);
    }

    public override Time Get(string uuid) => View(State.Time.Get(uuid, "time"));

    public override Time Add(TimesheetAddRequest timesheet)
    {
        var entry = Build(timesheet.Job, timesheet.TaskUuid, timesheet.StaffUuid, timesheet.Date, timesheet.Minutes, timesheet.Start, timesheet.End);
        entry.Uuid = SandboxPractice.NewUuid();
        entry.Note = timesheet.Note;

        State.Time.Add(entry);
        AddActualMinutes(entry, entry.Minutes ?? 0);
        return View(entry);
    }

    public override Time Update(TimesheetUpdateRequest timesheet)
    {
        var existing = Editable(timesheet.Uuid ?? throw SandboxFault.Missing("Timesheet/UUID"));
        var entry = Build(timesheet.Job, timesheet.TaskUuid, timesheet.StaffUuid, timesheet.Date, timesheet.Minutes, timesheet.Start, timesheet.End);

        AddActualMinutes(existing, -(existing.Minutes ?? 0));
        existing.Job = entry.Job;
        existing.Task = entry.Task;
        existing.Staff = entry.Staff;
        existing.Date = entry.Date;
        existing.Minutes = entry.Minutes;
        existing.Start = entry.Start;
        existing.End = entry.End;
        existing.Billable = entry.Billable;

        // The update body is the whole entry, as add's is: a note left out is cleared.
        existing.Note = timesheet.Note;
        AddActualMinutes(existing, existing.Minutes ?? 0);
        return View(existing);
    }

    public override void Delete(string uuid)
    {
        var entry = Editable(uuid);
        AddActualMinutes(entry, -(entry.Minutes ?? 0));
        State.Time.Remove(entry);
        SandboxCustomFields.Remove(State, CustomFieldOwnerKind.Time, entry.Uuid!);
    }

    public override IEnumerable<CustomFieldValue> GetCustomFields(string uuid) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.Time, State.Time.Get(uuid, "time").Uuid!);

    public override void UpdateCustomFields(string uuid, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.Time, State.Time.Get(uuid, "time").Uuid!, customFields);

    private List<Time> Select(Func<Time, bool> match, DateOnly? from, DateOnly? to) =>
        State.Time.All
            .Where(time => match(time) && SandboxDateRange.Contains(from, to, time.Date))
            .OrderBy(time => time.Date)
            .Select(View)
            .ToList();

    /// <summary>An entry that may be changed: one already invoiced belongs to its invoice and is refused.</summary>
    private Time Editable(string uuid)
    {
        var entry = State.Time.Get(uuid, "time");
        if (entry.InvoiceTaskUuid is not null)
        {
            throw new SandboxFault($"The time entry {entry.Uuid} has been invoiced and can no longer be changed or deleted.");
        }

        return entry;
    }

    /// <summary>
    /// Checks the fields add and update share and returns an entry with them (no UUID, no note): the job, a task of
    /// that job, the staff member, the date, and either Minutes or Start and End.
    /// </summary>
    private Time Build(string? jobNumber, string? taskUuid, string? staffUuid, DateOnly? date, int? minutes, TimeOnly? start, TimeOnly? end)
    {
        var job = State.Jobs.Get(jobNumber ?? throw SandboxFault.Missing("Timesheet/Job"), "job");
        var task = TaskOf(job, taskUuid ?? throw SandboxFault.Missing("Timesheet/TaskUUID"));
        var staff = State.Staff.Get(staffUuid ?? throw SandboxFault.Missing("Timesheet/StaffUUID"), "staff");
        var day = date ?? throw SandboxFault.Missing("Timesheet/Date");

        return new Time
        {
            Job = new JobReference { Id = job.Id, Name = job.Name },
            Task = new Reference { Uuid = task.Uuid, Name = task.Name },
            Staff = new Reference { Uuid = staff.Uuid, Name = staff.Name },
            Date = day.ToDateTime(TimeOnly.MinValue),
            Minutes = Duration(minutes, start, end),
            Start = start,
            End = end,
            Billable = task.Billable ?? true,
        };
    }

    /// <summary>
    /// The task of the job a TaskUUID names: the job task's own UUID, or (leniently) the catalogue task's UUID when
    /// exactly one task of the job comes from it.
    /// </summary>
    private static JobTask TaskOf(Job job, string taskUuid)
    {
        var task = job.Tasks.FirstOrDefault(t => SameId(t.Uuid, taskUuid));
        if (task is not null)
        {
            return task;
        }

        var fromCatalogue = job.Tasks.Where(t => SameId(t.TaskUuid, taskUuid)).ToList();
        return fromCatalogue.Count == 1
            ? fromCatalogue[0]
            : throw new SandboxFault($"Invalid task identifier: {taskUuid} is not a task of job {job.Id}.");
    }

    /// <summary>The minutes of an entry: Minutes as given (negative allowed), or the span from Start to End.</summary>
    private static int Duration(int? minutes, TimeOnly? start, TimeOnly? end)
    {
        if (start is null && end is null)
        {
            return minutes ?? throw SandboxFault.Missing("Timesheet/Minutes");
        }

        var from = start ?? throw SandboxFault.Missing("Timesheet/Start");
        var to = end ?? throw SandboxFault.Missing("Timesheet/End");
        if (to <= from)
        {
            throw new SandboxFault($"The time entry's End ({XpmValueFormat.FormatTime(to)}) must be after its Start ({XpmValueFormat.FormatTime(from)}).");
        }

        var span = (int)(to - from).TotalMinutes;
        if (minutes is not null && minutes != span)
        {
            throw new SandboxFault($"The time entry's Minutes ({minutes}) disagree with its Start ({XpmValueFormat.FormatTime(from)}) and End ({XpmValueFormat.FormatTime(to)}), {span} minutes apart; send either Minutes or Start and End.");
        }

        return span;
    }

    /// <summary>Keeps the job task's ActualMinutes in step with the time recorded on it.</summary>
    private void AddActualMinutes(Time entry, int minutes)
    {
        var task = State.Jobs.Find(entry.Job?.Id)?.Tasks.FirstOrDefault(t => SameId(t.Uuid, entry.Task?.Uuid));
        if (task is not null)
        {
            task.ActualMinutes = (task.ActualMinutes ?? 0) + minutes;
        }
    }

    /// <summary>The entry as XPM returns it: a copy with the current names of its job, task and staff member.</summary>
    private Time View(Time stored)
    {
        var job = State.Jobs.Find(stored.Job?.Id);
        var task = job?.Tasks.FirstOrDefault(t => SameId(t.Uuid, stored.Task?.Uuid));
        var staff = State.Staff.Find(stored.Staff?.Uuid);
        return new Time
        {
            Uuid = stored.Uuid,
            Job = new JobReference { Id = stored.Job?.Id, Name = job?.Name ?? stored.Job?.Name },
            Task = new Reference { Uuid = stored.Task?.Uuid, Name = task?.Name ?? stored.Task?.Name },
            Staff = new Reference { Uuid = stored.Staff?.Uuid, Name = staff?.Name ?? stored.Staff?.Name },
            Date = stored.Date,
            Minutes = stored.Minutes,
            Note = stored.Note,
            Billable = stored.Billable,
            Start = stored.Start,
            End = stored.End,
            InvoiceTaskUuid = stored.InvoiceTaskUuid,
            WebUrl = stored.WebUrl,
        };
    }

    private static bool SameId(string? left, string? right) =>
        left is not null && string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
