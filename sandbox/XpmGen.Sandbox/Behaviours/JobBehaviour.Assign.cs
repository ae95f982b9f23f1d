using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>Assigning staff to jobs and their tasks, and setting a job's manager and partner.</summary>
internal sealed partial class JobBehaviour
{
    /// <inheritdoc/>
    /// <remarks>
    /// Every operation is checked before any is applied. Removals run before additions, and remove-manager before
    /// add-manager (likewise for the partner), so a body that does both ends with the addition. Staff assigned to a
    /// task are also assigned to the job; removing someone not assigned changes nothing.
    /// </remarks>
    public override Job? Assign(JobAssignRequest job)
    {
        var stored = FindJob(Required(job.Id, "Job/ID"), job.Uuid);
        var removals = job.Remove.Select(op => Resolve(stored, op, "remove")).ToList();
        var additions = job.Add.Select(op => Resolve(stored, op, "add")).ToList();
        var manager = job.AddManager is null ? null : FindStaff(job.AddManager.Uuid, "Job/add-manager/@uuid");
        var partner = job.AddPartner is null ? null : FindStaff(job.AddPartner.Uuid, "Job/add-partner/@uuid");

        foreach (var (staff, task) in removals)
        {
            (task?.Assigned ?? stored.Assigned).RemoveAll(s => SameId(s.Uuid, staff.Uuid));
        }

        foreach (var (staff, task) in additions)
        {
            AddStaff(stored.Assigned, staff);
            if (task is not null)
            {
                AddStaff(task.Assigned, staff);
            }
        }

        if (job.RemoveManager is not null)
        {
            stored.Manager = null;
        }

        if (job.RemovePartner is not null)
        {
            stored.Partner = null;
        }

        stored.Manager = manager is null ? stored.Manager : Ref(manager.Uuid, manager.Name);
        stored.Partner = partner is null ? stored.Partner : Ref(partner.Uuid, partner.Name);
        return Detailed(stored);
    }

    private static void AddStaff(List<JobStaff> assigned, Staff staff)
    {
        if (!assigned.Any(s => SameId(s.Uuid, staff.Uuid)))
        {
            assigned.Add(new JobStaff { Uuid = staff.Uuid, Name = staff.Name });
        }
    }

    private (Staff Staff, JobTask? Task) Resolve(Job job, JobAssignStaff operation, string element)
    {
        var staff = FindStaff(operation.Uuid, $"Job/{element}/@uuid");
        if (operation.TaskUuid is null)
        {
            return (staff, null);
        }

        var task = job.Tasks.FirstOrDefault(t => SameId(t.Uuid, operation.TaskUuid.Trim())) ?? throw SandboxFault.InvalidIdentifier("task");
        return (staff, task);
    }

    private Staff FindStaff(string? uuid, string path) => State.Staff.Get(Required(uuid, path), "staff");
}
