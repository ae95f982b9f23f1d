using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using XpmGen.Generator.Diagnostics;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Binding;

/// <summary>
/// Resolves the parsed files against each other (YAML <c>type:</c> to XSD types, type names across XSD
/// files), detects duplicates, and splits the result into one unit per output file.
/// </summary>
internal static class SchemaBinder
{
    private static readonly Regex Placeholder = new(@"\{([^{}]+)\}", RegexOptions.CultureInvariant);

    public static BindResult Bind(ImmutableArray<ParsedSchemaFile> files, CancellationToken cancellationToken)
    {
        try
        {
            return new Binder(cancellationToken).Bind(files);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, "schema binding", ex.GetType().Name + ": " + ex.Message);
            var parsed = files.SelectMany(static f => f.Diagnostics).Append(diagnostic);
            return new BindResult(
                EquatableArray<ModelUnit>.Empty,
                EquatableArray<ResourceUnit>.Empty,
                new ClientUnit(EquatableArray<ClientResource>.Empty),
                parsed.ToEquatableArray());
        }
    }

    private sealed class Binder(CancellationToken cancellationToken)
    {
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly Dictionary<string, (ComplexTypeSpec Spec, string File)> _complexTypes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (SimpleTypeSpec Spec, string File)> _simpleTypes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ModelClass> _classes = new(StringComparer.Ordinal);

        // Types declared only by reference files (the runtime's schema handed to an application's build).
        private readonly HashSet<string> _external = new(StringComparer.Ordinal);

        public BindResult Bind(ImmutableArray<ParsedSchemaFile> files)
        {
            var ordered = files.OrderBy(static f => f.FilePath, StringComparer.Ordinal).ToList();
            foreach (var file in ordered)
            {
                _diagnostics.AddRange(file.Diagnostics);
            }

            // An application's own files first: its declarations take their names before the runtime's reference files.
            var modelFiles = ordered.Where(static f => f.Models is not null).Select(static f => f.Models!).OrderBy(static f => f.IsReference).ToList();
            RegisterTypes(modelFiles);
            var models = BindModels(modelFiles);
            var resources = BindResources(ordered.Where(static f => f.Resource is not null).Select(static f => f.Resource!).ToList())
                .Select(r => r with { ExternalTypes = External(r.Endpoints.SelectMany(static e => new[] { e.Request?.Type, e.Response.Type })) })
                .ToList();
            var client = new ClientUnit(resources
                .Select(static r => new ClientResource(r.Resource, r.Facade, r.ApiPath, r.Endpoints.Select(static e => e.Group is null ? e.Name : e.Group + "." + e.Name).ToEquatableArray()))
                .ToEquatableArray());
            return new BindResult(models.ToEquatableArray(), resources.ToEquatableArray(), client, _diagnostics.ToEquatableArray())
            {
                CliResources = resources.Select(BindCli).ToEquatableArray(),
            };
        }

        private void RegisterTypes(List<ModelFileSpec> modelFiles)
        {
            foreach (var file in modelFiles)
            {
                var fileName = System.IO.Path.GetFileName(file.FilePath);
                foreach (var type in file.ComplexTypes)
                {
                    if (Shadowed(file, type.Name) || IsDeclared(type.Name, type.Location, out _))
                    {
                        continue;
                    }

                    _complexTypes.Add(type.Name, (type, fileName));
                    if (file.IsReference)
                    {
                        _external.Add(type.Name);
                    }
                }

                foreach (var type in file.SimpleTypes)
                {
                    if (Shadowed(file, type.Name) || IsDeclared(type.Name, type.Location, out _))
                    {
                        continue;
                    }

                    _simpleTypes.Add(type.Name, (type, fileName));
                }
            }
        }

        /// <summary>A reference file's type that an application's own file already declares: the application's wins, silently.</summary>
        private bool Shadowed(ModelFileSpec file, string name) =>
            file.IsReference && (_complexTypes.ContainsKey(name) || _simpleTypes.ContainsKey(name));

        /// <summary>The runtime's models among <paramref name="types"/>, sorted, for the emitters to qualify.</summary>
        private EquatableArray<string> External(IEnumerable<string?> types) =>
            _external.Count == 0
                ? EquatableArray<string>.Empty
                : types.Where(t => t is not null && _external.Contains(t)).Select(static t => t!).Distinct(StringComparer.Ordinal).OrderBy(static t => t, StringComparer.Ordinal).ToEquatableArray();

        private bool IsDeclared(string name, LocationInfo location, out string? firstFile)
        {
            firstFile = _complexTypes.TryGetValue(name, out var complex) ? complex.File
                : _simpleTypes.TryGetValue(name, out var simple) ? simple.File
                : null;
            if (firstFile is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateType, location, name, firstFile));
                return true;
            }

            return false;
        }

        private List<ModelUnit> BindModels(List<ModelFileSpec> modelFiles)
        {
            var units = new List<ModelUnit>();
            var fileKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in modelFiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var classes = new List<ModelClass>();
                foreach (var type in file.ComplexTypes)
                {
                    // A duplicate declaration was reported; only the first one is emitted.
                    if (_complexTypes.TryGetValue(type.Name, out var registered) && ReferenceEquals(registered.Spec, type))
                    {
                        var modelClass = BindClass(type);
                        _classes[type.Name] = modelClass;
                        classes.Add(modelClass);
                    }
                }

                // A reference file's classes are bound (an application's endpoint may return them) but emitted by the runtime.
                if (!file.IsReference)
                {
                    units.Add(new ModelUnit(UniqueFileKey(file.FilePath, fileKeys), System.IO.Path.GetFileName(file.FilePath), classes.ToEquatableArray())
                    {
                        ExternalTypes = External(classes.SelectMany(static c => c.Properties).Select(static p => p.ComplexType)),
                    });
                }
            }

            return units;
        }

        private ModelClass BindClass(ComplexTypeSpec type)
        {
            var properties = new List<ModelProperty>();
            var names = new HashSet<string>(StringComparer.Ordinal) { type.Name };
            foreach (var member in type.Members)
            {
                if (ResolveMember(type, member) is not { } resolved)
                {
                    continue;
                }

                if (member.Shape is MemberShape.WrappedList or MemberShape.RepeatedElement && resolved.Kind is not (ValueKind.String or ValueKind.Complex))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedXsdConstruct,
                        member.Location,
                        $"The list '{type.Name}.{member.XmlName}' of '{member.Type}' values",
                        System.IO.Path.GetFileName(member.Location.FilePath),
                        "list items must be xs:string or a complex type"));
                    continue;
                }

                var propertyName = member.PropertyName ?? Naming.ToPascalCase(member.XmlName);
                if (!Naming.IsValidIdentifier(propertyName))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPropertyName, member.Location, $"{type.Name}.{member.XmlName}", propertyName));
                    continue;
                }

                if (propertyName == type.Name)
                {
                    propertyName += "Value";
                }

                var unique = propertyName;
                for (var i = 2; !names.Add(unique); i++)
                {
                    unique = propertyName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                properties.Add(new ModelProperty(
                    member.XmlName,
                    unique,
                    member.Shape,
                    resolved.Kind,
                    resolved.Complex,
                    member.ItemXmlName,
                    member.Documentation,
                    resolved.KnownValues));
            }

            return new ModelClass(type.Name, type.Documentation, properties.ToEquatableArray());
        }

        private (ValueKind Kind, string? Complex, EquatableArray<string> KnownValues)? ResolveMember(ComplexTypeSpec owner, MemberSpec member)
        {
            var none = EquatableArray<string>.Empty;
            if (member.Type.IsBuiltIn)
            {
                return (BuiltInKind(member.Type.Name), null, none);
            }

            var name = member.Type.Name;
            if (Vocabulary.KindOf(name) is { } vocabulary)
            {
                return (vocabulary, null, none);
            }

            if (_simpleTypes.TryGetValue(name, out var simple))
            {
                return (BuiltInKind(simple.Spec.BaseType), null, simple.Spec.Enumerations);
            }

            if (_complexTypes.ContainsKey(name))
            {
                if (member.Shape == MemberShape.Attribute)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(
                        DiagnosticDescriptors.UnsupportedXsdConstruct,
                        member.Location,
                        $"The attribute '{owner.Name}.{member.XmlName}' of complex type '{name}'",
                        System.IO.Path.GetFileName(member.Location.FilePath),
                        "attributes hold simple values"));
                    return null;
                }

                return (ValueKind.Complex, name, none);
            }

            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownTypeReference, member.Location, $"The member '{owner.Name}.{member.XmlName}'", name));
            return null;
        }

        private static ValueKind BuiltInKind(string name) => name switch
        {
            "int" => ValueKind.Int,
            "decimal" => ValueKind.Decimal,
            "boolean" => ValueKind.Boolean,
            "dateTime" => ValueKind.DateTime,
            "date" => ValueKind.IsoDate,
            _ => ValueKind.String,
        };

        /// <summary>The command-line unit of a resource: the simple top-level elements of each request body it sends.</summary>
        private CliUnit BindCli(ResourceUnit resource)
        {
            var types = resource.Endpoints
                .Where(static e => e.Request is not null)
                .Select(static e => e.Request!.Type)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(static t => t, StringComparer.Ordinal)
                .Select(type => new CliRequestType(
                    type,
                    _classes.TryGetValue(type, out var model)
                        ? model.Properties.Where(static p => p.Shape == MemberShape.Element && p.Kind != ValueKind.Complex).ToEquatableArray()
                        : EquatableArray<ModelProperty>.Empty))
                .ToEquatableArray();
            return new CliUnit(resource, types);
        }

        private List<ResourceUnit> BindResources(List<ResourceSpec> resources)
        {
            var units = new List<ResourceUnit>();
            var resourceNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var facadeNames = new Dictionary<string, string>(StringComparer.Ordinal);
            var operations = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var fileKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var resource in resources.OrderBy(static r => r.Resource, StringComparer.Ordinal).ThenBy(static r => r.FilePath, StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fileName = System.IO.Path.GetFileName(resource.FilePath);
                if (!CheckIdentifier(resource.Resource, "resource", $"'{fileName}'", resource.Location)
                    || !CheckIdentifier(resource.Facade, "facade", $"'{fileName}'", resource.Location))
                {
                    continue;
                }

                if (resourceNames.TryGetValue(resource.Resource, out var first))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateResource, resource.Location, "resource", resource.Resource, first));
                    continue;
                }

                if (facadeNames.TryGetValue(resource.Facade, out first))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateResource, resource.Location, "facade", resource.Facade, first));
                    continue;
                }

                resourceNames.Add(resource.Resource, fileName);
                facadeNames.Add(resource.Facade, fileName);

                var endpoints = new List<BoundEndpoint>();
                // Each name a resource's classes get (endpoint methods and paging helpers, per group), and what took it first.
                var names = new Dictionary<string, string>(StringComparer.Ordinal);
                var groupNames = new HashSet<string>(resource.Endpoints.Where(static e => e.Group is not null).Select(static e => e.Group!), StringComparer.Ordinal);
                foreach (var endpoint in resource.Endpoints)
                {
                    var qualified = endpoint.Group is null ? endpoint.Name : endpoint.Group + "." + endpoint.Name;
                    var label = $"The endpoint '{resource.Resource}.{qualified}'";
                    if (!CheckIdentifier(endpoint.Name, "name", label, endpoint.Location)
                        || (endpoint.Group is not null && !CheckIdentifier(endpoint.Group, "group", label, endpoint.Location)))
                    {
                        continue;
                    }

                    if (endpoint.Group is null && groupNames.Contains(endpoint.Name))
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, endpoint.Location, label, endpoint.Name, resource.Resource, "a group of endpoints"));
                        continue;
                    }

                    if (names.TryGetValue(qualified, out var taken))
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, endpoint.Location, label, qualified, resource.Resource, taken));
                        continue;
                    }

                    var fullPath = resource.ApiPath + (endpoint.Path.Length == 0 ? string.Empty : "/" + endpoint.Path);
                    var operation = endpoint.Method + " " + Placeholder.Replace(fullPath, "{}");
                    if (operations.TryGetValue(operation, out var firstFile))
                    {
                        _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOperation, endpoint.Location, $"{endpoint.Method} {fullPath}", firstFile));
                        continue;
                    }

                    names.Add(qualified, $"the endpoint '{qualified}'");
                    operations.Add(operation, fileName);
                    if (endpoint.Paging is { } paging)
                    {
                        var helper = endpoint.Group is null ? paging.Method : endpoint.Group + "." + paging.Method;
                        if (names.TryGetValue(helper, out taken))
                        {
                            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateName, paging.Location, $"The paging helper of '{resource.Resource}.{qualified}'", helper, resource.Resource, taken));
                            continue;
                        }

                        names.Add(helper, $"the paging helper of '{qualified}'");
                    }

                    if (BindEndpoint(endpoint, fullPath, label) is { } bound)
                    {
                        endpoints.Add(bound);
                    }
                }

                units.Add(new ResourceUnit(UniqueFileKey(resource.FilePath, fileKeys), fileName, resource.Resource, resource.Facade, resource.ApiPath, resource.Description, endpoints.ToEquatableArray()));
            }

            return units;
        }

        private BoundEndpoint? BindEndpoint(EndpointSpec endpoint, string fullPath, string label)
        {
            var ok = true;
            var pathParameters = new List<BoundParameter>();
            var placeholders = Placeholder.Matches(fullPath).Cast<Match>().Select(static m => m.Groups[1].Value).ToList();
            foreach (var placeholder in placeholders)
            {
                var declared = endpoint.PathParameters.FirstOrDefault(p => p.Name == placeholder);
                if (declared is not null && declared.Type != ParameterType.String)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PathParameterNotString, declared.Location, label, placeholder, declared.Type.ToString().ToLowerInvariant()));
                    ok = false;
                }

                var csharpName = Naming.EscapeKeyword(declared?.CSharpName ?? Naming.ToParameterName(placeholder));
                var description = declared?.Description ?? $"The {{{placeholder}}} path segment.";
                pathParameters.Add(new BoundParameter(placeholder, csharpName, ParameterType.String, Required: true, description));
            }

            foreach (var declared in endpoint.PathParameters)
            {
                if (!placeholders.Contains(declared.Name))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PathParameterWithoutPlaceholder, declared.Location, label, declared.Name, fullPath));
                    ok = false;
                }
            }

            var query = new List<BoundParameter>();
            foreach (var parameter in endpoint.Query)
            {
                var csharpName = Naming.EscapeKeyword(parameter.CSharpName ?? Naming.ToParameterName(parameter.Name));
                if (!Naming.IsValidIdentifier(csharpName.TrimStart('@')))
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, parameter.Location, label, csharpName, "parameter", "a C# identifier"));
                    ok = false;
                    continue;
                }

                query.Add(new BoundParameter(parameter.Name, csharpName, parameter.Type, parameter.Required, parameter.Description ?? $"The {parameter.Name} query parameter."));
            }

            BoundRequest? request = null;
            if (endpoint.Request is { } requestSpec)
            {
                if (RequireClass(requestSpec, label + " request") is null)
                {
                    ok = false;
                }
                else
                {
                    var csharpName = Naming.EscapeKeyword(requestSpec.ParameterName ?? Naming.ToParameterName(requestSpec.Element));
                    request = new BoundRequest(requestSpec.Element, requestSpec.Type, csharpName);
                }
            }

            var response = new BoundResponse(ResponseKind.None, null, null, null, HasWebUrl: false);
            if (endpoint.Response is { Type: "string" } valueSpec)
            {
                if (valueSpec.Many)
                {
                    _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, valueSpec.Location, label + " response", "true", "many", "false for a bare string value"));
                    ok = false;
                }

                response = new BoundResponse(ResponseKind.Value, valueSpec.Element, null, "string", HasWebUrl: false);
            }
            else if (endpoint.Response is { } responseSpec)
            {
                if (RequireClass(responseSpec, label + " response") is not { } responseClass)
                {
                    ok = false;
                }
                else
                {
                    var hasWebUrl = responseClass.Properties.Any(static p => p.PropertyName == Vocabulary.WebUrl && p.Kind == ValueKind.String && p.Shape == MemberShape.Element);
                    response = responseSpec.Many
                        ? new BoundResponse(ResponseKind.List, responseSpec.Element, responseSpec.Item ?? responseSpec.Type, responseSpec.Type, HasWebUrl: false)
                        : new BoundResponse(responseSpec.Optional ? ResponseKind.Optional : ResponseKind.Single, responseSpec.Element, null, responseSpec.Type, hasWebUrl);
                }
            }

            if (!ok)
            {
                return null;
            }

            BoundPaging? paging = null;
            if (endpoint.Paging is { } pagingSpec)
            {
                paging = BindPaging(pagingSpec, response, query, label);
                if (paging is null)
                {
                    return null;
                }

                // A page of a page- or token-paged list is more than its items: it says whether another follows.
                if (paging.Style is PagingStyle.Page or PagingStyle.Token)
                {
                    response = response with { Kind = ResponseKind.Page };
                }
            }

            return new BoundEndpoint(
                endpoint.Group,
                endpoint.Name,
                endpoint.Method,
                fullPath,
                endpoint.Summary,
                endpoint.Remarks,
                endpoint.Scopes,
                pathParameters.ToEquatableArray(),
                query.ToEquatableArray(),
                request,
                response)
            {
                Paging = paging,
            };
        }

        private BoundPaging? BindPaging(PagingSpec spec, BoundResponse response, List<BoundParameter> query, string label)
        {
            // The query parameters each style drives, with the variable the helper's lambda gives each one.
            var needed = spec.Style switch
            {
                PagingStyle.Page => new[] { (Name: "page", Type: ParameterType.Int, Variable: "xpmPage") },
                PagingStyle.Token => new[] { (Name: "pageToken", Type: ParameterType.String, Variable: "xpmToken") },
                _ => new[] { (Name: "from", Type: ParameterType.Date, Variable: "xpmFrom"), (Name: "to", Type: ParameterType.Date, Variable: "xpmTo") },
            };
            var style = spec.Style.ToString().ToLowerInvariant();
            var problem = response.Kind != ResponseKind.List
                ? "it does not return a list (many: true)"
                : !Naming.IsValidIdentifier(spec.Method)
                    ? $"the helper name '{spec.Method}' is not a C# identifier"
                    : needed.Where(n => !query.Any(q => q.Placeholder == n.Name && q.Type == n.Type))
                        .Select(n => $"it has no query parameter '{n.Name}' of type {n.Type.ToString().ToLowerInvariant()}")
                        .FirstOrDefault();
            if (problem is null && spec.Style == PagingStyle.Window && query.Any(static q => q.Placeholder is "from" or "to" && !q.Required))
            {
                problem = "its from and to query parameters are not both required";
            }

            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidPaging, spec.Location, label, style, problem));
                return null;
            }

            var driven = needed
                .Select(n => new PagingArgument(query.First(q => q.Placeholder == n.Name).CSharpName, n.Variable))
                .ToEquatableArray();

            // Page and token helpers supply page/pageToken themselves, so those leave the signature; a window helper
            // keeps from and to as the bounds of the whole range, which may now be longer than a year.
            var signature = BoundParameters.InMethodOrder(query)
                .Where(q => spec.Style == PagingStyle.Window || !needed.Any(n => n.Name == q.Placeholder))
                .Select(q => spec.Style == PagingStyle.Window && q.Placeholder is "from" or "to"
                    ? q with { Description = q.Description + " The range may be longer than a year." }
                    : q)
                .ToEquatableArray();
            return new BoundPaging(spec.Style, spec.Method, driven, signature);
        }

        private ModelClass? RequireClass(PayloadSpec payload, string label)
        {
            if (_classes.TryGetValue(payload.Type, out var modelClass))
            {
                return modelClass;
            }

            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnknownTypeReference, payload.Location, label, payload.Type));
            return null;
        }

        private bool CheckIdentifier(string name, string key, string label, LocationInfo location)
        {
            if (Naming.IsValidIdentifier(name))
            {
                return true;
            }

            _diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidValue, location, label, name, key, "a C# identifier"));
            return false;
        }

        /// <summary>
        /// The name every output of a schema file is given after: the file name without extension in PascalCase
        /// (<c>clientgroup.yaml</c> → <c>Clientgroup</c>, whatever the resource inside is called), made unique (ignoring
        /// case) among the files of its kind. PascalCase keeps the characters valid in a hint name.
        /// </summary>
        private static string UniqueFileKey(string filePath, HashSet<string> used)
        {
            var baseName = Naming.ToPascalCase(System.IO.Path.GetFileNameWithoutExtension(filePath));
            var candidate = baseName;
            for (var i = 2; !used.Add(candidate); i++)
            {
                candidate = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
