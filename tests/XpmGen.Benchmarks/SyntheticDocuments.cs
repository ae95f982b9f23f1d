using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Xml;

namespace XpmGen.Benchmarks;

/// <summary>
/// Deterministic, realistic XPM response documents, written directly as XML (not through the generated
/// writers) so they contain what XPM sends and the writers never produce: indentation, empty elements such as
/// <c>&lt;Fax /&gt;</c>, multi-line text with surrounding white space, both date-time spellings, escaped
/// characters, non-ASCII names and an element the schema does not know.
/// </summary>
/// <remarks>
/// Every item is generated from its own seed (<see cref="Seed"/> and its index), so a document can be
/// produced in one piece (<see cref="Clients"/>) or streamed chunk by chunk (<see cref="ClientsStream"/>)
/// with the same bytes.
/// </remarks>
internal static class SyntheticDocuments
{
    public const int Seed = 20261121;

    public const string ClientsHeader = "<Response api-method=\"List\">\n  <Status>OK</Status>\n  <Clients>\n";
    public const string ClientsFooter = "  </Clients>\n</Response>\n";
    public const string JobsHeader = "<Response api-method=\"Current\">\n  <Status>OK</Status>\n  <Jobs>\n";
    public const string JobsFooter = "  </Jobs>\n</Response>\n";

    private static readonly XmlWriterSettings FragmentSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        ConformanceLevel = ConformanceLevel.Fragment,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        NewLineHandling = NewLineHandling.Replace,
        OmitXmlDeclaration = true,
        CloseOutput = false,
    };

    private static readonly string[] FirstNames =
    {
        "Jo", "John", "Aroha", "Wiremu", "Mere", "Sarah", "Liam", "Olivia", "Noah", "Zoë", "Björn", "Ngaio", "Chloé",
        "Priya", "Mateo", "Hannah", "Tāne", "Ruby", "Sione", "Emily", "Ahmed", "Mei", "Lucas", "Grace",
    };

    private static readonly string[] LastNames =
    {
        "Bloggs", "Smith", "Ngata", "Müller", "O'Brien", "Te Whiu", "Williams", "Brown", "Wilson", "Taylor", "Nguyen",
        "Patel", "García", "Walker", "Tūhoe", "Anderson", "Thompson", "Kim", "Singh", "Henare",
    };

    private static readonly string[] CompanyWords =
    {
        "Acme", "Harbour", "Kauri", "Southern Cross", "Pōhutukawa", "Summit", "Riverside", "Tasman", "Northern", "Fern",
        "Blue Penguin", "Coastal", "Kiwi", "Alpine", "Greenstone", "Matai",
    };

    private static readonly string[] CompanySuffixes = { "Ltd", "Limited", "Pty Ltd", "& Sons Ltd", "Trust", "Holdings Ltd", "Partnership" };
    private static readonly string[] Streets = { "Quay Street", "Queen Street", "Lambton Quay", "Cuba Street", "Colombo Street", "George Street", "Victoria Avenue", "Ōtaki Road" };
    private static readonly string[] Cities = { "Auckland", "Wellington", "Christchurch", "Dunedin", "Hamilton", "Tauranga", "Sydney", "Melbourne", "Brisbane", "Whanganui" };
    private static readonly string[] Regions = { "Auckland", "Wellington", "Canterbury", "Otago", "Waikato", "Bay of Plenty", "NSW", "VIC", "QLD", "Manawatū-Whanganui" };
    private static readonly string[] Countries = { "New Zealand", "Australia", "New Zealand", "New Zealand", "United Kingdom" };
    private static readonly string[] ClientTypes = { "20th of Month", "7 days", "Due on receipt", "End of Month" };
    private static readonly string[] PaymentTerms = { "DayOfMonth", "WithinDays", "DayOfMonth", "DayOfMonth" };
    private static readonly string[] Positions = { "Director", "Accounts Payable", "Owner", "Trustee", "Office Manager", "CFO" };
    private static readonly string[] Folders = { "General", "Tax", "Correspondence", "Payroll", "Annual Accounts" };
    private static readonly string[] Referrals = { "Website", "Existing client", "Bank manager", "Seminar", "Word of mouth" };
    private static readonly string[] Structures = { "Company", "Individual", "Trust", "Partnership", "Sole Trader" };
    private static readonly string[] Industries = { "Construction", "Retail", "Hospitality", "Agriculture", "Professional Services", "Health" };
    private static readonly string[] Groups = { "Bloggs Family", "Farming Clients", "Key Accounts", "Trusts", "Wellington Office" };
    private static readonly string[] RelationshipTypes = { "Shareholder", "Director", "Trustee", "Beneficiary", "Partner", "Spouse" };
    private static readonly string[] JobStates = { "Planned", "In Progress", "Waiting on Client", "Review", "Completed" };
    private static readonly string[] JobTypes = { "Annual Accounts", "GST Return", "Income Tax Return", "Payroll", "Advisory", "Website Development" };
    private static readonly string[] TaskNames = { "Creative Direction", "Design & Layout", "Prepare workpapers", "Review", "Client queries", "Lodge return", "Bookkeeping", "Partner sign-off" };
    private static readonly string[] StaffNames = { "Jo Bloggs", "John Smith", "Aroha Ngata", "Liam O'Brien", "Mei Kim", "Chloé García", "Sione Taylor", "Priya Patel" };

    /// <summary>The staff of the synthetic practice: referenced as account and job managers, assigned staff and note authors.</summary>
    private static readonly (string Uuid, string Name)[] Staff = CreateStaff();

    /// <summary>A <c>&lt;Response&gt;&lt;Status&gt;OK&lt;/Status&gt;&lt;Clients&gt;</c> document of <paramref name="count"/> detailed clients, as UTF-8.</summary>
    public static byte[] Clients(int count) => Build(ClientsHeader, ClientsFooter, count, WriteClient);

    /// <summary>A <c>&lt;Response&gt;&lt;Status&gt;OK&lt;/Status&gt;&lt;Jobs&gt;</c> document of <paramref name="count"/> detailed jobs, as UTF-8.</summary>
    public static byte[] Jobs(int count) => Build(JobsHeader, JobsFooter, count, WriteJob);

    /// <summary>A small <c>StaffList</c> response, as <c>GET staff.api/list</c> returns it.</summary>
    public static byte[] StaffList()
    {
        var text = new StringBuilder("<Response api-method=\"List\">\n  <Status>OK</Status>\n  <StaffList>\n");
        for (var i = 0; i < 5; i++)
        {
            var rng = new Random(Seed + 7919 * i);
            text.Append("    <Staff>\n")
                .Append("      <UUID>").Append(Staff[i].Uuid).Append("</UUID>\n")
                .Append("      <Name>").Append(Escape(Staff[i].Name)).Append("</Name>\n")
                .Append("      <Email>").Append(Mail(Staff[i].Name, "practice.example")).Append("</Email>\n")
                .Append(i % 2 == 0 ? "      <Phone />\n" : "      <Phone>(04) 555 01" + rng.Next(10, 99) + "</Phone>\n")
                .Append("      <Mobile>021 555 " + rng.Next(1000, 9999) + "</Mobile>\n")
                .Append(i % 3 == 0 ? "      <Address />\n" : "      <Address>" + rng.Next(1, 300) + " Lambton Quay\nWellington</Address>\n")
                .Append("      <PayrollCode>PR" + (100 + i) + "</PayrollCode>\n")
                .Append("    </Staff>\n");
        }

        text.Append("  </StaffList>\n</Response>\n");
        return new UTF8Encoding(false).GetBytes(text.ToString());
    }

    /// <summary>
    /// A read-only, forward-only stream of the same client document as <see cref="Clients"/>, generated a few
    /// clients at a time so that serving it holds almost nothing in memory.
    /// </summary>
    public static Stream ClientsStream(int count) => new ChunkedDocumentStream(ClientsHeader, ClientsFooter, count, WriteClient);

    private static byte[] Build(string header, string footer, int count, Action<XmlWriter, int> writeItem)
    {
        using var stream = new ChunkedDocumentStream(header, footer, count, writeItem);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Writes the items <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1 as UTF-8 into <paramref name="output"/>.</summary>
    internal static void WriteItems(Stream output, int first, int count, Action<XmlWriter, int> writeItem)
    {
        using var writer = XmlWriter.Create(output, FragmentSettings);
        for (var i = first; i < first + count; i++)
        {
            writeItem(writer, i);
        }
    }

    internal static void WriteClient(XmlWriter w, int index)
    {
        var rng = new Random(Seed + 104_729 * index);
        var individual = rng.Next(3) == 0;
        var first = Pick(rng, FirstNames);
        var last = Pick(rng, LastNames);
        var name = individual ? first + " " + last : Pick(rng, CompanyWords) + " " + Pick(rng, CompanyWords) + " " + Pick(rng, CompanySuffixes);
        var city = rng.Next(Cities.Length);

        w.WriteStartElement("Client");
        Text(w, "UUID", Uuid(rng));
        Text(w, "Name", name);
        if (individual)
        {
            Text(w, "Title", rng.Next(2) == 0 ? "Mr" : "Ms");
            Text(w, "Gender", rng.Next(2) == 0 ? "M" : "F");
            Text(w, "FirstName", first);
            Text(w, "LastName", last);
            Empty(w, "OtherName");
        }
        else
        {
            Empty(w, "Title");
        }

        Text(w, "Email", Mail(name, "example.com"));
        switch (rng.Next(3))
        {
            case 0:
                Text(w, "DateOfBirth", Date(rng, 1940, 2005).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case 1:
                Text(w, "DateOfBirth", Date(rng, 1940, 2005).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00");
                break;
            default:
                Empty(w, "DateOfBirth");
                break;
        }

        Text(w, "Address", "Unit " + rng.Next(1, 40) + "\n" + rng.Next(1, 400) + " " + Pick(rng, Streets));
        Text(w, "City", Cities[city]);
        Text(w, "Region", Regions[city]);
        Text(w, "PostCode", rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture));
        Text(w, "Country", Pick(rng, Countries));
        if (rng.Next(4) == 0)
        {
            Empty(w, "PostalAddress");
        }
        else
        {
            // XPM returns multi-line postal addresses with the indentation of its own pretty-printing.
            Text(w, "PostalAddress", "\n         Level " + rng.Next(1, 40) + ", " + Pick(rng, CompanyWords) + " Building\n         " + rng.Next(1, 400) + " " + Pick(rng, Streets) + "\n         " + Cities[city] + " Central\n      ");
        }

        Text(w, "PostalCity", Cities[city]);
        Text(w, "PostalRegion", Regions[city]);
        Text(w, "PostalPostCode", rng.Next(1000, 9999).ToString(CultureInfo.InvariantCulture));
        Text(w, "PostalCountry", Pick(rng, Countries));
        Text(w, "Phone", "(0" + rng.Next(2, 9) + ") " + rng.Next(1000, 9999) + " " + rng.Next(1000, 9999));
        Empty(w, "Fax");
        if (rng.Next(3) == 0)
        {
            Text(w, "Website", "https://www." + Slug(name) + ".example.com/?ref=xpm&lang=en");
        }
        else
        {
            Empty(w, "Website");
        }

        Text(w, "ReferralSource", Pick(rng, Referrals));
        Text(w, "ExportCode", "EXP" + index.ToString("D6", CultureInfo.InvariantCulture));
        Text(w, "IsArchived", rng.Next(20) == 0 ? "Yes" : "No");
        Text(w, "IsDeleted", "No");
        WriteReference(w, "AccountManager", Staff[rng.Next(Staff.Length)]);
        var type = rng.Next(ClientTypes.Length);
        w.WriteStartElement("Type");
        Text(w, "Name", ClientTypes[type]);
        Text(w, "CostMarkup", (rng.Next(0, 60) + (rng.Next(4) * 0.25m)).ToString("0.00", CultureInfo.InvariantCulture));
        Text(w, "PaymentTerm", PaymentTerms[type]);
        Text(w, "PaymentDay", rng.Next(1, 31).ToString(CultureInfo.InvariantCulture));
        w.WriteEndElement();

        w.WriteStartElement("Contacts");
        var contacts = rng.Next(1, 4);
        for (var c = 0; c < contacts; c++)
        {
            var contactName = Pick(rng, FirstNames) + " " + (c == 0 && individual ? last : Pick(rng, LastNames));
            w.WriteStartElement("Contact");
            Text(w, "UUID", Uuid(rng));
            Text(w, "Name", contactName);
            OptionalText(w, rng, "Salutation", contactName.Split(' ')[0]);
            OptionalText(w, rng, "Addressee", contactName);
            OptionalText(w, rng, "Mobile", "02" + rng.Next(1, 9) + " " + rng.Next(100, 999) + " " + rng.Next(1000, 9999));
            Text(w, "Email", Mail(contactName, Slug(name) + ".example.com"));
            OptionalText(w, rng, "Phone", "(09) " + rng.Next(100, 999) + " " + rng.Next(1000, 9999));
            Text(w, "IsDeleted", "No");
            Text(w, "IsPrimary", c == 0 ? "Yes" : "No");
            OptionalText(w, rng, "Position", Pick(rng, Positions));
            w.WriteEndElement();
        }

        w.WriteEndElement();

        var notes = rng.Next(0, 4);
        w.WriteStartElement("Notes");
        for (var n = 0; n < notes; n++)
        {
            w.WriteStartElement("Note");
            Text(w, "Title", "Call about " + Pick(rng, JobTypes));
            Text(w, "Text", "Spoke with " + Pick(rng, FirstNames) + " about the year-end figures.\nThey will send the bank statements & invoices < 30 days old by Friday.");
            OptionalText(w, rng, "Folder", Pick(rng, Folders));
            Text(w, "Date", DateTime(rng, 2019, 2026).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            Text(w, "CreatedBy", Staff[rng.Next(Staff.Length)].Name);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        if (rng.Next(5) == 0)
        {
            WriteReference(w, "BillingClient", (Uuid(rng), Pick(rng, CompanyWords) + " " + Pick(rng, CompanySuffixes)));
        }

        WriteReference(w, "JobManager", Staff[rng.Next(Staff.Length)]);
        if (individual)
        {
            Empty(w, "CompanyNumber");
        }
        else
        {
            Text(w, "CompanyNumber", rng.Next(100000, 9999999).ToString(CultureInfo.InvariantCulture));
        }

        Text(w, "TaxNumber", "******" + rng.Next(100, 999));
        Text(w, "BusinessNumber", "94" + rng.Next(10000000, 99999999) + rng.Next(100, 999));
        Text(w, "BusinessStructure", individual ? "Individual" : Pick(rng, Structures));
        Text(w, "BalanceMonth", rng.Next(1, 13).ToString(CultureInfo.InvariantCulture));
        Text(w, "PrepareGST", rng.Next(2) == 0 ? "Yes" : "No");
        Text(w, "GSTRegistered", rng.Next(3) == 0 ? "No" : "Yes");
        Text(w, "GSTPeriod", rng.Next(2) == 0 ? "2" : "6");
        Text(w, "GSTBasis", rng.Next(2) == 0 ? "Invoice" : "Payments");
        Text(w, "ProvisionalTaxBasis", rng.Next(2) == 0 ? "Standard Option" : "Estimate");
        Text(w, "ProvisionalTaxRatio", (rng.Next(0, 3000) / 100m).ToString("0.00", CultureInfo.InvariantCulture));
        Text(w, "SignedTaxAuthority", rng.Next(4) == 0 ? "No" : "Yes");
        Text(w, "TaxAgent", "TA" + rng.Next(10000, 99999));
        Text(w, "AgencyStatus", rng.Next(2) == 0 ? "With EOT" : "Without EOT");
        Text(w, "ReturnType", individual ? "IR3" : "IR4");
        Text(w, "PrepareActivityStatement", rng.Next(2) == 0 ? "Yes" : "No");
        Text(w, "PrepareTaxReturn", "Yes");

        var groups = rng.Next(0, 3);
        if (groups == 0)
        {
            Empty(w, "Groups");
        }
        else
        {
            w.WriteStartElement("Groups");
            for (var g = 0; g < groups; g++)
            {
                WriteReference(w, "Group", (Uuid(rng), Pick(rng, Groups)));
            }

            w.WriteEndElement();
        }

        if (rng.Next(6) == 0)
        {
            w.WriteStartElement("Relationships");
            var relationships = rng.Next(1, 3);
            for (var r = 0; r < relationships; r++)
            {
                w.WriteStartElement("Relationship");
                Text(w, "UUID", Uuid(rng));
                Text(w, "Type", Pick(rng, RelationshipTypes));
                WriteReference(w, "RelatedClient", (Uuid(rng), Pick(rng, FirstNames) + " " + Pick(rng, LastNames)));
                Text(w, "NumberOfShares", rng.Next(1, 10000).ToString(CultureInfo.InvariantCulture));
                Text(w, "Percentage", (rng.Next(0, 10000) / 100m).ToString("0.##", CultureInfo.InvariantCulture));
                var start = Date(rng, 2000, 2020);
                Text(w, "StartDate", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (rng.Next(2) == 0)
                {
                    Text(w, "EndDate", start.AddDays(rng.Next(30, 3000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    Empty(w, "EndDate");
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (individual)
        {
            OptionalText(w, rng, "MiddleName", Pick(rng, FirstNames));
            Empty(w, "DateOfDeath");
            Text(w, "PlaceOfBirthCity", Pick(rng, Cities));
            Text(w, "PlaceOfBirthCountryCode", rng.Next(3) == 0 ? "AU" : "NZ");
        }

        Text(w, "Industry", Pick(rng, Industries));
        Text(w, "IsProspect", rng.Next(10) == 0 ? "Yes" : "No");
        Text(w, "BranchNumber", rng.Next(0, 10) == 0 ? "1" : "0");
        Text(w, "BankBSB", rng.Next(100, 999) + "-" + rng.Next(100, 999));
        Text(w, "BankAccountName", name);
        Text(w, "BankAccountNumber", "12-" + rng.Next(1000, 9999) + "-" + rng.Next(1000000, 9999999) + "-00");
        Text(w, "BankName", rng.Next(2) == 0 ? "ANZ" : "Kiwibank");
        Text(w, "ActiveAtoClient", rng.Next(2) == 0 ? "Yes" : "No");
        Text(w, "ClientCode", "C" + index.ToString("D6", CultureInfo.InvariantCulture));
        if (rng.Next(8) == 0)
        {
            w.WriteStartElement("AutoBasOptInCriteria");
            Text(w, "Annually", "No");
            Text(w, "Monthly", "No");
            Text(w, "Quarterly", "Yes");
            Empty(w, "Opt-Out");
            w.WriteEndElement();
        }

        if (rng.Next(10) == 0)
        {
            // Xero adds fields; readers must skip what they do not know.
            w.WriteStartElement("SomethingXeroAddedLater");
            Text(w, "Flag", "Yes");
            Text(w, "Detail", "ignored by every reader");
            w.WriteEndElement();
        }

        Text(w, "WebUrl", "https://practicemanager.xero.com/Client/" + (100000 + index) + "/Detail");
        w.WriteEndElement();
    }

    internal static void WriteJob(XmlWriter w, int index)
    {
        var rng = new Random(Seed + 130_363 * index);
        var start = DateTime(rng, 2024, 2026).Date;
        var state = Pick(rng, JobStates);
        var jobType = Pick(rng, JobTypes);

        w.WriteStartElement("Job");
        Text(w, "ID", "J" + (index + 1).ToString("D6", CultureInfo.InvariantCulture));
        Text(w, "UUID", Uuid(rng));
        Text(w, "Name", jobType + " " + start.Year.ToString(CultureInfo.InvariantCulture));
        if (rng.Next(3) == 0)
        {
            Empty(w, "Description");
        }
        else
        {
            Text(w, "Description", "Prepare the " + jobType.ToLowerInvariant() + " for the year ending 31 March.\nInclude the fixed asset register & depreciation schedule.");
        }

        Text(w, "State", state);
        OptionalText(w, rng, "ClientOrderNumber", "PO-" + rng.Next(1000, 99999));
        Text(w, "Budget", (rng.Next(2, 400) * 25m / 2).ToString("0.00", CultureInfo.InvariantCulture));
        Text(w, "Type", jobType);
        Text(w, "StartDate", start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        Text(w, "DueDate", start.AddDays(rng.Next(7, 120)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (state == "Completed")
        {
            Text(w, "CompletedDate", start.AddDays(rng.Next(7, 120)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        }

        WriteReference(w, "Client", (Uuid(rng), Pick(rng, CompanyWords) + " " + Pick(rng, CompanyWords) + " " + Pick(rng, CompanySuffixes)));
        if (rng.Next(2) == 0)
        {
            WriteReference(w, "Contact", (Uuid(rng), Pick(rng, FirstNames) + " " + Pick(rng, LastNames)));
        }

        WriteReference(w, "Manager", Staff[rng.Next(Staff.Length)]);
        WriteReference(w, "Partner", Staff[rng.Next(Staff.Length)]);
        w.WriteStartElement("Assigned");
        var assigned = rng.Next(1, 4);
        for (var a = 0; a < assigned; a++)
        {
            WriteReference(w, "Staff", Staff[(index + a) % Staff.Length]);
        }

        w.WriteEndElement();

        w.WriteStartElement("Tasks");
        var tasks = rng.Next(2, 9);
        for (var t = 0; t < tasks; t++)
        {
            w.WriteStartElement("Task");
            Text(w, "UUID", Uuid(rng));
            Text(w, "TaskUUID", Uuid(rng));
            Text(w, "Name", Pick(rng, TaskNames));
            OptionalText(w, rng, "Description", "Check against last year's file & note variances > 10%.");
            Text(w, "EstimatedMinutes", (rng.Next(1, 40) * 15).ToString(CultureInfo.InvariantCulture));
            Text(w, "ActualMinutes", (rng.Next(0, 50) * 15).ToString(CultureInfo.InvariantCulture));
            Text(w, "Completed", rng.Next(3) == 0 ? "true" : "false");
            Text(w, "Billable", rng.Next(5) == 0 ? "false" : "true");
            OptionalText(w, rng, "Folder", Pick(rng, Folders));
            if (rng.Next(2) == 0)
            {
                Text(w, "StartDate", start.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                Text(w, "DueDate", start.AddDays(rng.Next(1, 60)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            }

            w.WriteStartElement("Assigned");
            var taskStaff = rng.Next(1, 3);
            for (var s = 0; s < taskStaff; s++)
            {
                var staff = Staff[rng.Next(Staff.Length)];
                w.WriteStartElement("Staff");
                Text(w, "UUID", staff.Uuid);
                Text(w, "Name", staff.Name);
                Text(w, "AllocatedMinutes", (rng.Next(1, 20) * 30).ToString(CultureInfo.InvariantCulture));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        var milestones = rng.Next(0, 4);
        if (milestones == 0)
        {
            Empty(w, "Milestones");
        }
        else
        {
            w.WriteStartElement("Milestones");
            for (var m = 0; m < milestones; m++)
            {
                w.WriteStartElement("Milestone");
                Text(w, "UUID", Uuid(rng));
                Text(w, "Date", start.AddDays(rng.Next(1, 90)).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                Text(w, "Description", "Draft " + Pick(rng, JobTypes).ToLowerInvariant() + " to client");
                Text(w, "Completed", rng.Next(2) == 0 ? "true" : "false");
                Empty(w, "Folder");
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteStartElement("Notes");
        var notes = rng.Next(0, 3);
        for (var n = 0; n < notes; n++)
        {
            w.WriteStartElement("Note");
            Text(w, "UUID", Uuid(rng));
            Text(w, "Title", "Query from " + Pick(rng, FirstNames));
            Text(w, "Text", "Client asked whether the \"home office\" deduction applies.\nAnswered by phone; follow up in writing.");
            OptionalText(w, rng, "Folder", Pick(rng, Folders));
            Text(w, "Date", DateTime(rng, 2024, 2026).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            Text(w, "CreatedBy", Staff[rng.Next(Staff.Length)].Name);
            if (rng.Next(2) == 0)
            {
                w.WriteStartElement("Comments");
                w.WriteStartElement("Comment");
                Text(w, "UUID", Uuid(rng));
                Text(w, "Text", "Done & filed.");
                Text(w, "Date", DateTime(rng, 2024, 2026).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                Text(w, "CreatedBy", Staff[rng.Next(Staff.Length)].Name);
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
        Text(w, "InternalID", (500000 + index).ToString(CultureInfo.InvariantCulture));
        Text(w, "WebUrl", "https://practicemanager.xero.com/Job/" + (500000 + index) + "/Detail");
        w.WriteEndElement();
    }

    private static (string Uuid, string Name)[] CreateStaff()
    {
        var rng = new Random(Seed);
        var staff = new (string, string)[StaffNames.Length];
        for (var i = 0; i < staff.Length; i++)
        {
            staff[i] = (Uuid(rng), StaffNames[i]);
        }

        return staff;
    }

    private static void WriteReference(XmlWriter w, string element, (string Uuid, string Name) reference)
    {
        w.WriteStartElement(element);
        Text(w, "UUID", reference.Uuid);
        Text(w, "Name", reference.Name);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string element, string value) => w.WriteElementString(element, value);

    private static void Empty(XmlWriter w, string element)
    {
        w.WriteStartElement(element);
        w.WriteEndElement();
    }

    /// <summary>Writes the value, or (one time in four) the empty element XPM sends for a blank field.</summary>
    private static void OptionalText(XmlWriter w, Random rng, string element, string value)
    {
        if (rng.Next(4) == 0)
        {
            Empty(w, element);
        }
        else
        {
            Text(w, element, value);
        }
    }

    private static string Pick(Random rng, string[] values) => values[rng.Next(values.Length)];

    private static string Uuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static DateOnly Date(Random rng, int fromYear, int toYear) =>
        new DateOnly(fromYear, 1, 1).AddDays(rng.Next(0, (toYear - fromYear) * 365));

    private static DateTime DateTime(Random rng, int fromYear, int toYear) =>
        new DateTime(fromYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).AddDays(rng.Next(0, (toYear - fromYear) * 365)).AddMinutes(rng.Next(8 * 60, 18 * 60));

    private static string Slug(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                slug.Append(char.ToLowerInvariant(c));
            }
        }

        return slug.Length == 0 ? "client" : slug.ToString();
    }

    private static string Mail(string name, string domain) => Slug(name) + "@" + domain;

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    /// <summary>Header, then the items generated a chunk at a time into a small buffer, then the footer.</summary>
    private sealed class ChunkedDocumentStream : Stream
    {
        private const int ItemsPerChunk = 32;

        private readonly byte[] _footer;
        private readonly int _count;
        private readonly Action<XmlWriter, int> _writeItem;
        private readonly MemoryStream _chunk = new();
        private int _next;
        private bool _footerQueued;

        public ChunkedDocumentStream(string header, string footer, int count, Action<XmlWriter, int> writeItem)
        {
            _footer = Encoding.UTF8.GetBytes(footer);
            _count = count;
            _writeItem = writeItem;
            var headerBytes = Encoding.UTF8.GetBytes(header);
            _chunk.Write(headerBytes);
            _chunk.Position = 0;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_chunk.Position == _chunk.Length)
            {
                if (!Refill())
                {
                    return 0;
                }
            }

            return _chunk.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private bool Refill()
        {
            _chunk.SetLength(0);
            if (_next < _count)
            {
                var n = Math.Min(ItemsPerChunk, _count - _next);
                WriteItems(_chunk, _next, n, _writeItem);

                // The fragment writer does not end with a newline; keep one item per line block.
                _chunk.WriteByte((byte)'\n');
                _next += n;
            }
            else if (!_footerQueued)
            {
                _chunk.Write(_footer);
                _footerQueued = true;
            }
            else
            {
                return false;
            }

            _chunk.Position = 0;
            return true;
        }
    }
}
