using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Xml;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Benchmarks;

/// <summary>
/// A reflection-free estimate of what a read returns (its retained size) and of the garbage a read cannot
/// avoid, to compare with the bytes the generated reader actually allocates
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> around the read).
/// </summary>
/// <remarks>
/// Method, for 64-bit .NET:
/// <list type="bullet">
/// <item>a string of n characters takes align8(22 + 2n) bytes (header, method table, length, characters and terminator);</item>
/// <item>a model object takes the size of its shell, measured once per type as the bytes allocated by
/// <c>new T()</c> minus the empty <see cref="List{T}"/>s its initializers create (32 bytes each, also measured);</item>
/// <item>a list takes 32 bytes plus align8(24 + 8 × Capacity) for its array;</item>
/// <item>garbage a reader of this design must create: the text of every typed value (a string parsed then
/// dropped: Yes/No, numbers, dates), the default empty lists replaced by the lists read, the smaller arrays a
/// list outgrows while items are added, and the reader's own buffers (measured as the raw scan's allocations
/// minus the strings it read).</item>
/// </list>
/// Nullable value fields live inside their object, so they add nothing. The walk is hand-written per model.
/// </remarks>
internal sealed class AllocationEstimate
{
    private static readonly Lazy<Shells> ShellSizes = new(MeasureShells);

    private readonly HashSet<string> _distinct = new(StringComparer.Ordinal);
    private readonly HashSet<string> _instances = new(ReferenceEqualityComparer.Instance);

    public long StringCount { get; private set; }

    public long StringBytes { get; private set; }

    /// <summary>What the strings would take if equal values were one shared instance (staff names, Yes, No, cities...).</summary>
    public long DistinctStringBytes { get; private set; }

    /// <summary>What the returned strings take, each instance counted once: less than <see cref="StringBytes"/> when the reader shares equal values.</summary>
    public long InstanceStringBytes { get; private set; }

    public long ObjectCount { get; private set; }

    public long ObjectBytes { get; private set; }

    public long ListCount { get; private set; }

    public long ListBytes { get; private set; }

    public long TempValueCount { get; private set; }

    public long TempValueBytes { get; private set; }

    public long ReplacedListBytes { get; private set; }

    public long GrowthBytes { get; private set; }

    public long Retained => StringBytes + ObjectBytes + ListBytes;

    public long UnavoidableGarbage => TempValueBytes + ReplacedListBytes + GrowthBytes;

    public static long StringSize(int length) => Align8(22 + (2L * length));

    public static AllocationEstimate Of(List<Client> clients)
    {
        var estimate = new AllocationEstimate();
        estimate.List(clients.Count, clients.Capacity, replacesDefault: false);
        foreach (var client in clients)
        {
            estimate.Add(client);
        }

        return estimate;
    }

    public static AllocationEstimate Of(List<Job> jobs)
    {
        var estimate = new AllocationEstimate();
        estimate.List(jobs.Count, jobs.Capacity, replacesDefault: false);
        foreach (var job in jobs)
        {
            estimate.Add(job);
        }

        return estimate;
    }

    /// <summary>Bytes allocated by a raw scan of <paramref name="document"/> that are not the text strings it reads: the reader's own working set.</summary>
    public static (long Allocated, long TextStrings, long ReaderOverhead) RawScanOverhead(byte[] document)
    {
        long textBytes = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        using (var stream = new MemoryStream(document, writable: false))
        using (var reader = XpmXml.CreateReader(stream))
        {
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    textBytes += StringSize(reader.Value.Length);
                }
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return (allocated, textBytes, allocated - textBytes);
    }

    private static long Align8(long size) => (size + 7) & ~7L;

    private void Add(Client c)
    {
        Shell(ShellSizes.Value.Client);
        Str(c.Uuid); Str(c.Name); Str(c.Title); Str(c.Gender); Str(c.FirstName); Str(c.LastName); Str(c.OtherName); Str(c.Email);
        Str(c.Address); Str(c.City); Str(c.Region); Str(c.PostCode); Str(c.Country); Str(c.PostalAddress); Str(c.PostalCity);
        Str(c.PostalRegion); Str(c.PostalPostCode); Str(c.PostalCountry); Str(c.Phone); Str(c.Fax); Str(c.Website); Str(c.ReferralSource);
        Str(c.ExportCode); Str(c.TaxNumber); Str(c.CompanyNumber); Str(c.BusinessNumber); Str(c.BusinessStructure); Str(c.GstPeriod);
        Str(c.GstBasis); Str(c.ProvisionalTaxBasis); Str(c.TaxAgent); Str(c.AgencyStatus); Str(c.ReturnType); Str(c.MiddleName);
        Str(c.PlaceOfBirthCity); Str(c.PlaceOfBirthCountryCode); Str(c.Industry); Str(c.BranchNumber); Str(c.BankBsb);
        Str(c.BankAccountName); Str(c.BankAccountNumber); Str(c.BankName); Str(c.ClientCode); Str(c.WebUrl);
        DateTimeValue(c.DateOfBirth); DateTimeValue(c.DateOfDeath);
        YesNo(c.IsArchived); YesNo(c.IsDeleted); YesNo(c.PrepareGst); YesNo(c.GstRegistered); YesNo(c.SignedTaxAuthority);
        YesNo(c.PrepareActivityStatement); YesNo(c.PrepareTaxReturn); YesNo(c.IsProspect); YesNo(c.ActiveAtoClient);
        Int(c.BalanceMonth); Decimal(c.ProvisionalTaxRatio);
        Reference(c.AccountManager); Reference(c.BillingClient); Reference(c.JobManager);
        if (c.Type is { } type)
        {
            Shell(ShellSizes.Value.ClientType);
            Str(type.Name); Str(type.PaymentTerm); Decimal(type.CostMarkup); Int(type.PaymentDay);
        }

        if (c.AutoBasOptInCriteria is { } criteria)
        {
            Shell(ShellSizes.Value.AutoBas);
            Str(criteria.Annually); Str(criteria.Monthly); Str(criteria.Quarterly); Str(criteria.OptOut);
        }

        List(c.Contacts.Count, c.Contacts.Capacity, replacesDefault: true);
        foreach (var contact in c.Contacts)
        {
            Shell(ShellSizes.Value.Contact);
            Str(contact.Uuid); Str(contact.Name); Str(contact.Salutation); Str(contact.Addressee); Str(contact.Mobile);
            Str(contact.Email); Str(contact.Phone); Str(contact.Position); YesNo(contact.IsDeleted); YesNo(contact.IsPrimary);
        }

        List(c.Notes.Count, c.Notes.Capacity, replacesDefault: true);
        foreach (var note in c.Notes)
        {
            Shell(ShellSizes.Value.ClientNote);
            Str(note.Title); Str(note.Text); Str(note.Folder); Str(note.CreatedBy); Str(note.Tags); DateTimeValue(note.Date);
        }

        List(c.Groups.Count, c.Groups.Capacity, replacesDefault: true);
        foreach (var group in c.Groups)
        {
            Reference(group);
        }

        List(c.Relationships.Count, c.Relationships.Capacity, replacesDefault: true);
        foreach (var relationship in c.Relationships)
        {
            Shell(ShellSizes.Value.ClientRelationship);
            Str(relationship.Uuid); Str(relationship.Type); Reference(relationship.RelatedClient); Int(relationship.NumberOfShares);
            Decimal(relationship.Percentage); DateOnlyValue(relationship.StartDate); DateOnlyValue(relationship.EndDate);
        }
    }

    private void Add(Job j)
    {
        Shell(ShellSizes.Value.Job);
        Str(j.Id); Str(j.Uuid); Str(j.Name); Str(j.Description); Str(j.State); Str(j.ClientOrderNumber); Str(j.Type);
        Str(j.InternalId); Str(j.WebUrl); Decimal(j.Budget);
        DateTimeValue(j.StartDate); DateTimeValue(j.DueDate); DateTimeValue(j.CompletedDate);
        Reference(j.Client); Reference(j.Contact); Reference(j.Manager); Reference(j.Partner);
        StaffList(j.Assigned);
        List(j.Tasks.Count, j.Tasks.Capacity, replacesDefault: true);
        foreach (var task in j.Tasks)
        {
            Shell(ShellSizes.Value.JobTask);
            Str(task.Uuid); Str(task.TaskUuid); Str(task.Name); Str(task.Description); Str(task.Folder); Str(task.TaskId);
            Int(task.EstimatedMinutes); Int(task.ActualMinutes); Boolean(task.Completed); Boolean(task.Billable);
            DateTimeValue(task.StartDate); DateTimeValue(task.DueDate);
            StaffList(task.Assigned);
        }

        List(j.Milestones.Count, j.Milestones.Capacity, replacesDefault: true);
        foreach (var milestone in j.Milestones)
        {
            Shell(ShellSizes.Value.JobMilestone);
            Str(milestone.Uuid); Str(milestone.Description); Str(milestone.Folder); DateTimeValue(milestone.Date); Boolean(milestone.Completed);
        }

        List(j.Notes.Count, j.Notes.Capacity, replacesDefault: true);
        foreach (var note in j.Notes)
        {
            Shell(ShellSizes.Value.JobNote);
            Str(note.Uuid); Str(note.Title); Str(note.Text); Str(note.Folder); Str(note.CreatedBy); DateTimeValue(note.Date);
            List(note.Comments.Count, note.Comments.Capacity, replacesDefault: note.Comments.Count > 0);
            foreach (var comment in note.Comments)
            {
                Shell(ShellSizes.Value.JobNoteComment);
                Str(comment.Uuid); Str(comment.Text); Str(comment.CreatedBy); DateTimeValue(comment.Date);
            }
        }
    }

    private void StaffList(List<JobStaff> staff)
    {
        List(staff.Count, staff.Capacity, replacesDefault: true);
        foreach (var member in staff)
        {
            Shell(ShellSizes.Value.JobStaff);
            Str(member.Uuid); Str(member.Name); Int(member.AllocatedMinutes);
        }
    }

    private void Reference(Reference? reference)
    {
        if (reference is null)
        {
            return;
        }

        Shell(ShellSizes.Value.Reference);
        Str(reference.Uuid);
        Str(reference.Name);
    }

    private void Shell(long size)
    {
        ObjectCount++;
        ObjectBytes += size;
    }

    private void Str(string? value)
    {
        if (value is null)
        {
            return;
        }

        StringCount++;
        StringBytes += StringSize(value.Length);
        if (_distinct.Add(value))
        {
            DistinctStringBytes += StringSize(value.Length);
        }

        if (_instances.Add(value))
        {
            InstanceStringBytes += StringSize(value.Length);
        }
    }

    private void List(int count, int capacity, bool replacesDefault)
    {
        ListCount++;
        ListBytes += ShellSizes.Value.List + (capacity == 0 ? 0 : Align8(24 + (8L * capacity)));

        // A list of n items read by the generated reader replaced the model's default list, and outgrew 4, 8, ... items.
        if (replacesDefault && count > 0)
        {
            ReplacedListBytes += ShellSizes.Value.List;
        }

        for (var c = 4; c < capacity; c *= 2)
        {
            GrowthBytes += Align8(24 + (8L * c));
        }
    }

    private void TempValue(int length)
    {
        TempValueCount++;
        TempValueBytes += StringSize(length);
    }

    private void YesNo(bool? value)
    {
        if (value is { } v)
        {
            TempValue(v ? 3 : 2);
        }
    }

    private void Boolean(bool? value)
    {
        if (value is { } v)
        {
            TempValue(v ? 4 : 5);
        }
    }

    private void Int(int? value)
    {
        if (value is { } v)
        {
            TempValue(v.ToString(CultureInfo.InvariantCulture).Length);
        }
    }

    private void Decimal(decimal? value)
    {
        if (value is { } v)
        {
            TempValue(v.ToString(CultureInfo.InvariantCulture).Length);
        }
    }

    private void DateTimeValue(DateTime? value)
    {
        if (value is not null)
        {
            TempValue(19);
        }
    }

    private void DateOnlyValue(DateOnly? value)
    {
        if (value is not null)
        {
            TempValue(10);
        }
    }

    private static Shells MeasureShells()
    {
        // Twice: the first call of each constructor may allocate for its JIT or type loading.
        Shells shells = default;
        for (var i = 0; i < 2; i++)
        {
            var list = Measure(static () => new List<Contact>());
            shells = new Shells(
                list,
                Client: Measure(static () => new Client()) - (4 * list),
                ClientType: Measure(static () => new ClientType()),
                AutoBas: Measure(static () => new AutoBasOptInCriteria()),
                Contact: Measure(static () => new Contact()),
                ClientNote: Measure(static () => new ClientNote()),
                ClientRelationship: Measure(static () => new ClientRelationship()),
                Reference: Measure(static () => new Reference()),
                Job: Measure(static () => new Job()) - (4 * list),
                JobStaff: Measure(static () => new JobStaff()),
                JobTask: Measure(static () => new JobTask()) - list,
                JobMilestone: Measure(static () => new JobMilestone()),
                JobNote: Measure(static () => new JobNote()) - list,
                JobNoteComment: Measure(static () => new JobNoteComment()));
        }

        return shells;
    }

    private static long Measure(Func<object> create)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var created = create();
        var after = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(created);
        return after - before;
    }

    private readonly record struct Shells(
        long List, long Client, long ClientType, long AutoBas, long Contact, long ClientNote, long ClientRelationship, long Reference,
        long Job, long JobStaff, long JobTask, long JobMilestone, long JobNote, long JobNoteComment);
}
