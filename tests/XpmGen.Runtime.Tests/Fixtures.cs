using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>A small model standing in for what the generator emits.</summary>
public sealed class ClientModel
{
    public string? Uuid { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Fax { get; set; }

    public bool? IsArchived { get; set; }

    public decimal? BillableRate { get; set; }

    public DateTime? Modified { get; set; }

    public string? WebUrl { get; set; }
}

public sealed class TimeModel
{
    public int? Minutes { get; set; }

    public TimeOnly? Start { get; set; }

    public DateOnly? Date { get; set; }
}

/// <summary>Hand-built endpoints, readers and requests, shaped like the generated ones.</summary>
public static class Fixtures
{
    public const string Token = "eyJhbGciOiJSUzI1NiJ9.secret-token-7f3a9c.sig";

    public const string TenantId = "6f2b0d6e-1111-4c2a-9d5e-000000000001";

    public static readonly string[] ClientReadScopes = { "practicemanager", "practicemanager.read", "practicemanager.client", "practicemanager.client.read" };

    public static readonly XpmEndpoint ClientList = new("Client", "List", "GET", "client.api/list", ClientReadScopes, "Return a list of all clients.");

    public static readonly XpmEndpoint ClientGet = new("Client", "Get", "GET", "client.api/get/{uuid}", ClientReadScopes, "Return one client.");

    public static readonly XpmEndpoint ClientAdd = new("Client", "Add", "POST", "client.api/add", new[] { "practicemanager", "practicemanager.client" }, "Add a client.");

    public static readonly XpmEndpoint ClientDelete = new("Client", "Delete", "POST", "client.api/delete", new[] { "practicemanager", "practicemanager.client" }, "Delete a client.");

    public static readonly XpmEndpoint TimeGet = new("Time", "Get", "GET", "time.api/get/{uuid}", new[] { "practicemanager", "practicemanager.time" }, "Return one time entry.");

    public static ClientModel ReadClient(XmlReader reader)
    {
        var model = new ClientModel();
        if (!XpmXml.EnterElement(reader))
        {
            return model;
        }

        while (XpmXml.MoveToNextChild(reader))
        {
            switch (reader.LocalName)
            {
                case "UUID": model.Uuid = XpmXml.ReadString(reader); break;
                case "Name": model.Name = XpmXml.ReadString(reader); break;
                case "Email": model.Email = XpmXml.ReadString(reader); break;
                case "Fax": model.Fax = XpmXml.ReadString(reader); break;
                case "IsArchived": model.IsArchived = XpmXml.ReadYesNo(reader); break;
                case "BillableRate": model.BillableRate = XpmXml.ReadDecimal(reader); break;
                case "Modified": model.Modified = XpmXml.ReadDateTime(reader); break;
                case "WebUrl": model.WebUrl = XpmXml.ReadString(reader); break;
                default: reader.Skip(); break;
            }
        }

        return model;
    }

    public static TimeModel ReadTime(XmlReader reader)
    {
        var model = new TimeModel();
        if (!XpmXml.EnterElement(reader))
        {
            return model;
        }

        while (XpmXml.MoveToNextChild(reader))
        {
            switch (reader.LocalName)
            {
                case "Minutes": model.Minutes = XpmXml.ReadInt(reader); break;
                case "Start": model.Start = XpmXml.ReadTime(reader); break;
                case "Date": model.Date = XpmXml.ReadCompactDate(reader); break;
                default: reader.Skip(); break;
            }
        }

        return model;
    }

    public static void WriteClient(XmlWriter writer, ClientModel model, string elementName)
    {
        writer.WriteStartElement(elementName);
        XpmXml.WriteString(writer, "Name", model.Name);
        XpmXml.WriteString(writer, "Email", model.Email);
        XpmXml.WriteYesNo(writer, "IsArchived", model.IsArchived);
        XpmXml.WriteDecimal(writer, "BillableRate", model.BillableRate);
        writer.WriteEndElement();
    }

    public static XpmRequest<IReadOnlyList<ClientModel>> ListClients(XpmQuery? query = null) =>
        new(ClientList, "client.api/list", (query ?? new XpmQuery()).Parameters, null, XpmResponseReader.List("Clients", "Client", ReadClient));

    public static XpmRequest<ClientModel> GetClient(string uuid) =>
        new(ClientGet, "client.api/get/" + XpmPath.Segment(uuid, "uuid"), Array.Empty<KeyValuePair<string, string>>(), null,
            XpmResponseReader.Single("Client", ReadClient, static (client, url) => client.WebUrl ??= url));

    public static XpmRequest<ClientModel?> AddClient(ClientModel model) =>
        new(ClientAdd, "client.api/add", Array.Empty<KeyValuePair<string, string>>(), XpmRequestBody.Create("Client", model, WriteClient),
            XpmResponseReader.Optional("Client", ReadClient, static (client, url) => client.WebUrl ??= url));

    public static XpmRequest<XpmNone> DeleteClient(string uuid) =>
        new(ClientDelete, "client.api/delete", Array.Empty<KeyValuePair<string, string>>(),
            XpmRequestBody.Create("Client", new ClientModel { Name = uuid }, static (w, m, name) =>
            {
                w.WriteStartElement(name);
                w.WriteElementString("UUID", m.Name);
                w.WriteEndElement();
            }),
            XpmResponseReader.None);

    public static XpmRequest<TimeModel> GetTime(string uuid) =>
        new(TimeGet, "time.api/get/" + XpmPath.Segment(uuid, "uuid"), Array.Empty<KeyValuePair<string, string>>(), null, XpmResponseReader.Single("Time", ReadTime));

    // These tests check how each single response is read and reported, so the client does not retry;
    // retries are proven against WireMock in the contract tests.
    public static XpmClient CreateClient(TestHttpServer server, string? tenantId = TenantId, IXpmAccessTokenProvider? tokens = null, Uri? baseAddress = null) =>
        new(NewHttpClient(), new XpmClientOptions
        {
            BaseAddress = baseAddress ?? server.BaseAddress,
            TenantId = tenantId,
            AccessTokenProvider = tokens ?? new StaticAccessTokenProvider(Token),
            Retry = XpmRetryOptions.None,
            RateLimiter = GenerousLimits(),
        });

    /// <summary>
    /// A limiter of its own per client, with limits no test reaches: tests share a tenant id, and a 429 one
    /// test provokes must not pause the others.
    /// </summary>
    public static XpmRateLimiter GenerousLimits() => new(new XpmRateLimitOptions
    {
        ConcurrentRequestsPerTenant = 1_000,
        RequestsPerWindowPerTenant = 1_000_000,
        RequestsPerWindowPerApp = 1_000_000,
    });

    public static HttpClient NewHttpClient() => new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A generous limit: a regression that hangs fails with a cancellation instead of blocking the run.</summary>
    public static CancellationToken Deadline(int seconds = 20) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public static string Envelope(string inner, string apiMethod = "List") =>
        $"<Response api-method=\"{apiMethod}\">{inner}</Response>";

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Runs a piece of code under another current culture.</summary>
public static class CultureScope
{
    public static T Run<T>(string culture, Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    public static async Task<T> RunAsync<T>(string culture, Func<Task<T>> action)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return await action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
