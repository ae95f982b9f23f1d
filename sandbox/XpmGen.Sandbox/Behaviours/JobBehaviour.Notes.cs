using System;
using System.Collections.Generic;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>Notes and documents on jobs.</summary>
internal sealed partial class JobBehaviour
{
    /// <summary>Who the sandbox says wrote notes and documents added through the API, which acts as no staff member.</summary>
    internal const string ApiAuthor = "API";

    /// <inheritdoc/>
    public override Job? NotesAdd(JobNoteAddRequest note)
    {
        var number = Required(note.Job, "Note/Job");
        var title = Required(note.Title, "Note/Title");
        var text = Required(note.Text, "Note/Text");
        var job = FindJob(number);

        job.Notes.Add(new JobNote
        {
            Uuid = SandboxPractice.NewUuid(),
            Title = title,
            Text = text,
            Folder = note.Folder,
            Date = Stamp(),
            CreatedBy = ApiAuthor,
        });
        return Detailed(job);
    }

    /// <inheritdoc/>
    public override IEnumerable<Document> DocumentsList(string jobNumber) => State.JobDocuments.Of(FindJob(jobNumber).Id!);

    /// <inheritdoc/>
    /// <remarks>The content is checked to be base64 but not kept: the document model has no place for it.</remarks>
    public override Job? DocumentsAdd(JobDocumentAddRequest document)
    {
        var number = Required(document.Job, "Document/Job");
        var title = Required(document.Title, "Document/Title");
        var fileName = Required(document.FileName, "Document/FileName");
        var content = Required(document.Content, "Document/Content");
        CheckBase64(content, fileName);
        var job = FindJob(number);

        State.JobDocuments.For(job.Id!).Add(new Document
        {
            Title = title,
            Text = document.Text,
            Folder = document.Folder,
            Date = Stamp(),
            CreatedBy = ApiAuthor,
            FileName = fileName,
            Url = $"https://sandbox.xpmgen.invalid/job/{Uri.EscapeDataString(job.Id!)}/document/{Uri.EscapeDataString(fileName)}",
        });
        return Detailed(job);
    }

    private static void CheckBase64(string content, string fileName)
    {
        var buffer = new byte[content.Length];
        if (!Convert.TryFromBase64String(content, buffer, out _))
        {
            throw new SandboxFault($"The Content of document {fileName} is not base64-encoded.");
        }
    }

    // XPM writes date-times to the second.
    private DateTime Stamp()
    {
        var now = _practice.Now;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }
}
