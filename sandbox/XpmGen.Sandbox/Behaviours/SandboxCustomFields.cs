using System.Collections.Generic;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>The kinds of entity that carry custom field values, each matching a Use flag of the definitions.</summary>
internal enum CustomFieldOwnerKind
{
    Client,
    Contact,
    Job,
    JobTask,
    JobCost,
    Time,
}

/// <summary>
/// Custom field values, shared by every resource that has them (clients, contacts, jobs, job tasks, job costs, time):
/// reading an entity's values and updating them against the practice's definitions.
/// </summary>
internal static class SandboxCustomFields
{
    /// <summary>The values an entity has, as the customfield endpoints return them.</summary>
    public static IEnumerable<CustomFieldValue> Get(SandboxState state, CustomFieldOwnerKind kind, string id) =>
        throw new System.NotImplementedException("Implemented by the custom field behaviour.");

    /// <summary>
    /// Sets values of an entity. Each value names a definition by UUID or Name that is enabled for <paramref name="kind"/>,
    /// and carries its value in the element the definition's ValueElement names; otherwise a <see cref="SandboxFault"/>.
    /// All values are checked before any is stored.
    /// </summary>
    public static void Update(SandboxState state, CustomFieldOwnerKind kind, string id, CustomFieldValuesUpdate update) =>
        throw new System.NotImplementedException("Implemented by the custom field behaviour.");

    /// <summary>Forgets the values of a deleted entity.</summary>
    public static void Remove(SandboxState state, CustomFieldOwnerKind kind, string id) =>
        throw new System.NotImplementedException("Implemented by the custom field behaviour.");
}
