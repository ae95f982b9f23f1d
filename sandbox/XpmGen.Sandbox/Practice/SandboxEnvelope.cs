using System.IO;
using System.Text;
using System.Xml;

namespace XpmGen.Sandbox;

/// <summary>Writes XPM's <c>&lt;Response&gt;</c> envelope: a status, then the payload or an error description.</summary>
internal static class SandboxEnvelope
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
    };

    /// <summary><c>&lt;Response api-method="Get"&gt;&lt;Status&gt;OK&lt;/Status&gt;...&lt;/Response&gt;</c>.</summary>
    public static byte[] Ok(string? apiMethod, SandboxPayload payload) => Write(apiMethod, "OK", null, payload.WriteTo);

    /// <summary><c>&lt;Response&gt;&lt;Status&gt;ERROR&lt;/Status&gt;&lt;ErrorDescription&gt;...&lt;/Response&gt;</c>, which XPM sends with HTTP 200.</summary>
    public static byte[] Error(string? apiMethod, string description) => Write(apiMethod, "ERROR", description, null);

    /// <summary>The envelope with any status, description and payload; the test kit's fake writes its answers with it too.</summary>
    public static byte[] Write(string? apiMethod, string status, string? description, System.Action<XmlWriter>? payload)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, Settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("Response");
            if (apiMethod is not null)
            {
                writer.WriteAttributeString("api-method", apiMethod);
            }

            writer.WriteElementString("Status", status);
            if (description is not null)
            {
                writer.WriteElementString("ErrorDescription", description);
            }

            payload?.Invoke(writer);
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }
}
