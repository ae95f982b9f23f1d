using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using XpmGen.Models;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary>
/// The demo practice as the sandbox seeds it, read straight from the seed files: the expected values of the tests, so
/// that they follow the seed instead of repeating its names.
/// </summary>
internal static class DemoSeed
{
    private static readonly Lazy<SandboxState> Seeded = new(() =>
    {
        var state = new SandboxState();
        SandboxSeed.Load(state);
        return state;
    });

    /// <summary>The seeded state. Tests only read it.</summary>
    public static SandboxState State => Seeded.Value;

    /// <summary>Every client in table order: client.api/list returns archived and deleted clients too.</summary>
    public static IReadOnlyList<Client> Clients => State.Clients.All;

    /// <summary>The jobs job.api/current returns, in table order: those not in a completed or cancelled state.</summary>
    public static IReadOnlyList<Job> CurrentJobs => State.Jobs.All.Where(job => !JobStateBehaviour.IsClosing(job.State)).ToList();

    /// <summary>The jobs job.api/current leaves out.</summary>
    public static IReadOnlyList<Job> ClosedJobs => State.Jobs.All.Where(job => JobStateBehaviour.IsClosing(job.State)).ToList();

    /// <summary>A client's contacts that are not deleted, in link order, with their position and primary flag at this client.</summary>
    public static IReadOnlyList<(Contact Contact, ClientContactLink Link)> ContactsOf(Client client) =>
        State.ClientContacts.Of(client.Uuid!)
            .Select(link => (Contact: State.Contacts.Find(link.Uuid), Link: link))
            .Where(pair => pair.Contact is { IsDeleted: not true })
            .Select(pair => (pair.Contact!, pair.Link))
            .ToList();

    /// <summary>The relationships a client holds (it is the relationship's Client).</summary>
    public static IReadOnlyList<ClientRelationshipDetail> RelationshipsOf(Client client) =>
        State.ClientRelationships.All.Where(relationship => SameId(relationship.Client?.Uuid, client.Uuid)).ToList();

    /// <summary>The names of the groups a client belongs to.</summary>
    public static IReadOnlyList<string?> GroupNamesOf(Client client) =>
        State.ClientGroups.All.Where(group => group.Clients.Any(member => SameId(member.Uuid, client.Uuid))).Select(group => group.Name).ToList();

    /// <summary>A client with at least two contacts, a primary one and one that is not.</summary>
    public static Client ClientWithContacts() =>
        Clients.First(client => ContactsOf(client) is { Count: >= 2 } contacts
            && contacts.Any(c => c.Link.IsPrimary == true) && contacts.Any(c => c.Link.IsPrimary != true));

    /// <summary>The minutes recorded against a job task: the time entries on it, or the seeded figure when none name it.</summary>
    public static int ActualMinutes(JobTask task)
    {
        var entries = State.Time.All.Where(time => SameId(time.Task?.Uuid, task.Uuid)).ToList();
        return entries.Count > 0 ? entries.Sum(time => time.Minutes ?? 0) : task.ActualMinutes ?? 0;
    }

    /// <summary>Minutes as the CLI prints them: <c>45m</c>, <c>3h 05m</c>.</summary>
    public static string HoursAndMinutes(int minutes) =>
        minutes < 60
            ? minutes.ToString(CultureInfo.InvariantCulture) + "m"
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h {minutes % 60:00}m");

    private static bool SameId(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
