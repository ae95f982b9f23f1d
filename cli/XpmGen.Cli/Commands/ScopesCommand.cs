using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Xml;
using XpmGen.Cli.Output;

namespace XpmGen.Cli.Commands;

/// <summary>
/// <c>xpm scopes &lt;endpoint&gt;...</c>: the smallest set of OAuth scopes to request for the endpoints an
/// application calls. XPM access is approved scope by scope, so integrators must name them before they build.
/// </summary>
internal static class ScopesCommand
{
    /// <summary>Creates the <c>scopes</c> command.</summary>
    public static Command Create(CliContext cli)
    {
        var endpoints = new Argument<string[]>("endpoint")
        {
            Description = "Endpoints the application calls: a path such as client.api/list or client.api/get/<uuid>, optionally preceded by a method (\"POST job.api/add\").",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command("scopes", "Print the smallest set of OAuth scopes that grants every given endpoint (least privilege among sets of that size).");
        command.Arguments.Add(endpoints);
        command.SetAction(parseResult =>
        {
            var names = parseResult.GetValue(endpoints) ?? Array.Empty<string>();
            var resolved = new List<XpmEndpoint>();
            foreach (var name in names)
            {
                try
                {
                    resolved.AddRange(XpmScopes.Resolve(name));
                }
                catch (ArgumentException ex)
                {
                    cli.Error.WriteLine(ex.Message.Split(" (Parameter", 2)[0]);
                    return ExitCodes.Usage;
                }
            }

            var distinct = resolved.Distinct().ToList();
            var scopes = XpmScopes.Minimal(distinct);
            if (cli.WantsXml(parseResult))
            {
                XmlOutput.Write(cli.Output, writer => WriteXml(writer, scopes, distinct));
                return ExitCodes.Success;
            }

            foreach (var scope in scopes)
            {
                cli.Output.WriteLine(scope);
            }

            cli.Error.WriteLine($"Grants {distinct.Count} endpoint(s): {string.Join(", ", distinct.Select(static e => e.ToString()))}. Add offline_access for a refresh token.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteXml(XmlWriter writer, IReadOnlyList<string> scopes, IReadOnlyList<XpmEndpoint> endpoints)
    {
        writer.WriteStartElement("Scopes");
        foreach (var scope in scopes)
        {
            writer.WriteElementString("Scope", scope);
        }

        writer.WriteStartElement("Endpoints");
        foreach (var endpoint in endpoints)
        {
            writer.WriteStartElement("Endpoint");
            writer.WriteAttributeString("method", endpoint.Method.Method);
            writer.WriteAttributeString("path", endpoint.PathTemplate);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
