using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Client resource. The client table holds each client's own
/// fields and notes; contacts, groups and relationships live in their own tables and are joined when a client is read,
/// so a change made through any operation shows in every later read.
/// </summary>
/// <remarks>
/// Deleting a client marks it IsDeleted = Yes rather than removing it: XPM's list is observed to still return deleted
/// clients, and jobs, invoices and quotes that name the client keep a client to name. A deleted client is read by get
/// and list but refused (as an unknown client) by every write.
/// </remarks>
internal sealed partial class ClientBehaviour : ClientSandboxApi
{
    private readonly SandboxPractice _practice;

    public ClientBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    /// <remarks>
    /// The client model has no modification time, so <paramref name="modifiedSince"/> is accepted and every client is
    /// returned: a superset of XPM's answer, which a caller that filters on its own side handles alike.
    /// </remarks>
    public override IEnumerable<Client> List(bool? detailed, DateTime? modifiedSince) =>
        State.Clients.All.Select(client => detailed == true ? Detailed(client) : Summary(client)).ToList();

    /// <inheritdoc/>
    public override IEnumerable<Client> Search(string query, bool? detailed) =>
        State.Clients.All
            .Where(client => client.IsDeleted != true && (client.Name?.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(client => detailed == true ? Detailed(client) : Summary(client))
            .ToList();

    /// <inheritdoc/>
    public override Client Get(string uuid) => Detailed(State.Clients.Get(uuid, "client"));

    /// <inheritdoc/>
    public override Client Add(ClientAddRequest client)
    {
        if (client.Name is null)
        {
            throw SandboxFault.Missing("Client/Name");
        }

        var contacts = client.Contacts.Select(static contact => NewContact(contact, "Client/Contacts/Contact/Name")).ToList();
        var created = new Client { Uuid = SandboxPractice.NewUuid(), IsArchived = false, IsDeleted = false };
        ApplyFields(client, created, "Client");

        State.Clients.Add(created);
        foreach (var (contact, link) in contacts)
        {
            State.Contacts.Add(contact);
            Link(created.Uuid!, link);
        }

        return Detailed(created);
    }

    /// <inheritdoc/>
    public override Client Update(ClientUpdateRequest client)
    {
        var stored = SandboxClients.Live(State, client.Uuid ?? throw SandboxFault.Missing("Client/UUID"));

        // Changes go to a copy that replaces the stored client only once every field has been accepted.
        var fields = SandboxXmlCopy.Convert(client, "Client", ClientUpdateRequestXml.Write, ClientAddRequestXml.Read);
        var updated = SandboxXmlCopy.Copy(stored);
        ApplyFields(fields, updated, "Client");
        State.Clients.Reorder(State.Clients.All.Select(existing => ReferenceEquals(existing, stored) ? updated : existing));
        return Detailed(updated);
    }

    /// <inheritdoc/>
    public override Client Archive(ClientUuidRequest client)
    {
        var stored = SandboxClients.Live(State, client.Uuid ?? throw SandboxFault.Missing("Client/UUID"));
        stored.IsArchived = true;
        return Detailed(stored);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The client is marked deleted (see the class remarks). It leaves its groups and its relationships (both those it
    /// owns and those naming it) go, since XPM shows neither for a deleted client; its contacts, documents and custom
    /// field values stay with the record.
    /// </remarks>
    public override void Delete(ClientUuidRequest client)
    {
        var stored = SandboxClients.Live(State, client.Uuid ?? throw SandboxFault.Missing("Client/UUID"));
        var uuid = stored.Uuid!;
        stored.IsDeleted = true;
        foreach (var group in SandboxClients.GroupsOf(State, uuid).ToList())
        {
            group.Clients.RemoveAll(member => SandboxClients.SameId(member.Uuid, uuid));
        }

        State.ClientRelationships.RemoveAll(relationship =>
            SandboxClients.SameId(relationship.Client?.Uuid, uuid) || SandboxClients.SameId(relationship.RelatedClient?.Uuid, uuid));
    }

    /// <inheritdoc/>
    public override IEnumerable<Client> ListPage(int? pageSize, string? pageToken)
    {
        var current = State.Clients.All.Where(static client => client.IsArchived != true && client.IsDeleted != true).ToList();
        return SandboxPage<Client>.Of(current, pageSize, pageToken, "client.api/paged-list").Map(Base);
    }

    /// <inheritdoc/>
    public override IEnumerable<CustomFieldValue> GetCustomFields(string uuid) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.Client, State.Clients.Get(uuid, "client").Uuid!);

    /// <inheritdoc/>
    public override void UpdateCustomFields(string uuid, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.Client, SandboxClients.Live(State, uuid).Uuid!, customFields);
}
