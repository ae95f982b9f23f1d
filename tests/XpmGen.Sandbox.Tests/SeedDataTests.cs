using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary>
/// The embedded demo practice (Harbourside Accounting) is read whole by the generated readers and hangs together:
/// every element survives a read and write, every reference names an existing record by its current name, and the
/// money adds up. The readers skip unknown elements silently, so a misspelt element in a seed file shows up only here.
/// </summary>
public sealed partial class SeedDataTests
{
    // The demo practice is in New Zealand, where GST is 15%.
    private const decimal GstRate = 0.15m;

    private static readonly DateTime FirstTimeDay = new(2026, 10, 1);
    private static readonly DateTime LastTimeDay = new(2026, 11, 30);

    private readonly SandboxState _state = LoadSeed();

    [Fact]
    public void Every_table_has_an_embedded_seed_file_with_items()
    {
        var problems = new List<string>();
        foreach (var table in _state.Tables)
        {
            if (ReadEmbedded(table.FileName) is null)
            {
                problems.Add(table.FileName + ": no embedded resource");
                continue;
            }

            var saved = SaveTable(table);
            var items = saved.Root!.Name.LocalName == "Owners" ? saved.Root.Elements().SelectMany(owner => owner.Elements()) : saved.Root.Elements();
            if (!items.Any())
            {
                problems.Add(table.FileName + ": no items after loading");
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Every_element_of_every_seed_file_survives_a_read_and_write()
    {
        // The readers skip elements they do not know, so compare what went in with what the writers give back:
        // a value missing from the output was misspelt, misplaced or written in a form the model does not hold.
        var problems = new List<string>();
        foreach (var table in _state.Tables)
        {
            var input = XDocument.Parse(ReadEmbedded(table.FileName)!);
            var output = SaveTable(table);
            var remaining = LeafValues(output).GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            foreach (var value in LeafValues(input))
            {
                if (remaining.TryGetValue(value, out var count) && count > 0)
                {
                    remaining[value] = count - 1;
                }
                else
                {
                    problems.Add(table.FileName + ": " + value);
                }
            }

            var inputOwners = OwnerKeys(input);
            var outputOwners = OwnerKeys(output);
            problems.AddRange(inputOwners.Except(outputOwners).Select(key => table.FileName + ": owner " + key + " lost"));
        }

        AssertNone(problems);
    }

    [Fact]
    public void Uuids_are_lower_case_and_unique_across_the_practice()
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (what, uuid) in DeclaredUuids())
        {
            if (uuid is null || !UuidPattern().IsMatch(uuid))
            {
                problems.Add(what + ": malformed UUID '" + uuid + "'");
            }
            else if (!seen.Add(uuid))
            {
                problems.Add(what + ": duplicate UUID " + uuid);
            }
        }

        problems.AddRange(Duplicates(_state.Jobs.All.Select(j => j.Id), "job number"));
        problems.AddRange(Duplicates(_state.Invoices.All.Select(i => i.Id), "invoice number"));
        problems.AddRange(Duplicates(_state.Quotes.All.Select(q => q.Id), "quote number"));
        AssertNone(problems);
    }

    [Fact]
    public void Clients_contacts_groups_and_relationships_refer_to_existing_records()
    {
        var problems = new List<string>();
        foreach (var client in _state.Clients.All)
        {
            var where = "client " + client.Name;
            CheckStaff(client.AccountManager, where + " account manager", problems, optional: true);
            CheckStaff(client.JobManager, where + " job manager", problems, optional: true);
            CheckClient(client.BillingClient, where + " billing client", problems, optional: true);
            if (client.Contacts.Count > 0 || client.Groups.Count > 0 || client.Relationships.Count > 0)
            {
                problems.Add(where + ": contacts, groups and relationships belong in their own tables");
            }
        }

        foreach (var (owner, links) in _state.ClientContacts.Owners)
        {
            var client = _state.Clients.Find(owner);
            if (client is null)
            {
                problems.Add("client-contacts: owner " + owner + " is not a client");
                continue;
            }

            foreach (var link in links)
            {
                Check(_state.Contacts.Find(link.Uuid) is not null, "client-contacts of " + client.Name + ": contact " + link.Uuid + " does not exist", problems);
            }

            Check(links.Count(l => l.IsPrimary == true) == 1, "client " + client.Name + " should have exactly one primary contact", problems);
        }

        foreach (var client in _state.Clients.All)
        {
            Check(_state.ClientContacts.Of(client.Uuid!).Count > 0, "client " + client.Name + " has no contact", problems);
        }

        foreach (var group in _state.ClientGroups.All)
        {
            foreach (var member in group.Clients)
            {
                CheckClient(member, "group " + group.Name, problems);
            }
        }

        foreach (var relationship in _state.ClientRelationships.All)
        {
            CheckClient(relationship.Client, "relationship " + relationship.Uuid, problems);
            CheckClient(relationship.RelatedClient, "relationship " + relationship.Uuid + " related client", problems);
            Check(!string.IsNullOrEmpty(relationship.RelationshipType?.Name), "relationship " + relationship.Uuid + " has no type", problems);
        }

        CheckOwners(_state.ClientDocuments.Owners.Select(o => o.Key), key => _state.Clients.Find(key) is not null, "client-documents", problems);
        AssertNone(problems);
    }

    [Fact]
    public void Jobs_refer_to_existing_clients_contacts_staff_tasks_states_and_categories()
    {
        var problems = new List<string>();
        var states = _state.JobStates.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var categories = _state.Categories.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var job in _state.Jobs.All)
        {
            var where = "job " + job.Id;
            Check(states.Contains(job.State), where + ": state '" + job.State + "' is not a job state", problems);
            Check(categories.Contains(job.Type), where + ": type '" + job.Type + "' is not a category", problems);
            Check(job.StartDate?.Year == 2026 && job.DueDate?.Year == 2026 && job.StartDate <= job.DueDate, where + ": start and due dates should be in 2026, in order", problems);
            Check((job.State == "Completed") == (job.CompletedDate is not null), where + ": only completed jobs have a completed date", problems);
            CheckClient(job.Client, where + " client", problems);
            CheckContactOfClient(job.Contact, job.Client?.Uuid, where, problems);
            CheckStaff(job.Manager, where + " manager", problems);
            CheckStaff(job.Partner, where + " partner", problems);
            foreach (var staff in job.Assigned)
            {
                CheckStaff(new Reference { Uuid = staff.Uuid, Name = staff.Name }, where + " assigned", problems);
            }

            foreach (var task in job.Tasks)
            {
                CheckJobTask(job, task, problems);
            }
        }

        CheckOwners(_state.JobDocuments.Owners.Select(o => o.Key), key => _state.Jobs.Find(key) is not null, "job-documents", problems);
        CheckOwners(_state.JobCosts.Owners.Select(o => o.Key), key => _state.Jobs.Find(key) is not null, "job-costs", problems);
        foreach (var (owner, costs) in _state.JobCosts.Owners)
        {
            foreach (var cost in costs)
            {
                var item = _state.Costs.All.FirstOrDefault(c => c.Code == cost.Code);
                Check(item is not null && item.Description == cost.Description, "job " + owner + " cost " + cost.Code + " is not a catalogue item of that description", problems);
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Time_entries_point_at_a_task_of_an_existing_job_and_an_existing_staff_member()
    {
        var problems = new List<string>();
        foreach (var time in _state.Time.All)
        {
            var where = "time " + time.Uuid;
            var job = _state.Jobs.Find(time.Job?.Id);
            if (job is null || job.Name != time.Job?.Name)
            {
                problems.Add(where + ": job " + time.Job?.Id + " '" + time.Job?.Name + "' does not exist by that name");
                continue;
            }

            var task = job.Tasks.FirstOrDefault(t => string.Equals(t.Uuid, time.Task?.Uuid, StringComparison.OrdinalIgnoreCase));
            Check(task is not null && task.Name == time.Task?.Name, where + ": task " + time.Task?.Uuid + " '" + time.Task?.Name + "' is not a task of " + job.Id, problems);
            Check(task is null || task.Billable == time.Billable, where + ": billable differs from its task", problems);
            CheckStaff(time.Staff, where + " staff", problems);
            Check(time.Date >= FirstTimeDay && time.Date <= LastTimeDay, where + ": date " + time.Date + " is outside October and November 2026", problems);
            Check(time.Minutes > 0, where + ": no minutes", problems);
            if (time.Start is not null || time.End is not null)
            {
                var span = time.End!.Value - time.Start!.Value;
                Check((int)span.TotalMinutes == time.Minutes, where + ": start and end do not match the minutes", problems);
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Catalogue_templates_and_custom_fields_hang_together()
    {
        var problems = new List<string>();
        foreach (var (owner, tasks) in _state.TemplateTasks.Owners)
        {
            Check(_state.Templates.Find(owner) is not null, "template-tasks: owner " + owner + " is not a template", problems);
            foreach (var task in tasks)
            {
                var catalogue = _state.CatalogTasks.Find(task.Uuid);
                Check(catalogue is not null && catalogue.Name == task.Name, "template " + owner + ": task " + task.Uuid + " '" + task.Name + "' is not a catalogue task", problems);
            }
        }

        foreach (var template in _state.Templates.All)
        {
            Check(_state.TemplateTasks.Of(template.Uuid!).Count > 0, "template " + template.Name + " has no tasks", problems);
        }

        foreach (var definition in _state.CustomFieldDefinitions.All)
        {
            Check(definition.ValueElement is not null, "custom field " + definition.Name + " has no value element", problems);
            Check((definition.Type == "Dropdown List") == (definition.Options.Count > 0), "custom field " + definition.Name + ": only dropdown lists have options", problems);
        }

        foreach (var (owner, values) in _state.CustomFieldValues.Owners)
        {
            var kind = owner.Split('/')[0];
            Check(CustomFieldOwnerExists(owner), "custom-field-values: owner " + owner + " does not exist", problems);
            foreach (var value in values)
            {
                var definition = _state.CustomFieldDefinitions.Find(value.Uuid);
                if (definition is null || definition.Name != value.Name)
                {
                    problems.Add(owner + ": custom field " + value.Uuid + " '" + value.Name + "' is not defined by that name");
                    continue;
                }

                Check(UsedOn(definition, kind), owner + ": " + definition.Name + " is not used on " + kind, problems);
                Check(ValueElementOf(value) == definition.ValueElement, owner + ": " + definition.Name + " should carry its value in " + definition.ValueElement, problems);
            }
        }

        AssertNone(problems);
    }

    [Fact]
    public void Invoices_refer_to_existing_records_and_add_up()
    {
        var problems = new List<string>();
        foreach (var invoice in _state.Invoices.All)
        {
            var where = "invoice " + invoice.Id;
            CheckClient(invoice.Client, where + " client", problems);
            CheckContactOfClient(invoice.Contact, invoice.Client?.Uuid, where, problems);
            Check(invoice.InternalUuid is not null || invoice.Uuid is not null, where + ": no UUID", problems);
            Check(invoice.DueDate >= invoice.Date, where + ": due before it is dated", problems);

            var tasks = new List<InvoiceTask>(invoice.Tasks);
            var costs = new List<InvoiceCost>(invoice.Costs);
            foreach (var line in invoice.Jobs)
            {
                var job = _state.Jobs.Find(line.Id);
                Check(job is not null && job.Name == line.Name && job.Client?.Uuid == invoice.Client?.Uuid, where + ": job " + line.Id + " '" + line.Name + "' is not a job of its client", problems);
                foreach (var task in line.Tasks)
                {
                    var jobTask = job?.Tasks.FirstOrDefault(t => t.Uuid == task.Uuid);
                    Check(jobTask is not null && jobTask.Name == task.Name, where + ": task " + task.Uuid + " is not a task of " + line.Id, problems);
                    var billed = _state.Time.All.Where(t => t.InvoiceTaskUuid == task.Uuid).Sum(t => t.Minutes);
                    Check(invoice.Status == "Cancelled" || billed == task.Minutes, where + ": " + task.Name + " bills " + task.Minutes + " minutes but " + billed + " minutes of time point at it", problems);
                }

                tasks.AddRange(line.Tasks);
                costs.AddRange(line.Costs);
            }

            foreach (var cost in costs)
            {
                Check(_state.Costs.All.Any(c => c.Code == cost.Code), where + ": cost code " + cost.Code + " is not in the catalogue", problems);
            }

            CheckLines(where, tasks.Select(t => (t.Name, t.Amount, t.AmountTax, t.AmountIncludingTax, Expected: Hours(t.Minutes) * t.BillableRate)), problems);
            CheckLines(where, costs.Select(c => (c.Description, c.Amount, c.AmountTax, c.AmountIncludingTax, Expected: c.Quantity * c.UnitPrice)), problems);
            var lines = tasks.Select(t => (t.Amount, t.AmountTax)).Concat(costs.Select(c => (c.Amount, c.AmountTax))).ToList();
            CheckTotals(where, invoice.Amount, invoice.AmountTax, invoice.AmountIncludingTax, lines, problems);

            var payments = _state.InvoicePayments.Of(invoice.Id!).Sum(p => p.Amount ?? 0m);
            Check(invoice.AmountPaid == payments, where + ": paid " + invoice.AmountPaid + " but payments total " + payments, problems);
            Check(invoice.AmountPaid + invoice.AmountOutstanding == invoice.AmountIncludingTax, where + ": paid plus outstanding is not the total", problems);
            Check(invoice.Status != "Paid" || invoice.AmountOutstanding == 0m, where + ": paid but something is outstanding", problems);
            Check(invoice.Status is not ("Draft" or "Cancelled") || invoice.AmountPaid == 0m, where + ": a draft or cancelled invoice has payments", problems);
        }

        CheckOwners(_state.InvoicePayments.Owners.Select(o => o.Key), key => _state.Invoices.Find(key) is not null, "invoice-payments", problems);
        foreach (var time in _state.Time.All.Where(t => t.InvoiceTaskUuid is not null))
        {
            Check(time.InvoiceTaskUuid == time.Task?.Uuid, "time " + time.Uuid + " is invoiced on another task's line", problems);
        }

        AssertNone(problems);
    }

    [Fact]
    public void Quotes_refer_to_existing_records_and_add_up()
    {
        var problems = new List<string>();
        var taskNames = _state.CatalogTasks.All.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var quote in _state.Quotes.All)
        {
            var where = "quote " + quote.Id;
            CheckClient(quote.Client, where + " client", problems);
            CheckContactOfClient(quote.Contact, quote.Client?.Uuid, where, problems);
            Check(quote.ValidDate >= quote.Date, where + ": valid date before the quote date", problems);
            foreach (var task in quote.Tasks)
            {
                Check(taskNames.Contains(task.Name), where + ": task '" + task.Name + "' is not a catalogue task", problems);
            }

            foreach (var code in quote.Costs.Select(c => c.Code).Concat(quote.Options.Select(o => o.Code)))
            {
                Check(_state.Costs.All.Any(c => c.Code == code), where + ": cost code " + code + " is not in the catalogue", problems);
            }

            CheckLines(where, quote.Tasks.Select(t => (t.Name, t.Amount, t.AmountTax, t.AmountIncludingTax, Expected: Hours(t.EstimatedMinutes) * t.BillableRate)), problems);
            CheckLines(where, quote.Costs.Select(c => (c.Description, c.Amount, c.AmountTax, c.AmountIncludingTax, Expected: c.Quantity * c.UnitPrice)), problems);
            CheckLines(where, quote.Options.Select(o => (o.Description, o.Amount, o.AmountTax, o.AmountIncludingTax, Expected: o.Quantity * o.UnitPrice)), problems);

            // Options are offered beside the quote, so they are not in its totals.
            var lines = quote.Tasks.Select(t => (t.Amount, t.AmountTax)).Concat(quote.Costs.Select(c => (c.Amount, c.AmountTax))).ToList();
            CheckTotals(where, quote.Amount, quote.AmountTax, quote.AmountIncludingTax, lines, problems);
            Check(quote.EstimatedCost + quote.EstimatedCostTax == quote.EstimatedCostIncludingTax && quote.EstimatedCostTax == Tax(quote.EstimatedCost), where + ": estimated cost does not add up", problems);
        }

        AssertNone(problems);
    }

    private static SandboxState LoadSeed()
    {
        var state = new SandboxState();
        SandboxSeed.Load(state);
        return state;
    }

    private static string? ReadEmbedded(string fileName)
    {
        using var stream = typeof(SandboxSeed).Assembly.GetManifestResourceStream("XpmGen.Sandbox.Seed." + fileName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static XDocument SaveTable(ISandboxTable table)
    {
        using var stream = new MemoryStream();
        table.Save(stream);
        stream.Position = 0;
        return XDocument.Load(stream);
    }

    /// <summary>Each element that holds text, as its path from the root and its trimmed text.</summary>
    private static IEnumerable<string> LeafValues(XDocument document) =>
        document.Descendants()
            .Where(e => !e.HasElements && e.Value.Trim().Length > 0)
            .Select(e => string.Join("/", e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName)) + " = " + e.Value.Trim());

    private static HashSet<string> OwnerKeys(XDocument document) =>
        document.Root!.Elements("Owner").Select(o => (string?)o.Attribute("key") ?? string.Empty).ToHashSet(StringComparer.Ordinal);

    private IEnumerable<(string What, string? Uuid)> DeclaredUuids()
    {
        var s = _state;
        var uuids = s.Staff.All.Select(x => ("staff " + x.Name, x.Uuid))
            .Concat(s.Clients.All.Select(x => ("client " + x.Name, x.Uuid)))
            .Concat(s.Contacts.All.Select(x => ("contact " + x.Name, x.Uuid)))
            .Concat(s.ClientRelationships.All.Select(x => ("relationship", x.Uuid)))
            .Concat(s.ClientGroups.All.Select(x => ("group " + x.Name, x.Uuid)))
            .Concat(s.Costs.All.Select(x => ("cost " + x.Code, x.Uuid)))
            .Concat(s.Categories.All.Select(x => ("category " + x.Name, x.Uuid)))
            .Concat(s.Templates.All.Select(x => ("template " + x.Name, x.Uuid)))
            .Concat(s.JobStates.All.Select(x => ("job state " + x.Name, x.Uuid)))
            .Concat(s.CatalogTasks.All.Select(x => ("task " + x.Name, x.Uuid)))
            .Concat(s.CustomFieldDefinitions.All.Select(x => ("custom field " + x.Name, x.Uuid)))
            .Concat(s.Time.All.Select(x => ("time", x.Uuid)))
            .Concat(s.Invoices.All.Select(x => ("invoice " + x.Id, x.InternalUuid ?? x.Uuid)))
            .Concat(s.JobCosts.Owners.SelectMany(o => o.Value.Select(x => ("cost of " + o.Key, x.Uuid))));
        foreach (var job in s.Jobs.All)
        {
            var where = "job " + job.Id;
            uuids = uuids.Append((where, job.Uuid))
                .Concat(job.Tasks.Select(x => (where + " task " + x.Name, x.Uuid)))
                .Concat(job.Milestones.Select(x => (where + " milestone", x.Uuid)))
                .Concat(job.Notes.Select(x => (where + " note", x.Uuid)))
                .Concat(job.Notes.SelectMany(n => n.Comments).Select(x => (where + " comment", x.Uuid)));
        }

        // Lines of miscellaneous invoices bill no job task, so their UUIDs are their own.
        return uuids.Concat(s.Invoices.All.SelectMany(i => i.Tasks).Select(x => ("invoice line " + x.Name, x.Uuid)));
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string?> keys, string what) =>
        keys.GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => "duplicate " + what + " " + g.Key);

    private void CheckJobTask(Job job, JobTask task, List<string> problems)
    {
        var where = "job " + job.Id + " task " + task.Name;
        var catalogue = _state.CatalogTasks.Find(task.TaskUuid);
        Check(catalogue is not null && catalogue.Name == task.Name, where + ": TaskUUID " + task.TaskUuid + " is not a catalogue task of that name", problems);
        foreach (var staff in task.Assigned)
        {
            CheckStaff(new Reference { Uuid = staff.Uuid, Name = staff.Name }, where + " assigned", problems);
            Check(job.Assigned.Any(a => a.Uuid == staff.Uuid), where + ": " + staff.Name + " is not assigned to the job", problems);
        }

        var recorded = _state.Time.All.Where(t => string.Equals(t.Task?.Uuid, task.Uuid, StringComparison.OrdinalIgnoreCase)).Sum(t => t.Minutes ?? 0);
        Check(task.ActualMinutes == recorded, where + ": actual minutes " + task.ActualMinutes + " but " + recorded + " minutes of time recorded", problems);
    }

    private void CheckStaff(Reference? reference, string where, List<string> problems, bool optional = false) =>
        CheckReference(reference, where, optional, key => _state.Staff.Find(key)?.Name, problems);

    private void CheckClient(Reference? reference, string where, List<string> problems, bool optional = false) =>
        CheckReference(reference, where, optional, key => _state.Clients.Find(key)?.Name, problems);

    private void CheckContactOfClient(Reference? contact, string? clientUuid, string where, List<string> problems)
    {
        CheckReference(contact, where + " contact", optional: false, key => _state.Contacts.Find(key)?.Name, problems);
        var linked = clientUuid is not null && _state.ClientContacts.Of(clientUuid).Any(link => string.Equals(link.Uuid, contact?.Uuid, StringComparison.OrdinalIgnoreCase));
        Check(linked, where + ": contact " + contact?.Name + " is not a contact of its client", problems);
    }

    /// <summary>A reference names an existing record by its UUID and carries that record's current name.</summary>
    private static void CheckReference(Reference? reference, string where, bool optional, Func<string, string?> nameOf, List<string> problems)
    {
        if (reference is null)
        {
            Check(optional, where + ": missing", problems);
            return;
        }

        var name = reference.Uuid is null ? null : nameOf(reference.Uuid);
        Check(name is not null && name == reference.Name, where + ": " + reference.Uuid + " '" + reference.Name + "' does not exist by that name", problems);
    }

    private static void CheckOwners(IEnumerable<string> owners, Func<string, bool> exists, string file, List<string> problems)
    {
        foreach (var owner in owners)
        {
            Check(exists(owner), file + ": owner " + owner + " does not exist", problems);
        }
    }

    private bool CustomFieldOwnerExists(string owner)
    {
        var parts = owner.Split('/', 2);
        var id = parts.Length == 2 ? parts[1] : string.Empty;
        return parts[0] switch
        {
            "client" => _state.Clients.Find(id) is not null,
            "contact" => _state.Contacts.Find(id) is not null,
            "job" => _state.Jobs.Find(id) is not null,
            "task" => _state.Jobs.All.SelectMany(j => j.Tasks).Any(t => string.Equals(t.Uuid, id, StringComparison.OrdinalIgnoreCase)),
            "cost" => _state.JobCosts.Owners.SelectMany(o => o.Value).Any(c => string.Equals(c.Uuid, id, StringComparison.OrdinalIgnoreCase)),
            "time" => _state.Time.Find(id) is not null,
            _ => false,
        };
    }

    private static bool UsedOn(CustomFieldDefinition definition, string kind) => kind switch
    {
        "client" => definition.UseClient == true,
        "contact" => definition.UseContact == true,
        "job" => definition.UseJob == true,
        "task" => definition.UseJobTask == true,
        "cost" => definition.UseJobCost == true,
        "time" => definition.UseJobTime == true,
        _ => false,
    };

    private static string? ValueElementOf(CustomFieldValue value) =>
        value.Text is not null ? "Text"
        : value.Date is not null ? "Date"
        : value.Number is not null ? "Number"
        : value.Decimal is not null ? "Decimal"
        : value.Boolean is not null ? "Boolean"
        : null;

    private static void CheckLines(string where, IEnumerable<(string? Name, decimal? Amount, decimal? Tax, decimal? Total, decimal? Expected)> lines, List<string> problems)
    {
        foreach (var line in lines)
        {
            Check(line.Amount is not null && line.Amount == Round(line.Expected), where + " line " + line.Name + ": amount " + line.Amount + ", expected " + Round(line.Expected), problems);
            Check(line.Tax == Tax(line.Amount), where + " line " + line.Name + ": tax " + line.Tax + " is not GST on " + line.Amount, problems);
            Check(line.Amount + line.Tax == line.Total, where + " line " + line.Name + ": amount plus tax is not the total", problems);
        }
    }

    private static void CheckTotals(string where, decimal? amount, decimal? tax, decimal? total, List<(decimal? Amount, decimal? Tax)> lines, List<string> problems)
    {
        Check(lines.Count > 0, where + ": no lines", problems);
        Check(amount == lines.Sum(l => l.Amount), where + ": amount " + amount + " is not the sum of its lines", problems);
        Check(tax == lines.Sum(l => l.Tax), where + ": tax " + tax + " is not the sum of its lines", problems);
        Check(amount + tax == total, where + ": amount plus tax is not the total", problems);
    }

    private static decimal? Hours(int? minutes) => minutes / 60m;

    private static decimal? Round(decimal? value) => value is null ? null : Math.Round(value.Value, 2, MidpointRounding.AwayFromZero);

    private static decimal? Tax(decimal? amount) => Round(amount * GstRate);

    /// <summary>Fails with every problem on its own line (an assertion on the list would abbreviate them).</summary>
    private static void AssertNone(List<string> problems) =>
        Assert.True(problems.Count == 0, problems.Count + " problem(s):" + Environment.NewLine + string.Join(Environment.NewLine, problems));

    private static void Check(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex UuidPattern();
}
