using System;
using System.Collections.Generic;
using System.IO;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Sandbox;

/// <summary>
/// The data of one sandbox practice: one table per collection, each kept as an XML file in XPM's format and read and
/// written only by the generated code. Behaviours change the tables; the practice snapshots them after each
/// successful write, rolls back a write that fails, and persists the snapshot to the data folder when there is one.
/// </summary>
internal sealed class SandboxState
{
    public SandboxState()
    {
        Tables =
        [
            Staff, Clients, Contacts, ClientContacts, ClientRelationships, ClientDocuments, ClientGroups,
            Jobs, JobDocuments, JobCosts, Time, Costs, Categories, Templates, TemplateTasks, JobStates,
            CatalogTasks, CustomFieldDefinitions, CustomFieldValues, Invoices, InvoicePayments, Quotes,
        ];
    }

    /// <summary>Every table, in the order they are loaded and saved.</summary>
    public IReadOnlyList<ISandboxTable> Tables { get; }

    /// <summary>Staff members, by UUID.</summary>
    public SandboxTable<Staff> Staff { get; } = new("staff.xml", "StaffList", "Staff", StaffXml.Read, StaffXml.Write, static s => s.Uuid);

    /// <summary>Clients, by UUID. Contacts, groups and relationships live in their own tables and are joined on read.</summary>
    public SandboxTable<Client> Clients { get; } = new("clients.xml", "Clients", "Client", ClientXml.Read, ClientXml.Write, static c => c.Uuid);

    /// <summary>Contacts, by UUID; linked to clients through <see cref="ClientContacts"/>.</summary>
    public SandboxTable<Contact> Contacts { get; } = new("contacts.xml", "Contacts", "Contact", ContactXml.Read, ContactXml.Write, static c => c.Uuid);

    /// <summary>Which contacts each client has (owner: client UUID; item UUID: contact UUID), with position and primary flag.</summary>
    public SandboxOwnedTable<ClientContactLink> ClientContacts { get; } = new("client-contacts.xml", "Contact", ClientContactLinkXml.Read, ClientContactLinkXml.Write);

    /// <summary>Relationships between clients, by UUID.</summary>
    public SandboxTable<ClientRelationshipDetail> ClientRelationships { get; } = new("client-relationships.xml", "Relationships", "Relationship", ClientRelationshipDetailXml.Read, ClientRelationshipDetailXml.Write, static r => r.Uuid);

    /// <summary>Documents of each client (owner: client UUID).</summary>
    public SandboxOwnedTable<Document> ClientDocuments { get; } = new("client-documents.xml", "Document", DocumentXml.Read, DocumentXml.Write);

    /// <summary>Client groups with their members, by UUID.</summary>
    public SandboxTable<ClientGroup> ClientGroups { get; } = new("client-groups.xml", "Groups", "Group", ClientGroupXml.Read, ClientGroupXml.Write, static g => g.Uuid);

    /// <summary>Jobs with their tasks, milestones, notes and assigned staff, by job number (<c>J000001</c>).</summary>
    public SandboxTable<Job> Jobs { get; } = new("jobs.xml", "Jobs", "Job", JobXml.Read, JobXml.Write, static j => j.Id);

    /// <summary>Documents of each job (owner: job number).</summary>
    public SandboxOwnedTable<Document> JobDocuments { get; } = new("job-documents.xml", "Document", DocumentXml.Read, DocumentXml.Write);

    /// <summary>Costs recorded on each job (owner: job number).</summary>
    public SandboxOwnedTable<JobCost> JobCosts { get; } = new("job-costs.xml", "Cost", JobCostXml.Read, JobCostXml.Write);

    /// <summary>Time sheet entries, by UUID.</summary>
    public SandboxTable<Time> Time { get; } = new("time.xml", "Times", "Time", TimeXml.Read, TimeXml.Write, static t => t.Uuid);

    /// <summary>The practice's cost catalogue (<c>cost.api</c>), by UUID.</summary>
    public SandboxTable<Cost> Costs { get; } = new("costs.xml", "Costs", "Cost", CostXml.Read, CostXml.Write, static c => c.Uuid);

    /// <summary>Job categories, by UUID.</summary>
    public SandboxTable<Category> Categories { get; } = new("categories.xml", "Categories", "Category", CategoryXml.Read, CategoryXml.Write, static c => c.Uuid);

    /// <summary>Job templates, by UUID; their tasks are in <see cref="TemplateTasks"/>.</summary>
    public SandboxTable<Template> Templates { get; } = new("templates.xml", "Templates", "Template", TemplateXml.Read, TemplateXml.Write, static t => t.Uuid);

    /// <summary>The catalogue tasks each template adds to a job (owner: template UUID).</summary>
    public SandboxOwnedTable<CatalogTask> TemplateTasks { get; } = new("template-tasks.xml", "Task", CatalogTaskXml.Read, CatalogTaskXml.Write);

    /// <summary>Job states, by UUID.</summary>
    public SandboxTable<JobState> JobStates { get; } = new("job-states.xml", "JobStates", "JobState", JobStateXml.Read, JobStateXml.Write, static s => s.Uuid);

    /// <summary>The task catalogue (<c>task.api</c>), by UUID.</summary>
    public SandboxTable<CatalogTask> CatalogTasks { get; } = new("tasks.xml", "TaskList", "Task", CatalogTaskXml.Read, CatalogTaskXml.Write, static t => t.Uuid);

    /// <summary>Custom field definitions, by UUID.</summary>
    public SandboxTable<CustomFieldDefinition> CustomFieldDefinitions { get; } = new("custom-fields.xml", "CustomFieldDefinitions", "CustomFieldDefinition", CustomFieldDefinitionXml.Read, CustomFieldDefinitionXml.Write, static d => d.Uuid);

    /// <summary>Custom field values of each entity (owner: <see cref="CustomFieldOwner"/>).</summary>
    public SandboxOwnedTable<CustomFieldValue> CustomFieldValues { get; } = new("custom-field-values.xml", "CustomField", CustomFieldValueXml.Read, CustomFieldValueXml.Write);

    /// <summary>Invoices, by invoice number (<c>I000123</c>).</summary>
    public SandboxTable<Invoice> Invoices { get; } = new("invoices.xml", "Invoices", "Invoice", InvoiceXml.Read, InvoiceXml.Write, static i => i.Id);

    /// <summary>Payments of each invoice (owner: invoice number).</summary>
    public SandboxOwnedTable<InvoicePayment> InvoicePayments { get; } = new("invoice-payments.xml", "Payment", InvoicePaymentXml.Read, InvoicePaymentXml.Write);

    /// <summary>Quotes and estimates, by quote number (<c>Q000123</c>).</summary>
    public SandboxTable<Quote> Quotes { get; } = new("quotes.xml", "Quotes", "Quote", QuoteXml.Read, QuoteXml.Write, static q => q.Id);

    /// <summary>The owner key of custom field values: <c>client/{uuid}</c>, <c>contact/{uuid}</c>, <c>job/{number}</c>, <c>task/{uuid}</c>, <c>cost/{uuid}</c>, <c>time/{uuid}</c>.</summary>
    public static string CustomFieldOwner(string kind, string id) => kind + "/" + id;

    /// <summary>Serializes every table: the bytes a data folder holds and a failed write is rolled back to.</summary>
    public Dictionary<string, byte[]> Snapshot()
    {
        var snapshot = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            using var stream = new MemoryStream();
            table.Save(stream);
            snapshot[table.FileName] = stream.ToArray();
        }

        return snapshot;
    }

    /// <summary>Puts every table back as a snapshot holds it.</summary>
    public void Restore(IReadOnlyDictionary<string, byte[]> snapshot)
    {
        foreach (var table in Tables)
        {
            if (snapshot.TryGetValue(table.FileName, out var bytes))
            {
                using var stream = new MemoryStream(bytes, writable: false);
                table.Load(stream);
            }
            else
            {
                table.Clear();
            }
        }
    }
}
