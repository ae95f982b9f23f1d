using System;
using System.Globalization;
using XpmGen.Serialization;

namespace XpmGen.Runtime.Tests;

/// <summary>XPM's value vocabularies, always invariant.</summary>
public sealed class ValueFormatTests
{
    [Theory]
    [InlineData("Yes", true)]
    [InlineData("yes", true)]
    [InlineData(" No ", false)]
    [InlineData("NO", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Yes_no_parses_any_case(string text, bool expected) => Assert.Equal(expected, XpmValueFormat.ParseYesNo(text));

    [Fact]
    public void Yes_no_and_true_false_format_as_xpm_writes_them()
    {
        Assert.Equal("Yes", XpmValueFormat.FormatYesNo(true));
        Assert.Equal("No", XpmValueFormat.FormatYesNo(false));
        Assert.Equal("true", XpmValueFormat.FormatBoolean(true));
        Assert.Equal("false", XpmValueFormat.FormatBoolean(false));
        Assert.True(XpmValueFormat.ParseBoolean("True"));
        Assert.False(XpmValueFormat.ParseBoolean("0"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_values_parse_as_null(string? text)
    {
        Assert.Null(XpmValueFormat.ParseYesNo(text));
        Assert.Null(XpmValueFormat.ParseBoolean(text));
        Assert.Null(XpmValueFormat.ParseCompactDate(text));
        Assert.Null(XpmValueFormat.ParseIsoDate(text));
        Assert.Null(XpmValueFormat.ParseDateTime(text));
        Assert.Null(XpmValueFormat.ParseTime(text));
        Assert.Null(XpmValueFormat.ParseDecimal(text));
        Assert.Null(XpmValueFormat.ParseInt(text));
        Assert.Null(XpmValueFormat.EmptyToNull(text == null ? null : string.Empty));
    }

    [Fact]
    public void Compact_and_iso_dates()
    {
        Assert.Equal("20090801", XpmValueFormat.FormatCompactDate(new DateOnly(2009, 8, 1)));
        Assert.Equal("2009-08-01", XpmValueFormat.FormatIsoDate(new DateOnly(2009, 8, 1)));
        Assert.Equal(new DateOnly(2009, 10, 23), XpmValueFormat.ParseCompactDate("20091023"));
        Assert.Equal(new DateOnly(1970, 11, 26), XpmValueFormat.ParseIsoDate("1970-11-26T00:00:00"));
        Assert.Equal(new DateOnly(1970, 11, 26), XpmValueFormat.ParseIsoDate("1970-11-26"));
    }

    [Fact]
    public void Date_times_have_no_offset_and_unspecified_kind()
    {
        var parsed = XpmValueFormat.ParseDateTime("2008-09-12T13:00:00");

        Assert.Equal(new DateTime(2008, 9, 12, 13, 0, 0), parsed);
        Assert.Equal(DateTimeKind.Unspecified, parsed!.Value.Kind);
        Assert.Equal("2012-06-05T06:00:00", XpmValueFormat.FormatDateTime(new DateTime(2012, 6, 5, 6, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(new DateTime(2008, 9, 12), XpmValueFormat.ParseDateTime("2008-09-12"));
        Assert.Equal(new DateTime(2008, 9, 12, 13, 0, 0, 500), XpmValueFormat.ParseDateTime("2008-09-12T13:00:00.5"));
    }

    [Fact]
    public void Times_are_hours_and_minutes()
    {
        Assert.Equal("13:00", XpmValueFormat.FormatTime(new TimeOnly(13, 0, 59)));
        Assert.Equal("09:05", XpmValueFormat.FormatTime(new TimeOnly(9, 5)));
        Assert.Equal(new TimeOnly(9, 5), XpmValueFormat.ParseTime("9:05"));
        Assert.Equal(new TimeOnly(13, 0, 30), XpmValueFormat.ParseTime("13:00:30"));
    }

    [Fact]
    public void Decimals_keep_their_scale()
    {
        Assert.Equal("200.00", XpmValueFormat.FormatDecimal(XpmValueFormat.ParseDecimal("200.00")!.Value));
        Assert.Equal("150", XpmValueFormat.FormatDecimal(XpmValueFormat.ParseDecimal("150")!.Value));
        Assert.Equal("-0.50", XpmValueFormat.FormatDecimal(-0.50m));
        Assert.Equal("30.00", XpmValueFormat.FormatDecimal(30.00m));
    }

    [Fact]
    public void Everything_is_invariant_under_a_german_culture()
    {
        CultureScope.Run("de-DE", () =>
        {
            Assert.Equal(",", CultureInfo.CurrentCulture.NumberFormat.NumberDecimalSeparator);
            Assert.Equal("1234.50", XpmValueFormat.FormatDecimal(1234.50m));
            Assert.Equal(1234.5m, XpmValueFormat.ParseDecimal("1234.5"));
            Assert.Throws<FormatException>(() => XpmValueFormat.ParseDecimal("1234,5"));
            Assert.Equal("-42", XpmValueFormat.FormatInt(-42));
            Assert.Equal("2024-03-05T06:07:08", XpmValueFormat.FormatDateTime(new DateTime(2024, 3, 5, 6, 7, 8)));
            Assert.Equal(new DateTime(2024, 3, 5, 6, 7, 8), XpmValueFormat.ParseDateTime("2024-03-05T06:07:08"));
            Assert.Equal("20240305", XpmValueFormat.FormatCompactDate(new DateOnly(2024, 3, 5)));
            Assert.Equal("06:07", XpmValueFormat.FormatTime(new TimeOnly(6, 7)));
            Assert.Equal("detailed=true&from=20240305", XpmQuery.AppendTo(string.Empty, new XpmQuery().Add("detailed", true).Add("from", new DateOnly(2024, 3, 5)).Parameters)[1..]);
            return 0;
        });
    }

    [Theory]
    [InlineData("Maybe", "Yes or No")]
    [InlineData("2024-13-45", "date")]
    [InlineData("12/03/2024", "date")]
    [InlineData("25:00", "HH:mm")]
    [InlineData("1,5", "decimal")]
    [InlineData("12abc", "whole number")]
    public void Bad_values_throw_format_exceptions_naming_the_value_and_format(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() =>
        {
            switch (expected)
            {
                case "Yes or No": XpmValueFormat.ParseYesNo(text); break;
                case "date": XpmValueFormat.ParseCompactDate(text); break;
                case "HH:mm": XpmValueFormat.ParseTime(text); break;
                case "decimal": XpmValueFormat.ParseDecimal(text); break;
                default: XpmValueFormat.ParseInt(text); break;
            }
        });

        Assert.Contains("'" + text + "'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_times_with_an_offset_are_refused()
    {
        Assert.Throws<FormatException>(() => XpmValueFormat.ParseDateTime("2008-09-12T13:00:00+10:00"));
        Assert.Throws<FormatException>(() => XpmValueFormat.ParseDateTime("2008-09-12T13:00:00Z"));
    }
}
