namespace XpmGen.Contract.Tests;

/// <summary>
/// The fictional identities the client.api and clientgroup.api stubs expect beyond those in
/// <see cref="Infrastructure.ContractData"/> (client-*.json and clientgroup-*.json).
/// </summary>
public static class ClientContractData
{
    /// <summary>Client "Whitfield Holdings Ltd" (a relationship's related client, a group member).</summary>
    public const string WhitfieldHoldingsClientUuid = "8f098f9c-dd77-47b6-bfbf-b67f65e50fb2";

    /// <summary>Client "Harakeke Weaving Collective" (the last page of the paged list).</summary>
    public const string HarakekeClientUuid = "56fc015a-448c-4784-8b29-e591b4837ca7";

    /// <summary>A client UUID the stubs answer with HTTP 200 and Status ERROR.</summary>
    public const string UnknownClientUuid = "e1baf89d-d1ff-4257-a814-9588f221a3cb";

    /// <summary>Contact "Hana Whitfield", primary contact and director of Kowhai.</summary>
    public const string HanaContactUuid = "5784f88b-ca5d-4159-97ba-16439798ef65";

    /// <summary>Contact "Rawiri Whitfield" of Kowhai (updated; has no custom field values).</summary>
    public const string RawiriContactUuid = "bcb45959-f04f-4da9-a392-536cde3a3a63";

    /// <summary>Contact "Mere Tane" (linked to Kowhai).</summary>
    public const string MereContactUuid = "fa95096d-60f6-42b6-930e-57274e1e2d34";

    /// <summary>Contact "Sione Tane" (linked to Kowhai, removed from Tui Street).</summary>
    public const string SioneContactUuid = "13b6912c-d2eb-4029-af2d-b9feca70646a";

    /// <summary>Contact "Ngaio Parata", the contact the add stub creates and the delete stub deletes.</summary>
    public const string NgaioContactUuid = "0934c6f1-b0cb-4acc-9b57-2a0d39d62e18";

    /// <summary>A contact UUID the stubs answer with HTTP 200 and Status ERROR.</summary>
    public const string UnknownContactUuid = "9c9281fe-930a-424b-a999-501fa25b53c2";

    /// <summary>The Shareholder relationship of Kowhai in Whitfield Holdings (as in the client get stub).</summary>
    public const string ShareholderRelationshipUuid = "11067a26-9d35-437e-9522-bf62ad20d03d";

    /// <summary>The Partner relationship the add stub creates and the delete stub deletes.</summary>
    public const string PartnerRelationshipUuid = "da98cb49-4bcc-4603-8947-d453655a17c8";

    /// <summary>A relationship UUID the update stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownRelationshipUuid = "45454399-e4ce-4b8b-b2ca-5d2f9adfc4a0";

    /// <summary>Client group "Whitfield Family" (two members; its members are changed).</summary>
    public const string WhitfieldGroupUuid = "94aebb3f-1e24-4391-aeeb-0efef70e8932";

    /// <summary>Client group "Tane Whanau" (one member; the group add creates).</summary>
    public const string TaneGroupUuid = "a0cf7f7b-48b2-4ba9-9bc7-2b4c427865d2";

    /// <summary>Client group "Okafor Trusts" (no members; deleted).</summary>
    public const string OkaforTrustsGroupUuid = "3ff81d37-63b1-4470-995f-347a0a341c38";

    /// <summary>A client group UUID the stubs answer with HTTP 200 and Status ERROR.</summary>
    public const string UnknownGroupUuid = "6496a6a5-d626-44a4-8406-e32be7f9f309";

    /// <summary>Custom field "Engagement Date" (a date field).</summary>
    public const string EngagementDateFieldUuid = "758468d6-53b4-4ddb-9957-0f53a1fe73b3";

    /// <summary>Custom field "AML Checked" (a checkbox field).</summary>
    public const string AmlCheckedFieldUuid = "2e05d48b-30c2-4fdd-8688-39b92eba07e3";

    /// <summary>Custom field "Preferred Contact Method" (a text field).</summary>
    public const string PreferredContactFieldUuid = "4ac6053f-a152-4f8b-bce0-ab234591ca67";
}
