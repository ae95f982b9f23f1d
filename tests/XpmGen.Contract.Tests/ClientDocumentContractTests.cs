using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>The document endpoints of client.api: <c>xpm.Clients.Documents</c>.</summary>
[Collection(WireMockCollection.Name)]
public sealed class ClientDocumentContractTests : ContractTestBase
{
    public ClientDocumentContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task List_reads_both_documents_with_either_date_format()
    {
        var documents = await Xpm.Clients.Documents.ListAsync(ContractData.KowhaiClientUuid, Ct);

        var request = await SingleCallAsync("GET", "client.api/documents/" + ContractData.KowhaiClientUuid);
        Assert.Empty(request.Query);

        Assert.Equal(2, documents.Count);
        var letter = documents[0];
        Assert.Equal("Engagement Letter FY2025", letter.Title);
        Assert.Null(letter.Text);
        Assert.Equal("Correspondence", letter.Folder);
        Assert.Equal(new DateTime(2024, 4, 1), letter.Date); // yyyyMMdd, as in Xero's example
        Assert.Equal("Aroha Ngata", letter.CreatedBy);
        Assert.Null(letter.FileName);
        Assert.Equal("https://practicemanager.xero.com/Document/Download/5512", letter.Url);

        var statements = documents[1];
        Assert.Equal("Signed by both directors.", statements.Text);
        Assert.Null(statements.Folder);
        Assert.Equal(new DateTime(2024, 9, 18, 15, 42, 0), statements.Date);
        Assert.Equal("kowhai-fs-2024-signed.pdf", statements.FileName);
    }

    [Fact]
    public async Task List_of_a_client_with_one_document_reads_it()
    {
        var documents = await Xpm.Clients.Documents.ListAsync(ContractData.TuiStreetClientUuid, Ct);

        await SingleCallAsync("GET", "client.api/documents/" + ContractData.TuiStreetClientUuid);
        var lease = Assert.Single(documents);
        Assert.Equal("Shop lease", lease.Title);
        Assert.Equal("Legal", lease.Folder);
        Assert.Equal(new DateTime(2025, 2, 12), lease.Date);
    }

    [Fact]
    public async Task List_of_a_client_without_documents_reads_an_empty_list()
    {
        var documents = await Xpm.Clients.Documents.ListAsync(ContractData.OkaforClientUuid, Ct);

        await SingleCallAsync("GET", "client.api/documents/" + ContractData.OkaforClientUuid);
        Assert.Empty(documents);
    }

    [Fact]
    public async Task List_of_an_unknown_client_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Clients.Documents.ListAsync(ClientContractData.UnknownClientUuid, Ct));

        Assert.Equal("Client not found", error.ErrorDescription);
        Assert.Equal("Documents", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal(HttpMethod.Get, error.Method);

        await SingleCallAsync("GET", "client.api/documents/" + ClientContractData.UnknownClientUuid);
    }

    [Fact]
    public async Task Add_posts_a_Document_with_base64_content_and_accepts_the_UUID_response()
    {
        var bytes = Encoding.UTF8.GetBytes("%PDF-1.7 fictional engagement letter");
        var documentUuid = await Xpm.Clients.Documents.AddAsync(
            new ClientDocumentAddRequest
            {
                ClientUuid = ContractData.KowhaiClientUuid,
                Title = "Engagement Letter FY2026",
                Text = "Signed copy returned by Hana.",
                Folder = "Correspondence",
                FileName = "engagement-fy2026.pdf",
                Content = Convert.ToBase64String(bytes),
            },
            Ct);

        Assert.Equal("95af56e7-0d1e-4c7e-b83a-1b4560553b25", documentUuid);

        var request = await SingleCallAsync("POST", "client.api/document");
        Assert.Empty(request.Query);
        var body = XmlBody(request, "Document");
        Assert.Equal(
            new[] { "ClientUUID", "Title", "Text", "Folder", "FileName", "Content" },
            body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(ContractData.KowhaiClientUuid, Child(body, "ClientUUID"));
        Assert.Equal("Engagement Letter FY2026", Child(body, "Title"));
        Assert.Equal("Signed copy returned by Hana.", Child(body, "Text"));
        Assert.Equal("Correspondence", Child(body, "Folder"));
        Assert.Equal("engagement-fy2026.pdf", Child(body, "FileName"));
        Assert.Equal(bytes, Convert.FromBase64String(Child(body, "Content")!));
    }
}
