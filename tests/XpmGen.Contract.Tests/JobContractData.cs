namespace XpmGen.Contract.Tests;

/// <summary>The fixed identities the job.api and jobstate.api stubs in contracts/ expect (fictional data).</summary>
internal static class JobContractData
{
    /// <summary>The UUID of job J000309 (<see cref="Infrastructure.ContractData.JobNumber"/>).</summary>
    public const string JobUuid = "bee1a88b-8ce8-44db-965f-bbee8cfb0804";

    /// <summary>Job "GST Return March": no documents, costs or custom field values.</summary>
    public const string BareJobNumber = "J000415";

    /// <summary>Job "Company Restructure Advice", the one the delete stub accepts.</summary>
    public const string DeletableJobNumber = "J000418";

    /// <summary>Staff member Priya Raman: two current jobs.</summary>
    public const string PriyaStaffUuid = "e1e5128e-ed62-49ee-a489-c1acbde68bcf";

    /// <summary>Staff member Aroha Ngata.</summary>
    public const string ArohaStaffUuid = "e014f86c-f8eb-441e-bc35-e0eda4e32cd7";

    /// <summary>Staff member Tomas Brennan: one current job.</summary>
    public const string TomasStaffUuid = "7fc66691-901f-4762-b636-68a2084cd725";

    /// <summary>A staff member with no jobs.</summary>
    public const string NewStaffUuid = "c4d2a9f1-6b3e-4e8a-9f70-2d5b8e1a3c64";

    /// <summary>The job task "Prepare Financial Statements" on J000309 (its UUID on the job).</summary>
    public const string PrepareTaskUuid = "3b7cb5f5-114e-4e99-b08e-83ec31779a84";

    /// <summary>The job task "Review &amp; Sign-off" on J000309 (its UUID on the job).</summary>
    public const string ReviewTaskUuid = "1ca0ca96-e6f1-432e-8593-6e4de6423d8f";

    /// <summary>A job task UUID the complete stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownTaskUuid = "5f0c3e9a-8b21-4d6f-a7e4-1c9b2d8e0f73";

    /// <summary>The catalogue task (task.api) "GST Reconciliation" that the task add adds.</summary>
    public const string CatalogueTaskUuid = "9a3f6c21-5e8b-4d07-b1c4-7e2d0a9f4b18";

    /// <summary>The job cost "Companies Office annual return fee" on J000309.</summary>
    public const string CostUuid = "a2c4e6f8-1b3d-4f5a-9c7e-0d2b4f6a8c1e";

    /// <summary>The job template "Shareholder Salaries".</summary>
    public const string TemplateUuid = "8d2f4b6a-1e3c-4a5b-9c7d-0e2f4a6b8c1d";

    /// <summary>The job category "Annual Accounts" (category.api).</summary>
    public const string AnnualAccountsCategoryUuid = "dad1f993-de5e-4517-baa8-edb9afcf85ab";
}
