using System;
using System.Collections.Generic;
using System.Linq;
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
    /// <summary>
    /// The definition types the sandbox knows and the element that carries their values. XPM documents Text, Decimal,
    /// Date, Dropdown List and Value Link and says the list goes on; the other names are the app's checkbox, number and
    /// multi-line fields, whose API spelling is a guess.
    /// </summary>
    private static readonly Dictionary<string, string> TypeValueElements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Text"] = "Text",
        ["Multi-line Text"] = "Text",
        ["Dropdown List"] = "Text",
        ["Value Link"] = "Text",
        ["Decimal"] = "Decimal",
        ["Number"] = "Number",
        ["Checkbox"] = "Boolean",
        ["Date"] = "Date",
    };

    /// <summary>The type of a field whose value must be one of its options.</summary>
    public const string DropdownType = "Dropdown List";

    /// <summary>The type names a definition may have, spelled as the sandbox writes them.</summary>
    public static IEnumerable<string> Types => TypeValueElements.Keys;

    /// <summary>The sandbox's spelling of a type name, or null when the type is not one it knows.</summary>
    public static string? CanonicalType(string type) =>
        TypeValueElements.Keys.FirstOrDefault(known => string.Equals(known, type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The element carrying a definition's values: its ValueElement, else the one its Type implies (Text when unknown).</summary>
    public static string ValueElementOf(CustomFieldDefinition definition) =>
        definition.ValueElement
        ?? (definition.Type is not null && TypeValueElements.TryGetValue(definition.Type, out var element) ? element : "Text");

    /// <summary>The values an entity has, as the customfield endpoints return them.</summary>
    public static IEnumerable<CustomFieldValue> Get(SandboxState state, CustomFieldOwnerKind kind, string id)
    {
        var values = new List<CustomFieldValue>();
        foreach (var stored in state.CustomFieldValues.Of(Owner(kind, id)))
        {
            // The name is the definition's current one: a renamed field reads back under its new name.
            var definition = state.CustomFieldDefinitions.Find(stored.Uuid);
            if (definition is not null)
            {
                values.Add(Copy(stored, definition));
            }
        }

        return values;
    }

    /// <summary>
    /// Sets values of an entity. Each value names a definition by UUID or Name that is enabled for <paramref name="kind"/>,
    /// and carries its value in the element the definition's ValueElement names; otherwise a <see cref="SandboxFault"/>.
    /// All values are checked before any is stored.
    /// </summary>
    public static void Update(SandboxState state, CustomFieldOwnerKind kind, string id, CustomFieldValuesUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var changes = update.Fields.Select(field => Resolve(state, kind, field)).ToList();

        var owner = Owner(kind, id);
        var stored = state.CustomFieldValues.For(owner);
        foreach (var (definition, value) in changes)
        {
            stored.RemoveAll(existing => string.Equals(existing.Uuid, definition.Uuid, StringComparison.OrdinalIgnoreCase));
            if (value is not null)
            {
                stored.Add(value);
            }
        }

        if (stored.Count == 0)
        {
            state.CustomFieldValues.RemoveOwner(owner);
        }
    }

    /// <summary>Forgets the values of a deleted entity.</summary>
    public static void Remove(SandboxState state, CustomFieldOwnerKind kind, string id) =>
        state.CustomFieldValues.RemoveOwner(Owner(kind, id));

    /// <summary>Forgets every value of a deleted definition, on whatever entity holds one.</summary>
    public static void ForgetDefinition(SandboxState state, string definitionUuid)
    {
        var emptied = new List<string>();
        foreach (var (owner, values) in state.CustomFieldValues.Owners)
        {
            values.RemoveAll(value => string.Equals(value.Uuid, definitionUuid, StringComparison.OrdinalIgnoreCase));
            if (values.Count == 0)
            {
                emptied.Add(owner);
            }
        }

        emptied.ForEach(state.CustomFieldValues.RemoveOwner);
    }

    /// <summary>The Use flag of a definition for an owner kind.</summary>
    public static bool IsUsedOn(CustomFieldDefinition definition, CustomFieldOwnerKind kind) => kind switch
    {
        CustomFieldOwnerKind.Client => definition.UseClient == true,
        CustomFieldOwnerKind.Contact => definition.UseContact == true,
        CustomFieldOwnerKind.Job => definition.UseJob == true,
        CustomFieldOwnerKind.JobTask => definition.UseJobTask == true,
        CustomFieldOwnerKind.JobCost => definition.UseJobCost == true,
        CustomFieldOwnerKind.Time => definition.UseJobTime == true,
        _ => false,
    };

    private static string Owner(CustomFieldOwnerKind kind, string id) => SandboxState.CustomFieldOwner(kind switch
    {
        CustomFieldOwnerKind.Client => "client",
        CustomFieldOwnerKind.Contact => "contact",
        CustomFieldOwnerKind.Job => "job",
        CustomFieldOwnerKind.JobTask => "task",
        CustomFieldOwnerKind.JobCost => "cost",
        CustomFieldOwnerKind.Time => "time",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    }, id);

    private static string Describe(CustomFieldOwnerKind kind) => kind switch
    {
        CustomFieldOwnerKind.Client => "clients (UseClient)",
        CustomFieldOwnerKind.Contact => "contacts (UseContact)",
        CustomFieldOwnerKind.Job => "jobs (UseJob)",
        CustomFieldOwnerKind.JobTask => "job tasks (UseJobTask)",
        CustomFieldOwnerKind.JobCost => "job costs (UseJobCost)",
        _ => "time entries (UseJobTime)",
    };

    /// <summary>
    /// Checks one requested value and returns the value to store, or null to clear the field. A field sent with no
    /// value element clears it: the model reads XPM's way of clearing (an empty element) as no value at all.
    /// </summary>
    private static (CustomFieldDefinition Definition, CustomFieldValue? Value) Resolve(SandboxState state, CustomFieldOwnerKind kind, CustomFieldValueUpdate field)
    {
        var definition = FindDefinition(state, field);
        if (!IsUsedOn(definition, kind))
        {
            throw new SandboxFault($"The custom field '{definition.Name}' ({definition.Uuid}) is not used on {Describe(kind)}.");
        }

        var given = GivenElements(field);
        if (given.Count > 1)
        {
            throw new SandboxFault($"The custom field '{definition.Name}' was sent more than one value ({string.Join(", ", given)}); send only <{ValueElementOf(definition)}>.");
        }

        if (given.Count == 0)
        {
            return (definition, null);
        }

        var expected = ValueElementOf(definition);
        if (!string.Equals(given[0], expected, StringComparison.Ordinal))
        {
            throw new SandboxFault($"The custom field '{definition.Name}' carries its value in <{expected}>, not <{given[0]}>.");
        }

        var value = new CustomFieldValue
        {
            Uuid = definition.Uuid,
            Name = definition.Name,
            Text = field.Text,
            Date = field.Date?.ToDateTime(TimeOnly.MinValue),
            Number = field.Number,
            Decimal = field.Decimal,
            Boolean = field.Boolean,
        };
        if (string.Equals(definition.Type, DropdownType, StringComparison.OrdinalIgnoreCase))
        {
            value.Text = Option(definition, field.Text!);
        }

        return (definition, value);
    }

    private static CustomFieldDefinition FindDefinition(SandboxState state, CustomFieldValueUpdate field)
    {
        if (field.Uuid is not null)
        {
            return state.CustomFieldDefinitions.Find(field.Uuid)
                ?? throw new SandboxFault($"Invalid custom field identifier: no custom field definition has the UUID {field.Uuid}.");
        }

        if (field.Name is not null)
        {
            return state.CustomFieldDefinitions.All.FirstOrDefault(d => string.Equals(d.Name, field.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new SandboxFault($"Invalid custom field identifier: no custom field definition is named '{field.Name}'.");
        }

        throw SandboxFault.Missing("CustomFields/CustomField/UUID");
    }

    private static List<string> GivenElements(CustomFieldValueUpdate field)
    {
        var given = new List<string>();
        if (field.Text is not null)
        {
            given.Add("Text");
        }

        if (field.Date is not null)
        {
            given.Add("Date");
        }

        if (field.Number is not null)
        {
            given.Add("Number");
        }

        if (field.Decimal is not null)
        {
            given.Add("Decimal");
        }

        if (field.Boolean is not null)
        {
            given.Add("Boolean");
        }

        return given;
    }

    /// <summary>The option a dropdown value names, compared case-insensitively and stored as the definition spells it.</summary>
    private static string Option(CustomFieldDefinition definition, string text) =>
        definition.Options.FirstOrDefault(option => string.Equals(option, text, StringComparison.OrdinalIgnoreCase))
        ?? throw new SandboxFault($"'{text}' is not an option of the custom field '{definition.Name}'; its options are: {string.Join(", ", definition.Options.Select(o => "'" + o + "'"))}.");

    private static CustomFieldValue Copy(CustomFieldValue stored, CustomFieldDefinition definition) => new()
    {
        Uuid = definition.Uuid,
        Name = definition.Name,
        Text = stored.Text,
        Date = stored.Date,
        Number = stored.Number,
        Decimal = stored.Decimal,
        Boolean = stored.Boolean,
    };
}
