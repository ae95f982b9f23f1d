using System;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>clientgroup.api: groups and their members, seen from the group and from the client.</summary>
public sealed class ClientGroupScenarioTests
{
    [Scenario]
    public async Task A_group_is_added_gains_and_loses_members_and_is_deleted()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var parent = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Bloggs Holdings" });
        var child = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Bloggs Widgets Ltd" });

        var group = await xpm.ClientGroups.AddAsync(new ClientGroupAddRequest { Name = "Bloggs Family", Taxable = true, ClientUuid = parent.Uuid });
        Assert.Equal("Bloggs Family", group.Name);
        Assert.True(group.Taxable);
        Assert.Equal([parent.Uuid], group.Clients.Select(static c => c.Uuid));

        var listed = Assert.Single(await xpm.ClientGroups.ListAsync(), g => g.Uuid == group.Uuid);
        Assert.Empty(listed.Clients);
        Assert.Equal([group.Uuid], (await xpm.Clients.GetAsync(parent.Uuid!)).Groups.Select(static g => g.Uuid));

        var members = new ClientGroupMembersRequest { Uuid = group.Uuid };
        members.Add.Add(new ClientGroupMember { Uuid = child.Uuid });
        members.Remove.Add(new ClientGroupMember { Uuid = parent.Uuid });
        var changed = await xpm.ClientGroups.UpdateMembersAsync(members);
        Assert.Equal([("Bloggs Widgets Ltd")], changed.Clients.Select(static c => c.Name));
        Assert.Empty((await xpm.Clients.GetAsync(parent.Uuid!)).Groups);
        Assert.Equal("Bloggs Family", Assert.Single((await xpm.Clients.GetAsync(child.Uuid!)).Groups).Name);

        await xpm.Clients.UpdateAsync(new ClientUpdateRequest { Uuid = child.Uuid, Name = "Bloggs Gadgets Ltd" });
        Assert.Equal("Bloggs Gadgets Ltd", Assert.Single((await xpm.ClientGroups.GetAsync(group.Uuid!)).Clients).Name);

        await xpm.ClientGroups.DeleteAsync(new ClientGroupUuidRequest { Uuid = group.Uuid });
        Assert.DoesNotContain(await xpm.ClientGroups.ListAsync(), g => g.Uuid == group.Uuid);
        Assert.Empty((await xpm.Clients.GetAsync(child.Uuid!)).Groups);
        var gone = await Assert.ThrowsAsync<XpmApiException>(() => xpm.ClientGroups.GetAsync(group.Uuid!));
        Assert.Equal("Invalid group identifier", gone.ErrorDescription);
    }

    [Scenario]
    public async Task Refused_group_writes_say_why_and_change_nothing()
    {
        await using var practice = await ClientTestPractice.StartAsync();
        var xpm = practice.Xpm;
        var member = await xpm.Clients.AddAsync(new ClientAddRequest { Name = "Smith & Co" });
        var group = await xpm.ClientGroups.AddAsync(new ClientGroupAddRequest { Name = "Smith Family", ClientUuid = member.Uuid });
        var before = (await xpm.ClientGroups.ListAsync()).Count;

        var noName = await Assert.ThrowsAsync<XpmApiException>(() => xpm.ClientGroups.AddAsync(new ClientGroupAddRequest { Taxable = false }));
        Assert.EndsWith("/Group/Name", noName.ErrorDescription);
        var unknownFirst = await Assert.ThrowsAsync<XpmApiException>(() => xpm.ClientGroups.AddAsync(new ClientGroupAddRequest { Name = "Ghosts", ClientUuid = Guid.NewGuid().ToString() }));
        Assert.StartsWith("Invalid client identifier", unknownFirst.ErrorDescription);
        Assert.Equal(before, (await xpm.ClientGroups.ListAsync()).Count);

        var members = new ClientGroupMembersRequest { Uuid = group.Uuid };
        members.Remove.Add(new ClientGroupMember { Uuid = member.Uuid });
        members.Add.Add(new ClientGroupMember { Uuid = Guid.NewGuid().ToString() });
        var unknownMember = await Assert.ThrowsAsync<XpmApiException>(() => xpm.ClientGroups.UpdateMembersAsync(members));
        Assert.StartsWith("Invalid client identifier", unknownMember.ErrorDescription);
        Assert.Equal([member.Uuid], (await xpm.ClientGroups.GetAsync(group.Uuid!)).Clients.Select(static c => c.Uuid));

        var unknownGroup = await Assert.ThrowsAsync<XpmApiException>(() => xpm.ClientGroups.DeleteAsync(new ClientGroupUuidRequest { Uuid = Guid.NewGuid().ToString() }));
        Assert.Equal("Invalid group identifier", unknownGroup.ErrorDescription);
    }

    [Scenario]
    public async Task In_the_demo_practice_every_member_of_a_group_shows_the_group()
    {
        await using var sandbox = await TestSandbox.StartAsync(empty: false);
        var xpm = sandbox.CreateClient();

        var groups = await xpm.ClientGroups.ListAsync();

        Assert.NotEmpty(groups);
        foreach (var listed in groups)
        {
            var group = await xpm.ClientGroups.GetAsync(listed.Uuid!);
            Assert.Equal(listed.Name, group.Name);
            foreach (var member in group.Clients)
            {
                var client = await xpm.Clients.GetAsync(member.Uuid!);
                Assert.Equal(client.Name, member.Name);
                Assert.Contains(client.Groups, g => g.Uuid == group.Uuid);
            }
        }
    }
}
