using System;
using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// Client documents. The sandbox keeps what the list returns (title, text, folder, file name, date, URL) and checks
/// that the content is base64, but does not keep the file itself: nothing in the API reads it back.
/// </summary>
internal sealed partial class ClientBehaviour
{
    /// <inheritdoc/>
    public override IEnumerable<Document> DocumentsList(string clientUuid) =>
        State.ClientDocuments.Of(State.Clients.Get(clientUuid, "client").Uuid!).ToList();

    /// <inheritdoc/>
    /// <remarks>
    /// The document model has no UUID, so the new UUID is kept in the document's URL
    /// (<c>urn:xpmgen-sandbox:document:{uuid}</c>), which names it without pretending to be a download link.
    /// </remarks>
    public override string? DocumentsAdd(ClientDocumentAddRequest document)
    {
        var client = SandboxClients.Live(State, document.ClientUuid ?? throw SandboxFault.Missing("Document/ClientUUID"), "Document/ClientUUID");
        var title = document.Title ?? throw SandboxFault.Missing("Document/Title");
        var fileName = document.FileName ?? throw SandboxFault.Missing("Document/FileName");
        var content = document.Content ?? throw SandboxFault.Missing("Document/Content");
        if (!IsBase64(content))
        {
            throw new SandboxFault($"Message not in expected format. /Document/Content of '{fileName}' is not base64 encoded.");
        }

        var uuid = SandboxPractice.NewUuid();
        State.ClientDocuments.For(client.Uuid!).Add(new Document
        {
            Title = title,
            Text = document.Text,
            Folder = document.Folder,
            FileName = fileName,
            Date = _practice.Now,
            Url = "urn:xpmgen-sandbox:document:" + uuid,
        });
        return uuid;
    }

    private static bool IsBase64(string content) =>
        Convert.TryFromBase64String(content, new byte[((content.Length + 3) / 4) * 3], out _);
}
