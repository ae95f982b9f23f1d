using System;
using System.Text.Json;

namespace XpmGen.Sandbox;

/// <summary>
/// Xero's gateway error body, as it answers 401, 403 and 503 before XPM sees a call:
/// <c>{"Type":null,"Title":"Forbidden","Status":403,"Detail":"...","Instance":"...","Extensions":{}}</c>.
/// The sandbox and the test kit's fake both write it here.
/// </summary>
internal static class XeroProblem
{
    public static void Write(Utf8JsonWriter writer, int status, string title, string detail)
    {
        writer.WriteStartObject();
        writer.WriteNull("Type");
        writer.WriteString("Title", title);
        writer.WriteNumber("Status", status);
        writer.WriteString("Detail", detail);
        writer.WriteString("Instance", Guid.NewGuid().ToString("D"));
        writer.WriteStartObject("Extensions");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
