using System;

namespace XpmGen.Auth;

/// <summary>A tenant (practice, organisation) an access token can reach, from <c>GET https://api.xero.com/connections</c>.</summary>
/// <param name="Id">The connection id, used to disconnect.</param>
/// <param name="TenantId">The tenant id, sent as <c>xero-tenant-id</c>.</param>
/// <param name="TenantType">The tenant type: <c>PRACTICEMANAGER</c> for XPM practices.</param>
/// <param name="TenantName">The tenant's display name.</param>
/// <param name="CreatedDateUtc">When the connection was made.</param>
/// <param name="UpdatedDateUtc">When the connection last changed.</param>
public sealed record XpmConnection(
    string Id,
    string TenantId,
    string TenantType,
    string? TenantName,
    DateTime? CreatedDateUtc,
    DateTime? UpdatedDateUtc)
{
    /// <summary>The tenant type of XPM practices.</summary>
    public const string PracticeManagerTenantType = "PRACTICEMANAGER";

    /// <summary>Whether the tenant is an XPM practice.</summary>
    public bool IsPracticeManager => string.Equals(TenantType, PracticeManagerTenantType, StringComparison.OrdinalIgnoreCase);
}
