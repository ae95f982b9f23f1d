using System;
using System.Collections.Generic;
using System.Text.Json;

namespace XpmGen.Cli;

/// <summary>
/// JSON output of XPM answers. The generator writes one <c>Write</c> overload per model (<c>Json.*.g.cs</c>, on
/// <see cref="Utf8JsonWriter"/>, no reflection); these are the shapes around them.
/// </summary>
internal static partial class XpmJson
{
    /// <summary>A list answer: a JSON array of the items.</summary>
    public static void WriteList<T>(Utf8JsonWriter writer, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartArray();
        foreach (var item in items)
        {
            write(writer, item);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// One page of a paged list: <c>{"items": [...], "nextPageToken": "..."}</c>. The token is the <c>--page-token</c> of the
    /// next page, null on the last page and for lists paged by number.
    /// </summary>
    public static void WritePage<T>(Utf8JsonWriter writer, XpmPage<T> page, Action<Utf8JsonWriter, T> write)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("items");
        WriteList(writer, page.Items, write);
        writer.WriteString("nextPageToken", page.NextPageToken);
        writer.WriteEndObject();
    }

    /// <summary>An answer that may be a status only: the item, or <c>null</c>.</summary>
    public static void WriteOptional<T>(Utf8JsonWriter writer, T? value, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            write(writer, value);
        }
    }

    /// <summary>A bare value beside the status (a new UUID or quote number): <c>{"uuid": "..."}</c>; the generator names it as the models name their properties.</summary>
    public static void WriteValue(Utf8JsonWriter writer, string name, string? value)
    {
        writer.WriteStartObject();
        writer.WriteString(name, value);
        writer.WriteEndObject();
    }

    /// <summary>A status-only answer: <c>{"status": "OK"}</c>.</summary>
    public static void WriteNone(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("status", "OK");
        writer.WriteEndObject();
    }
}
