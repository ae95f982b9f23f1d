namespace XpmGen.Contract.Tests;

/// <summary>The staff members the staff.api and time.api stubs in contracts/ know (fictional data).</summary>
public static class StaffContractData
{
    /// <summary>Staff member "Aroha Ngata" (list, get; no time in August 2009).</summary>
    public const string ArohaUuid = "e014f86c-f8eb-441e-bc35-e0eda4e32cd7";

    /// <summary>Staff member "Tomas Brennan" (list, update; one time entry in August 2009).</summary>
    public const string TomasUuid = "7fc66691-901f-4762-b636-68a2084cd725";

    /// <summary>Staff member "Priya Raman" (list, enable, disable, forgotten password; two time entries in August 2009).</summary>
    public const string PriyaUuid = "e1e5128e-ed62-49ee-a489-c1acbde68bcf";

    /// <summary>Staff member "Wiremu Tane", whom the add stub creates.</summary>
    public const string WiremuUuid = "4c091619-66b5-4ba5-96db-08e1d3bedf9f";

    /// <summary>Former staff member "Grace Liu", whom the delete stub accepts.</summary>
    public const string LeaverUuid = "28bce648-b467-422f-b371-2cb7bfd89d7a";

    /// <summary>A staff UUID the get stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownStaffUuid = "eecd2153-0d4e-491e-ab30-ef7a8c9b824a";
}
