using System;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>The fixed-width date parsing agrees with the format-based parsing it short-cuts.</summary>
public sealed class DateFastPathTests
{
    [Theory]
    [InlineData("2008-09-12T13:05:09", 2008, 9, 12, 13, 5, 9)]
    [InlineData("1970-11-26", 1970, 11, 26, 0, 0, 0)]
    [InlineData("20240229", 2024, 2, 29, 0, 0, 0)]
    [InlineData("2008-09-12T13:05:09.123", 2008, 9, 12, 13, 5, 9)]
    [InlineData("2008-09-12T13:05", 2008, 9, 12, 13, 5, 0)]
    public void Xpm_date_shapes_parse(string text, int year, int month, int day, int hour, int minute, int second)
    {
        var parsed = XpmValueFormat.ParseDateTime(text)!.Value;

        Assert.Equal(new DateTime(year, month, day, hour, minute, second), parsed.AddTicks(-(parsed.Ticks % TimeSpan.TicksPerSecond)));
        Assert.Equal(DateTimeKind.Unspecified, parsed.Kind);
        Assert.Equal(new DateOnly(year, month, day), XpmValueFormat.ParseCompactDate(text));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("20231301")]
    [InlineData("2023-01-01T24:00:00")]
    [InlineData("2023-0a-01")]
    [InlineData("2023/01/01")]
    public void Impossible_dates_are_rejected(string text)
    {
        Assert.Throws<FormatException>(() => XpmValueFormat.ParseDateTime(text));
    }
}
