namespace XpmGen.Generator.Model;

/// <summary>
/// Which output the generator writes into the project it runs in, chosen by the MSBuild property
/// <c>XpmGenOutput</c> (a <c>CompilerVisibleProperty</c>). One schema, several projects: the runtime
/// carries the client, the sandbox carries its route table and behaviour hooks, the testing kit its typed stubs.
/// </summary>
internal enum GeneratorOutput
{
    /// <summary>Models, XML readers and writers, request builders, facades and the endpoint catalogue (the default).</summary>
    Client,

    /// <summary>
    /// An application's own schema files beside the packaged client (<c>XpmGenOutput=Consumer</c>, the default of the
    /// package's build targets): models, readers and writers, request builders, facades and their catalogue in the
    /// namespace <c>XpmGenNamespace</c>, sent through the runtime's <c>XpmClient</c>, and never a type of the runtime itself.
    /// </summary>
    Consumer,

    /// <summary>The sandbox's route table and one overridable behaviour class per resource (<c>XpmGenOutput=Sandbox</c>).</summary>
    Sandbox,

    /// <summary>The <c>xpm</c> tool's commands, one per operation, and JSON writers for every model (<c>XpmGenOutput=Cli</c>).</summary>
    Cli,

    /// <summary>The typed stubs of <c>XpmGen.Testing</c>'s <c>XpmFake</c>, one class per resource (<c>XpmGenOutput=Testing</c>).</summary>
    Testing,

    /// <summary>An <c>XpmGenOutput</c> value the generator does not know; reported as XPM901 and nothing is emitted.</summary>
    Unknown,
}

/// <summary>Reads the <c>XpmGenOutput</c> build property.</summary>
internal static class GeneratorOutputs
{
    public const string BuildProperty = "build_property.XpmGenOutput";

    /// <summary>The namespace of a consumer's generated code; <c>RootNamespace</c> when unset.</summary>
    public const string NamespaceProperty = "build_property.XpmGenNamespace";

    public const string RootNamespaceProperty = "build_property.RootNamespace";

    public static GeneratorOutput Parse(string? value) => value?.Trim() switch
    {
        null or "" => GeneratorOutput.Client,
        var text when string.Equals(text, "Client", System.StringComparison.OrdinalIgnoreCase) => GeneratorOutput.Client,
        var text when string.Equals(text, "Consumer", System.StringComparison.OrdinalIgnoreCase) => GeneratorOutput.Consumer,
        var text when string.Equals(text, "Sandbox", System.StringComparison.OrdinalIgnoreCase) => GeneratorOutput.Sandbox,
        var text when string.Equals(text, "Cli", System.StringComparison.OrdinalIgnoreCase) => GeneratorOutput.Cli,
        var text when string.Equals(text, "Testing", System.StringComparison.OrdinalIgnoreCase) => GeneratorOutput.Testing,
        _ => GeneratorOutput.Unknown,
    };
}
