using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.Text;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace XpmGen.Generator.Parsing;

/// <summary>
/// Reads one endpoint YAML file (one XPM resource) into a <see cref="ResourceSpec"/>, keeping the line and
/// column of every node so that binding errors point into the file.
/// </summary>
internal static class YamlResourceParser
{
    private static readonly string[] ResourceKeys = { "resource", "facade", "path", "description", "endpoints" };
    private static readonly string[] EndpointKeys = { "name", "group", "paging", "method", "path", "summary", "remarks", "scopes", "parameters", "query", "request", "response" };
    private static readonly string[] ParameterKeys = { "name", "type", "parameter", "required", "description" };
    private static readonly string[] PayloadKeys = { "element", "type", "item", "many", "optional", "parameter" };
    private static readonly string[] PagingKeys = { "style", "method" };
    private static readonly string[] Methods = { "GET", "POST", "PUT", "DELETE" };

    public static ParsedSchemaFile Parse(string path, SourceText text, CancellationToken cancellationToken)
    {
        var context = new Context(path, text);
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text.ToString())));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            context.Report(DiagnosticDescriptors.YamlSyntaxError, context.At(ex.Start), Path.GetFileName(path), FirstLine(ex.Message));
            return context.Result(null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException when the text ends inside a
            // flow collection ("[List" with no closing bracket); point after the last event it read.
            context.Report(
                DiagnosticDescriptors.YamlSyntaxError,
                context.At(parser.LastEnd),
                Path.GetFileName(path),
                "the text ends inside an unclosed [ ] or { } collection or quoted value");
            return context.Result(null);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count == 0 ? context.At(Mark.Empty) : context.At(stream.Documents[0].RootNode.Start);
            context.Report(DiagnosticDescriptors.MissingRequiredKey, at, Path.GetFileName(path), "resource", "the file must be a mapping with resource, path and endpoints");
            return context.Result(null);
        }

        var fileLabel = Path.GetFileName(path);
        context.CheckKeys(root, fileLabel, ResourceKeys);
        var resource = context.RequiredScalar(root, "resource", fileLabel, "the C# name of the resource, e.g. Client");
        var apiPath = context.RequiredScalar(root, "path", fileLabel, "the path segment under the base address, e.g. client.api");
        var facade = context.OptionalScalar(root, "facade") ?? (resource is null ? null : resource + "s");
        var description = context.OptionalScalar(root, "description");

        var endpoints = new List<EndpointSpec>();
        if (context.Child(root, "endpoints") is not { } endpointsNode)
        {
            context.Report(DiagnosticDescriptors.MissingRequiredKey, context.At(root.Start), fileLabel, "endpoints", "a list of the resource's operations");
        }
        else if (endpointsNode is not YamlSequenceNode endpointList)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(endpointsNode.Start), fileLabel, Text(endpointsNode), "endpoints", "a list of operations");
        }
        else
        {
            foreach (var node in endpointList)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ParseEndpoint(node, fileLabel, context) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
            }
        }

        if (resource is null || apiPath is null || facade is null)
        {
            return context.Result(null);
        }

        return context.Result(new ResourceSpec(path, resource, facade, apiPath.Trim('/'), description, endpoints.ToEquatableArray(), context.At(root.Start)));
    }

    private static EndpointSpec? ParseEndpoint(YamlNode node, string fileLabel, Context context)
    {
        if (node is not YamlMappingNode map)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(node.Start), fileLabel, Text(node), "endpoints", "each endpoint is a mapping with name, method, path and scopes");
            return null;
        }

        var label = $"An endpoint in '{fileLabel}'";
        var name = context.RequiredScalar(map, "name", label, "the C# method name, e.g. List");
        if (name is not null)
        {
            label = $"The endpoint '{name}' in '{fileLabel}'";
        }

        context.CheckKeys(map, label, EndpointKeys);
        var method = context.RequiredScalar(map, "method", label, "one of GET, POST, PUT, DELETE");
        if (method is not null && Array.IndexOf(Methods, method.ToUpperInvariant()) < 0)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(context.Child(map, "method")!.Start), label, method, "method", "one of GET, POST, PUT, DELETE");
            method = null;
        }

        var path = context.RequiredScalar(map, "path", label, "the path under the resource, e.g. get/{uuid}");
        var scopes = context.StringList(map, "scopes", label);
        if (context.Child(map, "scopes") is null)
        {
            context.Report(DiagnosticDescriptors.MissingRequiredKey, context.At(map.Start), label, "scopes", "the OAuth scopes of which any one grants the endpoint");
        }

        var pathParameters = ParseParameters(map, "parameters", label, context);
        var query = ParseParameters(map, "query", label, context);
        var request = ParsePayload(map, "request", label, context);
        var response = ParsePayload(map, "response", label, context);

        if (name is null || method is null || path is null)
        {
            return null;
        }

        var paging = ParsePaging(map, label, context);
        return new EndpointSpec(
            context.OptionalScalar(map, "group"),
            name,
            method.ToUpperInvariant(),
            path.Trim('/'),
            context.OptionalScalar(map, "summary"),
            context.OptionalScalar(map, "remarks"),
            scopes,
            pathParameters,
            query,
            request,
            response,
            context.At(map.Start))
        {
            Paging = paging,
        };
    }

    private static PagingSpec? ParsePaging(YamlMappingNode map, string label, Context context)
    {
        if (context.Child(map, "paging") is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode paging)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(node.Start), label, Text(node), "paging", "a { style, method } mapping");
            return null;
        }

        var pagingLabel = label + ", paging";
        context.CheckKeys(paging, pagingLabel, PagingKeys);
        var style = context.RequiredScalar(paging, "style", pagingLabel, "page, token or window");
        if (style is null)
        {
            return null;
        }

        if (!TryParsePagingStyle(style, out var parsed))
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(context.Child(paging, "style")!.Start), pagingLabel, style, "style", "page, token or window");
            return null;
        }

        return new PagingSpec(parsed, context.OptionalScalar(paging, "method") ?? "ListAll", context.At(paging.Start));
    }

    private static bool TryParsePagingStyle(string text, out PagingStyle style)
    {
        switch (text)
        {
            case "page": style = PagingStyle.Page; return true;
            case "token": style = PagingStyle.Token; return true;
            case "window": style = PagingStyle.Window; return true;
            default: style = default; return false;
        }
    }

    private static EquatableArray<ParameterSpec> ParseParameters(YamlMappingNode map, string key, string label, Context context)
    {
        if (context.Child(map, key) is not { } node)
        {
            return EquatableArray<ParameterSpec>.Empty;
        }

        if (node is not YamlSequenceNode list)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(node.Start), label, Text(node), key, "a list of { name, type } mappings");
            return EquatableArray<ParameterSpec>.Empty;
        }

        var parameters = new List<ParameterSpec>();
        foreach (var item in list)
        {
            if (item is not YamlMappingNode parameter)
            {
                context.Report(DiagnosticDescriptors.InvalidValue, context.At(item.Start), label, Text(item), key, "a { name, type } mapping");
                continue;
            }

            var itemLabel = $"{label}, {key} entry";
            context.CheckKeys(parameter, itemLabel, ParameterKeys);
            var name = context.RequiredScalar(parameter, "name", itemLabel, "the wire name of the parameter");
            var typeText = context.OptionalScalar(parameter, "type") ?? "string";
            if (!TryParseParameterType(typeText, out var type))
            {
                context.Report(DiagnosticDescriptors.InvalidValue, context.At(context.Child(parameter, "type")!.Start), itemLabel, typeText, "type", "one of string, int, boolean, date, datetime");
                continue;
            }

            if (name is null)
            {
                continue;
            }

            parameters.Add(new ParameterSpec(
                name,
                type,
                context.OptionalScalar(parameter, "parameter"),
                context.Boolean(parameter, "required", itemLabel) ?? false,
                context.OptionalScalar(parameter, "description"),
                context.At(parameter.Start)));
        }

        return parameters.ToEquatableArray();
    }

    private static PayloadSpec? ParsePayload(YamlMappingNode map, string key, string label, Context context)
    {
        if (context.Child(map, key) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode payload)
        {
            context.Report(DiagnosticDescriptors.InvalidValue, context.At(node.Start), label, Text(node), key, "a { element, type } mapping");
            return null;
        }

        var payloadLabel = $"{label}, {key}";
        context.CheckKeys(payload, payloadLabel, PayloadKeys);
        var element = context.RequiredScalar(payload, "element", payloadLabel, "the XML element name, e.g. Client");
        var type = context.RequiredScalar(payload, "type", payloadLabel, "the model type declared in schema/models, e.g. Client");
        if (element is null || type is null)
        {
            return null;
        }

        var typeNode = context.Child(payload, "type")!;
        return new PayloadSpec(
            element,
            type,
            context.OptionalScalar(payload, "item"),
            context.Boolean(payload, "many", payloadLabel) ?? false,
            context.Boolean(payload, "optional", payloadLabel) ?? false,
            context.OptionalScalar(payload, "parameter"),
            context.At(typeNode.Start, type.Length));
    }

    private static bool TryParseParameterType(string text, out ParameterType type)
    {
        switch (text.ToLowerInvariant())
        {
            case "string": type = ParameterType.String; return true;
            case "int": type = ParameterType.Int; return true;
            case "boolean": type = ParameterType.Boolean; return true;
            case "date": type = ParameterType.Date; return true;
            case "datetime": type = ParameterType.DateTime; return true;
            default: type = default; return false;
        }
    }

    private static string Text(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => node.NodeType.ToString(),
    };

    private static string FirstLine(string message)
    {
        var index = message.IndexOfAny(new[] { '\r', '\n' });
        return index < 0 ? message : message.Substring(0, index);
    }

    /// <summary>Remembers where the last parsing event ended, for errors the YAML library reports without a position.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                LastEnd = current.End;
            }

            return inner.MoveNext();
        }
    }

    private sealed class Context(string path, SourceText text)
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();

        public LocationInfo At(Mark mark, int length = 1) => LocationInfo.At(path, text, (int)mark.Line, (int)mark.Column, length);

        public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo location, params string[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));

        public ParsedSchemaFile Result(ResourceSpec? spec) => new(path, null, spec, _diagnostics.ToEquatableArray());

        public YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public void CheckKeys(YamlMappingNode map, string label, string[] known)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (Array.IndexOf(known, name) < 0)
                {
                    Report(DiagnosticDescriptors.UnknownKey, At(key.Start, Math.Max(1, name.Length)), label, name, string.Join(", ", known));
                }
            }
        }

        public string? OptionalScalar(YamlMappingNode map, string key)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return null;
            }

            if (node is YamlScalarNode scalar)
            {
                var value = scalar.Value?.Trim();
                return string.IsNullOrEmpty(value) ? null : value;
            }

            Report(DiagnosticDescriptors.InvalidValue, At(node.Start), "The mapping", Text(node), key, "a single value");
            return null;
        }

        public string? RequiredScalar(YamlMappingNode map, string key, string label, string hint)
        {
            if (Child(map, key) is null)
            {
                Report(DiagnosticDescriptors.MissingRequiredKey, At(map.Start), label, key, hint);
                return null;
            }

            var value = OptionalScalar(map, key);
            if (value is null)
            {
                Report(DiagnosticDescriptors.InvalidValue, At(Child(map, key)!.Start), label, string.Empty, key, hint);
            }

            return value;
        }

        public bool? Boolean(YamlMappingNode map, string key, string label)
        {
            var value = OptionalScalar(map, key);
            if (value is null)
            {
                return null;
            }

            if (bool.TryParse(value, out var result))
            {
                return result;
            }

            Report(DiagnosticDescriptors.InvalidValue, At(Child(map, key)!.Start), label, value, key, "true or false");
            return null;
        }

        public EquatableArray<string> StringList(YamlMappingNode map, string key, string label)
        {
            var node = Child(map, key);
            if (node is null)
            {
                return EquatableArray<string>.Empty;
            }

            if (node is YamlSequenceNode list && list.All(static n => n is YamlScalarNode))
            {
                return list.Cast<YamlScalarNode>().Select(static n => n.Value ?? string.Empty).Where(static v => v.Length > 0).ToEquatableArray();
            }

            Report(DiagnosticDescriptors.InvalidValue, At(node.Start), label, Text(node), key, "a list of strings");
            return EquatableArray<string>.Empty;
        }
    }
}
