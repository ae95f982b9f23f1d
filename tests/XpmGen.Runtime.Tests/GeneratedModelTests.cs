using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Serialization;
using XpmGen.Models;
using XpmGen.Serialization;
using Xunit;

namespace XpmGen.Runtime.Tests;

/// <summary>
/// The generated reflection-free readers and writers agree with <see cref="XmlSerializer"/> on the same
/// documents, for every model of the schema, and round-trip what they write.
/// </summary>
public sealed class GeneratedModelTests
{
    public static TheoryData<Type> ModelTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Client).Assembly.GetExportedTypes()
            .Where(static t => t.Namespace == "XpmGen.Models" && t.IsClass)
            .OrderBy(static t => t.Name, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void Every_slice_model_is_generated()
    {
        var names = typeof(Client).Assembly.GetExportedTypes()
            .Where(static t => t.Namespace == "XpmGen.Models")
            .Select(static t => t.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Category", "Client", "ClientType", "Contact", "ClientNote", "ClientRelationship", "Reference", "ClientAddRequest",
                "ClientAddContact", "ClientUpdateRequest", "ClientUuidRequest", "Job", "JobStaff", "JobTask", "JobMilestone", "JobNote",
                "JobNoteComment", "JobAddRequest", "JobStateRequest", "Staff", "Time", "JobReference",
            },
            names);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void Generated_writer_output_reads_back_equal_with_both_readers(Type modelType)
    {
        var model = SampleFactory.Create(modelType, depth: 0);

        var xml = WriteGenerated(modelType, model);
        var readByGenerated = ReadGenerated(modelType, xml);
        var readBySerializer = ReadWithSerializer(modelType, xml);

        DeepEqual.Assert(model, readByGenerated, modelType.Name);
        DeepEqual.Assert(model, readBySerializer, modelType.Name);
    }

    [Theory]
    [MemberData(nameof(ModelTypes))]
    public void XmlSerializer_output_reads_equal_with_the_generated_reader(Type modelType)
    {
        var model = SampleFactory.Create(modelType, depth: 0);

        var xml = WriteWithSerializer(modelType, model);
        var readByGenerated = ReadGenerated(modelType, xml);

        DeepEqual.Assert(model, readByGenerated, modelType.Name);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Documented_examples_read_the_same_with_both_readers(string name, Type modelType, string xml)
    {
        var generated = ReadGenerated(modelType, xml);
        var serializer = ReadWithSerializer(modelType, xml);

        DeepEqual.Assert(serializer, generated, name);
    }

    public static TheoryData<string, Type, string> Documents() => new()
    {
        { "client list item", typeof(Client), SampleDocuments.ClientSummary },
        { "client detail", typeof(Client), SampleDocuments.ClientDetail },
        { "job summary", typeof(Job), SampleDocuments.JobSummary },
        { "job detail", typeof(Job), SampleDocuments.JobDetail },
        { "staff", typeof(Staff), SampleDocuments.Staff },
        { "time", typeof(Time), SampleDocuments.Time },
        { "category", typeof(Category), SampleDocuments.Category },
        { "job add request", typeof(JobAddRequest), SampleDocuments.JobAdd },
    };

    [Fact]
    public void Client_detail_reads_every_documented_value()
    {
        var client = ReadGenerated<Client>(SampleDocuments.ClientDetail, ClientXml.Read);

        Assert.Equal("f8235e1a-d383-48b7-9139-ba97ab8ca889", client.Uuid);
        Assert.Null(client.Fax);
        Assert.Contains("188 Quay Street", client.PostalAddress, StringComparison.Ordinal);
        Assert.Equal(new DateTime(1970, 11, 26), client.DateOfBirth);
        Assert.Equal(30.00m, client.Type!.CostMarkup);
        Assert.Equal("30.00", client.Type.CostMarkup!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20, client.Type.PaymentDay);
        Assert.Equal("Jo Blogs", client.AccountManager!.Name);
        var contact = Assert.Single(client.Contacts!);
        Assert.True(contact.IsPrimary);
        Assert.False(contact.IsDeleted);
        Assert.Null(contact.Salutation);
        Assert.Equal(new DateTime(2008, 9, 12, 13, 0, 0), Assert.Single(client.Notes!).Date);
        Assert.Equal("Bloggs Family", Assert.Single(client.Groups!).Name);
        var relationship = Assert.Single(client.Relationships!);
        Assert.Equal(1000, relationship.NumberOfShares);
        Assert.Equal(new DateOnly(2013, 3, 31), relationship.EndDate);
        Assert.Equal("******123", client.TaxNumber);
        Assert.Null(client.PrepareGst);
    }

    [Fact]
    public void Job_detail_reads_tasks_milestones_notes_and_staff()
    {
        var job = ReadGenerated<Job>(SampleDocuments.JobDetail, JobXml.Read);

        Assert.Equal("J000309", job.Id);
        Assert.Equal(55.00m, job.Budget);
        Assert.Equal(new DateTime(2008, 8, 29), job.StartDate);
        Assert.Equal("Jo Bloggs", Assert.Single(job.Assigned!).Name);
        Assert.Equal(2, job.Tasks!.Count);
        Assert.Equal("Design & Layout", job.Tasks[1].Name);
        Assert.False(job.Tasks[0].Completed);
        Assert.True(job.Tasks[0].Billable);
        Assert.Equal(180, Assert.Single(job.Tasks[0].Assigned!).AllocatedMinutes);
        Assert.Empty(job.Tasks[1].Assigned);
        Assert.Equal("do something by then", Assert.Single(job.Milestones!).Description);
        Assert.Equal("example comment", Assert.Single(Assert.Single(job.Notes!).Comments!).Text);
    }

    [Fact]
    public void Time_reads_times_of_day_and_the_job_reference()
    {
        var time = ReadGenerated<Time>(SampleDocuments.Time, TimeXml.Read);

        Assert.Equal(new TimeOnly(13, 0), time.Start);
        Assert.Equal(new TimeOnly(17, 0), time.End);
        Assert.Equal(240, time.Minutes);
        Assert.Equal("J000001", time.Job!.Id);
        Assert.True(time.Billable);
        Assert.Null(time.InvoiceTaskUuid);
    }

    [Fact]
    public void Request_bodies_use_the_documented_wire_formats()
    {
        var request = new JobAddRequest
        {
            Name = "Brochure Design",
            ClientUuid = "dea92ac7-d536-402d-9447-7875020499be",
            StartDate = new DateOnly(2009, 10, 23),
            DueDate = new DateOnly(2009, 10, 28),
            Budget = 55.00m,
        };
        var client = new ClientAddRequest
        {
            Name = "Bloggs Electrical Ltd",
            PrepareGst = true,
            Contacts = new List<ClientAddContact> { new() { Name = "Jo Bloggs", IsPrimary = true } },
        };

        var jobXml = System.Xml.Linq.XElement.Parse(Write(w => JobAddRequestXml.Write(w, request, "Job")));
        var clientXml = System.Xml.Linq.XElement.Parse(Write(w => ClientAddRequestXml.Write(w, client, "Client")));

        Assert.Equal("20091023", (string?)jobXml.Element("StartDate"));
        Assert.Equal("dea92ac7-d536-402d-9447-7875020499be", (string?)jobXml.Element("ClientUUID"));
        Assert.Equal("55.00", (string?)jobXml.Element("Budget"));
        Assert.Null(jobXml.Element("Description"));
        Assert.Equal("Yes", (string?)clientXml.Element("PrepareGST"));
        Assert.Equal("Yes", (string?)clientXml.Element("Contacts")!.Element("Contact")!.Element("IsPrimary"));
    }

    [Fact]
    public void A_value_that_does_not_parse_names_the_element_and_line()
    {
        const string xml = "<Time>\n  <Minutes>forty</Minutes>\n</Time>";

        var ex = Assert.Throws<XmlException>(() => ReadGenerated<Time>(xml, TimeXml.Read));

        Assert.Contains("Minutes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("forty", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, ex.LineNumber);
    }

    private static T ReadGenerated<T>(string xml, Func<XmlReader, T> read)
    {
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();
        return read(reader);
    }

    private static object ReadGenerated(Type modelType, string xml)
    {
        var read = SerializerType(modelType).GetMethod("Read")!;
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();
        try
        {
            return read.Invoke(null, new object[] { reader })!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    private static string WriteGenerated(Type modelType, object model)
    {
        var write = SerializerType(modelType).GetMethod("Write")!;
        return Write(w => write.Invoke(null, new[] { w, model, modelType.Name }));
    }

    private static object ReadWithSerializer(Type modelType, string xml)
    {
        var serializer = new XmlSerializer(modelType, new XmlRootAttribute(RootName(xml)));
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        return serializer.Deserialize(reader)!;
    }

    private static string WriteWithSerializer(Type modelType, object model)
    {
        var serializer = new XmlSerializer(modelType, new XmlRootAttribute(modelType.Name));
        var namespaces = new XmlSerializerNamespaces();
        namespaces.Add(string.Empty, string.Empty);
        return Write(w => serializer.Serialize(w, model, namespaces));
    }

    private static string Write(Action<XmlWriter> write)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            write(writer);
        }

        return builder.ToString();
    }

    private static string RootName(string xml)
    {
        using var reader = XpmXml.CreateReader(new StringReader(xml));
        reader.MoveToContent();
        return reader.LocalName;
    }

    private static Type SerializerType(Type modelType) =>
        typeof(ClientXml).Assembly.GetType("XpmGen.Serialization." + modelType.Name + "Xml", throwOnError: true)!;

    /// <summary>Builds a model with every member set, recursively, from the member's type.</summary>
    private static class SampleFactory
    {
        public static object Create(Type type, int depth)
        {
            var model = Activator.CreateInstance(type)!;
            var index = 0;
            foreach (var property in DeepEqual.DataProperties(type))
            {
                index++;
                var isNested = property.PropertyType.Namespace == "XpmGen.Models" || property.PropertyType.IsGenericType;
                if (depth < 3 || !isNested)
                {
                    property.SetValue(model, Value(property.PropertyType, depth, index));
                }
            }

            return model;
        }

        private static object? Value(Type type, int depth, int index)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string))
            {
                return "text " + index + " & <more>";
            }

            if (underlying == typeof(int))
            {
                return -40 + index;
            }

            if (underlying == typeof(decimal))
            {
                return 1234.50m + index;
            }

            if (underlying == typeof(bool))
            {
                return index % 2 == 0;
            }

            if (underlying == typeof(DateTime))
            {
                return new DateTime(2026, 11, 21, 13, 45, 10).AddDays(index);
            }

            if (underlying == typeof(DateOnly))
            {
                return new DateOnly(2026, 2, 28).AddDays(index);
            }

            if (underlying == typeof(TimeOnly))
            {
                return new TimeOnly(9, index % 60);
            }

            if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(underlying)!;
                var itemType = underlying.GetGenericArguments()[0];
                if (depth < 3)
                {
                    list.Add(Value(itemType, depth + 1, index)!);
                    list.Add(Value(itemType, depth + 1, index + 1)!);
                }

                return list;
            }

            return Create(underlying, depth + 1);
        }
    }

    /// <summary>Structural equality over the data members of generated models.</summary>
    private static class DeepEqual
    {
        public static IEnumerable<PropertyInfo> DataProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(static p => p.CanWrite && p.GetCustomAttribute<System.ComponentModel.EditorBrowsableAttribute>() is null);

        public static void Assert(object? expected, object? actual, string path)
        {
            if (expected is null || actual is null)
            {
                Xunit.Assert.True(expected is null && actual is null, $"{path}: expected {expected ?? "null"}, got {actual ?? "null"}");
                return;
            }

            var type = expected.GetType();
            Xunit.Assert.Equal(type, actual.GetType());
            if (type.Namespace == "XpmGen.Models")
            {
                foreach (var property in DataProperties(type))
                {
                    Assert(property.GetValue(expected), property.GetValue(actual), path + "." + property.Name);
                }

                return;
            }

            if (expected is IList expectedList)
            {
                var actualList = (IList)actual;
                Xunit.Assert.True(expectedList.Count == actualList.Count, $"{path}: {expectedList.Count} items expected, {actualList.Count} read");
                for (var i = 0; i < expectedList.Count; i++)
                {
                    Assert(expectedList[i], actualList[i], $"{path}[{i}]");
                }

                return;
            }

            Xunit.Assert.True(expected.Equals(actual), $"{path}: expected '{expected}', got '{actual}'");
        }
    }

    [Fact]
    public void System_Text_Json_writes_the_typed_values_and_never_the_hidden_xml_twins()
    {
        var client = new XpmGen.Models.Client { Name = "Acme", IsArchived = true, DateOfBirth = new System.DateTime(1980, 5, 1), BalanceMonth = 3 };

        var json = System.Text.Json.JsonSerializer.Serialize(client, new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() });

        Assert.DoesNotContain("Xml\"", json, System.StringComparison.Ordinal);
        Assert.Contains("\"IsArchived\":true", json, System.StringComparison.Ordinal);
        Assert.Contains("\"BalanceMonth\":3", json, System.StringComparison.Ordinal);
    }
}
