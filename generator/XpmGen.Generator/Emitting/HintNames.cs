using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Every hint name (generated file name), by one rule: <c>&lt;Output&gt;.&lt;schema file name in PascalCase&gt;.g.cs</c> for
/// what one schema file produces (<c>clientgroup.xsd</c> → <c>Models.Clientgroup.g.cs</c>, <c>clientgroup.yaml</c> →
/// <c>Resources.Clientgroup.g.cs</c>, <c>Sandbox.Clientgroup.g.cs</c>, <c>Cli.Clientgroup.g.cs</c>, <c>Testing.Clientgroup.g.cs</c>), so the outputs of a file are
/// found by its name; <c>&lt;Output&gt;.&lt;C# type&gt;.g.cs</c> for what the whole schema produces (<c>XpmClient.Resources.g.cs</c>).
/// </summary>
internal static class HintNames
{
    public const string Client = "XpmClient.Resources.g.cs";
    public const string SandboxApiSet = "Sandbox.SandboxApiSet.g.cs";
    public const string CliCatalogue = "Cli.GeneratedCommands.g.cs";
    public const string TestingFake = "Testing.XpmFake.g.cs";
    public const string ConsumerExtensions = "XpmClientExtensions.Resources.g.cs";

    public static string Models(ModelUnit unit) => "Models." + unit.FileKey + ".g.cs";

    public static string Json(ModelUnit unit) => "Json." + unit.FileKey + ".g.cs";

    public static string Resource(ResourceUnit unit) => "Resources." + unit.FileKey + ".g.cs";

    public static string Sandbox(ResourceUnit unit) => "Sandbox." + unit.FileKey + ".g.cs";

    public static string Testing(ResourceUnit unit) => "Testing." + unit.FileKey + ".g.cs";

    public static string Cli(CliUnit unit) => "Cli." + unit.Resource.FileKey + ".g.cs";
}
