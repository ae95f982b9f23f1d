using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using XpmGen.Contract.Tests.Infrastructure;
using XpmGen.Models;
using Xunit;

namespace XpmGen.Contract.Tests;

/// <summary>Notes and documents of a job: <c>xpm.Jobs.Notes</c> and <c>xpm.Jobs.Documents</c> (job.api/note, documents/{job}, document).</summary>
[Collection(WireMockCollection.Name)]
public sealed class JobNoteDocumentContractTests : ContractTestBase
{
    public JobNoteDocumentContractTests(WireMockServer server)
        : base(server)
    {
    }

    [Fact]
    public async Task Notes_Add_posts_a_Note_and_reads_the_job_with_its_notes()
    {
        var job = await Xpm.Jobs.Notes.AddAsync(
            new JobNoteAddRequest
            {
                Job = ContractData.JobNumber,
                Title = "Depreciation schedule",
                Text = "Client confirmed the ute was sold in March.",
                Folder = "Correspondence",
                Public = false,
            },
            Ct);

        var request = await SingleCallAsync("POST", "job.api/note");
        var body = XmlBody(request, "Note");
        Assert.Equal(ContractData.JobNumber, Child(body, "Job"));
        Assert.Equal("Depreciation schedule", Child(body, "Title"));
        Assert.Equal("Client confirmed the ute was sold in March.", Child(body, "Text"));
        Assert.Equal("Correspondence", Child(body, "Folder"));
        Assert.Equal("false", Child(body, "Public"));

        Assert.NotNull(job);
        Assert.Equal(ContractData.JobNumber, job.Id);
        var notes = job.Notes ?? new List<JobNote>();
        Assert.Equal(2, notes.Count);
        Assert.Equal("Depreciation schedule", notes[1].Title);
        Assert.Equal("Correspondence", notes[1].Folder);
        Assert.Equal(new DateTime(2009, 8, 20, 16, 45, 0), notes[1].Date);
    }

    [Fact]
    public async Task Documents_List_reads_both_documents_and_both_date_forms()
    {
        var documents = await Xpm.Jobs.Documents.ListAsync(ContractData.JobNumber, Ct);

        var request = await SingleCallAsync("GET", "job.api/documents/" + ContractData.JobNumber);
        Assert.Empty(request.Query);

        Assert.Equal(2, documents.Count);
        var letter = documents[0];
        Assert.Equal("Signed engagement letter", letter.Title);
        Assert.Null(letter.Text); // <Text />
        Assert.Equal("Correspondence", letter.Folder);
        Assert.Equal(new DateTime(2009, 6, 22), letter.Date); // written 20090622, as in Xero's example
        Assert.Equal("Aroha Ngata", letter.CreatedBy);
        Assert.Equal("engagement-letter-2009.pdf", letter.FileName);
        Assert.Equal("https://practicemanager.xero.com/document/download/7d3f9b21-4a6c-4e8d-b0f2-c5a7e9d1b346", letter.Url);

        var register = documents[1];
        Assert.Equal("As at 31 March 2009", register.Text);
        Assert.Null(register.Folder);
        Assert.Equal(new DateTime(2009, 8, 14, 11, 20, 0), register.Date);
        Assert.Equal("fixed-assets.xlsx", register.FileName);
    }

    [Fact]
    public async Task Documents_List_of_a_job_without_documents_is_empty()
    {
        var documents = await Xpm.Jobs.Documents.ListAsync(JobContractData.BareJobNumber, Ct);

        await SingleCallAsync("GET", "job.api/documents/" + JobContractData.BareJobNumber);
        Assert.Empty(documents);
    }

    [Fact]
    public async Task Documents_Add_posts_the_file_base64_encoded_and_accepts_a_status_only_response()
    {
        var content = Encoding.UTF8.GetBytes("Fixed asset register as at 31 March 2009");
        var job = await Xpm.Jobs.Documents.AddAsync(
            new JobDocumentAddRequest
            {
                Job = ContractData.JobNumber,
                Title = "Fixed asset register",
                Text = "As at 31 March 2009",
                Folder = "Images",
                Public = true,
                FileName = "fixed-assets.txt",
                Content = Convert.ToBase64String(content),
            },
            Ct);

        var request = await SingleCallAsync("POST", "job.api/document");
        var body = XmlBody(request, "Document");
        Assert.Equal(ContractData.JobNumber, Child(body, "Job"));
        Assert.Equal("Fixed asset register", Child(body, "Title"));
        Assert.Equal("As at 31 March 2009", Child(body, "Text"));
        Assert.Equal("Images", Child(body, "Folder"));
        Assert.Equal("true", Child(body, "Public"));
        Assert.Equal("fixed-assets.txt", Child(body, "FileName"));
        Assert.Equal(content, Convert.FromBase64String(Child(body, "Content")!));
        Assert.Null(job);
    }

    [Fact]
    public async Task Documents_List_of_an_unknown_job_throws_the_XPM_error_of_an_HTTP_200_response()
    {
        var error = await Assert.ThrowsAsync<XpmApiException>(() => Xpm.Jobs.Documents.ListAsync(ContractData.UnknownJobNumber, Ct));

        Assert.Equal("Invalid job identifier", error.ErrorDescription);
        Assert.Equal("Documents", error.ApiMethod);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        await SingleCallAsync("GET", "job.api/documents/" + ContractData.UnknownJobNumber);
    }
}
