using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Cli.Sandbox;

/// <summary>
/// The sandbox's data: a small fictional accounting practice in Auckland with New Zealand and Australian
/// clients, held as the generated models so that the sandbox answers in exactly XPM's wire format.
/// </summary>
/// <remarks>
/// Every name, address, number and e-mail address is invented (the domains are under <c>.example</c>).
/// The UUIDs are fixed so that commands and tests can name a record. The data is built once per sandbox
/// and only read afterwards.
/// </remarks>
internal sealed class DemoPractice
{
    /// <summary>The name of the demo practice.</summary>
    public const string PracticeName = "Harbourside Chartered Accountants";

    /// <summary>The UUID of the demo client Kowhai Landscaping Ltd, which has two contacts.</summary>
    public const string KowhaiLandscapingUuid = "2c68e1df-4ed4-415a-8c3d-844838dd1efc";

    /// <summary>The UUID of the demo client Southern Cross Cafe Pty Ltd (Melbourne).</summary>
    public const string SouthernCrossCafeUuid = "32f92d67-05c4-4a32-bc85-30f67ddb4d2c";

    /// <summary>The UUID of the demo client Harris Family Trust, the billing client of Ana Harris.</summary>
    public const string HarrisFamilyTrustUuid = "ccd666ea-a12b-4c31-83d6-4cfc8c3ca50d";

    /// <summary>The UUID of the demo client Ana Harris, an individual billed to the Harris Family Trust.</summary>
    public const string AnaHarrisUuid = "48ff64d8-ad88-4872-8200-852f09036fa9";

    /// <summary>The UUID of the demo client Tasman Marine Supplies Ltd, which is archived.</summary>
    public const string TasmanMarineUuid = "2c27082b-98af-4000-818d-c4d2abc3643c";

    private const string WebUrlRoot = "https://practicemanager.xero.com/";

    private readonly Dictionary<string, int> _clientNumbers;

    /// <summary>Builds the demo practice.</summary>
    public DemoPractice()
    {
        var aroha = new Staff
        {
            Uuid = "a8117a87-1f02-49d2-ae95-8faca3ac47e8",
            Name = "Aroha Ngata",
            Email = "aroha.ngata@harbourside.example",
            Phone = "09 555 0142",
            Mobile = "021 555 0198",
            Address = "Level 4, 12 Quay Street, Auckland 1010",
            PayrollCode = "HCA001",
        };
        var liam = new Staff
        {
            Uuid = "4f4a52d3-1aac-40cb-8fa7-8081c45ddcd0",
            Name = "Liam O'Connor",
            Email = "liam.oconnor@harbourside.example",
            Phone = "09 555 0143",
            Mobile = "022 555 0171",
            Address = "Level 4, 12 Quay Street, Auckland 1010",
            PayrollCode = "HCA002",
        };
        var priya = new Staff
        {
            Uuid = "f6b15e42-c559-4dcf-b260-a5065fa60847",
            Name = "Priya Sharma",
            Email = "priya.sharma@harbourside.example",
            Phone = "09 555 0144",
            Mobile = "027 555 0135",
            Address = "Level 4, 12 Quay Street, Auckland 1010",
            PayrollCode = "HCA003",
        };
        Staff = [aroha, liam, priya];

        var compliance = new Category { Uuid = "fa8a4786-7008-4872-9efa-5c314da8ea4d", Name = "Compliance" };
        var advisory = new Category { Uuid = "b475af27-3ff5-4513-9ce9-d145a9091b0e", Name = "Advisory" };
        Categories = [compliance, advisory];

        var harrisFamily = new Reference { Uuid = "e2c55f76-70ae-41d8-bb84-947548dc9367", Name = "Harris Family" };

        var kowhai = new Client
        {
            Uuid = KowhaiLandscapingUuid,
            Name = "Kowhai Landscaping Ltd",
            Email = "accounts@kowhailandscaping.example",
            Address = "27 Kowhai Road",
            City = "Takapuna",
            Region = "Auckland",
            PostCode = "0622",
            Country = "New Zealand",
            PostalAddress = "PO Box 33 218",
            PostalCity = "Takapuna",
            PostalRegion = "Auckland",
            PostalPostCode = "0740",
            PostalCountry = "New Zealand",
            Phone = "09 555 0170",
            Website = "https://kowhailandscaping.example",
            ReferralSource = "Existing client",
            IsArchived = false,
            IsDeleted = false,
            AccountManager = Ref(aroha),
            Type = new ClientType { Name = "20th of Month", CostMarkup = 0m, PaymentTerm = "DayOfMonth", PaymentDay = 20 },
            Contacts =
            [
                new Contact
                {
                    Uuid = "c7bd874c-d631-4c44-b260-868fe4705f2a",
                    Name = "Mere Parata",
                    Salutation = "Mere",
                    Addressee = "Ms M Parata",
                    Mobile = "021 555 0111",
                    Email = "mere@kowhailandscaping.example",
                    Phone = "09 555 0171",
                    IsDeleted = false,
                    IsPrimary = true,
                    Position = "Director",
                },
                new Contact
                {
                    Uuid = "5ef21dd7-699c-4770-82cd-dba20aa491fb",
                    Name = "Sam Whitcombe",
                    Salutation = "Sam",
                    Addressee = "Mr S Whitcombe",
                    Email = "office@kowhailandscaping.example",
                    Phone = "09 555 0172",
                    IsDeleted = false,
                    IsPrimary = false,
                    Position = "Office Manager",
                },
            ],
            Notes =
            [
                new ClientNote
                {
                    Title = "GST filing",
                    Text = "Two-monthly GST on the payments basis; Mere approves returns by e-mail.",
                    Date = new DateTime(2026, 7, 14, 10, 30, 0),
                    CreatedBy = "Liam O'Connor",
                },
            ],
            JobManager = Ref(liam),
            TaxNumber = "******421",
            CompanyNumber = "6543210",
            BusinessNumber = "9429041234567",
            BusinessStructure = "Company",
            BalanceMonth = 3,
            PrepareGst = true,
            GstRegistered = true,
            GstPeriod = "2 Monthly",
            GstBasis = "Payment",
            ProvisionalTaxBasis = "Standard Option",
            SignedTaxAuthority = true,
            TaxAgent = PracticeName,
            AgencyStatus = "With EOT",
            ReturnType = "IR4",
            Groups = [],
            Relationships = [],
        };

        var cafe = new Client
        {
            Uuid = SouthernCrossCafeUuid,
            Name = "Southern Cross Cafe Pty Ltd",
            Email = "hello@southerncrosscafe.example",
            Address = "112 Degraves Street",
            City = "Melbourne",
            Region = "VIC",
            PostCode = "3000",
            Country = "Australia",
            PostalAddress = "112 Degraves Street",
            PostalCity = "Melbourne",
            PostalRegion = "VIC",
            PostalPostCode = "3000",
            PostalCountry = "Australia",
            Phone = "(03) 5550 1234",
            IsArchived = false,
            IsDeleted = false,
            AccountManager = Ref(liam),
            Type = new ClientType { Name = "14 Days", CostMarkup = 0m, PaymentTerm = "WithinDays", PaymentDay = 14 },
            Contacts =
            [
                new Contact
                {
                    Uuid = "78125441-dfd0-4254-9fba-4ed65202a441",
                    Name = "Chloe Nguyen",
                    Salutation = "Chloe",
                    Addressee = "Ms C Nguyen",
                    Mobile = "0412 555 019",
                    Email = "chloe@southerncrosscafe.example",
                    IsDeleted = false,
                    IsPrimary = true,
                    Position = "Owner",
                },
                new Contact
                {
                    Uuid = "bbae361d-6024-4a8b-bf21-2807502eb276",
                    Name = "Jack Taylor",
                    Salutation = "Jack",
                    Addressee = "Mr J Taylor",
                    Email = "books@southerncrosscafe.example",
                    Phone = "(03) 5550 1235",
                    IsDeleted = false,
                    IsPrimary = false,
                    Position = "Bookkeeper",
                },
            ],
            Notes = [],
            JobManager = Ref(liam),
            BusinessNumber = "51 824 753 556",
            BusinessStructure = "Company",
            BalanceMonth = 6,
            GstRegistered = true,
            GstPeriod = "Monthly",
            GstBasis = "Invoice",
            PrepareActivityStatement = true,
            PrepareTaxReturn = true,
            ActiveAtoClient = true,
            Groups = [],
            Relationships = [],
        };

        var trust = new Client
        {
            Uuid = HarrisFamilyTrustUuid,
            Name = "Harris Family Trust",
            Email = "trustees@harrisfamily.example",
            Address = "8 Fendalton Road",
            City = "Christchurch",
            Region = "Canterbury",
            PostCode = "8014",
            Country = "New Zealand",
            PostalAddress = "8 Fendalton Road",
            PostalCity = "Christchurch",
            PostalPostCode = "8014",
            PostalCountry = "New Zealand",
            Phone = "03 555 0190",
            IsArchived = false,
            IsDeleted = false,
            AccountManager = Ref(aroha),
            Type = new ClientType { Name = "20th of Month", CostMarkup = 0m, PaymentTerm = "DayOfMonth", PaymentDay = 20 },
            Contacts =
            [
                new Contact
                {
                    Uuid = "5f2edbcf-0c8b-4aa4-82be-0dd75d3ad229",
                    Name = "Margaret Harris",
                    Salutation = "Margaret",
                    Addressee = "Mrs M Harris",
                    Mobile = "021 555 0133",
                    Email = "margaret@harrisfamily.example",
                    IsDeleted = false,
                    IsPrimary = true,
                    Position = "Trustee",
                },
                new Contact
                {
                    Uuid = "6731375c-ed41-41d8-a5d9-ce3c87be817d",
                    Name = "David Harris",
                    Salutation = "David",
                    Addressee = "Mr D Harris",
                    Mobile = "021 555 0134",
                    Email = "david@harrisfamily.example",
                    IsDeleted = false,
                    IsPrimary = false,
                    Position = "Trustee",
                },
            ],
            Notes = [],
            JobManager = Ref(aroha),
            TaxNumber = "******876",
            BusinessStructure = "Trust",
            BalanceMonth = 3,
            PrepareGst = false,
            GstRegistered = false,
            SignedTaxAuthority = true,
            TaxAgent = PracticeName,
            AgencyStatus = "With EOT",
            ReturnType = "IR6",
            Groups = [harrisFamily],
            Relationships =
            [
                new ClientRelationship
                {
                    Uuid = "7360a7fd-4828-4f4d-8646-3eff25b7f2a0",
                    Type = "Beneficiary",
                    RelatedClient = new Reference { Uuid = AnaHarrisUuid, Name = "Ana Harris" },
                    StartDate = new DateOnly(2015, 4, 1),
                },
            ],
        };

        var ana = new Client
        {
            Uuid = AnaHarrisUuid,
            Name = "Ana Harris",
            FirstName = "Ana",
            LastName = "Harris",
            Email = "ana.harris@mail.example",
            DateOfBirth = new DateTime(1988, 6, 14),
            Address = "8 Fendalton Road",
            City = "Christchurch",
            Region = "Canterbury",
            PostCode = "8014",
            Country = "New Zealand",
            Phone = "027 555 0147",
            IsArchived = false,
            IsDeleted = false,
            AccountManager = Ref(aroha),
            Contacts =
            [
                new Contact
                {
                    Uuid = "b3024ebf-f543-4977-abc2-595f6c3039b2",
                    Name = "Ana Harris",
                    Salutation = "Ana",
                    Addressee = "Ms A Harris",
                    Mobile = "027 555 0147",
                    Email = "ana.harris@mail.example",
                    IsDeleted = false,
                    IsPrimary = true,
                },
            ],
            Notes = [],
            BillingClient = new Reference { Uuid = HarrisFamilyTrustUuid, Name = "Harris Family Trust" },
            JobManager = Ref(priya),
            TaxNumber = "******305",
            BusinessStructure = "Individual",
            BalanceMonth = 3,
            SignedTaxAuthority = true,
            TaxAgent = PracticeName,
            AgencyStatus = "With EOT",
            ReturnType = "IR3",
            Groups = [harrisFamily],
            Relationships =
            [
                new ClientRelationship
                {
                    Uuid = "c2d7f1d9-4bcb-45b8-9a1c-7ffb184120d9",
                    Type = "Beneficiary",
                    RelatedClient = new Reference { Uuid = HarrisFamilyTrustUuid, Name = "Harris Family Trust" },
                    StartDate = new DateOnly(2015, 4, 1),
                },
            ],
        };

        var tasman = new Client
        {
            Uuid = TasmanMarineUuid,
            Name = "Tasman Marine Supplies Ltd",
            Email = "admin@tasmanmarine.example",
            Address = "3 Wakefield Quay",
            City = "Nelson",
            Region = "Nelson",
            PostCode = "7010",
            Country = "New Zealand",
            Phone = "03 555 0122",
            IsArchived = true,
            IsDeleted = false,
            AccountManager = Ref(liam),
            Contacts =
            [
                new Contact
                {
                    Uuid = "5405bae2-ebe5-467b-91e0-fac00f97c5fe",
                    Name = "Greg Olsen",
                    Salutation = "Greg",
                    Addressee = "Mr G Olsen",
                    Mobile = "021 555 0166",
                    Email = "greg@tasmanmarine.example",
                    IsDeleted = false,
                    IsPrimary = true,
                    Position = "Managing Director",
                },
            ],
            Notes =
            [
                new ClientNote
                {
                    Title = "Archived",
                    Text = "Business sold in June 2025; final returns filed.",
                    Date = new DateTime(2025, 9, 2, 15, 0, 0),
                    CreatedBy = "Aroha Ngata",
                },
            ],
            JobManager = Ref(liam),
            TaxNumber = "******654",
            CompanyNumber = "1987654",
            BusinessStructure = "Company",
            BalanceMonth = 3,
            PrepareGst = false,
            GstRegistered = false,
            ReturnType = "IR4",
            Groups = [],
            Relationships = [],
        };

        Clients = [kowhai, cafe, trust, ana, tasman];
        _clientNumbers = Clients.Select((client, index) => (client.Uuid!, Number: 41870 + index))
            .ToDictionary(pair => pair.Item1, pair => pair.Number, StringComparer.OrdinalIgnoreCase);

        var gstReturn = new Job
        {
            Id = "J000412",
            Uuid = "407dee8b-90a4-482e-91b2-16424dff8129",
            Name = "GST Return Sep-Oct 2026",
            Description = "Two-monthly GST return for the period ending 31 October 2026.",
            State = "In Progress",
            Budget = 450.00m,
            Type = compliance.Name,
            StartDate = new DateTime(2026, 11, 2),
            DueDate = new DateTime(2026, 11, 27),
            Client = Ref(kowhai),
            Contact = ContactRef(kowhai, 0),
            Manager = Ref(liam),
            Partner = Ref(aroha),
            Assigned = [Assigned(priya, 210)],
            Tasks =
            [
                Task("b9d6a69d-2532-48d1-9228-8752d5b9c651", "bd3dad20-d6f2-4dc1-88de-d4cbd0f90e8b", "Reconcile bank accounts", 120, 95, completed: true, priya),
                Task("d435dae1-c55a-4c9b-a211-72234c386b43", "2a9c2e3c-8ec6-45aa-8219-48cd367857df", "Prepare GST return", 60, 20, completed: false, priya),
                Task("e38f513a-d542-43a2-b983-d84d577dc8e0", "90f41778-7fe8-446d-a8b7-1343b66e640e", "Partner review", 30, 0, completed: false, aroha),
            ],
            Milestones = [],
            Notes = [],
        };

        var annualAccounts = new Job
        {
            Id = "J000415",
            Uuid = "f77b6106-e99c-499d-ba1c-e7cf02fbf27c",
            Name = "Annual Financial Statements FY2026",
            Description = "Year-end financial statements and company tax return for the year ended 30 June 2026.",
            State = "Planned",
            ClientOrderNumber = "PO-2291",
            Budget = 3200.00m,
            Type = compliance.Name,
            StartDate = new DateTime(2026, 11, 16),
            DueDate = new DateTime(2026, 12, 18),
            Client = Ref(cafe),
            Contact = ContactRef(cafe, 0),
            Manager = Ref(liam),
            Partner = Ref(aroha),
            Assigned = [Assigned(liam, 600), Assigned(priya, 480)],
            Tasks =
            [
                Task("78a68c1b-1708-4572-886a-694d50e759e6", "370ba16d-f8d9-4ef7-95e3-30fb966d2ef9", "Year-end adjustments", 240, 90, completed: false, liam),
                Task("a3f7eb58-bbe1-436e-9146-3955d71c9409", "87cc0004-f616-4568-a6e7-4d7a6d72b7db", "Prepare financial statements", 480, 0, completed: false, priya),
                Task("8653054c-a727-4c36-bdd7-4ee1ee73557b", "82be5c3c-8c81-40b0-ab33-270f812a49f4", "Company tax return", 180, 0, completed: false, liam),
            ],
            Milestones =
            [
                new JobMilestone
                {
                    Uuid = "96af2c85-2fd1-4444-91ff-0e8df4edddb9",
                    Date = new DateTime(2026, 12, 11),
                    Description = "Draft accounts to Chloe for review",
                    Completed = false,
                },
            ],
            Notes = [],
        };

        var trustAdvice = new Job
        {
            Id = "J000418",
            Uuid = "bf746a6e-f4fa-4f70-87c7-0cf2441c5401",
            Name = "Trust Restructure Advice",
            Description = "Advice on resettling the Harris Family Trust and updating the trust deed.",
            State = "Waiting on Client",
            Budget = 1800.00m,
            Type = advisory.Name,
            StartDate = new DateTime(2026, 10, 20),
            DueDate = new DateTime(2026, 12, 4),
            Client = Ref(trust),
            Contact = ContactRef(trust, 0),
            Manager = Ref(aroha),
            Partner = Ref(aroha),
            Assigned = [Assigned(aroha, 300)],
            Tasks =
            [
                Task("88dea47a-44db-4a9a-8670-1f3e153a3d52", "92532acc-c60d-4339-9a6a-2a492bfe304f", "Client meeting", 60, 60, completed: true, aroha),
                Task("29bab865-3e74-43b3-889e-907e0b331103", "21bd787d-14fd-49e1-94bb-1d14dd361bf1", "Advice letter", 240, 45, completed: false, aroha),
            ],
            Milestones = [],
            Notes =
            [
                new JobNote
                {
                    Uuid = "91b41884-0843-48fd-8887-21501df8a32f",
                    Title = "Waiting on trust deed",
                    Text = "Margaret is sending a copy of the 2015 deed and the latest variation.",
                    Date = new DateTime(2026, 11, 10, 16, 20, 0),
                    CreatedBy = "Aroha Ngata",
                    Comments =
                    [
                        new JobNoteComment
                        {
                            Uuid = "54831650-c7fb-4ef2-b1c6-1f9bf2b7a96f",
                            Text = "Reminder sent on 17 November.",
                            Date = new DateTime(2026, 11, 17, 9, 5, 0),
                            CreatedBy = "Aroha Ngata",
                        },
                    ],
                },
            ],
        };

        Jobs = [gstReturn, annualAccounts, trustAdvice];

        Times =
        [
            Entry("fa9ad55c-1273-48bb-a19f-327f4c2100a8", gstReturn, 0, priya, new DateTime(2026, 11, 3), new TimeOnly(9, 0), 95, "Reconciled the ASB cheque and savings accounts."),
            Entry("c0f34b7a-0a0f-4c40-a230-313b14f626c2", gstReturn, 1, priya, new DateTime(2026, 11, 5), new TimeOnly(13, 30), 20, "Started the GST101A workpapers."),
            Entry("ce16ec67-1109-4f4b-afd6-cc710c30804f", annualAccounts, 0, liam, new DateTime(2026, 11, 17), new TimeOnly(10, 0), 90, "Accruals, prepayments and depreciation."),
            Entry("8aee2d26-a37c-4af0-8138-9ec2ca320cc9", trustAdvice, 0, aroha, new DateTime(2026, 10, 22), new TimeOnly(14, 0), 60, "Meeting with Margaret and David Harris."),
            Entry("a9285b41-5603-4421-a8d8-98019a367967", trustAdvice, 1, aroha, new DateTime(2026, 11, 10), new TimeOnly(15, 30), 45, "First draft of the advice letter."),
        ];
    }

    /// <summary>The staff members: a partner, a manager and an accountant.</summary>
    public IReadOnlyList<Staff> Staff { get; }

    /// <summary>The job categories.</summary>
    public IReadOnlyList<Category> Categories { get; }

    /// <summary>Every client, in full detail (as <c>client.api/get</c> returns them).</summary>
    public IReadOnlyList<Client> Clients { get; }

    /// <summary>The current jobs, in full detail (as <c>job.api/get</c> returns them).</summary>
    public IReadOnlyList<Job> Jobs { get; }

    /// <summary>The time sheet entries.</summary>
    public IReadOnlyList<Time> Times { get; }

    /// <summary>Finds a client by UUID, ignoring letter case as XPM does.</summary>
    public Client? FindClient(string uuid) =>
        Clients.FirstOrDefault(client => string.Equals(client.Uuid, uuid, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a job by its number, for example <c>J000412</c>.</summary>
    public Job? FindJob(string number) =>
        Jobs.FirstOrDefault(job => string.Equals(job.Id, number, StringComparison.OrdinalIgnoreCase));

    /// <summary>The address of the client's page in the XPM web app, which XPM sends beside a client's details.</summary>
    public string ClientWebUrl(Client client) =>
        WebUrlRoot + "Client/" + _clientNumbers[client.Uuid!].ToString(System.Globalization.CultureInfo.InvariantCulture) + "/Detail";

    /// <summary>The address of the job's page in the XPM web app, which XPM sends beside a job's details.</summary>
    public static string JobWebUrl(Job job) => WebUrlRoot + "job/jobview.aspx?id=" + job.Id;

    /// <summary>
    /// The summary shape of a client that <c>client.api/list</c> and <c>search</c> return without
    /// <c>detailed=true</c>: contact details, flags, account manager, type, contacts and billing client only.
    /// </summary>
    public static Client Summarize(Client client) => new()
    {
        Uuid = client.Uuid,
        Name = client.Name,
        Title = client.Title,
        Gender = client.Gender,
        FirstName = client.FirstName,
        LastName = client.LastName,
        OtherName = client.OtherName,
        Email = client.Email,
        DateOfBirth = client.DateOfBirth,
        Address = client.Address,
        City = client.City,
        Region = client.Region,
        PostCode = client.PostCode,
        Country = client.Country,
        PostalAddress = client.PostalAddress,
        PostalCity = client.PostalCity,
        PostalRegion = client.PostalRegion,
        PostalPostCode = client.PostalPostCode,
        PostalCountry = client.PostalCountry,
        Phone = client.Phone,
        Fax = client.Fax,
        Website = client.Website,
        ReferralSource = client.ReferralSource,
        ExportCode = client.ExportCode,
        IsArchived = client.IsArchived,
        IsDeleted = client.IsDeleted,
        AccountManager = client.AccountManager,
        Type = client.Type,
        Contacts = client.Contacts,
        BillingClient = client.BillingClient,
    };

    /// <summary>
    /// The summary shape of a job that <c>job.api/current</c> returns without <c>detailed=true</c>:
    /// no budget, type, tasks, milestones or notes.
    /// </summary>
    public static Job Summarize(Job job) => new()
    {
        Id = job.Id,
        Uuid = job.Uuid,
        Name = job.Name,
        Description = job.Description,
        State = job.State,
        ClientOrderNumber = job.ClientOrderNumber,
        StartDate = job.StartDate,
        DueDate = job.DueDate,
        CompletedDate = job.CompletedDate,
        Client = job.Client,
        Contact = job.Contact,
        Manager = job.Manager,
        Partner = job.Partner,
        Assigned = job.Assigned.Select(staff => new JobStaff { Uuid = staff.Uuid, Name = staff.Name }).ToList(),
    };

    private static Reference Ref(Staff staff) => new() { Uuid = staff.Uuid, Name = staff.Name };

    private static Reference Ref(Client client) => new() { Uuid = client.Uuid, Name = client.Name };

    private static Reference ContactRef(Client client, int index)
    {
        var contact = client.Contacts[index];
        return new Reference { Uuid = contact.Uuid, Name = contact.Name };
    }

    private static JobStaff Assigned(Staff staff, int allocatedMinutes) =>
        new() { Uuid = staff.Uuid, Name = staff.Name, AllocatedMinutes = allocatedMinutes };

    private static JobTask Task(string uuid, string taskUuid, string name, int estimatedMinutes, int actualMinutes, bool completed, Staff assignee) => new()
    {
        Uuid = uuid,
        TaskUuid = taskUuid,
        Name = name,
        EstimatedMinutes = estimatedMinutes,
        ActualMinutes = actualMinutes,
        Completed = completed,
        Billable = true,
        Assigned = [Assigned(assignee, estimatedMinutes)],
    };

    private static Time Entry(string uuid, Job job, int taskIndex, Staff staff, DateTime date, TimeOnly start, int minutes, string note)
    {
        var task = job.Tasks[taskIndex];
        return new Time
        {
            Uuid = uuid,
            Job = new JobReference { Id = job.Id, Name = job.Name },
            Task = new Reference { Uuid = task.Uuid, Name = task.Name },
            Staff = Ref(staff),
            Date = date,
            Minutes = minutes,
            Note = note,
            Billable = true,
            Start = start,
            End = start.AddMinutes(minutes),
        };
    }
}
