using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;

namespace XpmGen.Contract.Tests.Infrastructure;

/// <summary>
/// Registers stub mappings written in WireMock.org's JSON format (the files in <c>contracts/mappings</c> and the
/// strings tests pass to <see cref="WireMockServer.AddMappingAsync"/>) on WireMock.Net through its fluent API.
/// </summary>
/// <remarks>
/// WireMock.Net's own WireMock.org import silently drops <c>matchesXPath</c>, priorities, scenarios and delays and does
/// not anchor <c>urlPathPattern</c>, so the stubs are translated here instead, key by key, with WireMock.org's
/// semantics. Only the keys the contracts use are known; any other key fails with the source and the key's path, so
/// that nothing a stub asks for is silently ignored.
/// </remarks>
internal static class WireMockOrgMapping
{
    /// <summary>WireMock.org's priority for a stub that states none (1 is the highest).</summary>
    public const int DefaultPriority = 5;

    /// <summary>WireMock.org's name for the state every scenario starts in.</summary>
    public const string StartedState = "Started";

    /// <summary>
    /// The response header a fault stub carries inside the process; <see cref="ConnectionFaults"/> acts on it and it never
    /// reaches the client.
    /// </summary>
    public const string FaultHeader = "X-XpmGen-Contract-Fault";

    private static readonly string[] MappingKeys = ["name", "priority", "request", "response", "scenarioName", "requiredScenarioState", "newScenarioState"];
    private static readonly string[] RequestKeys = ["method", "url", "urlPath", "urlPathPattern", "urlPattern", "queryParameters", "headers", "bodyPatterns"];
    private static readonly string[] ResponseKeys = ["status", "headers", "body", "jsonBody", "bodyFileName", "fixedDelayMilliseconds", "fault"];
    private static readonly string[] Faults = [ConnectionFaults.ConnectionResetByPeer, ConnectionFaults.EmptyResponse];

    /// <summary>Every mapping of a file: a single mapping or WireMock.org's <c>{"mappings": [...]}</c> wrapper.</summary>
    public static IReadOnlyList<JsonElement> ReadFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mappings", out var many))
        {
            var extra = root.EnumerateObject().Select(p => p.Name).Where(n => n is not "mappings" and not "meta").ToList();
            if (extra.Count > 0)
            {
                throw new MappingTranslationException(path, string.Join(", ", extra), "is not translated next to 'mappings'");
            }

            return many.EnumerateArray().Select(m => m.Clone()).ToList();
        }

        return [root.Clone()];
    }

    /// <summary>Registers one mapping on <paramref name="server"/> under <paramref name="guid"/>.</summary>
    /// <param name="server">The WireMock.Net server.</param>
    /// <param name="mapping">The mapping in WireMock.org's JSON format.</param>
    /// <param name="source">Where it comes from (file name, or "run-time mapping"), for error messages.</param>
    /// <param name="guid">The id to register it under.</param>
    /// <param name="sequence">Registration order: the later of two stubs of the same priority wins, as in WireMock.org.</param>
    /// <param name="filesDirectory">The <c>__files</c> folder <c>bodyFileName</c> is relative to.</param>
    public static void Register(WireMock.Server.WireMockServer server, JsonElement mapping, string source, Guid guid, int sequence, string filesDirectory)
    {
        var context = new Context(source, mapping.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "(unnamed)");
        context.Object(mapping, string.Empty);
        context.OnlyKeys(mapping, string.Empty, MappingKeys);

        var request = BuildRequest(context, context.Required(mapping, "request"));
        var response = BuildResponse(context, context.Required(mapping, "response"), filesDirectory);

        // WireMock.Net picks the lowest priority number first, but breaks ties on the number of matchers before recency.
        // One distinct number per mapping keeps WireMock.org's rule: the priority, then the most recently added.
        var priority = mapping.TryGetProperty("priority", out var p) ? context.Int(p, "priority") : DefaultPriority;
        if (priority < 1 || priority > 1_000)
        {
            throw context.Fail("priority", "must be between 1 and 1000");
        }

        var provider = server.Given(request).WithGuid(guid).WithTitle(context.Name).AtPriority(checked((priority * 1_000_000) + (999_999 - (sequence % 1_000_000))));
        ApplyScenario(context, mapping, provider);
        provider.RespondWith(response);
    }

    private static IRequestBuilder BuildRequest(Context context, JsonElement request)
    {
        context.OnlyKeys(request, "request", RequestKeys);
        var builder = Request.Create();

        var method = context.String(context.Required(request, "method"), "request.method");
        builder = method == "ANY" ? builder.UsingAnyMethod() : builder.UsingMethod(method);

        var urlKeys = RequestKeys.Take(5).Skip(1).Where(k => request.TryGetProperty(k, out _)).ToList();
        if (urlKeys.Count > 1)
        {
            throw context.Fail("request", "names more than one of " + string.Join(", ", urlKeys));
        }

        if (request.TryGetProperty("urlPath", out var urlPath))
        {
            builder = builder.WithPath(new ExactMatcher(false, context.String(urlPath, "request.urlPath")));
        }
        else if (request.TryGetProperty("urlPathPattern", out var urlPathPattern))
        {
            // WireMock.org matches the whole path; a .NET regex finds a match anywhere unless anchored.
            builder = builder.WithPath(new RegexMatcher(Anchor(context.String(urlPathPattern, "request.urlPathPattern")), false));
        }
        else if (request.TryGetProperty("url", out var url))
        {
            var expected = context.String(url, "request.url");
            builder = builder.WithUrl(absolute => PathAndQuery(absolute) == expected);
        }
        else if (request.TryGetProperty("urlPattern", out var urlPattern))
        {
            var regex = new Regex(Anchor(context.String(urlPattern, "request.urlPattern")), RegexOptions.CultureInvariant);
            builder = builder.WithUrl(absolute => regex.IsMatch(PathAndQuery(absolute)));
        }

        if (request.TryGetProperty("queryParameters", out var query))
        {
            context.Object(query, "request.queryParameters");
            foreach (var parameter in query.EnumerateObject())
            {
                var name = parameter.Name;
                var pattern = ValuePattern.Parse(context, parameter.Value, $"request.queryParameters.{name}");
                // Read from the raw query, decoded as WireMock.org decodes it: WireMock.Net's own parameter dictionary
                // splits values on commas and is missing altogether when the URL has no query.
                builder = builder.WithUrl(absolute =>
                    pattern.Matches(QueryString.Parse(PathAndQuery(absolute)).TryGetValue(name, out var values) ? values.ToArray() : null));
            }
        }

        if (request.TryGetProperty("headers", out var headers))
        {
            context.Object(headers, "request.headers");
            foreach (var header in headers.EnumerateObject())
            {
                var name = header.Name;
                var pattern = ValuePattern.Parse(context, header.Value, $"request.headers.{name}");

                // Header names are case-insensitive in HTTP and in WireMock.org, whatever the dictionary's comparer.
                builder = builder.WithHeader(received =>
                    pattern.Matches(received.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value).ToArray() is { Length: > 0 } values ? values : null));
            }
        }

        if (request.TryGetProperty("bodyPatterns", out var bodyPatterns))
        {
            if (bodyPatterns.ValueKind != JsonValueKind.Array)
            {
                throw context.Fail("request.bodyPatterns", "must be an array");
            }

            var index = 0;
            foreach (var bodyPattern in bodyPatterns.EnumerateArray())
            {
                var at = $"request.bodyPatterns[{index++}]";
                if (bodyPattern.ValueKind == JsonValueKind.Object && bodyPattern.TryGetProperty("matchesXPath", out var xpath))
                {
                    context.OnlyKeys(bodyPattern, at, ["matchesXPath"]);
                    if (xpath.ValueKind != JsonValueKind.String)
                    {
                        throw context.Fail(at + ".matchesXPath", "is only translated as a plain expression (no namespaces or value pattern)");
                    }

                    // Each WithBody adds a matcher that must hold, as every entry of bodyPatterns must in WireMock.org.
                    builder = builder.WithBody(new XPathMatcher(xpath.GetString()!));
                }
                else
                {
                    var pattern = ValuePattern.Parse(context, bodyPattern, at, allowCaseInsensitive: false);
                    builder = builder.WithBody((string? body) => pattern.Matches(string.IsNullOrEmpty(body) ? null : [body]));
                }
            }
        }

        return builder;
    }

    private static IResponseBuilder BuildResponse(Context context, JsonElement response, string filesDirectory)
    {
        context.OnlyKeys(response, "response", ResponseKeys);
        var builder = Response.Create();

        if (response.TryGetProperty("fault", out var fault))
        {
            var kind = context.String(fault, "response.fault");
            if (!Faults.Contains(kind, StringComparer.Ordinal))
            {
                throw context.Fail("response.fault", $"'{kind}' is not translated (only {string.Join(", ", Faults)})");
            }

            var others = response.EnumerateObject().Select(p => p.Name).Where(k => k is not "fault" and not "fixedDelayMilliseconds").ToList();
            if (others.Count > 0)
            {
                throw context.Fail("response", $"a fault sends no response, so {string.Join(", ", others)} would be ignored");
            }

            // No status line, headers or body reach the client: the middleware ends the connection instead.
            builder = builder.WithStatusCode(200).WithHeader(FaultHeader, kind);
        }
        else
        {
            var status = response.TryGetProperty("status", out var s) ? context.Int(s, "response.status") : 200;
            builder = builder.WithStatusCode(status);

            if (response.TryGetProperty("headers", out var headers))
            {
                context.Object(headers, "response.headers");
                foreach (var header in headers.EnumerateObject())
                {
                    var values = header.Value.ValueKind == JsonValueKind.Array
                        ? header.Value.EnumerateArray().Select((v, i) => context.String(v, $"response.headers.{header.Name}[{i}]")).ToArray()
                        : [context.String(header.Value, "response.headers." + header.Name)];
                    builder = builder.WithHeader(header.Name, values);
                }
            }

            var bodies = new[] { "body", "jsonBody", "bodyFileName" }.Where(k => response.TryGetProperty(k, out _)).ToList();
            if (bodies.Count > 1)
            {
                throw context.Fail("response", "names more than one of " + string.Join(", ", bodies));
            }

            if (response.TryGetProperty("body", out var body))
            {
                builder = builder.WithBody(context.String(body, "response.body"), encoding: new UTF8Encoding(false));
            }
            else if (response.TryGetProperty("jsonBody", out var jsonBody))
            {
                // WireMock.org writes the JSON value as compact text; so does this.
                builder = builder.WithBody(JsonSerializer.Serialize(jsonBody), encoding: new UTF8Encoding(false));
            }
            else if (response.TryGetProperty("bodyFileName", out var bodyFileName))
            {
                var file = Path.GetFullPath(Path.Combine(filesDirectory, context.String(bodyFileName, "response.bodyFileName")));
                if (!file.StartsWith(Path.GetFullPath(filesDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
                {
                    throw context.Fail("response.bodyFileName", $"'{file}' is not a file under '{filesDirectory}'");
                }

                // The bytes as committed: WireMock.org serves body files unchanged.
                builder = builder.WithBody(File.ReadAllBytes(file));
            }
        }

        if (response.TryGetProperty("fixedDelayMilliseconds", out var delay))
        {
            builder = builder.WithDelay(context.Int(delay, "response.fixedDelayMilliseconds"));
        }

        return builder;
    }

    private static void ApplyScenario(Context context, JsonElement mapping, IRespondWithAProvider provider)
    {
        var hasName = mapping.TryGetProperty("scenarioName", out var scenarioName);
        var hasRequired = mapping.TryGetProperty("requiredScenarioState", out var required);
        var hasNew = mapping.TryGetProperty("newScenarioState", out var next);
        if (!hasName)
        {
            if (hasRequired || hasNew)
            {
                throw context.Fail(hasRequired ? "requiredScenarioState" : "newScenarioState", "needs a scenarioName");
            }

            return;
        }

        provider.InScenario(context.String(scenarioName, "scenarioName"));

        // WireMock.Net's start state is "no state yet" (null); WireMock.org calls it "Started".
        var requiredState = hasRequired ? context.String(required, "requiredScenarioState") : null;
        if (requiredState is not null && requiredState != StartedState)
        {
            provider.WhenStateIs(requiredState);
        }

        if (hasNew)
        {
            var newState = context.String(next, "newScenarioState");
            if (newState == StartedState)
            {
                throw context.Fail("newScenarioState", "going back to 'Started' is not translated");
            }

            provider.WillSetStateTo(newState);
        }
        else if (requiredState is not null && requiredState != StartedState)
        {
            // In WireMock.org a stub without newScenarioState leaves the state as it is; WireMock.Net would reset the
            // scenario to its start (null), so the stub explicitly sets the state it required.
            provider.WillSetStateTo(requiredState);
        }
    }

    private static string Anchor(string pattern) => "^(?:" + pattern + ")$";

    private static string PathAndQuery(string absoluteUrl) =>
        Uri.TryCreate(absoluteUrl, UriKind.Absolute, out var uri) ? uri.PathAndQuery : absoluteUrl;

    /// <summary>A WireMock.org string value pattern, as used for headers, query parameters and bodies.</summary>
    private sealed class ValuePattern
    {
        private static readonly string[] Keys = ["equalTo", "caseInsensitive", "matches", "doesNotMatch", "contains", "absent", "and", "or"];
        private readonly Func<string?, bool> _single;
        private readonly bool _absent;

        private ValuePattern(Func<string?, bool> single, bool absent)
        {
            _single = single;
            _absent = absent;
        }

        /// <summary>
        /// Whether the received values (<see langword="null"/> when absent) match: an absent pattern wants none, any other
        /// wants at least one value that matches, as WireMock.org matches a multi-valued header or parameter.
        /// </summary>
        public bool Matches(string[]? values) => _absent ? values is null : values is not null && values.Any(v => _single(v));

        public static ValuePattern Parse(Context context, JsonElement element, string at, bool allowCaseInsensitive = true)
        {
            context.Object(element, at);
            context.OnlyKeys(element, at, Keys);
            if (element.TryGetProperty("absent", out var absent))
            {
                if (absent.ValueKind != JsonValueKind.True || element.EnumerateObject().Count() != 1)
                {
                    throw context.Fail(at, "'absent' is only translated as the pattern's one key, set to true");
                }

                return new ValuePattern(_ => false, absent: true);
            }

            return new ValuePattern(Single(context, element, at, allowCaseInsensitive), absent: false);
        }

        private static Func<string?, bool> Single(Context context, JsonElement element, string at, bool allowCaseInsensitive)
        {
            var operators = element.EnumerateObject().Select(p => p.Name).Where(k => k != "caseInsensitive").ToList();
            if (operators.Count != 1)
            {
                throw context.Fail(at, "must have exactly one operator, found " + string.Join(", ", operators));
            }

            var ignoreCase = false;
            if (element.TryGetProperty("caseInsensitive", out var ci))
            {
                if (!allowCaseInsensitive || operators[0] != "equalTo" || ci.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw context.Fail(at + ".caseInsensitive", "is only translated as a boolean beside equalTo");
                }

                ignoreCase = ci.ValueKind == JsonValueKind.True;
            }

            var op = operators[0];
            var value = element.GetProperty(op);
            switch (op)
            {
                case "equalTo":
                {
                    var expected = context.String(value, $"{at}.equalTo");
                    var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                    return v => v is not null && string.Equals(v, expected, comparison);
                }

                case "contains":
                {
                    var expected = context.String(value, $"{at}.contains");
                    return v => v is not null && v.Contains(expected, StringComparison.Ordinal);
                }

                case "matches":
                case "doesNotMatch":
                {
                    // Java's String.matches needs the whole value to match; inline flags such as (?i) mean the same in .NET.
                    var regex = new Regex(Anchor(context.String(value, $"{at}.{op}")), RegexOptions.CultureInvariant);
                    return op == "matches" ? v => v is not null && regex.IsMatch(v) : v => v is not null && !regex.IsMatch(v);
                }

                case "and":
                case "or":
                {
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        throw context.Fail($"{at}.{op}", "must be an array");
                    }

                    var parts = value.EnumerateArray().Select((e, i) =>
                    {
                        context.Object(e, $"{at}.{op}[{i}]");
                        context.OnlyKeys(e, $"{at}.{op}[{i}]", Keys.Where(k => k != "absent").ToArray());
                        return Single(context, e, $"{at}.{op}[{i}]", allowCaseInsensitive);
                    }).ToList();
                    return op == "and" ? v => parts.All(p => p(v)) : v => parts.Any(p => p(v));
                }

                default:
                    throw context.Fail($"{at}.{op}", "is not translated");
            }
        }
    }

    /// <summary>Where a mapping comes from, for the messages of <see cref="MappingTranslationException"/>.</summary>
    internal sealed class Context(string source, string name)
    {
        public string Name { get; } = name;

        public MappingTranslationException Fail(string key, string problem) => new(source, $"'{Name}': {key}", problem);

        public void OnlyKeys(JsonElement element, string at, IReadOnlyCollection<string> known)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name))
                {
                    throw Fail(at.Length == 0 ? property.Name : $"{at}.{property.Name}", "is not translated to WireMock.Net");
                }
            }
        }

        public void Object(JsonElement element, string at)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Fail(at.Length == 0 ? "(mapping)" : at, "must be a JSON object");
            }
        }

        public JsonElement Required(JsonElement element, string key) =>
            element.TryGetProperty(key, out var value) ? value : throw Fail(key, "is missing");

        public string String(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Fail(at, "must be a string");

        public int Int(JsonElement element, string at) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var value)
                ? value
                : element.ValueKind == JsonValueKind.String && int.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value)
                    ? value
                    : throw Fail(at, "must be an integer");
    }
}

/// <summary>A stub mapping that uses something the translation to WireMock.Net does not cover.</summary>
public sealed class MappingTranslationException(string source, string key, string problem)
    : InvalidOperationException($"{source}: {key} {problem}.")
{
    /// <summary>The mapping file (or "run-time mapping").</summary>
    public string MappingSource { get; } = source;

    /// <summary>The mapping's name and the key's path.</summary>
    public string Key { get; } = key;
}
