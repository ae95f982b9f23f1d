namespace XpmGen.Generator.Emitting;

/// <summary>
/// Where the code generated from one schema lives: models in <c>{Root}.Models</c>, their XML readers and writers in
/// <c>{Root}.Serialization</c>, request builders, facades and the endpoint catalogue in <c>{Root}</c>. The runtime's
/// schema generates into <c>XpmGen</c> (<see cref="Runtime"/>); an application's own schema files generate into its
/// <c>XpmGenNamespace</c> (its root namespace by default), so its types never collide with the runtime's.
/// A value, compared by its root, so the units it travels with stay cached while it does not change.
/// </summary>
internal sealed record CodeNames(string Root)
{
    /// <summary>The runtime's own schema, compiled into XpmGen.Runtime.</summary>
    public static CodeNames Runtime { get; } = new(KnownTypes.RootNamespace);

    public string Models => Root + ".Models";

    public string Serialization => Root + ".Serialization";

    /// <summary>The catalogue class of this schema's endpoints.</summary>
    public string Endpoints => "global::" + Root + ".XpmEndpoints";

    public string Model(string name) => "global::" + Models + "." + name;

    public string Serializer(string name) => "global::" + Serialization + "." + name + "Xml";

    /// <summary>A type emitted into the root namespace: a facade, its interface or a request builder class.</summary>
    public string InRoot(string name) => "global::" + Root + "." + name;
}
