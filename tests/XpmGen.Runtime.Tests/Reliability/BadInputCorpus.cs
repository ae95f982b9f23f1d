using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;

namespace XpmGen.Runtime.Tests.Reliability;

/// <summary>One named bad (or awkward) response of the corpus, and the verdict both paths must reach.</summary>
/// <param name="Kind">The family the case belongs to, counted in docs/reliability.md.</param>
/// <param name="Name">A name unique in the corpus.</param>
/// <param name="Response">Builds the canned response (a new one per request, since a response is sent once).</param>
/// <param name="Expected">The verdict: "OK " and the items read, or the <see cref="XpmException"/> type name; null when only typed-and-agreeing is asserted.</param>
/// <param name="ExpectedWithDecompression">The verdict for a client with automatic decompression, when it differs.</param>
public sealed record CorpusCase(string Kind, string Name, Func<CannedResponse> Response, string? Expected, string? ExpectedWithDecompression = null);

/// <summary>
/// The bad-input corpus of issue 13, built in code: a table of named responses, each with the verdict a client of
/// <c>client.api/list</c> must reach on the buffered and on the streamed path.
/// </summary>
public static class BadInputCorpus
{
    public const string Protocol = nameof(XpmProtocolException);
    public const string Api = nameof(XpmApiException);

    private const string A = "<Client><UUID>c1</UUID><Name>Acme</Name></Client>";
    private const string B = "<Client><UUID>c2</UUID><Name>Beta</Name></Client>";

    /// <summary>A good list of two clients.</summary>
    public static readonly string Good = Envelope("<Status>OK</Status><Clients>" + A + B + "</Clients>");

    /// <summary>The verdict for <see cref="Good"/>.</summary>
    public static readonly string GoodResult = Ok("Acme", "Beta");

    /// <summary>The success verdict for items with only a name.</summary>
    public static string Ok(params string[] names) => "OK " + string.Join(",", names.Select(n => n + "|||"));

    /// <summary>The corpus.</summary>
    public static IReadOnlyList<CorpusCase> Cases { get; } = Build();

    private static string Envelope(string inner) => $"<Response api-method=\"List\">{inner}</Response>";

    private static string List(string items) => Envelope("<Status>OK</Status><Clients>" + items + "</Clients>");

    private static Func<CannedResponse> Xml(string body, int status = 200) => () => CannedResponse.Xml(body, status);

    private static Func<CannedResponse> Bytes(byte[] body, string? contentType = "text/xml", BodyMode mode = BodyMode.ContentLength, int cutAt = 0, int status = 200, params (string Name, string Value)[] headers) => () =>
    {
        var response = new CannedResponse { Status = status, Reason = status == 200 ? "OK" : "Status", Body = body, Mode = mode, CutAt = cutAt };
        if (contentType is not null)
        {
            response.Headers.Add(new("Content-Type", contentType));
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.Add(new(name, value));
        }

        return response;
    };

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    private static IReadOnlyList<CorpusCase> Build()
    {
        var cases = new List<CorpusCase>();
        void Add(string kind, string name, Func<CannedResponse> response, string? expected, string? withDecompression = null) =>
            cases.Add(new CorpusCase(kind, kind + ": " + name, response, expected, withDecompression));

        // --- malformed ---
        var malformed = new (string Name, string Body)[]
        {
            ("unclosed item", List("<Client><Name>Acme</Name>")),
            ("mismatched end tag", List("<Client><Name>Acme</Nam></Client>")),
            ("unescaped ampersand", List("<Client><Name>A & B</Name></Client>")),
            ("unescaped less-than", List("<Client><Name>A < B</Name></Client>")),
            ("undefined entity", List("<Client><Name>&acme;</Name></Client>")),
            ("char reference to NUL", List("<Client><Name>&#0;</Name></Client>")),
            ("char reference to FFFF", List("<Client><Name>&#xFFFF;</Name></Client>")),
            ("raw control character", List("<Client><Name>A\u0001B</Name></Client>")),
            ("raw NUL", List("<Client><Name>A\0B</Name></Client>")),
            ("attribute without quotes", "<Response api-method=List><Status>OK</Status><Clients>" + A + "</Clients></Response>"),
            ("duplicated attribute", "<Response a=\"1\" a=\"2\"><Status>OK</Status><Clients>" + A + "</Clients></Response>"),
            ("undeclared prefix", List("<x:Client><Name>Acme</Name></x:Client>")),
            ("double hyphen in comment", List(A + "<!-- a -- b -->")),
            ("unterminated comment", List(A + "<!-- never ends")),
            ("unterminated CDATA", List("<Client><Name><![CDATA[Acme</Name></Client>")),
            ("PI named xml in the middle", List(A + "<?xml version=\"1.0\"?>")),
            ("two roots", Good + Good),
            ("text before the root", "garbage" + Good),
            ("text after the root", Good + "garbage"),
            ("markup declaration in the body", List("<!ELEMENT x ANY>" + A)),
            ("bad element name", List("<1Client><Name>Acme</Name></1Client>")),
            ("space in end tag name", List("<Client><Name>Acme</ Name></Client>")),
            ("end tag only", "</Response>"),
            ("lone ampersand at the end", Good + "&"),
            ("bad XML declaration", "<?xml version=\"9.9\" ?>" + Good),
            ("XML declaration after whitespace", "  <?xml version=\"1.0\"?>" + Good),
        };
        foreach (var (name, body) in malformed)
        {
            Add("malformed", name, Xml(body), Protocol);
        }

        // --- truncated: with a Content-Length that matches, and cut short under a larger Content-Length ---
        var good = Utf8(Good);
        foreach (var at in new[] { 1, 2, 5, 9, 10, 17, 25, 30, 40, 50, 60, 75, 90, 100, 120, 140, good.Length - 12, good.Length - 2, good.Length - 1 })
        {
            var cut = good[..at];
            Add("truncated", $"at byte {at}", Bytes(cut), Protocol);
        }

        foreach (var at in new[] { 1, 10, 30, 60, 100, good.Length - 1 })
        {
            Add("truncated", $"connection closed at byte {at} of {good.Length}", Bytes(good, mode: BodyMode.CutShort, cutAt: at), Protocol);
        }

        // --- wrong root ---
        var roots = new (string Name, string Body)[]
        {
            ("list as root", "<Clients>" + A + "</Clients>"),
            ("lower-case response", "<response><Status>OK</Status><Clients>" + A + "</Clients></response>"),
            ("upper-case response", "<RESPONSE><Status>OK</Status><Clients>" + A + "</Clients></RESPONSE>"),
            ("Responses", "<Responses><Status>OK</Status><Clients>" + A + "</Clients></Responses>"),
            ("SOAP envelope", "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + Good + "</soap:Body></soap:Envelope>"),
            ("Error root", "<Error><Message>Unauthorized</Message></Error>"),
            ("wrapped response", "<Wrapper>" + Good + "</Wrapper>"),
            ("status as root", "<Status>OK</Status>"),
            ("item as root", A),
            ("html root", "<html><Status>OK</Status></html>"),
        };
        foreach (var (name, body) in roots)
        {
            Add("wrong root", name, Xml(body), Protocol);
        }

        // --- status variants ---
        var statuses = new (string Name, string Body, string Expected)[]
        {
            ("missing", Envelope("<Clients>" + A + "</Clients>"), Protocol),
            ("lower case", Envelope("<Status>ok</Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("mixed case", Envelope("<Status>Ok</Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("spaces", Envelope("<Status>  OK  </Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("new lines", Envelope("<Status>\n\tOK\r\n</Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("after the payload", Envelope("<Clients>" + A + "</Clients><Status>OK</Status>"), Ok("Acme")),
            ("two OKs", Envelope("<Status>OK</Status><Clients>" + A + "</Clients><Status>OK</Status>"), Ok("Acme")),
            ("ERROR then OK", Envelope("<Status>ERROR</Status><Clients>" + A + "</Clients><Status>OK</Status>"), Api),
            ("OK then ERROR", Envelope("<Status>OK</Status><Clients>" + A + "</Clients><Status>ERROR</Status>"), Api),
            ("ERROR then OK, adjacent", Envelope("<Status>ERROR</Status><Status>OK</Status><Clients>" + A + "</Clients>"), Api),
            ("lower-case error then OK", Envelope("<Status>error</Status><Status>OK</Status><Clients>" + A + "</Clients>"), Api),
            ("ERROR with a description", Envelope("<Status>ERROR</Status><ErrorDescription>No such thing</ErrorDescription>"), Api),
            ("ERROR without a description", Envelope("<Status>ERROR</Status>"), Api),
            ("ERROR with a list", Envelope("<Status>ERROR</Status><Clients>" + A + "</Clients>"), Api),
            ("ERROR in CDATA", Envelope("<Status><![CDATA[ERROR]]></Status>"), Api),
            ("OK in CDATA", Envelope("<Status><![CDATA[OK]]></Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("OK by character references", Envelope("<Status>&#79;&#75;</Status><Clients>" + A + "</Clients>"), Ok("Acme")),
            ("empty", Envelope("<Status></Status><Clients>" + A + "</Clients>"), Protocol),
            ("self-closed", Envelope("<Status/><Clients>" + A + "</Clients>"), Protocol),
            ("unknown word", Envelope("<Status>MAYBE</Status><Clients>" + A + "</Clients>"), Protocol),
            ("OKAY", Envelope("<Status>OKAY</Status><Clients>" + A + "</Clients>"), Protocol),
            ("OK and garbage", Envelope("<Status>OK</Status><Status>MAYBE</Status><Clients>" + A + "</Clients>"), Protocol),
            ("status as attribute", "<Response Status=\"OK\"><Clients>" + A + "</Clients></Response>", Protocol),
            ("lower-case element", Envelope("<status>OK</status><Clients>" + A + "</Clients>"), Protocol),
            ("status inside the list", Envelope("<Clients><Status>OK</Status>" + A + "</Clients>"), Protocol),
            ("ERROR inside an item", Envelope("<Status>OK</Status><Clients><Client><Name>Acme</Name><Status>ERROR</Status></Client></Clients>"), Ok("Acme")),
        };
        foreach (var (name, body, expected) in statuses)
        {
            Add("status", name, Xml(body), expected);
        }

        // --- duplicated payload elements ---
        var duplicates = new (string Name, string Body, string? Expected)[]
        {
            ("two lists", Envelope("<Status>OK</Status><Clients>" + A + "</Clients><Clients>" + B + "</Clients>"), Protocol),
            ("an empty list, then a full one", Envelope("<Status>OK</Status><Clients/><Clients>" + A + "</Clients>"), Protocol),
            ("a full list, then an empty one", Envelope("<Status>OK</Status><Clients>" + A + "</Clients><Clients/>"), Protocol),
            ("two lists, one each side of the status", Envelope("<Clients>" + A + "</Clients><Status>OK</Status><Clients>" + B + "</Clients>"), Protocol),
            ("the same item twice", List(A + A), Ok("Acme", "Acme")),
            ("a field twice in an item (last wins)", List("<Client><Name>Acme</Name><Name>Beta</Name></Client>"), Ok("Beta")),
            ("two error descriptions", Envelope("<Status>ERROR</Status><ErrorDescription>a</ErrorDescription><ErrorDescription>b</ErrorDescription>"), Api),
            ("two statuses and two lists", Envelope("<Status>OK</Status><Clients>" + A + "</Clients><Status>OK</Status><Clients>" + B + "</Clients>"), Protocol),
            // A list wrapper holding no item but something else is refused (XpmListShape), never an empty list.
            ("a list inside the list", List("<Clients>" + A + "</Clients>"), Protocol),
            ("two WebUrls", Envelope("<Status>OK</Status><WebUrl>a</WebUrl><WebUrl>b</WebUrl><Clients>" + A + "</Clients>"), Ok("Acme")),
        };
        foreach (var (name, body, expected) in duplicates)
        {
            Add("duplicates", name, Xml(body), expected);
        }

        // --- DTDs and entities ---
        var dtds = new (string Name, string Body)[]
        {
            ("XXE file", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Response><Status>OK</Status><Clients><Client><Name>&x;</Name></Client></Clients></Response>"),
            ("XXE http", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"http://127.0.0.1:1/secret\">]><Response><Status>OK</Status><Clients><Client><Name>&x;</Name></Client></Clients></Response>"),
            ("parameter entity", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p.dtd\"> %p;]>" + Good),
            ("external DTD", "<?xml version=\"1.0\"?><!DOCTYPE Response SYSTEM \"http://127.0.0.1:1/r.dtd\">" + Good),
            ("public DTD", "<!DOCTYPE Response PUBLIC \"-//X//DTD X//EN\" \"http://127.0.0.1:1/r.dtd\">" + Good),
            ("billion laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\"><!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\"><!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\"><!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\"><!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\"><!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">]><Response><Status>OK</Status><Clients><Client><Name>&lol9;</Name></Client></Clients></Response>"),
            ("quadratic blow-up", "<!DOCTYPE r [<!ENTITY a \"" + new string('a', 50_000) + "\">]><Response><Status>OK</Status><Clients><Client><Name>" + string.Concat(Enumerable.Repeat("&a;", 2_000)) + "</Name></Client></Clients></Response>"),
            ("internal entity", "<!DOCTYPE r [<!ENTITY n \"Acme\">]><Response><Status>OK</Status><Clients><Client><Name>&n;</Name></Client></Clients></Response>"),
            ("empty internal subset", "<!DOCTYPE Response []>" + Good),
            ("html doctype", "<!DOCTYPE html>" + Good),
            ("entity in an attribute", "<!DOCTYPE r [<!ENTITY n \"x\">]><Response a=\"&n;\"><Status>OK</Status><Clients>" + A + "</Clients></Response>"),
            ("DOCTYPE after the root", Good + "<!DOCTYPE r>"),
        };
        foreach (var (name, body) in dtds)
        {
            Add("DTD and entities", name, Xml(body), Protocol);
        }

        Add("DTD and entities", "XInclude (read as an unknown element)", Xml(List("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/>" + A)), Ok("Acme"));

        // --- size and depth ---
        string Nest(int depth, string name) => string.Concat(Enumerable.Repeat("<" + name + ">", depth)) + string.Concat(Enumerable.Repeat("</" + name + ">", depth));
        foreach (var depth in new[] { 64, 1_000, 10_000, 100_000 })
        {
            Add("size and depth", $"unknown element nested {depth} deep in an item", Xml(List("<Client><Name>Acme</Name>" + Nest(depth, "X") + "</Client>")), Ok("Acme"));
            Add("size and depth", $"unknown element nested {depth} deep in the envelope", Xml(Envelope("<Status>OK</Status>" + Nest(depth, "X") + "<Clients>" + A + "</Clients>")), Ok("Acme"));
        }

        Add("size and depth", "nested 10,000 deep and never closed", Xml(Envelope("<Status>OK</Status><Clients>" + string.Concat(Enumerable.Repeat("<Client>", 10_000)))), Protocol);
        foreach (var length in new[] { 100_000, 1_000_000, 4_000_000 })
        {
            var text = new string('n', length);
            Add("size and depth", $"a name of {length:N0} characters", Xml(List("<Client><Name>" + text + "</Name></Client>")), Ok(text));
            Add("size and depth", $"an unknown text of {length:N0} characters", Xml(List("<Client><Name>Acme</Name><Notes>" + text + "</Notes></Client>")), Ok("Acme"));
        }

        Add("size and depth", "an attribute of 1,000,000 characters", Xml("<Response a=\"" + new string('a', 1_000_000) + "\"><Status>OK</Status><Clients>" + A + "</Clients></Response>"), Ok("Acme"));
        Add("size and depth", "an element name of 100,000 characters", Xml(List("<" + new string('X', 100_000) + "/>" + A)), Ok("Acme"));
        Add("size and depth", "10,000 attributes", Xml(List("<Client " + string.Join(" ", Enumerable.Range(0, 10_000).Select(i => $"a{i}=\"1\"")) + "><Name>Acme</Name></Client>")), Ok("Acme"));
        Add("size and depth", "20,000 items", Xml(List(string.Concat(Enumerable.Repeat(A, 20_000)))), Ok(Enumerable.Repeat("Acme", 20_000).ToArray()));
        Add("size and depth", "100,000 unknown empty elements", Xml(List(string.Concat(Enumerable.Repeat("<X/>", 100_000)) + A)), Ok("Acme"));
        Add("size and depth", "a 1 MB error description", Xml(Envelope("<Status>ERROR</Status><ErrorDescription>" + new string('e', 1_000_000) + "</ErrorDescription>")), Api);
        Add("size and depth", "a 1 MB comment", Xml(List("<!--" + new string('c', 1_000_000) + "-->" + A)), Ok("Acme"));
        Add("size and depth", "1 MB of whitespace before the root", Xml(new string(' ', 1_000_000) + Good), GoodResult);

        // --- encodings ---
        const string Accented = "Caf\u00e9 \u00e5\u00df \u4e2d";
        var accented = List("<Client><UUID>c1</UUID><Name>" + Accented + "</Name></Client>");
        var utf16Le = new UnicodeEncoding(bigEndian: false, byteOrderMark: false);
        var utf16Be = new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        byte[] Bom(Encoding e) => e.GetPreamble();
        Add("encodings", "UTF-8 with a BOM", Bytes([.. new UTF8Encoding(true).GetPreamble(), .. Utf8(accented)]), Ok(Accented));
        Add("encodings", "UTF-8 declared", Bytes(Utf8("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + accented)), Ok(Accented));
        Add("encodings", "UTF-16 LE with a BOM, declared", Bytes([.. Bom(new UnicodeEncoding(false, true)), .. utf16Le.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + accented)], "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 LE with a BOM, undeclared", Bytes([.. Bom(new UnicodeEncoding(false, true)), .. utf16Le.GetBytes(accented)], "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 BE with a BOM", Bytes([.. Bom(new UnicodeEncoding(true, true)), .. utf16Be.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + accented)], "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 LE without a BOM, declared", Bytes(utf16Le.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + accented), "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 LE without a BOM, undeclared", Bytes(utf16Le.GetBytes(accented), "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 BE without a BOM, declared", Bytes(utf16Be.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + accented), "text/xml"), Ok(Accented));
        Add("encodings", "UTF-16 with a BOM under a UTF-8 charset header", Bytes([.. Bom(new UnicodeEncoding(false, true)), .. utf16Le.GetBytes(accented)], "text/xml; charset=utf-8"), Ok(Accented));
        Add("encodings", "UTF-32 with a BOM", Bytes([.. new UTF32Encoding(false, true).GetPreamble(), .. new UTF32Encoding(false, false).GetBytes(accented)]), Ok(Accented));
        var latin1 = Encoding.Latin1;
        Add("encodings", "ISO-8859-1 declared and used", Bytes(latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + List("<Client><Name>Caf\u00e9</Name></Client>"))), Ok("Caf\u00e9"));
        Add("encodings", "ISO-8859-1 bytes declared as UTF-8", Bytes(latin1.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + List("<Client><Name>Caf\u00e9</Name></Client>"))), Protocol);
        Add("encodings", "ISO-8859-1 bytes undeclared", Bytes(latin1.GetBytes(List("<Client><Name>Caf\u00e9</Name></Client>"))), Protocol);
        Add("encodings", "UTF-8 bytes declared as UTF-16", Bytes(Utf8("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + accented)), Protocol);
        Add("encodings", "an unknown declared encoding", Bytes(Utf8("<?xml version=\"1.0\" encoding=\"x-bogus-42\"?>" + accented)), Protocol);
        Add("encodings", "an unknown charset header", Bytes(Utf8(accented), "text/xml; charset=x-bogus-42"), Ok(Accented));
        Add("encodings", "a charset header of ISO-8859-1 over UTF-8", Bytes(Utf8(accented), "text/xml; charset=iso-8859-1"), Ok(Accented));
        byte[] WithBytes(params byte[] bad) => [.. Utf8(Envelope("<Status>OK</Status><Clients><Client><Name>A")), .. bad, .. Utf8("</Name></Client></Clients></Response>")];
        Add("encodings", "invalid UTF-8: a stray continuation byte", Bytes(WithBytes(0x80)), Protocol);
        Add("encodings", "invalid UTF-8: a lead byte without its continuation", Bytes(WithBytes(0xC3, 0x28)), Protocol);
        Add("encodings", "invalid UTF-8: an overlong slash", Bytes(WithBytes(0xC0, 0xAF)), Protocol);
        Add("encodings", "invalid UTF-8: an encoded surrogate", Bytes(WithBytes(0xED, 0xA0, 0x80)), Protocol);
        Add("encodings", "invalid UTF-8: 0xFF", Bytes(WithBytes(0xFF)), Protocol);
        Add("encodings", "invalid UTF-8: cut in the middle of a character", Bytes(WithBytes(0xE4, 0xB8)), Protocol);
        Add("encodings", "invalid UTF-8: beyond U+10FFFF", Bytes(WithBytes(0xF4, 0x90, 0x80, 0x80)), Protocol);

        // --- content types ---
        var contentTypes = new[]
        {
            "text/html", "text/html; charset=utf-8", "application/json", "application/xml", "text/plain", "application/octet-stream",
            "x", "multipart/form-data; boundary=x", "text/xml; charset=\"utf-8\"", "application/problem+json",
        };
        foreach (var type in contentTypes)
        {
            // XPM's answer is read by what it is, not by its label: a label is not worth failing a good document.
            Add("content types", $"a good list labelled {type}", Bytes(good, type), GoodResult);
        }

        Add("content types", "a good list without a Content-Type", Bytes(good, contentType: null), GoodResult);
        Add("content types", "an ERROR envelope labelled text/html", Bytes(Utf8(Envelope("<Status>ERROR</Status><ErrorDescription>x</ErrorDescription>")), "text/html"), Api);
        Add("content types", "JSON labelled text/xml", Bytes(Utf8("{\"Status\":\"OK\"}"), "text/xml"), Protocol);

        // --- Content-Encoding lies (a plain client reads the bytes as they come; a decompressing one unpacks them) ---
        var gzipped = Gzip(good);
        foreach (var encoding in new[] { "gzip", "deflate", "br" })
        {
            Add("content encodings", $"{encoding} on a plain body", Bytes(good, headers: ("Content-Encoding", encoding)), GoodResult, Protocol);
        }

        Add("content encodings", "gzip body declared gzip", Bytes(gzipped, headers: ("Content-Encoding", "gzip")), Protocol, GoodResult);
        Add("content encodings", "deflate body declared deflate", Bytes(Deflate(good), headers: ("Content-Encoding", "deflate")), Protocol, GoodResult);
        Add("content encodings", "gzip body without a header", Bytes(gzipped), Protocol);
        Add("content encodings", "gzip body declared deflate", Bytes(gzipped, headers: ("Content-Encoding", "deflate")), Protocol);
        Add("content encodings", "deflate body declared gzip", Bytes(Deflate(good), headers: ("Content-Encoding", "gzip")), Protocol);
        Add("content encodings", "gzip body declared br", Bytes(gzipped, headers: ("Content-Encoding", "br")), Protocol);
        Add("content encodings", "gzip body cut in half", Bytes(gzipped[..(gzipped.Length / 2)], headers: ("Content-Encoding", "gzip")), Protocol);
        Add("content encodings", "gzip body with a broken trailer", Bytes([.. gzipped[..^4], 1, 2, 3, 4], headers: ("Content-Encoding", "gzip")), Protocol, null);
        Add("content encodings", "identity", Bytes(good, headers: ("Content-Encoding", "identity")), GoodResult);
        Add("content encodings", "an unknown coding", Bytes(good, headers: ("Content-Encoding", "x-bogus")), GoodResult);
        // SocketsHttpHandler undoes the last coding only, so a doubled label on a body compressed once still reads right.
        Add("content encodings", "gzip twice on a single gzip body", Bytes(gzipped, headers: ("Content-Encoding", "gzip, gzip")), Protocol, GoodResult);
        Add("content encodings", "gzip of a truncated document", Bytes(Gzip(good[..50]), headers: ("Content-Encoding", "gzip")), Protocol);

        // --- HTML ---
        var html = new (string Name, string Body, int Status)[]
        {
            ("a login page", "<!DOCTYPE html><html><head><title>Log in</title></head><body><form>Log in</form></body></html>", 200),
            ("a login page without doctype", "<html><body>Log in</body></html>", 200),
            ("a bad gateway page with 200", "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", 200),
            ("a maintenance page", "<!doctype html><html lang=en><meta charset=utf-8><title>Down</title><p>We'll be back<br>soon", 200),
            ("XHTML", "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi</p></body></html>", 200),
            ("HTML containing an envelope", "<html><body>" + Good + "</body></html>", 200),
            ("a challenge page with a script", "<html><script>if (a < b && c) {}</script></html>", 200),
            ("an error page with 500", "<html><body>Internal error</body></html>", 500),
            ("an error page with 503", "<html><body>Unavailable</body></html>", 503),
            ("a not-found page with 404", "<html><body>Not found</body></html>", 404),
        };
        foreach (var (name, body, status) in html)
        {
            Add("HTML", name, Bytes(Utf8(body), "text/html", status: status), status switch { 503 => nameof(XpmServiceUnavailableException), 500 or 404 => nameof(XpmHttpException), _ => Protocol });
        }

        // --- JSON ---
        var json = new[]
        {
            "{\"Status\":\"OK\",\"Clients\":[]}", "[]", "{}", "null", "\"OK\"", "{\"error\":\"invalid_token\"}", "{\"Response\":{\"Status\":\"OK\"}}", "{",
        };
        foreach (var body in json)
        {
            Add("JSON", body, Bytes(Utf8(body), "application/json"), Protocol);
        }

        // --- empty bodies ---
        Add("empty bodies", "empty", Bytes([]), Protocol);
        Add("empty bodies", "empty, close-delimited", Bytes([], mode: BodyMode.CloseDelimited), Protocol);
        Add("empty bodies", "empty, no Content-Type", Bytes([], contentType: null), Protocol);
        Add("empty bodies", "whitespace", Xml("  \r\n\t "), Protocol);
        Add("empty bodies", "a BOM only", Bytes(new UTF8Encoding(true).GetPreamble()), Protocol);
        Add("empty bodies", "an XML declaration only", Xml("<?xml version=\"1.0\"?>"), Protocol);
        Add("empty bodies", "a comment only", Xml("<!-- nothing -->"), Protocol);
        Add("empty bodies", "a NUL byte", Bytes([0]), Protocol);
        Add("empty bodies", "an empty Response", Xml("<Response/>"), Protocol);
        Add("empty bodies", "an empty Response with end tag", Xml("<Response></Response>"), Protocol);
        Add("empty bodies", "OK only", Xml(Envelope("<Status>OK</Status>")), Protocol);
        Add("empty bodies", "OK and an empty list", Xml(Envelope("<Status>OK</Status><Clients/>")), "OK ");
        Add("empty bodies", "OK and an empty list with whitespace", Xml(Envelope("<Status>OK</Status><Clients>\n  </Clients>")), "OK ");
        Add("empty bodies", "OK and an empty item", Xml(List("<Client/>")), "OK |||");
        Add("empty bodies", "204 No Content", Bytes([], status: 204), Protocol);

        // --- value formats ---
        string Field(string name, string value) => List("<Client><Name>Acme</Name><" + name + ">" + value + "</" + name + "></Client>");
        var dates = new (string Value, string? Expected)[]
        {
            ("2024-02-29T13:45:00", "OK Acme|||2024-02-29T13:45:00"),
            ("2024-02-29", "OK Acme|||2024-02-29T00:00:00"),
            ("2024-02-30T00:00:00", Protocol),
            ("2024-13-01T00:00:00", Protocol),
            ("yesterday", Protocol),
            ("01/02/2024", Protocol),
            ("2024-02-29T25:00:00", Protocol),
            ("", "OK Acme|||"),
            ("2024-02-29T13:45:00+13:00", Protocol),
            ("2024-02-29T13:45:00Z", Protocol),
            ("0000-00-00T00:00:00", Protocol),
            ("20240229", "OK Acme|||2024-02-29T00:00:00"),
        };
        foreach (var (value, expected) in dates)
        {
            Add("value formats", $"date '{value}'", Xml(Field("Modified", value)), expected);
        }

        var yesNo = new (string Value, string? Expected)[]
        {
            ("Yes", "OK Acme|True||"), ("No", "OK Acme|False||"), ("yes", "OK Acme|True||"), ("NO", "OK Acme|False||"), (" Yes ", "OK Acme|True||"), ("true", "OK Acme|True||"),
            ("false", "OK Acme|False||"), ("1", "OK Acme|True||"), ("0", "OK Acme|False||"), ("Y", Protocol), ("Perhaps", Protocol), ("", "OK Acme|||"),
        };
        foreach (var (value, expected) in yesNo)
        {
            Add("value formats", $"yes/no '{value}'", Xml(Field("IsArchived", value)), expected);
        }

        var decimals = new (string Value, string? Expected)[]
        {
            ("12.50", "OK Acme||12.50|"), ("1,5", Protocol), ("1.234,56", Protocol), ("1,234.56", Protocol), ("1e3", Protocol), ("NaN", Protocol),
            ("Infinity", Protocol), ("", "OK Acme|||"), ("1 000", Protocol), ("-0", "OK Acme||0|"), ("79228162514264337593543950336", Protocol),
            ("$12", Protocol), ("12.5.1", Protocol), (" 12.5 ", "OK Acme||12.5|"),
        };
        foreach (var (value, expected) in decimals)
        {
            Add("value formats", $"decimal '{value}'", Xml(Field("BillableRate", value)), expected);
        }

        // --- shapes ---
        var shapes = new (string Name, string Body, string? Expected)[]
        {
            ("an item where the list belongs", Envelope("<Status>OK</Status>" + A), Protocol),
            ("items where the list belongs", Envelope("<Status>OK</Status>" + A + B), Protocol),
            ("a list inside an item", Envelope("<Status>OK</Status><Client><Clients>" + A + "</Clients></Client>"), Protocol),
            ("list renamed in lower case", Envelope("<Status>OK</Status><clients>" + A + "</clients>"), Protocol),
            ("list renamed in upper case", Envelope("<Status>OK</Status><CLIENTS>" + A + "</CLIENTS>"), Protocol),
            ("list renamed singular", Envelope("<Status>OK</Status><ClientList>" + A + "</ClientList>"), Protocol),
            ("list in a namespace", Envelope("<Status>OK</Status><Clients xmlns=\"urn:x\">" + A + "</Clients>"), Ok("Acme")),
            // A list wrapper holding no item but something else is refused (XpmListShape), never an empty list; unknown
            // elements and text beside real items are skipped; an item spelled in another case is refused even beside them.
            ("list as text", Envelope("<Status>OK</Status><Clients>Acme, Beta</Clients>"), Protocol),
            ("list as CDATA", Envelope("<Status>OK</Status><Clients><![CDATA[Acme]]></Clients>"), Protocol),
            ("items renamed in lower case", List("<client><Name>Acme</Name></client>"), Protocol),
            ("items renamed in upper case", List("<CLIENT><Name>Acme</Name></CLIENT>"), Protocol),
            ("items of another type", List("<Job><Name>Acme</Name></Job>"), Protocol),
            ("an item in lower case beside real items", List(A + "<client><Name>Lost</Name></client>" + B), Protocol),
            ("a list in lower case inside the list beside real items", List(A + "<clients>" + B + "</clients>"), Protocol),
            ("an unknown element beside real items", List(A + "<Summary>2</Summary>" + B), Ok("Acme", "Beta")),
            ("text beside real items", List(A + "and" + B), Ok("Acme", "Beta")),
            ("only an unknown element in the list", List("<Summary>0</Summary>"), Protocol),
            ("white space and a comment in an empty list", List("  \n\t<!-- none -->  "), "OK "),
            ("list wrapped twice", Envelope("<Status>OK</Status><Data><Clients>" + A + "</Clients></Data>"), Protocol),
            ("an item nested in an item", List("<Client><Name>Acme</Name>" + B + "</Client>"), Ok("Acme")),
            ("fields as attributes", List("<Client Name=\"Acme\"/>"), "OK |||"),
            ("a field as a nested element", List("<Client><Name><First>Acme</First></Name></Client>"), Protocol),
            ("the list as an attribute", "<Response Clients=\"Acme\"><Status>OK</Status></Response>", Protocol),
        };
        foreach (var (name, body, expected) in shapes)
        {
            Add("shapes", name, Xml(body), expected);
        }

        return cases;
    }
}
