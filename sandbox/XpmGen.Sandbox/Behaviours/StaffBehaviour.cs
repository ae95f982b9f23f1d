using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Staff resource: staff members kept in
/// <see cref="SandboxState.Staff"/>. Logins are not simulated: enable, disable and forgotten password check the
/// staff member exists and change nothing, as no read shows whether someone can log in.
/// </summary>
internal sealed partial class StaffBehaviour : StaffSandboxApi
{
    private readonly SandboxPractice _practice;

    public StaffBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    public override IEnumerable<Staff> List() => State.Staff.All;

    public override Staff Get(string uuid) => State.Staff.Get(uuid, "staff");

    public override Staff Add(StaffAddRequest staff)
    {
        var name = staff.Name ?? throw SandboxFault.Missing("Staff/Name");
        CheckEmail(staff.Email);

        var added = new Staff
        {
            Uuid = SandboxPractice.NewUuid(),
            Name = name,
            Email = staff.Email,
            Phone = staff.Phone,
            Mobile = staff.Mobile,
            Address = staff.Address,
            PayrollCode = staff.PayrollCode,
        };
        State.Staff.Add(added);
        return added;
    }

    public override Staff Update(StaffUpdateRequest staff)
    {
        var existing = Existing(staff.Uuid);
        var name = staff.Name ?? throw SandboxFault.Missing("Staff/Name");
        CheckEmail(staff.Email);

        // Optional details left out (or sent empty, which reads the same) keep their value.
        existing.Name = name;
        existing.Email = staff.Email ?? existing.Email;
        existing.Phone = staff.Phone ?? existing.Phone;
        existing.Mobile = staff.Mobile ?? existing.Mobile;
        existing.Address = staff.Address ?? existing.Address;
        existing.PayrollCode = staff.PayrollCode ?? existing.PayrollCode;
        return existing;
    }

    /// <summary>
    /// Deletes a staff member who has no time recorded and no place on a job or client; otherwise refuses, naming
    /// what still refers to them, so no time entry or job is left pointing at nobody.
    /// </summary>
    public override void Delete(StaffUuidRequest staff)
    {
        var existing = Existing(staff.Uuid);
        var uses = UsesOf(existing.Uuid!);
        if (uses.Count > 0)
        {
            throw new SandboxFault($"The staff member {existing.Name} ({existing.Uuid}) cannot be deleted: {string.Join("; ", uses)}.");
        }

        State.Staff.Remove(existing);
    }

    public override void Enable(StaffEnableRequest staff) => Existing(staff.Uuid);

    public override void Disable(StaffUuidRequest staff) => Existing(staff.Uuid);

    public override void ForgottenPassword(StaffUuidRequest staff) => Existing(staff.Uuid);

    private Staff Existing(string? uuid) => State.Staff.Get(uuid ?? throw SandboxFault.Missing("Staff/UUID"), "staff");

    private static void CheckEmail(string? email)
    {
        if (email is not null && !EmailShape().IsMatch(email))
        {
            throw new SandboxFault($"The email address '{email}' is not valid: expected the form name@example.com.");
        }
    }

    private List<string> UsesOf(string uuid)
    {
        var uses = new List<string>();
        var times = State.Time.All.Count(time => Is(time.Staff?.Uuid, uuid));
        if (times > 0)
        {
            uses.Add($"{times} time entries are recorded by them");
        }

        var jobs = State.Jobs.All.Where(job => OnJob(job, uuid)).Select(job => job.Id).ToList();
        if (jobs.Count > 0)
        {
            uses.Add($"they manage, partner or are assigned to job(s) {string.Join(", ", jobs)}");
        }

        var clients = State.Clients.All.Where(c => Is(c.AccountManager?.Uuid, uuid) || Is(c.JobManager?.Uuid, uuid)).Select(c => c.Name).ToList();
        if (clients.Count > 0)
        {
            uses.Add($"they are account or job manager of client(s) {string.Join(", ", clients)}");
        }

        return uses;
    }

    private static bool OnJob(Job job, string uuid) =>
        Is(job.Manager?.Uuid, uuid)
        || Is(job.Partner?.Uuid, uuid)
        || job.Assigned.Any(a => Is(a.Uuid, uuid))
        || job.Tasks.Any(task => task.Assigned.Any(a => Is(a.Uuid, uuid)));

    private static bool Is(string? left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
