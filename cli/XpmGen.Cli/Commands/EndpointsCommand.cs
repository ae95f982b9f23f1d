using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Xml;
using XpmGen.Cli.Output;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm endpoints</c>: the catalogue the runtime was generated with; calls nothing.</summary>
internal static class EndpointsCommand
{
    /// <summary>Creates the <c>endpoints</c> command.</summary>
    public static Command Create(CliContext cli)
    {
        var command = new Command("endpoints", "List every XPM endpoint this client knows: method, path and the OAuth scopes that grant it (any one suffices).");
        command.SetAction(parseResult =>
        {
            if (cli.WantsXml(parseResult))
            {
                XmlOutput.Write(cli.Output, writer => WriteXml(writer, XpmEndpoints.All));
            }
            else
            {
                WriteTable(cli.Output, XpmEndpoints.All);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes one line per endpoint: method, path template and scopes.</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<XpmEndpoint> endpoints)
    {
        var table = new TextTable("Method", "Path", "Scopes");
        foreach (var endpoint in endpoints)
        {
            table.AddRow(endpoint.Method.Method, endpoint.PathTemplate, string.Join(", ", endpoint.Scopes));
        }

        table.WriteTo(output);
    }

    private static void WriteXml(XmlWriter writer, IReadOnlyList<XpmEndpoint> endpoints)
    {
        writer.WriteStartElement("Endpoints");
        foreach (var endpoint in endpoints)
        {
            writer.WriteStartElement("Endpoint");
            writer.WriteElementString("Resource", endpoint.Resource);
            writer.WriteElementString("Name", endpoint.Name);
            writer.WriteElementString("Method", endpoint.Method.Method);
            writer.WriteElementString("Path", endpoint.PathTemplate);
            writer.WriteElementString("Summary", endpoint.Summary);
            writer.WriteStartElement("Scopes");
            foreach (var scope in endpoint.Scopes)
            {
                writer.WriteElementString("Scope", scope);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
