using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using XpmGen.Cli.Output;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm client list</c> and <c>xpm client get</c>.</summary>
internal static class ClientCommands
{
    /// <summary>Creates the <c>client</c> command and its subcommands.</summary>
    public static Command Create(CliContext cli)
    {
        var detailed = new Option<bool>("--detailed")
        {
            Description = "Ask for every field of each client (slower on large practices); adds columns to the table.",
        };
        var list = new Command("list", "List every client of the practice, archived ones included.") { detailed };
        list.SetAction((parseResult, cancellationToken) => cli.RunOnlineAsync(parseResult, async (session, ct) =>
        {
            var isDetailed = parseResult.GetValue(detailed);
            var clients = await session.Client.Clients.ListAsync(isDetailed ? true : null, null, ct).ConfigureAwait(false);
            if (cli.WantsXml(parseResult))
            {
                XmlOutput.WriteList(cli.Output, "Clients", "Client", clients, ClientXml.Write);
            }
            else
            {
                WriteTable(cli.Output, clients, isDetailed);
            }
        }, cancellationToken));

        var uuid = new Argument<string>("uuid") { Description = "The client's UUID, as client list shows it." };
        var get = new Command("get", "Show every detail of one client, with its contacts.") { uuid };
        get.SetAction((parseResult, cancellationToken) => cli.RunOnlineAsync(parseResult, async (session, ct) =>
        {
            var value = parseResult.GetRequiredValue(uuid);
            if (string.IsNullOrWhiteSpace(value) || value.Trim() is "." or "..")
            {
                throw new CliUsageException("client get needs a client UUID.");
            }

            var client = await session.Client.Clients.GetAsync(value, ct).ConfigureAwait(false);
            if (cli.WantsXml(parseResult))
            {
                XmlOutput.Write(cli.Output, writer => ClientXml.Write(writer, client, "Client"));
            }
            else
            {
                WriteDetail(cli.Output, client);
            }
        }, cancellationToken));

        return new Command("client", "Clients of the practice and their contacts (client.api).") { list, get };
    }

    /// <summary>Writes one row per client: name, e-mail, phone, archived flag and UUID (more with <c>--detailed</c>).</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<Client> clients, bool detailed)
    {
        if (clients.Count == 0)
        {
            output.WriteLine("No clients.");
            return;
        }

        var table = detailed
            ? new TextTable("Name", "Email", "Phone", "Archived", "Account manager", "Structure", "Groups", "UUID")
            : new TextTable("Name", "Email", "Phone", "Archived", "UUID");
        foreach (var client in clients)
        {
            if (detailed)
            {
                table.AddRow(client.Name, client.Email, client.Phone, Text.YesNo(client.IsArchived), client.AccountManager?.Name,
                    client.BusinessStructure, Text.JoinAll(client.Groups.Select(group => group.Name)), client.Uuid);
            }
            else
            {
                table.AddRow(client.Name, client.Email, client.Phone, Text.YesNo(client.IsArchived), client.Uuid);
            }
        }

        table.WriteTo(output);
    }

    /// <summary>Writes a client as a block of labelled values, then its contacts, relationships and notes.</summary>
    internal static void WriteDetail(TextWriter output, Client client)
    {
        new DetailBlock()
            .Add("Name", client.Name)
            .Add("UUID", client.Uuid)
            .Add("Email", client.Email)
            .Add("Phone", client.Phone)
            .Add("Fax", client.Fax)
            .Add("Website", client.Website)
            .Add("Address", Text.Address(client.Address, client.City, client.Region, client.PostCode, client.Country))
            .Add("Postal address", Text.Address(client.PostalAddress, client.PostalCity, client.PostalRegion, client.PostalPostCode, client.PostalCountry))
            .Add("Date of birth", Text.Date(client.DateOfBirth))
            .Add("Archived", Text.YesNo(client.IsArchived))
            .Add("Deleted", client.IsDeleted == true ? "Yes" : null)
            .Add("Prospect", client.IsProspect == true ? "Yes" : null)
            .Add("Account manager", client.AccountManager?.Name)
            .Add("Job manager", client.JobManager?.Name)
            .Add("Billing client", Text.Named(client.BillingClient))
            .Add("Billing terms", client.Type?.Name)
            .Add("Business structure", client.BusinessStructure)
            .Add("Tax number", client.TaxNumber)
            .Add("Company number", client.CompanyNumber)
            .Add("Business number", client.BusinessNumber)
            .Add("GST registered", Text.YesNo(client.GstRegistered))
            .Add("GST", Text.Join(client.GstPeriod, client.GstBasis is null ? null : client.GstBasis + " basis"))
            .Add("Return type", client.ReturnType)
            .Add("Groups", Text.JoinAll(client.Groups.Select(group => group.Name)))
            .Add("Web", client.WebUrl)
            .WriteTo(output);

        var contacts = client.Contacts.Where(contact => contact.IsDeleted != true).ToList();
        output.WriteLine();
        output.WriteLine($"Contacts ({contacts.Count})");
        if (contacts.Count > 0)
        {
            var table = new TextTable("Name", "Position", "Email", "Phone", "Mobile", "Primary");
            foreach (var contact in contacts)
            {
                table.AddRow(contact.Name, contact.Position, contact.Email, contact.Phone, contact.Mobile, Text.YesNo(contact.IsPrimary));
            }

            table.WriteTo(output, "  ");
        }

        if (client.Relationships is { Count: > 0 } relationships)
        {
            output.WriteLine();
            output.WriteLine($"Relationships ({relationships.Count})");
            var table = new TextTable("Type", "Related client", "Since", "Until");
            foreach (var relationship in relationships)
            {
                table.AddRow(relationship.Type, relationship.RelatedClient?.Name, Text.Date(relationship.StartDate), Text.Date(relationship.EndDate));
            }

            table.WriteTo(output, "  ");
        }

        if (client.Notes is { Count: > 0 } notes)
        {
            output.WriteLine();
            output.WriteLine($"Notes ({notes.Count})");
            var table = new TextTable("Date", "Title", "By", "Text");
            foreach (var note in notes)
            {
                table.AddRow(Text.Date(note.Date), note.Title, note.CreatedBy, note.Text);
            }

            table.WriteTo(output, "  ");
        }
    }
}
