using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Xml;
using System.Xml.Linq;
using XpmGen.Cli.Output;
using XpmGen.Serialization;

namespace XpmGen.Cli.Commands;

/// <summary>
/// <c>xpm api &lt;METHOD&gt; &lt;path&gt;</c>: any call, described or not, through <see cref="XpmClient.SendRawAsync"/>,
/// with the same credentials, limits, retries and error handling as the generated commands.
/// </summary>
internal static class ApiCommand
{
    // XPM's API uses these four; anything else is a typo rather than a call worth sending.
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE"];

    /// <summary>Creates the <c>api</c> command.</summary>
    public static Command Create(CliContext cli)
    {
        var method = new Argument<string>("method") { Description = "The HTTP method: GET, POST, PUT or DELETE." };
        var path = new Argument<string>("path")
        {
            Description = "The path under the base address, such as client.api/get/<uuid> (see xpm endpoints); the query goes in --query.",
        };
        var query = new Option<string[]>("--query", "-q")
        {
            Description = "A query parameter as name=value, in XPM's wire format (dates yyyyMMdd); repeat for more.",
            HelpName = "name=value",
            AllowMultipleArgumentsPerToken = false,
        };
        var body = new Option<string?>("--body")
        {
            Description = "The request body: a file holding the XML element XPM takes (such as <Client>), or - for standard input.",
            HelpName = "file",
        };
        var command = new Command(
            "api",
            "Call any XPM endpoint and print the payload of its answer: XML as XPM sent it (the default, or -o xml), or -o json for a generic JSON rendering.");
        command.Arguments.Add(method);
        command.Arguments.Add(path);
        command.Options.Add(query);
        command.Options.Add(body);
        command.SetAction(async (parse, cancellationToken) =>
        {
            HttpMethod httpMethod;
            string relativePath;
            List<KeyValuePair<string, string>> parameters;
            XElement? element;
            try
            {
                httpMethod = ParseMethod(parse.GetValue(method)!);
                relativePath = ParsePath(parse.GetValue(path)!);
                parameters = (parse.GetValue(query) ?? []).Select(ParseQuery).ToList();
                element = parse.GetValue(body) is { } file ? ReadBody(cli, file) : null;
            }
            catch (CliUsageException ex)
            {
                return await cli.FailAsync(parse, ex, null, cancellationToken).ConfigureAwait(false);
            }

            return await cli.RunOnlineAsync(
                parse,
                async (session, token) =>
                {
                    var answer = await session.Client.SendRawAsync(httpMethod, relativePath, parameters, element, token).ConfigureAwait(false);
                    Print(cli, parse, answer);
                },
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The method in upper case.</summary>
    /// <exception cref="CliUsageException">It is not one XPM uses.</exception>
    internal static HttpMethod ParseMethod(string text)
    {
        var upper = text.Trim().ToUpperInvariant();
        if (!Methods.Contains(upper, StringComparer.Ordinal))
        {
            throw new CliUsageException($"'{text}' is not an HTTP method XPM uses: give GET, POST, PUT or DELETE.");
        }

        return new HttpMethod(upper);
    }

    /// <summary>The path as the client takes it: relative to the base address, a leading <c>/</c> dropped.</summary>
    /// <exception cref="CliUsageException">It is a full URL, holds a query, a fragment, white space, an empty or dot segment.</exception>
    internal static string ParsePath(string text)
    {
        var path = text.Trim().TrimStart('/');
        string? problem = null;
        if (path.Length == 0)
        {
            problem = "it is empty";
        }
        else if (path.Contains("://", StringComparison.Ordinal))
        {
            problem = "it is a full URL; give the part after the base address (set the address with --base-url)";
        }
        else if (path.IndexOfAny(['?', '#']) >= 0)
        {
            problem = "it holds a query or fragment; give each query parameter with --query name=value";
        }
        else if (path.Any(static c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = "it holds white space; escape it as %20";
        }
        else if (path.Split('/').Any(static segment => segment is "" or "." or ".."))
        {
            problem = "it has an empty, . or .. segment";
        }

        if (problem is not null)
        {
            throw new CliUsageException($"'{text}' is not an API path such as client.api/list: {problem}.");
        }

        return path;
    }

    /// <summary>A <c>name=value</c> pair; the value may be empty and may hold <c>=</c>.</summary>
    /// <exception cref="CliUsageException">There is no <c>=</c> or no name.</exception>
    internal static KeyValuePair<string, string> ParseQuery(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || text[..equals].Trim().Length == 0)
        {
            throw new CliUsageException($"--query takes name=value, such as --query from=20261101; '{text}' is not.");
        }

        return new KeyValuePair<string, string>(text[..equals].Trim(), text[(equals + 1)..]);
    }

    private static XElement ReadBody(CliContext cli, string file)
    {
        var source = file == "-" ? "standard input" : file;
        try
        {
            using var text = file == "-" ? null : new StreamReader(file);
            using var reader = XpmXml.CreateReader(text ?? cli.Input);
            if (reader.MoveToContent() != XmlNodeType.Element)
            {
                throw new CliUsageException($"The body in {source} holds no XML element.");
            }

            return (XElement)XNode.ReadFrom(reader);
        }
        catch (XmlException ex)
        {
            throw new CliUsageException($"The body in {source} is not valid XML: {ex.Message}");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the body file '{file}': {ex.Message}");
        }
    }

    private static void Print(CliContext cli, ParseResult parse, XpmRawResponse answer)
    {
        if (string.Equals(parse.GetValue(cli.Options.Output), GlobalOptions.JsonFormat, StringComparison.OrdinalIgnoreCase))
        {
            cli.Output.WriteLine(CliContext.Json(writer =>
            {
                if (answer.Payload is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    XmlJson.Write(writer, answer.Payload);
                }
            }));
            return;
        }

        // table has no generic shape for XML the schema does not describe, so it prints the XML too.
        if (answer.Payload is not null)
        {
            XmlOutput.Write(cli.Output, writer => answer.Payload.WriteTo(writer));
        }
    }
}
