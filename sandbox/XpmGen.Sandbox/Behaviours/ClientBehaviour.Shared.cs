using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// Client lookups and references shared by the client and client group behaviours (and open to any behaviour that
/// names a client): which clients still accept changes, and the <c>{UUID, Name}</c> reference XPM writes for one.
/// </summary>
internal static class SandboxClients
{
    /// <summary>
    /// A client that accepts changes. Deleted clients stay in the table (XPM's list still returns them with
    /// IsDeleted = Yes) but nothing may be added to or changed on them, so they answer as unknown here.
    /// </summary>
    public static Client Live(SandboxState state, string? uuid) =>
        Find(state, uuid) ?? throw SandboxFault.InvalidIdentifier("client");

    /// <summary>A live client named by a body element, with the element and value in the fault.</summary>
    public static Client Live(SandboxState state, string? uuid, string elementPath) =>
        Find(state, uuid) ?? throw UnknownIn("client", elementPath, uuid);

    /// <summary>A client that is not deleted, or null.</summary>
    public static Client? Find(SandboxState state, string? uuid) =>
        state.Clients.Find(uuid) is { IsDeleted: not true } client ? client : null;

    /// <summary>A staff member named by a body element (AccountManagerUUID, JobManagerUUID).</summary>
    public static Staff Staff(SandboxState state, string uuid, string elementPath) =>
        state.Staff.Find(uuid) ?? throw UnknownIn("staff", elementPath, uuid);

    /// <summary>XPM's "Invalid ... identifier", followed by the element and value that named nothing.</summary>
    public static SandboxFault UnknownIn(string what, string elementPath, string? value) =>
        new($"Invalid {what} identifier - /{elementPath} '{value}' names no {what}.");

    /// <summary>The reference to a client, with its current name.</summary>
    public static Reference Reference(Client client) => new() { Uuid = client.Uuid, Name = client.Name };

    /// <summary>A stored client reference with the client's current name (a rename shows everywhere, as in XPM).</summary>
    public static Reference? RefreshClient(SandboxState state, Reference? stored) =>
        Refresh(stored, uuid => state.Clients.Find(uuid)?.Name);

    /// <summary>A stored staff reference with the staff member's current name.</summary>
    public static Reference? RefreshStaff(SandboxState state, Reference? stored) =>
        Refresh(stored, uuid => state.Staff.Find(uuid)?.Name);

    private static Reference? Refresh(Reference? stored, Func<string, string?> currentName) =>
        stored?.Uuid is null ? stored : new Reference { Uuid = stored.Uuid, Name = currentName(stored.Uuid) ?? stored.Name };

    /// <summary>The groups a client belongs to.</summary>
    public static System.Collections.Generic.IEnumerable<ClientGroup> GroupsOf(SandboxState state, string clientUuid) =>
        state.ClientGroups.All.Where(group => group.Clients.Any(member => SameId(member.Uuid, clientUuid)));

    public static bool SameId(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Copies and converts generated models through their own XML, so a view never shares objects with the state.</summary>
internal static class SandboxXmlCopy
{
    /// <summary>Writes <paramref name="value"/> as <paramref name="element"/> and reads it back with another model's reader.</summary>
    /// <remarks>Readers skip elements they do not know, so this also converts between request and response models that share element names.</remarks>
    public static TTo Convert<TFrom, TTo>(TFrom value, string element, Action<XmlWriter, TFrom, string> write, Func<XmlReader, TTo> read)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            write(writer, value, element);
        }

        stream.Position = 0;
        using var reader = XpmXml.CreateReader(stream);
        reader.MoveToContent();
        return read(reader);
    }

    public static Client Copy(Client client) => Convert(client, "Client", ClientXml.Write, ClientXml.Read);

    public static Contact Copy(Contact contact) => Convert(contact, "Contact", ContactXml.Write, ContactXml.Read);
}
