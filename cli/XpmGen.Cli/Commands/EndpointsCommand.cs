using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml;
using XpmGen.Cli.Output;

namespace XpmGen.Cli.Commands;

/// <summary><c>xpm endpoints</c>: the catalogue the tool was generated with, and the command that calls each endpoint; calls nothing.</summary>
internal static class EndpointsCommand
{
    /// <summary>Creates the <c>endpoints</c> command.</summary>
    public static Command Create(CliContext cli)
    {
        var command = new Command(
            "endpoints",
            "List every XPM endpoint this tool knows: method, path, the OAuth scopes that grant it (any one suffices) and the xpm command that calls it.");
        command.SetAction(parseResult =>
        {
            var entries = Entries();
            var format = parseResult.GetValue(cli.Options.Output);
            if (string.Equals(format, GlobalOptions.XmlFormat, StringComparison.OrdinalIgnoreCase))
            {
                XmlOutput.Write(cli.Output, writer => WriteXml(writer, entries));
            }
            else if (string.Equals(format, GlobalOptions.JsonFormat, StringComparison.OrdinalIgnoreCase))
            {
                cli.Output.WriteLine(CliContext.Json(writer => WriteJson(writer, entries)));
            }
            else
            {
                WriteTable(cli.Output, entries, cli.TableWidth);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Every endpoint of <see cref="XpmEndpoints.All"/>, in catalogue order, with the command line that calls it.</summary>
    internal static IReadOnlyList<(XpmEndpoint Endpoint, string Command)> Entries()
    {
        // The generated usage is keyed by the catalogue's own instances; an endpoint without a command (none today)
        // is still reachable through xpm api, so that is what it shows rather than leaving the cell empty.
        var usage = GeneratedCommands.Usage().ToDictionary(static pair => pair.Key, static pair => pair.Value);
        return XpmEndpoints.All
            .Select(endpoint => (endpoint, usage.TryGetValue(endpoint, out var line) ? line : $"xpm api {endpoint.Method.Method} {endpoint.PathTemplate}"))
            .ToList();
    }

    /// <summary>Writes one line per endpoint: method, path template, command and scopes, fitted to <paramref name="width"/>.</summary>
    internal static void WriteTable(TextWriter output, IReadOnlyList<(XpmEndpoint Endpoint, string Command)> entries, int width)
    {
        // Scopes go last: they are the longest cells and the first to be cut on a narrow terminal.
        var table = new TextTable("Method", "Path", "Command", "Scopes");
        foreach (var (endpoint, command) in entries)
        {
            table.AddRow(endpoint.Method.Method, endpoint.PathTemplate, command, string.Join(", ", endpoint.Scopes));
        }

        table.WriteTo(output, width);
    }

    private static void WriteJson(Utf8JsonWriter writer, IReadOnlyList<(XpmEndpoint Endpoint, string Command)> entries)
    {
        writer.WriteStartArray();
        foreach (var (endpoint, command) in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("method", endpoint.Method.Method);
            writer.WriteString("path", endpoint.PathTemplate);
            writer.WriteStartArray("scopes");
            foreach (var scope in endpoint.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            writer.WriteString("command", command);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteXml(XmlWriter writer, IReadOnlyList<(XpmEndpoint Endpoint, string Command)> entries)
    {
        writer.WriteStartElement("Endpoints");
        foreach (var (endpoint, command) in entries)
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
            writer.WriteElementString("Command", command);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }
}
