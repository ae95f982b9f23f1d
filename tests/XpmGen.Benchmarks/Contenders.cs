using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using XpmGen.Models;
using XpmGen.Serialization;

namespace XpmGen.Benchmarks;

/// <summary>
/// The contenders, each a plain method over the same UTF-8 bytes, shared by the BenchmarkDotNet classes and
/// the quick <c>compare</c> mode. Every reader uses the runtime's secure settings (<see cref="XpmXml.CreateReader(Stream, bool)"/>).
/// </summary>
internal static class Contenders
{
    /// <summary>The writer settings of both writing contenders: UTF-8 without BOM, no indentation, no declaration.</summary>
    public static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        OmitXmlDeclaration = true,
        CloseOutput = false,
    };

    private static readonly XmlSerializerNamespaces NoNamespaces = CreateNoNamespaces();

    private static readonly XmlReaderSettings UnpooledSettings = XpmXml.CreateReaderSettings();

    // Constructed once: a serializer built with an XmlRootAttribute is not cached by the framework.
    private static XmlSerializer? _clientListSerializer;
    private static XmlSerializer? _jobListSerializer;

    public static XmlSerializer ClientListSerializer => _clientListSerializer ??= CreateClientListSerializer();

    public static XmlSerializer JobListSerializer => _jobListSerializer ??= new XmlSerializer(typeof(List<Job>), new XmlRootAttribute("Jobs"));

    /// <summary>The <c>XmlSerializer</c> for <c>&lt;Clients&gt;&lt;Client/&gt;...</c>; item names come from the type name, <c>Client</c>.</summary>
    public static XmlSerializer CreateClientListSerializer() => new(typeof(List<Client>), new XmlRootAttribute("Clients"));

    /// <summary>
    /// The limit: one pass of the secure <see cref="XmlReader"/> that reads every text value as a string and
    /// materializes nothing else. Returns the number of characters read, so the work cannot be skipped.
    /// </summary>
    public static long RawScan(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        long characters = 0;
        while (reader.Read())
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                characters += reader.Value.Length;
            }
        }

        return characters;
    }

    public static List<Client> XpmGenClients(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Clients");
        return XpmXml.ReadList(reader, "Client", ClientXml.Read);
    }

    /// <summary>
    /// A diagnostic: the generated reader over a reader that has no value pool (an <see cref="XmlReader"/> created with
    /// <see cref="XpmXml.CreateReaderSettings"/> directly), so every value is a new string, as before the pool.
    /// </summary>
    public static List<Client> XpmGenClientsNoPool(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XmlReader.Create(stream, UnpooledSettings);
        MoveToPayload(reader, "Clients");
        return XpmXml.ReadList(reader, "Client", ClientXml.Read);
    }

    /// <summary>The job list without a value pool (a diagnostic, as <see cref="XpmGenClientsNoPool"/>).</summary>
    public static List<Job> XpmGenJobsNoPool(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XmlReader.Create(stream, UnpooledSettings);
        MoveToPayload(reader, "Jobs");
        return XpmXml.ReadList(reader, "Job", JobXml.Read);
    }

    /// <summary>
    /// A diagnostic, not a contender: the generated reader item by item, each client dropped once read (as
    /// streaming does). Against <see cref="XpmGenClients"/> it shows what keeping the whole list costs the GC.
    /// </summary>
    public static long XpmGenClientsDiscard(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Clients");
        long count = 0;
        if (XpmXml.EnterElement(reader))
        {
            while (XpmXml.MoveToNextChild(reader))
            {
                if (reader.LocalName == "Client")
                {
                    count += ClientXml.Read(reader).Contacts.Count + 1;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    /// <summary>The job list read job by job, each dropped once read (a diagnostic, as <see cref="XpmGenClientsDiscard"/>).</summary>
    public static long XpmGenJobsDiscard(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Jobs");
        long count = 0;
        if (XpmXml.EnterElement(reader))
        {
            while (XpmXml.MoveToNextChild(reader))
            {
                if (reader.LocalName == "Job")
                {
                    count += JobXml.Read(reader).Tasks.Count + 1;
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    public static List<Client> XmlSerializerClients(byte[] document) => XmlSerializerClients(document, ClientListSerializer);

    public static List<Client> XmlSerializerClients(byte[] document, XmlSerializer serializer)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Clients");
        return (List<Client>)serializer.Deserialize(reader)!;
    }

    public static List<Job> XpmGenJobs(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Jobs");
        return XpmXml.ReadList(reader, "Job", JobXml.Read);
    }

    public static List<Job> XmlSerializerJobs(byte[] document)
    {
        using var stream = new MemoryStream(document, writable: false);
        using var reader = XpmXml.CreateReader(stream);
        MoveToPayload(reader, "Jobs");
        return (List<Job>)JobListSerializer.Deserialize(reader)!;
    }

    /// <summary>Writes <c>&lt;Clients&gt;</c> with the generated writer. Returns the bytes written.</summary>
    public static long XpmGenWriteClients(List<Client> clients, Stream sink)
    {
        var before = sink.Position;
        using (var writer = XmlWriter.Create(sink, WriterSettings))
        {
            writer.WriteStartElement("Clients");
            foreach (var client in clients)
            {
                ClientXml.Write(writer, client, "Client");
            }

            writer.WriteEndElement();
        }

        return sink.Position - before;
    }

    /// <summary>Writes <c>&lt;Clients&gt;</c> with <see cref="XmlSerializer"/> (no namespace declarations). Returns the bytes written.</summary>
    public static long XmlSerializerWriteClients(List<Client> clients, Stream sink)
    {
        var before = sink.Position;
        using (var writer = XmlWriter.Create(sink, WriterSettings))
        {
            ClientListSerializer.Serialize(writer, clients, NoNamespaces);
        }

        return sink.Position - before;
    }

    /// <summary>The generated writer's output for a client list: a canonical form used to check that two readers read the same objects.</summary>
    public static byte[] Canonical(List<Client> clients)
    {
        using var buffer = new MemoryStream();
        XpmGenWriteClients(clients, buffer);
        return buffer.ToArray();
    }

    /// <summary>The generated writer's output for a job list.</summary>
    public static byte[] Canonical(List<Job> jobs)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            writer.WriteStartElement("Jobs");
            foreach (var job in jobs)
            {
                JobXml.Write(writer, job, "Job");
            }

            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    /// <summary>Moves from the start of a <c>&lt;Response&gt;</c> document to its payload element's start tag.</summary>
    public static void MoveToPayload(XmlReader reader, string payload)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Response")
        {
            throw new XmlException("Expected <Response>.");
        }

        reader.Read();
        while (true)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (reader.LocalName == payload)
                {
                    return;
                }

                reader.Skip();
            }
            else if (!reader.Read())
            {
                throw new XmlException($"No <{payload}> element.");
            }
        }
    }

    private static XmlSerializerNamespaces CreateNoNamespaces()
    {
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return namespaces;
    }
}

/// <summary>A write-only sink that counts bytes and keeps none, standing in for a network stream.</summary>
internal sealed class CountingNullStream : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => _length += count;

    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override void WriteByte(byte value) => _length++;
}
