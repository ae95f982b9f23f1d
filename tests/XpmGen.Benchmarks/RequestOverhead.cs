using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Benchmarks;

/// <summary>
/// <c>request-overhead</c>: one GET through <see cref="XpmClient"/> (<c>xpm.Staff.ListAsync</c>) against the
/// same in-memory handler as a hand-written <see cref="HttpClient"/> + <see cref="XmlReader"/> call that sends
/// the same headers and reads the same fields into the same model. No network: what is left is the client's own cost.
/// </summary>
internal static class RequestOverhead
{
    public const int CallsPerRun = 200;

    public static readonly Uri BaseAddress = new("https://xpm.invalid/practicemanager/3.1/");

    private static readonly XmlReaderSettings HandwrittenSettings = XpmXml.CreateReaderSettings();

    // The same secure settings with Async = true, as XpmClient creates its response reader: a diagnostic only.
    private static readonly XmlReaderSettings HandwrittenAsyncSettings = XpmXml.CreateReaderSettings(async: true);

    private static readonly MediaTypeWithQualityHeaderValue AcceptXml = new("application/xml");

    public static XpmClient CreateClient(HttpMessageHandler handler) =>
        new(new HttpClient(handler, disposeHandler: false), new XpmClientOptions
        {
            BaseAddress = BaseAddress,
            TenantId = "t",
            AccessTokenProvider = new StaticAccessTokenProvider("x"),
            Retry = XpmRetryOptions.None,
            RateLimiter = new XpmRateLimiter(new XpmRateLimitOptions
            {
                ConcurrentRequestsPerTenant = 1000,
                RequestsPerWindowPerTenant = 10_000_000,
                RequestsPerWindowPerApp = 10_000_000,
            }),
        });

    /// <summary>Median time of a run of <see cref="CallsPerRun"/> calls for xpmgen, handwritten and (a diagnostic) handwritten-asyncreader.</summary>
    public static async Task<Dictionary<string, double>> MeasureAsync(string title = "request-overhead", bool diagnostics = true)
    {
        var handler = new FixedResponseHandler(SyntheticDocuments.StaffList());
        var xpm = CreateClient(handler);
        using var http = new HttpClient(handler, disposeHandler: false);
        var listUri = new Uri(BaseAddress, "staff.api/list");

        var viaClient = await xpm.Staff.ListAsync().ConfigureAwait(false);
        var viaHand = await HandwrittenStaffListAsync(http, listUri, CancellationToken.None).ConfigureAwait(false);
        var same = viaClient.Count == viaHand.Count;
        for (var i = 0; same && i < viaHand.Count; i++)
        {
            same = viaClient[i].Uuid == viaHand[i].Uuid && viaClient[i].Name == viaHand[i].Name && viaClient[i].Email == viaHand[i].Email
                && viaClient[i].Phone == viaHand[i].Phone && viaClient[i].Mobile == viaHand[i].Mobile && viaClient[i].Address == viaHand[i].Address
                && viaClient[i].PayrollCode == viaHand[i].PayrollCode && viaClient[i].WebUrl == viaHand[i].WebUrl;
        }

        Console.WriteLine($"CHECK request-overhead: both read {viaHand.Count} staff, the same values: {(same ? "yes" : "NO")}");
        if (!same)
        {
            throw new InvalidOperationException("The hand-written call and XpmClient read different staff.");
        }

        var contenders = new List<Interleaved.AsyncContender>
        {
            new("xpmgen", async () =>
            {
                for (var i = 0; i < CallsPerRun; i++)
                {
                    await xpm.Staff.ListAsync().ConfigureAwait(false);
                }
            }),
            new("handwritten", async () =>
            {
                for (var i = 0; i < CallsPerRun; i++)
                {
                    await HandwrittenStaffListAsync(http, listUri, CancellationToken.None).ConfigureAwait(false);
                }
            }),
        };
        if (diagnostics)
        {
            contenders.Add(new("handwritten-asyncreader", async () =>
            {
                for (var i = 0; i < CallsPerRun; i++)
                {
                    await HandwrittenStaffListAsync(http, listUri, CancellationToken.None, HandwrittenAsyncSettings).ConfigureAwait(false);
                }
            }));

            foreach (var contender in contenders)
            {
                await contender.Run().ConfigureAwait(false);
                var before = GC.GetTotalAllocatedBytes(precise: true);
                await contender.Run().ConfigureAwait(false);
                var perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / CallsPerRun;
                Console.WriteLine($"  allocated per call: {contender.Name,-24} {perCall / 1024.0:0.0} KB");
            }
        }

        return await Interleaved.MeasureAsync(title, contenders, warmupRounds: 20, TimeSpan.FromSeconds(6), minRounds: 15, maxRounds: 200, minWarmup: TimeSpan.FromSeconds(2)).ConfigureAwait(false);
    }

    /// <summary>What an application would write by hand: same headers, same secure reader settings, same fields, status checked.</summary>
    public static async Task<List<Staff>> HandwrittenStaffListAsync(HttpClient http, Uri uri, CancellationToken cancellationToken, XmlReaderSettings? settings = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");
        request.Headers.TryAddWithoutValidation("xero-tenant-id", "t");
        request.Headers.Accept.Add(AcceptXml);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"staff.api/list returned {(int)response.StatusCode}.");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = XmlReader.Create(stream, settings ?? HandwrittenSettings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Response")
            {
                throw new XmlException("Expected <Response>.");
            }

            string? status = null;
            var staff = new List<Staff>();
            reader.Read();
            while (reader.NodeType != XmlNodeType.EndElement && !reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Status":
                        status = reader.ReadElementContentAsString();
                        break;
                    case "StaffList":
                        ReadStaffList(reader, staff);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            if (status != "OK")
            {
                throw new InvalidOperationException($"staff.api/list answered status '{status}'.");
            }

            return staff;
        }
    }

    private static void ReadStaffList(XmlReader reader, List<Staff> staff)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Staff")
            {
                staff.Add(ReadStaff(reader));
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    private static Staff ReadStaff(XmlReader reader)
    {
        var staff = new Staff();
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return staff;
        }

        reader.Read();
        while (reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "UUID": staff.Uuid = reader.ReadElementContentAsString(); break;
                case "Name": staff.Name = reader.ReadElementContentAsString(); break;
                case "Email": staff.Email = reader.ReadElementContentAsString(); break;
                case "Phone": staff.Phone = reader.ReadElementContentAsString(); break;
                case "Mobile": staff.Mobile = reader.ReadElementContentAsString(); break;
                case "Address": staff.Address = reader.ReadElementContentAsString(); break;
                case "PayrollCode": staff.PayrollCode = reader.ReadElementContentAsString(); break;
                case "WebUrl": staff.WebUrl = reader.ReadElementContentAsString(); break;
                default: reader.Skip(); break;
            }
        }

        reader.Read();
        return staff;
    }
}

/// <summary>An in-memory server: every request gets 200 and the same XML body.</summary>
internal sealed class FixedResponseHandler(byte[] body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
