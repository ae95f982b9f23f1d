using System.Linq;
using Microsoft.CodeAnalysis;

namespace XpmGen.Generator.Model;

/// <summary>An equatable record of a diagnostic to report: descriptor id, message arguments and location.</summary>
internal sealed record DiagnosticInfo(string Id, EquatableArray<string> MessageArgs, LocationInfo? Location)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] messageArgs) =>
        new(descriptor.Id, messageArgs.ToEquatableArray(), location);

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Diagnostics.DiagnosticDescriptors.ById(Id),
            Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
            MessageArgs.Cast<object>().ToArray());
}
