using System.Collections.Generic;
using System.Linq;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>Who a method's parameter docs are written for; the two differ only in wording.</summary>
internal enum ParameterDocsFor
{
    /// <summary>The client's request builders, facade methods and helpers: the caller sends the values.</summary>
    Client,

    /// <summary>The sandbox's behaviour methods: the values were read from a call.</summary>
    Sandbox,
}

/// <summary>
/// The parameters of the methods generated for an endpoint, their arguments and their <c>&lt;param&gt;</c> docs: path
/// values, then the body, then query values in method order (<see cref="BoundParameters.InMethodOrder"/>). A paging helper
/// passes its own query parameters (<see cref="BoundPaging.Query"/>) and the arguments it drives.
/// </summary>
internal static class EndpointSignature
{
    /// <summary>The declared parameters, with the runtime's models; optional ones default to null unless <paramref name="optionalDefaults"/> is false.</summary>
    public static IEnumerable<string> Parameters(BoundEndpoint endpoint, IEnumerable<BoundParameter>? query = null, bool optionalDefaults = true) =>
        Parameters(endpoint, CodeNames.Runtime, query, optionalDefaults);

    /// <summary>The declared parameters, with the models of <paramref name="names"/>.</summary>
    public static IEnumerable<string> Parameters(BoundEndpoint endpoint, CodeNames names, IEnumerable<BoundParameter>? query = null, bool optionalDefaults = true)
    {
        foreach (var parameter in endpoint.PathParameters)
        {
            yield return "string " + parameter.CSharpName;
        }

        if (endpoint.Request is { } request)
        {
            yield return $"{names.Model(request.Type)} {request.CSharpName}";
        }

        foreach (var parameter in query ?? BoundParameters.InMethodOrder(endpoint.Query))
        {
            var type = ClrType(parameter.Type);
            yield return parameter.Required ? $"{type} {parameter.CSharpName}" : $"{type}? {parameter.CSharpName}{(optionalDefaults ? " = null" : string.Empty)}";
        }
    }

    /// <summary>The arguments of a request builder call, with the ones a paging helper drives replaced by its lambda variables.</summary>
    public static IEnumerable<string> Arguments(BoundEndpoint endpoint, BoundPaging? paging = null)
    {
        foreach (var parameter in endpoint.PathParameters)
        {
            yield return parameter.CSharpName;
        }

        if (endpoint.Request is { } request)
        {
            yield return request.CSharpName;
        }

        foreach (var parameter in BoundParameters.InMethodOrder(endpoint.Query))
        {
            var driven = paging?.Driven.FirstOrDefault(d => d.CSharpName == parameter.CSharpName);
            yield return driven?.Variable ?? parameter.CSharpName;
        }
    }

    /// <summary>Writes a <c>&lt;param&gt;</c> for each path value, the body and each query value given.</summary>
    public static void WriteParamDocs(SourceWriter writer, BoundEndpoint endpoint, ParameterDocsFor audience, IEnumerable<BoundParameter>? query = null)
    {
        foreach (var parameter in endpoint.PathParameters)
        {
            writer.Line($"/// <param name=\"{parameter.CSharpName.TrimStart('@')}\">{SourceWriter.Xml(parameter.Description)}</param>");
        }

        if (endpoint.Request is { } request)
        {
            var how = audience == ParameterDocsFor.Client ? "sent as" : "read from";
            writer.Line($"/// <param name=\"{request.CSharpName.TrimStart('@')}\">The request body, {how} the <c>&lt;{SourceWriter.Xml(request.Element)}&gt;</c> element.</param>");
        }

        var optional = audience == ParameterDocsFor.Client ? " Optional: null leaves it out." : " Null when the call leaves it out.";
        foreach (var parameter in query ?? BoundParameters.InMethodOrder(endpoint.Query))
        {
            writer.Line($"/// <param name=\"{parameter.CSharpName.TrimStart('@')}\">{SourceWriter.Xml(parameter.Description + (parameter.Required ? string.Empty : optional))}</param>");
        }
    }

    private static string ClrType(ParameterType type) => type switch
    {
        ParameterType.Int => "int",
        ParameterType.Boolean => "bool",
        ParameterType.Date => "global::System.DateOnly",
        ParameterType.DateTime => "global::System.DateTime",
        _ => "string",
    };
}
