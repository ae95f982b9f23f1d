namespace XpmGen.Generator;

/// <summary>Names of the incremental pipeline steps; caching tests read the steps' outputs by these names.</summary>
internal static class TrackingNames
{
    public const string SchemaFiles = nameof(SchemaFiles);
    public const string Parse = nameof(Parse);
    public const string Bind = nameof(Bind);
    public const string Diagnostics = nameof(Diagnostics);
    public const string ModelUnits = nameof(ModelUnits);
    public const string ResourceUnits = nameof(ResourceUnits);
    public const string ClientUnit = nameof(ClientUnit);
    public const string Output = nameof(Output);
    public const string CliUnits = nameof(CliUnits);
}
