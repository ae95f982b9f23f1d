using System;
using System.Globalization;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// Relationships between clients (director, shareholder, ...). Each is stored once, owned by its ClientUUID client,
/// and shows in that client's detail with the other client as RelatedClient; the related client's detail does not
/// list it.
/// </summary>
internal sealed partial class ClientBehaviour
{
    /// <summary>XPM's relationship types, in its spelling.</summary>
    private static readonly string[] RelationshipTypes =
    [
        "Director", "Shareholder", "Trustee", "Beneficiary", "Partner", "Settlor", "Associate", "Secretary", "Public Officer",
        "Husband", "Wife", "Spouse", "Parent Of", "Child Of", "Appointer", "Member", "Auditor", "Owner",
    ];

    /// <inheritdoc/>
    public override ClientRelationshipDetail? RelationshipsAdd(ClientRelationshipAddRequest relationship)
    {
        var client = SandboxClients.Live(State, relationship.ClientUuid ?? throw SandboxFault.Missing("Relationship/ClientUUID"), "Relationship/ClientUUID");
        var related = SandboxClients.Live(State, relationship.RelatedClientUuid ?? throw SandboxFault.Missing("Relationship/RelatedClientUUID"), "Relationship/RelatedClientUUID");
        var type = OneOf(relationship.Type ?? throw SandboxFault.Missing("Relationship/Type"), RelationshipTypes, "Relationship/Type")!;
        if (ReferenceEquals(client, related))
        {
            throw new SandboxFault($"A client cannot be related to itself: /Relationship/ClientUUID and /Relationship/RelatedClientUUID are both '{client.Uuid}'.");
        }

        CheckDates(relationship.StartDate, relationship.EndDate);
        var created = new ClientRelationshipDetail
        {
            Uuid = SandboxPractice.NewUuid(),
            Client = SandboxClients.Reference(client),
            RelatedClient = SandboxClients.Reference(related),
            RelationshipType = new Reference { Name = type },
            StartDate = relationship.StartDate,
            EndDate = relationship.EndDate,
        };
        SetAmounts(created, relationship.NumberOfShares, relationship.Percentage);
        State.ClientRelationships.Add(created);
        return RelationshipDetail(created);
    }

    /// <inheritdoc/>
    public override ClientRelationshipDetail? RelationshipsUpdate(ClientRelationshipUpdateRequest relationship)
    {
        var stored = StoredRelationship(relationship.Uuid);
        var start = relationship.StartDate ?? stored.StartDate;
        var end = relationship.EndDate ?? stored.EndDate;
        CheckDates(start, end);
        stored.StartDate = start;
        stored.EndDate = end;
        SetAmounts(stored, relationship.NumberOfShares ?? stored.NumberOfShares, relationship.Percentage ?? stored.Percentage);
        return RelationshipDetail(stored);
    }

    /// <inheritdoc/>
    public override ClientRelationshipDetail? RelationshipsDelete(ClientRelationshipUuidRequest relationship)
    {
        var stored = StoredRelationship(relationship.Uuid);
        State.ClientRelationships.Remove(stored);
        return RelationshipDetail(stored);
    }

    private ClientRelationshipDetail StoredRelationship(string? uuid) =>
        State.ClientRelationships.Get(uuid ?? throw SandboxFault.Missing("Relationship/UUID"), "relationship");

    /// <summary>
    /// XPM keeps NumberOfShares for Shareholder and Owner relationships and Percentage for Partner ones; for other types
    /// they are dropped rather than refused, since clients commonly send both (as 0) whatever the type.
    /// </summary>
    private static void SetAmounts(ClientRelationshipDetail relationship, int? numberOfShares, decimal? percentage)
    {
        var type = relationship.RelationshipType?.Name;
        relationship.NumberOfShares = type is "Shareholder" or "Owner" ? numberOfShares : null;
        relationship.Percentage = type is "Partner" ? percentage : null;
    }

    private static void CheckDates(DateOnly? start, DateOnly? end)
    {
        if (start is { } from && end is { } to && to < from)
        {
            throw new SandboxFault(
                $"The relationship would end (/Relationship/EndDate {to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) before it starts (/Relationship/StartDate {from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary>A relationship as the relationship operations return it, with current client names.</summary>
    private ClientRelationshipDetail RelationshipDetail(ClientRelationshipDetail stored) => new()
    {
        Uuid = stored.Uuid,
        Client = SandboxClients.RefreshClient(State, stored.Client),
        RelatedClient = SandboxClients.RefreshClient(State, stored.RelatedClient),
        RelationshipType = new Reference { Name = stored.RelationshipType?.Name },
        NumberOfShares = stored.NumberOfShares,
        Percentage = stored.Percentage,
        StartDate = stored.StartDate,
        EndDate = stored.EndDate,
    };

    /// <summary>A relationship as its owning client's detail lists it.</summary>
    private ClientRelationship RelationshipOfClient(ClientRelationshipDetail stored) => new()
    {
        Uuid = stored.Uuid,
        Type = stored.RelationshipType?.Name,
        RelatedClient = SandboxClients.RefreshClient(State, stored.RelatedClient),
        NumberOfShares = stored.NumberOfShares,
        Percentage = stored.Percentage,
        StartDate = stored.StartDate,
        EndDate = stored.EndDate,
    };
}
