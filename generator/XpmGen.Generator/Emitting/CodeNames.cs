using System;
using System.Linq;
using XpmGen.Generator.Model;

namespace XpmGen.Generator.Emitting;

/// <summary>
/// Where the code generated from one schema lives: models in <c>{Root}.Models</c>, their XML readers and writers in
/// <c>{Root}.Serialization</c>, request builders, facades and the endpoint catalogue in <c>{Root}</c>. The runtime's
/// schema generates into <c>XpmGen</c> (<see cref="Runtime"/>); an application's own schema files generate into its
/// <c>XpmGenNamespace</c> (its root namespace by default), so its types never collide with the runtime's.
/// An application's file may also name a model of the runtime's schema (<see cref="External"/>), which then resolves to
/// <c>XpmGen.Models</c> and its reader and writer to <c>XpmGen.Serialization</c>.
/// A value, compared by value, so the units it travels with stay cached while it does not change.
/// </summary>
internal sealed record CodeNames(string Root)
{
    /// <summary>The runtime's own schema, compiled into XpmGen.Runtime.</summary>
    public static CodeNames Runtime { get; } = new(KnownTypes.RootNamespace);

    /// <summary>The models of the runtime's schema that the unit being emitted names.</summary>
    public EquatableArray<string> External { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Whether this is the runtime's own output (as opposed to an application's).</summary>
    public bool IsRuntime => string.Equals(Root, KnownTypes.RootNamespace, StringComparison.Ordinal);

    /// <summary>These names, with <paramref name="external"/> resolving to the runtime's models.</summary>
    public CodeNames WithExternal(EquatableArray<string> external) => external.Count == 0 ? this : this with { External = external };

    public string Models => Root + ".Models";

    public string Serialization => Root + ".Serialization";

    /// <summary>The catalogue class of this schema's endpoints.</summary>
    public string Endpoints => "global::" + Root + ".XpmEndpoints";

    public string Model(string name) => IsExternal(name) ? Runtime.Model(name) : "global::" + Models + "." + name;

    public string Serializer(string name) => IsExternal(name) ? Runtime.Serializer(name) : "global::" + Serialization + "." + name + "Xml";

    private bool IsExternal(string name) => External.Count > 0 && External.Contains(name, StringComparer.Ordinal);

    /// <summary>A type emitted into the root namespace: a facade, its interface or a request builder class.</summary>
    public string InRoot(string name) => "global::" + Root + "." + name;
}
