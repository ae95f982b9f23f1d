using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the ClientGroup resource. Each group is stored with its member
/// clients as references; a client's detail finds its groups from here, so membership changes show on both sides.
/// </summary>
internal sealed class ClientGroupBehaviour : ClientGroupSandboxApi
{
    private readonly SandboxPractice _practice;

    public ClientGroupBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<ClientGroup> List() =>
        State.ClientGroups.All.Select(static group => new ClientGroup { Uuid = group.Uuid, Name = group.Name, Taxable = group.Taxable ?? false }).ToList();

    /// <inheritdoc/>
    public override ClientGroup Get(string uuid) => Detailed(StoredGroup(uuid));

    /// <inheritdoc/>
    /// <remarks>ClientUUID is optional here (XPM does not say); a group may start empty. Names need not be unique.</remarks>
    public override ClientGroup Add(ClientGroupAddRequest group)
    {
        var name = group.Name ?? throw SandboxFault.Missing("Group/Name");
        var first = group.ClientUuid is null ? null : SandboxClients.Live(State, group.ClientUuid, "Group/ClientUUID");
        var created = new ClientGroup
        {
            Uuid = SandboxPractice.NewUuid(),
            Name = name,
            Taxable = group.Taxable ?? false,
            Clients = first is null ? [] : [SandboxClients.Reference(first)],
        };
        State.ClientGroups.Add(created);
        return Detailed(created);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Every named client must exist, for add and remove alike. Adding a member or removing a non-member changes
    /// nothing; the adds are applied before the removes.
    /// </remarks>
    public override ClientGroup UpdateMembers(ClientGroupMembersRequest group)
    {
        var stored = StoredGroup(group.Uuid ?? throw SandboxFault.Missing("Group/UUID"));
        var adds = group.Add.Select(member => Member(member, "add")).ToList();
        var removes = group.Remove.Select(member => Member(member, "remove")).ToList();

        foreach (var client in adds.Where(client => !IsMember(stored, client)))
        {
            stored.Clients.Add(SandboxClients.Reference(client));
        }

        foreach (var client in removes)
        {
            stored.Clients.RemoveAll(member => SandboxClients.SameId(member.Uuid, client.Uuid));
        }

        return Detailed(stored);
    }

    /// <inheritdoc/>
    public override void Delete(ClientGroupUuidRequest group) =>
        State.ClientGroups.Remove(StoredGroup(group.Uuid ?? throw SandboxFault.Missing("Group/UUID")));

    private ClientGroup StoredGroup(string uuid) => State.ClientGroups.Get(uuid, "group");

    /// <summary>The group with its members, under their current names.</summary>
    private ClientGroup Detailed(ClientGroup stored) => new()
    {
        Uuid = stored.Uuid,
        Name = stored.Name,
        Taxable = stored.Taxable ?? false,
        Clients = stored.Clients.Select(member => SandboxClients.RefreshClient(State, member)!).ToList(),
    };

    private Client Member(ClientGroupMember member, string action) =>
        SandboxClients.Live(State, member.Uuid ?? throw SandboxFault.Missing($"Group/{action}/@uuid"), $"Group/{action}/@uuid");

    private static bool IsMember(ClientGroup group, Client client) =>
        group.Clients.Any(member => SandboxClients.SameId(member.Uuid, client.Uuid));
}
