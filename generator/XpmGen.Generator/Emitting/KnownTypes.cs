namespace XpmGen.Generator.Emitting;

/// <summary>Fully qualified names of the types generated code refers to.</summary>
internal static class KnownTypes
{
    public const string GeneratorName = "XpmGen.Generator";

    /// <summary>
    /// The generator assembly's version (its project's <c>Version</c>), as three parts: fixed per build, so output stays
    /// deterministic, and unlike the informational version it carries no commit hash that would change every file.
    /// </summary>
    public static readonly string GeneratorVersion = typeof(KnownTypes).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static readonly string GeneratedCode = "[global::System.CodeDom.Compiler.GeneratedCode(\"" + GeneratorName + "\", \"" + GeneratorVersion + "\")]";
    public const string ModelsNamespace = "XpmGen.Models";
    public const string SerializationNamespace = "XpmGen.Serialization";
    public const string RootNamespace = "XpmGen";

    public const string XmlReader = "global::System.Xml.XmlReader";
    public const string XmlWriter = "global::System.Xml.XmlWriter";
    public const string List = "global::System.Collections.Generic.List";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string Task = "global::System.Threading.Tasks.Task";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string XmlSerialization = "global::System.Xml.Serialization";
    /// <summary>Keeps the hidden XML text twins out of System.Text.Json output: the typed property is the value.</summary>
    public const string JsonIgnore = "[global::System.Text.Json.Serialization.JsonIgnore]";
    public const string EditorBrowsableNever = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    public const string XpmXml = "global::XpmGen.Serialization.XpmXml";
    public const string XpmValueFormat = "global::XpmGen.Serialization.XpmValueFormat";
    public const string XpmMemberNames = "global::XpmGen.Serialization.XpmMemberNames";
    public const string XpmClient = "global::XpmGen.XpmClient";
    public const string XpmEndpoint = "global::XpmGen.XpmEndpoint";
    public const string XpmEndpoints = "global::XpmGen.XpmEndpoints";
    public const string XpmRequest = "global::XpmGen.XpmRequest";
    public const string XpmQuery = "global::XpmGen.XpmQuery";
    public const string XpmPath = "global::XpmGen.XpmPath";
    public const string XpmRequestBody = "global::XpmGen.XpmRequestBody";
    public const string XpmResponseReader = "global::XpmGen.XpmResponseReader";
    public const string XpmPage = "global::XpmGen.XpmPage";
    public const string XpmPageReader = "global::XpmGen.XpmPageReader";
    public const string XpmNone = "global::XpmGen.XpmNone";

    /// <summary>A model of the runtime's schema, for the outputs that only ever use it (sandbox, CLI, testing kit).</summary>
    public static string Model(string name) => CodeNames.Runtime.Model(name);

    /// <summary>The XML reader and writer of a model of the runtime's schema.</summary>
    public static string Serializer(string name) => CodeNames.Runtime.Serializer(name);
}
