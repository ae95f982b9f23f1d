using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>The tasks on jobs: listing, adding from the task catalogue, updating, completing, reordering.</summary>
internal sealed partial class JobBehaviour
{
    /// <inheritdoc/>
    /// <remarks>Current jobs only, each carrying just the tasks that match every criterion given.</remarks>
    public override IEnumerable<Job> TasksList(bool? complete, DateOnly? due, DateOnly? start)
    {
        var jobs = new List<Job>();
        foreach (var job in State.Jobs.All.Where(IsCurrent))
        {
            var view = View(job, JobShape.WithTasks);
            view.Tasks.RemoveAll(task => !TaskMatches(task, complete, due, start));
            if (view.Tasks.Count > 0)
            {
                jobs.Add(view);
            }
        }

        return jobs;
    }

    /// <inheritdoc/>
    public override string? TasksAdd(JobTaskAddRequest task)
    {
        var number = Required(task.Job, "Task/Job");
        var catalogUuid = Required(task.TaskUuid, "Task/TaskUUID");
        var minutes = task.EstimatedMinutes ?? throw SandboxFault.Missing("Task/EstimatedMinutes");
        CheckMinutes(minutes);
        CheckTaskDates(task.StartDate, task.DueDate);
        var job = FindJob(number);
        var catalogTask = State.CatalogTasks.Get(catalogUuid, "task");

        var added = NewJobTask(catalogTask);
        added.Name = task.Label ?? added.Name;
        added.Description = task.Description ?? added.Description;
        added.EstimatedMinutes = minutes;
        added.StartDate = task.StartDate is { } startDate ? Midnight(startDate) : null;
        added.DueDate = task.DueDate is { } dueDate ? Midnight(dueDate) : null;
        job.Tasks.Add(added);
        return added.Uuid;
    }

    /// <inheritdoc/>
    public override string? TasksUpdate(JobTaskUpdateRequest task)
    {
        var uuid = Required(task.Uuid, "Task/UUID");
        var minutes = task.EstimatedMinutes ?? throw SandboxFault.Missing("Task/EstimatedMinutes");
        CheckMinutes(minutes);
        var (_, stored) = FindJobTask(uuid);
        var start = task.StartDate ?? DateOf(stored.StartDate);
        var due = task.DueDate ?? DateOf(stored.DueDate);
        CheckTaskDates(start, due);

        // Optional elements left out keep their value.
        stored.Name = task.Label ?? stored.Name;
        stored.Description = task.Description ?? stored.Description;
        stored.EstimatedMinutes = minutes;
        stored.StartDate = start is { } s ? Midnight(s) : null;
        stored.DueDate = due is { } d ? Midnight(d) : null;
        return stored.Uuid;
    }

    /// <inheritdoc/>
    public override Job? TasksComplete(string taskUuid) => SetCompleted(taskUuid, true);

    /// <inheritdoc/>
    public override Job? TasksReopen(string taskUuid) => SetCompleted(taskUuid, false);

    /// <inheritdoc/>
    /// <remarks>Tasks the body leaves out keep their relative order after the ones it lists.</remarks>
    public override Job? TasksReorder(JobReorderTasksRequest job)
    {
        var stored = FindJob(Required(job.Id, "Job/ID"));
        var ordered = new List<JobTask>();
        foreach (var item in job.Tasks)
        {
            var uuid = Required(item.Uuid, "Job/Tasks/Task/UUID");
            var task = stored.Tasks.FirstOrDefault(t => SameId(t.Uuid, uuid)) ?? throw SandboxFault.InvalidIdentifier("task");
            if (ordered.Contains(task))
            {
                throw new SandboxFault($"The task {uuid} is listed more than once.");
            }

            ordered.Add(task);
        }

        ordered.AddRange(stored.Tasks.Where(t => !ordered.Contains(t)).ToList());
        stored.Tasks.Clear();
        stored.Tasks.AddRange(ordered);
        return Detailed(stored);
    }

    /// <inheritdoc/>
    public override IEnumerable<CustomFieldValue> TasksGetCustomFields(string taskUuid) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.JobTask, FindJobTask(taskUuid).Task.Uuid!);

    /// <inheritdoc/>
    public override void TasksUpdateCustomFields(string taskUuid, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.JobTask, FindJobTask(taskUuid).Task.Uuid!, customFields);

    /// <summary>The job task with this UUID (JobTask.Uuid) and its job, or XPM's <c>Invalid task identifier</c>.</summary>
    internal static (Job Job, JobTask Task) FindJobTask(SandboxState state, string? taskUuid)
    {
        var uuid = taskUuid?.Trim();
        foreach (var job in state.Jobs.All)
        {
            var task = job.Tasks.FirstOrDefault(t => SameId(t.Uuid, uuid));
            if (task is not null)
            {
                return (job, task);
            }
        }

        throw SandboxFault.InvalidIdentifier("task");
    }

    /// <summary>A new, open, billable task on a job made from a catalogue task.</summary>
    private static JobTask NewJobTask(CatalogTask catalogTask) => new()
    {
        Uuid = SandboxPractice.NewUuid(),
        TaskUuid = catalogTask.Uuid,
        Name = catalogTask.Name,
        Description = catalogTask.Description,
        EstimatedMinutes = 0,
        ActualMinutes = 0,
        Completed = false,
        Billable = true,
    };

    private static bool TaskMatches(JobTask task, bool? complete, DateOnly? due, DateOnly? start) =>
        (complete is null || (task.Completed ?? false) == complete)
        && (due is null || (DateOf(task.DueDate) is { } taskDue && taskDue <= due))
        && (start is null || (DateOf(task.StartDate) is { } taskStart && taskStart >= start));

    private static DateOnly? DateOf(DateTime? value) => value is { } date ? DateOnly.FromDateTime(date) : null;

    private static void CheckMinutes(int minutes)
    {
        if (minutes < 0)
        {
            throw new SandboxFault($"The EstimatedMinutes {minutes} is negative; send zero or more minutes.");
        }
    }

    private static void CheckTaskDates(DateOnly? start, DateOnly? due)
    {
        if (start is { } s && due is { } d)
        {
            CheckDates(s, d, "task");
        }
    }

    private (Job Job, JobTask Task) FindJobTask(string taskUuid) => FindJobTask(State, taskUuid);

    private Job SetCompleted(string taskUuid, bool completed)
    {
        var (job, task) = FindJobTask(taskUuid);
        task.Completed = completed;
        return Detailed(job);
    }
}
