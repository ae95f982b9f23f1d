using XpmGen.Generator.Model;

namespace XpmGen.Generator.Binding;

/// <summary>
/// The names the generator recognises in the schema because XPM gives them a meaning of its own. They are declared in
/// <c>schema/models/common.xsd</c> like any simple type; this is the one place that knows them.
/// </summary>
internal static class Vocabulary
{
    /// <summary><c>Yes</c>/<c>No</c>, read as <c>bool?</c>.</summary>
    public const string YesNo = "YesNo";

    /// <summary><c>yyyyMMdd</c>, read as <c>DateOnly?</c>.</summary>
    public const string CompactDate = "CompactDate";

    /// <summary><c>HH:mm</c>, read as <c>TimeOnly?</c>.</summary>
    public const string TimeOfDay = "TimeOfDay";

    /// <summary>
    /// The property that receives the envelope's <c>WebUrl</c> (the link to the entity in XPM's web app), which detail
    /// responses write beside the entity rather than inside it.
    /// </summary>
    public const string WebUrl = "WebUrl";

    /// <summary>The value kind of an XPM vocabulary type, or null when <paramref name="typeName"/> is not one.</summary>
    public static ValueKind? KindOf(string typeName) => typeName switch
    {
        YesNo => ValueKind.YesNo,
        CompactDate => ValueKind.CompactDate,
        TimeOfDay => ValueKind.Time,
        _ => null,
    };
}
