namespace XpmGen.Contract.Tests;

/// <summary>The time sheet entries and custom fields the time.api stubs in contracts/ know (fictional data).</summary>
public static class TimeContractData
{
    /// <summary>Priya's 240 minutes on 12 August 2009, recorded 13:00-17:00 (get, update by start and end, five custom field values).</summary>
    public const string TimedEntryUuid = "19469dcf-214b-4922-9d0e-050f6fc7b202";

    /// <summary>Tomas's invoiced 90 minutes on 20 August 2009 (update by duration, one custom field value).</summary>
    public const string InvoicedEntryUuid = "1d48ba87-ff99-4a7a-84d4-6e47dece98cf";

    /// <summary>Priya's 120 minutes on 25 August 2009 (delete).</summary>
    public const string BankQueriesEntryUuid = "3a0e83a1-c054-479c-9806-a22f094ed459";

    /// <summary>The entry the add-by-duration stub creates (no custom field values).</summary>
    public const string AddedEntryUuid = "58ad3080-7801-4f30-95b7-a3da2bfa8732";

    /// <summary>A time entry UUID the get stub answers with HTTP 200 and Status ERROR.</summary>
    public const string UnknownEntryUuid = "b91484c9-4401-47fb-ae65-e6b5e724cbe9";

    /// <summary>The job task "Prepare Financial Statements" of job J000309 (its own UUID, not the catalogue TaskUUID).</summary>
    public const string PrepareFinancialStatementsJobTaskUuid = "3b7cb5f5-114e-4e99-b08e-83ec31779a84";

    /// <summary>The job task "Review &amp; Sign-off" of job J000309.</summary>
    public const string ReviewJobTaskUuid = "1ca0ca96-e6f1-432e-8593-6e4de6423d8f";

    /// <summary>A job with no time recorded.</summary>
    public const string JobWithoutTime = "J000415";

    /// <summary>Custom field "Review Date" (a date field).</summary>
    public const string ReviewDateFieldUuid = "bf2a24a0-dcc3-4355-8295-a018939d06ab";

    /// <summary>Custom field "Pages Reviewed" (a number field).</summary>
    public const string PagesReviewedFieldUuid = "50217b0f-665a-4c83-b309-639fb931144a";

    /// <summary>Custom field "Mileage (km)" (a decimal field).</summary>
    public const string MileageFieldUuid = "eb219d9d-6e7a-4bc3-ba70-03479a290440";

    /// <summary>Custom field "Worked Remotely" (a checkbox field).</summary>
    public const string WorkedRemotelyFieldUuid = "13273a56-a8c9-4b41-8861-9b657fe7ae2b";

    /// <summary>Custom field "Ticket Reference" (a text field).</summary>
    public const string TicketReferenceFieldUuid = "a20ad7f8-d3ff-4b05-b057-6d76fd778f1b";
}
