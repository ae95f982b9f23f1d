namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>The fixed identities the stubs in contracts/ expect (fictional data).</summary>
public static class ContractData
{
    /// <summary>The one tenant the stubs serve; any other value of <c>xero-tenant-id</c> gets the gateway's 403.</summary>
    public const string TenantId = "3b1be89e-f411-4cf9-9bde-a3eb08a8e897";

    /// <summary>A tenant the practice is not connected to.</summary>
    public const string UnknownTenantId = "9c27eb9c-5178-4d2b-a630-454a7cee2123";

    /// <summary>Any bearer token is accepted except <see cref="ExpiredAccessToken"/>.</summary>
    public const string AccessToken = "contract-test-access-token";

    /// <summary>The token the gateway stub rejects with 401 TokenExpired.</summary>
    public const string ExpiredAccessToken = "expired-access-token";

    /// <summary>Client "Kowhai Landscaping Ltd" (list, get, update, archive).</summary>
    public const string KowhaiClientUuid = "0f8a4b05-3afa-4509-9b48-94802ded1532";

    /// <summary>Client "M. Okafor" (list, delete).</summary>
    public const string OkaforClientUuid = "7740560a-1faa-40c1-a4d8-3e5de282bea0";

    /// <summary>Client "Tui Street Bakery Ltd" (the client add creates).</summary>
    public const string TuiStreetClientUuid = "0d09ac02-d953-4a17-8e83-7729b087cf96";

    /// <summary>The job the stubs know.</summary>
    public const string JobNumber = "J000309";

    /// <summary>A job number the stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownJobNumber = "J999999";
}
