using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using XpmGen.Cli.Output;
using XpmGen.Serialization;

namespace XpmGen.Cli;

/// <summary>What the generated operation commands call: send a built request and print the answer; read a body.</summary>
internal sealed partial class CliContext
{
    // Output for people and jq, not for embedding in HTML: "&" and "'" stay as they are rather than \u0026.
    private static readonly JsonWriterOptions IndentedJson = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Where <c>--body -</c> is read from (standard input).</summary>
    public TextReader Input { get; init; } = Console.In;

    /// <summary>The width tables are fitted to: <c>COLUMNS</c>, the console's width, or 160 when output is redirected.</summary>
    public int TableWidth
    {
        get
        {
            if (int.TryParse(Environment("COLUMNS"), out var columns) && columns > 20)
            {
                return columns;
            }

            try
            {
                return !Console.IsOutputRedirected && Console.WindowWidth > 20 ? Console.WindowWidth : 160;
            }
            catch (IOException)
            {
                return 160;
            }
        }
    }

    /// <summary>
    /// Makes <paramref name="command"/> call XPM: the request is built from the command line first (a bad value or body
    /// is a usage error before anything is sent), then sent, and the answer printed as a table, JSON or XML.
    /// </summary>
    public void Bind<T>(Command command, Func<ParseResult, XpmRequest<T>> build, Action<Utf8JsonWriter, T> writeJson) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            XpmRequest<T> request;
            try
            {
                request = build(parse);
            }
            catch (CliUsageException ex)
            {
                return await FailAsync(parse, ex, null, cancellationToken).ConfigureAwait(false);
            }

            return await RunOnlineAsync(parse, (session, token) => PrintAsync(parse, session, request, writeJson, token), cancellationToken).ConfigureAwait(false);
        });

    /// <summary>
    /// The request body: read from <c>--body FILE</c> (or standard input for <c>-</c>) with the generated reader, or made
    /// from the field options. The two cannot be mixed.
    /// </summary>
    /// <exception cref="CliUsageException">Both or neither were given, or the file is missing, not XML or has another root element.</exception>
    public TBody Body<TBody>(ParseResult parse, Option<string?> body, string element, Func<XmlReader, TBody> read, Option[] fields, Func<TBody> fromFields)
    {
        var file = parse.GetValue(body);
        var given = fields.Where(field => parse.GetResult(field) is not null).Select(static field => field.Name).ToList();
        if (file is null)
        {
            if (given.Count == 0 && fields.Length > 0)
            {
                throw new CliUsageException($"Give the <{element}> body with --body FILE, or its fields: {string.Join(", ", fields.Select(static f => f.Name))}.");
            }

            return fromFields();
        }

        if (given.Count > 0)
        {
            throw new CliUsageException($"--body cannot be combined with field options ({string.Join(", ", given)}): put those elements in the body.");
        }

        var source = file == "-" ? "standard input" : file;
        try
        {
            using var text = file == "-" ? null : new StreamReader(file);
            using var reader = XpmXml.CreateReader(text ?? Input);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != element)
            {
                throw new CliUsageException($"The body in {source} has the root element <{reader.LocalName}>; this command sends <{element}>.");
            }

            return read(reader);
        }
        catch (XmlException ex)
        {
            throw new CliUsageException($"The body in {source} is not valid XML for <{element}>: {ex.Message}");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"Cannot read the body file '{file}': {ex.Message}");
        }
    }

    private async Task PrintAsync<T>(ParseResult parse, XpmSession session, XpmRequest<T> request, Action<Utf8JsonWriter, T> writeJson, CancellationToken cancellationToken)
    {
        var format = parse.GetValue(Options.Output);
        if (string.Equals(format, GlobalOptions.XmlFormat, StringComparison.OrdinalIgnoreCase))
        {
            // XML as XPM sent it: the payload of the envelope, untouched by the models.
            var raw = await session.Client.SendRawAsync(request.Method, request.Path, request.Query, BodyElement(request.Body), cancellationToken).ConfigureAwait(false);
            if (raw.Payload is not null)
            {
                XmlOutput.Write(Output, writer => raw.Payload.WriteTo(writer));
            }

            return;
        }

        var answer = await session.Client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var json = Json(writer => writeJson(writer, answer));
        if (string.Equals(format, GlobalOptions.JsonFormat, StringComparison.OrdinalIgnoreCase))
        {
            await Output.WriteLineAsync(json).ConfigureAwait(false);
            return;
        }

        using var document = JsonDocument.Parse(json);
        JsonTable.Write(Output, document.RootElement, TableWidth);
    }

    /// <summary>Writes JSON with the generated writers, indented.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, IndentedJson))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static XElement? BodyElement(XpmRequestBody? body)
    {
        if (body is null)
        {
            return null;
        }

        var document = new XDocument();
        using (var writer = document.CreateWriter())
        {
            body.WriteTo(writer);
        }

        return document.Root;
    }
}
