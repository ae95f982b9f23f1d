using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the CustomField resource: the definitions in
/// <see cref="SandboxState.CustomFieldDefinitions"/>. Values live with their owners (see <see cref="SandboxCustomFields"/>).
/// </summary>
internal sealed class CustomFieldBehaviour : CustomFieldSandboxApi
{
    private readonly SandboxPractice _practice;

    public CustomFieldBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    public override IEnumerable<CustomFieldDefinition> List() => State.CustomFieldDefinitions.All.Select(View).ToList();

    public override CustomFieldDefinition Get(string uuid) => View(State.CustomFieldDefinitions.Get(uuid, "custom field"));

    public override CustomFieldDefinition? Add(CustomFieldDefinitionAddRequest definition)
    {
        var details = Checked(null, definition.Name, definition.Type, definition.Options);
        var added = new CustomFieldDefinition
        {
            Uuid = SandboxPractice.NewUuid(),
            Name = details.Name,
            Type = details.Type,
            LinkUrl = definition.LinkUrl,
            Options = details.Options,
            UseClient = definition.UseClient ?? false,
            UseContact = definition.UseContact ?? false,
            UseJob = definition.UseJob ?? false,
            UseJobTask = definition.UseJobTask ?? false,
            UseJobCost = definition.UseJobCost ?? false,
            UseJobTime = definition.UseJobTime ?? false,
            UseLead = definition.UseLead ?? false,
            UseSupplier = definition.UseSupplier ?? false,
        };
        added.ValueElement = SandboxCustomFields.ValueElementOf(added);
        State.CustomFieldDefinitions.Add(added);
        return View(added);
    }

    /// <summary>
    /// Replaces a definition's name, type and options; Use flags and the link left out keep their value. When the new
    /// type carries its values in another element, the values already stored for the field are forgotten, as they
    /// could no longer be read in the new element.
    /// </summary>
    public override CustomFieldDefinition? Update(CustomFieldDefinitionUpdateRequest definition)
    {
        var existing = Existing(definition.Uuid);
        var details = Checked(existing, definition.Name, definition.Type, definition.Options);
        var previousElement = SandboxCustomFields.ValueElementOf(existing);

        existing.Name = details.Name;
        existing.Type = details.Type;
        existing.Options = details.Options;
        existing.LinkUrl = definition.LinkUrl ?? existing.LinkUrl;
        existing.UseClient = definition.UseClient ?? existing.UseClient;
        existing.UseContact = definition.UseContact ?? existing.UseContact;
        existing.UseJob = definition.UseJob ?? existing.UseJob;
        existing.UseJobTask = definition.UseJobTask ?? existing.UseJobTask;
        existing.UseJobCost = definition.UseJobCost ?? existing.UseJobCost;
        existing.UseJobTime = definition.UseJobTime ?? existing.UseJobTime;
        existing.UseLead = definition.UseLead ?? existing.UseLead;
        existing.UseSupplier = definition.UseSupplier ?? existing.UseSupplier;
        existing.ValueElement = null;
        existing.ValueElement = SandboxCustomFields.ValueElementOf(existing);

        if (!string.Equals(previousElement, existing.ValueElement, StringComparison.Ordinal))
        {
            SandboxCustomFields.ForgetDefinition(State, existing.Uuid!);
        }

        return View(existing);
    }

    public override void Delete(CustomFieldDefinitionUuidRequest definition)
    {
        var existing = Existing(definition.Uuid);
        State.CustomFieldDefinitions.Remove(existing);
        SandboxCustomFields.ForgetDefinition(State, existing.Uuid!);
    }

    private CustomFieldDefinition Existing(string? uuid) =>
        State.CustomFieldDefinitions.Get(uuid ?? throw SandboxFault.Missing("CustomFieldDefinition/UUID"), "custom field");

    /// <summary>
    /// Checks what add and update share: a name no other field has (values may name their field by it), a type the
    /// sandbox knows, and options for a dropdown (other types keep none).
    /// </summary>
    private (string Name, string Type, List<string> Options) Checked(CustomFieldDefinition? self, string? name, string? type, List<string> options)
    {
        var checkedName = name ?? throw SandboxFault.Missing("CustomFieldDefinition/Name");
        var requested = type ?? throw SandboxFault.Missing("CustomFieldDefinition/Type");
        var checkedType = SandboxCustomFields.CanonicalType(requested)
            ?? throw new SandboxFault($"The custom field type '{requested}' is not valid; the types are: {string.Join(", ", SandboxCustomFields.Types)}.");

        var clash = State.CustomFieldDefinitions.All.FirstOrDefault(d => d != self && string.Equals(d.Name, checkedName, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
        {
            throw new SandboxFault($"A custom field named '{checkedName}' already exists ({clash.Uuid}).");
        }

        if (!string.Equals(checkedType, SandboxCustomFields.DropdownType, StringComparison.Ordinal))
        {
            return (checkedName, checkedType, []);
        }

        var choices = options.Where(o => !string.IsNullOrWhiteSpace(o)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (choices.Count == 0)
        {
            throw new SandboxFault($"The Dropdown List field '{checkedName}' needs its choices: send at least one Options/Option.");
        }

        return (checkedName, checkedType, choices);
    }

    /// <summary>A definition as XPM returns it: a copy with its value element spelled out, also for seeded ones without.</summary>
    private static CustomFieldDefinition View(CustomFieldDefinition stored) => new()
    {
        Uuid = stored.Uuid,
        Name = stored.Name,
        Type = stored.Type,
        LinkUrl = stored.LinkUrl,
        Options = [.. stored.Options],
        UseClient = stored.UseClient ?? false,
        UseContact = stored.UseContact ?? false,
        UseJob = stored.UseJob ?? false,
        UseJobTask = stored.UseJobTask ?? false,
        UseJobCost = stored.UseJobCost ?? false,
        UseJobTime = stored.UseJobTime ?? false,
        UseLead = stored.UseLead,
        UseSupplier = stored.UseSupplier,
        ValueElement = SandboxCustomFields.ValueElementOf(stored),
    };
}
