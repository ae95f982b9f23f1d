using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Cli.Sandbox;

/// <summary>
/// The sandbox's read endpoints. Each answers as XPM does: HTTP 200 with
/// <c>&lt;Response&gt;&lt;Status&gt;OK&lt;/Status&gt;…&lt;/Response&gt;</c>, the payload written by the generated
/// <c>*Xml.Write</c> writers, or HTTP 200 with <c>Status</c> <c>ERROR</c> and an <c>ErrorDescription</c> for an
/// unknown record.
/// </summary>
internal static class SandboxApi
{
    private const int MaxRangeDays = 365;

    private static readonly XmlWriterSettings ResponseWriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        OmitXmlDeclaration = true,
    };

    /// <summary>Maps every endpoint of the sandbox onto <paramref name="api"/>, the group at the API's base path.</summary>
    public static void Map(IEndpointRouteBuilder api, DemoPractice practice)
    {
        api.MapGet("/category.api/list", (RequestDelegate)(context =>
            WriteOkAsync(context, "List", writer => WriteList(writer, "Categories", "Category", practice.Categories, CategoryXml.Write))));

        // modifiedsince is accepted and ignored: the demo records carry no modification times.
        api.MapGet("/client.api/list", (RequestDelegate)(context =>
            WriteClientsAsync(context, practice.Clients)));

        api.MapGet("/client.api/search", (RequestDelegate)(context =>
        {
            var query = context.Request.Query["query"].ToString().Trim();
            var matches = practice.Clients.Where(client => Matches(client, query)).ToList();
            return WriteClientsAsync(context, matches);
        }));

        api.MapGet("/client.api/get/{uuid}", (RequestDelegate)(context =>
        {
            var uuid = (string)context.Request.RouteValues["uuid"]!;
            var client = practice.FindClient(uuid);
            return client is null
                ? WriteErrorAsync(context, StatusCodes.Status200OK, "Client not found")
                : WriteOkAsync(context, "Get", writer =>
                {
                    // XPM sends the web address beside the entity, not inside it.
                    XpmXml.WriteString(writer, "WebUrl", practice.ClientWebUrl(client));
                    ClientXml.Write(writer, client, "Client");
                });
        }));

        api.MapGet("/job.api/current", (RequestDelegate)(context =>
        {
            var jobs = IsDetailed(context) ? practice.Jobs : practice.Jobs.Select(DemoPractice.Summarize).ToList();
            return WriteOkAsync(context, "Current", writer => WriteList(writer, "Jobs", "Job", jobs, JobXml.Write));
        }));

        api.MapGet("/job.api/get/{number}", (RequestDelegate)(context =>
        {
            var number = (string)context.Request.RouteValues["number"]!;
            var job = practice.FindJob(number);
            return job is null
                ? WriteErrorAsync(context, StatusCodes.Status200OK, "Job not found")
                : WriteOkAsync(context, "Get", writer =>
                {
                    XpmXml.WriteString(writer, "WebUrl", DemoPractice.JobWebUrl(job));
                    JobXml.Write(writer, job, "Job");
                });
        }));

        api.MapGet("/staff.api/list", (RequestDelegate)(context =>
            WriteOkAsync(context, "List", writer => WriteList(writer, "StaffList", "Staff", practice.Staff, StaffXml.Write))));

        api.MapGet("/time.api/list", (RequestDelegate)(context =>
        {
            var from = ParseCompactDate(context.Request.Query["from"].ToString());
            var to = ParseCompactDate(context.Request.Query["to"].ToString());
            if (from is null || to is null)
            {
                return WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The from and to parameters are required, in the format YYYYMMDD.");
            }

            if (to.Value < from.Value || to.Value.DayNumber - from.Value.DayNumber >= MaxRangeDays)
            {
                return WriteErrorAsync(context, StatusCodes.Status400BadRequest, "The maximum date range between the from and to parameters is one year.");
            }

            var times = practice.Times
                .Where(time => time.Date is { } date && DateOnly.FromDateTime(date) >= from.Value && DateOnly.FromDateTime(date) <= to.Value)
                .ToList();
            return WriteOkAsync(context, "List", writer => WriteList(writer, "Times", "Time", times, TimeXml.Write));
        }));
    }

    private static Task WriteClientsAsync(HttpContext context, IReadOnlyList<Client> clients)
    {
        var shaped = IsDetailed(context) ? clients : clients.Select(DemoPractice.Summarize).ToList();
        return WriteOkAsync(context, "List", writer => WriteList(writer, "Clients", "Client", shaped, ClientXml.Write));
    }

    private static bool Matches(Client client, string query) =>
        query.Length == 0
        || (client.Name?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
        || (client.Email?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false)
        || (client.Contacts?.Any(contact => contact.Name?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false) ?? false);

    /// <summary>Parses a <c>YYYYMMDD</c> query value; <see langword="null"/> when it is missing or malformed.</summary>
    private static DateOnly? ParseCompactDate(string value) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static bool IsDetailed(HttpContext context) =>
        string.Equals(context.Request.Query["detailed"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    private static void WriteList<T>(XmlWriter writer, string listName, string itemName, IEnumerable<T> items, Action<XmlWriter, T, string> write)
    {
        writer.WriteStartElement(listName);
        foreach (var item in items)
        {
            write(writer, item, itemName);
        }

        writer.WriteEndElement();
    }

    private static Task WriteOkAsync(HttpContext context, string apiMethod, Action<XmlWriter> writePayload) =>
        WriteEnvelopeAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartElement("Response");
            writer.WriteAttributeString("api-method", apiMethod);
            writer.WriteElementString("Status", "OK");
            writePayload(writer);
            writer.WriteEndElement();
        });

    private static Task WriteErrorAsync(HttpContext context, int status, string description) =>
        WriteEnvelopeAsync(context, status, writer =>
        {
            writer.WriteStartElement("Response");
            writer.WriteElementString("Status", "ERROR");
            writer.WriteElementString("ErrorDescription", description);
            writer.WriteEndElement();
        });

    private static async Task WriteEnvelopeAsync(HttpContext context, int status, Action<XmlWriter> write)
    {
        // Buffered so that Content-Length is exact and a writer failure becomes a 500 rather than half a document.
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, ResponseWriterSettings))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }
}
