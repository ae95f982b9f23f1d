using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen.Testing;

/// <summary>
/// The stub of one XPM operation in an <see cref="XpmFake"/>: what it answers, the faults queued before that answer,
/// and the journal of requests it received. The generated classes (<c>fake.Clients.List</c>) hold one per operation.
/// </summary>
/// <remarks>
/// An operation whose answer was never set answers HTTP 404 with an ERROR envelope naming the missing stub, so a test
/// fails with a message that says what to set. Path parameters are not matched: a stub answers for any value.
/// </remarks>
public abstract class XpmStub
{
    private readonly object _gate = new();
    private readonly List<XpmRecordedRequest> _requests = [];
    private readonly Queue<Fault> _faults = new();
    private XpmWireAnswer? _answer;
    private TimeSpan _delay;

    private protected XpmStub(XpmFake fake, XpmEndpoint endpoint, string property)
    {
        ArgumentNullException.ThrowIfNull(fake);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(property);
        Fake = fake;
        Endpoint = endpoint;
        Property = property;
        PathPattern = PatternOf(endpoint.PathTemplate, out var placeholders);
        Placeholders = placeholders;
        fake.Register(this);
    }

    /// <summary>The operation this stub answers, from <see cref="XpmEndpoints"/>.</summary>
    public XpmEndpoint Endpoint { get; }

    /// <summary>How a test reaches this stub, such as <c>fake.Clients.Get</c>; named in the answer of an unstubbed call.</summary>
    public string Property { get; }

    /// <summary>Every request this operation received, in order, including those answered with a fault or dropped.</summary>
    public IReadOnlyList<XpmRecordedRequest> RawRequests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Whether an answer was set (by <c>Returns</c>, <c>ReturnsError</c>, <see cref="XpmStub{TSelf, TBody}.Unauthorized"/> or <see cref="XpmStub{TSelf, TBody}.Forbidden"/>).</summary>
    public bool IsStubbed
    {
        get
        {
            lock (_gate)
            {
                return _answer is not null;
            }
        }
    }

    internal XpmFake Fake { get; }

    /// <summary>The call that sets the answer, for the message of an unstubbed call.</summary>
    internal virtual string ReturnsHint => "Returns(...)";

    /// <summary>The request path under the fake's root, as a regular expression anchored at both ends.</summary>
    internal Regex PathPattern { get; }

    /// <summary>How many path segments are placeholders: a literal segment beats a placeholder, as in XPM's routing.</summary>
    internal int Placeholders { get; }

    /// <summary>Forgets the answer, the queued faults, the delay and the journal.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _answer = null;
            _faults.Clear();
            _delay = TimeSpan.Zero;
            _requests.Clear();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Property} ({Endpoint})";

    private protected void SetAnswer(XpmWireAnswer answer)
    {
        lock (_gate)
        {
            _answer = answer;
        }
    }

    private protected void SetDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        lock (_gate)
        {
            _delay = delay;
        }
    }

    private protected void Enqueue(FaultKind kind, int times, TimeSpan retryAfter = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _faults.Enqueue(new Fault(kind, retryAfter) { Remaining = times });
        }
    }

    private protected IReadOnlyList<string> Bodies() => RawRequests.Select(static r => r.Body).ToArray();

    internal void Record(XpmRecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>Consumes a queued connection reset, when it is the next thing to happen; called by the fault middleware.</summary>
    internal bool TakeReset()
    {
        lock (_gate)
        {
            if (_faults.TryPeek(out var next) && next.Kind == FaultKind.Reset)
            {
                Consume(next);
                return true;
            }

            return false;
        }
    }

    /// <summary>The next answer: a queued fault first, then the standing answer, or the missing-stub 404.</summary>
    internal (XpmWireAnswer Answer, TimeSpan Delay) Next()
    {
        lock (_gate)
        {
            var delay = _delay;
            if (_faults.TryPeek(out var fault) && fault.Kind != FaultKind.Reset)
            {
                Consume(fault);
                return (fault.Kind == FaultKind.RateLimited ? XpmWire.RateLimited(fault.RetryAfter) : XpmWire.ServiceUnavailable(), delay);
            }

            return (_answer ?? XpmWire.MissingStub(this), delay);
        }
    }

    private void Consume(Fault fault)
    {
        if (--fault.Remaining == 0)
        {
            _faults.Dequeue();
        }
    }

    private static Regex PatternOf(string template, out int placeholders)
    {
        var pattern = new StringBuilder("^");
        var count = 0;
        var i = 0;
        while (i < template.Length)
        {
            if (template[i] == '{')
            {
                var end = template.IndexOf('}', i);
                pattern.Append("[^/]+");
                count++;
                i = end + 1;
            }
            else
            {
                var next = template.IndexOf('{', i);
                var literal = next < 0 ? template[i..] : template[i..next];
                pattern.Append(Regex.Escape(literal));
                i += literal.Length;
            }
        }

        placeholders = count;
        return new Regex(pattern.Append("/?$").ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }

    private protected enum FaultKind
    {
        RateLimited,
        ServiceUnavailable,
        Reset,
    }

    private sealed record Fault(FaultKind Kind, TimeSpan RetryAfter)
    {
        public int Remaining { get; set; }
    }
}

/// <summary>
/// The faults and journal every stub shares, returning the stub itself so calls chain:
/// <c>fake.Jobs.Add.RateLimited(TimeSpan.FromSeconds(1)).Returns(job)</c>.
/// </summary>
/// <typeparam name="TSelf">The concrete stub type.</typeparam>
/// <typeparam name="TBody">The request body type, read with the generated reader; <see cref="XpmNoBody"/> for an operation without body.</typeparam>
public abstract class XpmStub<TSelf, TBody> : XpmStub
    where TSelf : XpmStub<TSelf, TBody>
{
    private readonly string? _requestElement;
    private readonly Func<XmlReader, TBody>? _readRequest;

    private protected XpmStub(XpmFake fake, XpmEndpoint endpoint, string property, string? requestElement, Func<XmlReader, TBody>? readRequest)
        : base(fake, endpoint, property)
    {
        _requestElement = requestElement;
        _readRequest = readRequest;
    }

    /// <summary>
    /// The bodies this operation received, read with the generated reader, in order; for an operation without body one
    /// <see cref="XpmNoBody"/> per request. Read when asked, so a body that is not the expected XML throws here.
    /// </summary>
    /// <exception cref="XmlException">A body is not the expected XML element.</exception>
    public IReadOnlyList<TBody> Requests => Bodies().Select(Read).ToArray();

    /// <summary>Answers HTTP 200 with <c>&lt;Status&gt;ERROR&lt;/Status&gt;</c> and this description, as XPM refuses a call.</summary>
    /// <param name="description">The <c>ErrorDescription</c>, such as <c>Client not found</c>.</param>
    /// <returns>This stub.</returns>
    public TSelf ReturnsError(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        SetAnswer(XpmWire.Error(Endpoint, description));
        return (TSelf)this;
    }

    /// <summary>Answers HTTP 401 in Xero's JSON problem shape, as the gateway does for a missing, invalid or expired token.</summary>
    /// <returns>This stub.</returns>
    public TSelf Unauthorized()
    {
        SetAnswer(XpmWire.Unauthorized());
        return (TSelf)this;
    }

    /// <summary>Answers HTTP 403 in Xero's JSON problem shape, as the gateway does for a wrong tenant or a missing scope.</summary>
    /// <returns>This stub.</returns>
    public TSelf Forbidden()
    {
        SetAnswer(XpmWire.Forbidden());
        return (TSelf)this;
    }

    /// <summary>Answers the next <paramref name="times"/> calls with HTTP 429, <c>Retry-After</c> and <c>X-Rate-Limit-Problem: minute</c>, then as before.</summary>
    /// <param name="retryAfter">The <c>Retry-After</c> value, rounded up to whole seconds; the client waits this long before retrying.</param>
    /// <param name="times">How many calls are refused.</param>
    /// <returns>This stub.</returns>
    public TSelf RateLimited(TimeSpan retryAfter, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        Enqueue(FaultKind.RateLimited, times, retryAfter);
        return (TSelf)this;
    }

    /// <summary>Answers the next <paramref name="times"/> calls with HTTP 503, then as before.</summary>
    /// <param name="times">How many calls fail.</param>
    /// <returns>This stub.</returns>
    public TSelf ServiceUnavailable(int times = 1)
    {
        Enqueue(FaultKind.ServiceUnavailable, times);
        return (TSelf)this;
    }

    /// <summary>Drops the connection of the next <paramref name="times"/> calls without an answer (after reading the request), then answers as before.</summary>
    /// <remarks>The client sees a lost connection: it retries a read, and throws <see cref="XpmConnectionException"/> for a write.</remarks>
    /// <param name="times">How many calls are dropped.</param>
    /// <returns>This stub.</returns>
    public TSelf ResetConnection(int times = 1)
    {
        Enqueue(FaultKind.Reset, times);
        return (TSelf)this;
    }

    /// <summary>Waits this long before every answer of this operation, faults included.</summary>
    /// <param name="delay">The wait; <see cref="TimeSpan.Zero"/> for none.</param>
    /// <returns>This stub.</returns>
    public TSelf Delay(TimeSpan delay)
    {
        SetDelay(delay);
        return (TSelf)this;
    }

    private protected TSelf Answer(Action<XmlWriter>? payload)
    {
        SetAnswer(XpmWire.Ok(Endpoint, payload));
        return (TSelf)this;
    }

    private TBody Read(string body)
    {
        if (_readRequest is null || _requestElement is null)
        {
            return default!;
        }

        using var reader = XpmXml.CreateReader(new System.IO.StringReader(body));
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element || reader.LocalName != _requestElement)
        {
            throw new XmlException($"{Endpoint} was sent a body whose root is not <{_requestElement}>: {body}");
        }

        return _readRequest(reader);
    }
}

/// <summary>The stub of an operation that answers a list (<c>fake.Clients.List</c>), written with the generated writer.</summary>
/// <typeparam name="TItem">The item model, such as <c>Client</c>.</typeparam>
/// <typeparam name="TBody">The request body type; <see cref="XpmNoBody"/> for an operation without body.</typeparam>
public sealed class XpmListStub<TItem, TBody> : XpmStub<XpmListStub<TItem, TBody>, TBody>
{
    private readonly string _element;
    private readonly string _item;
    private readonly Action<XmlWriter, TItem, string> _write;

    /// <summary>Creates the stub; called by the generated stub classes.</summary>
    /// <param name="fake">The fake it belongs to.</param>
    /// <param name="endpoint">The operation.</param>
    /// <param name="property">How a test reaches it, such as <c>fake.Clients.List</c>.</param>
    /// <param name="element">The list element of the response, such as <c>Clients</c>.</param>
    /// <param name="item">The item element, such as <c>Client</c>.</param>
    /// <param name="write">The generated writer of one item.</param>
    /// <param name="requestElement">The request body's element, or null without body.</param>
    /// <param name="readRequest">The generated reader of the request body, or null without body.</param>
    public XpmListStub(XpmFake fake, XpmEndpoint endpoint, string property, string element, string item, Action<XmlWriter, TItem, string> write, string? requestElement = null, Func<XmlReader, TBody>? readRequest = null)
        : base(fake, endpoint, property, requestElement, readRequest)
    {
        _element = element;
        _item = item;
        _write = write;
    }

    /// <summary>Answers these items (an empty sequence for an empty list); for a paged operation, as its last page.</summary>
    /// <param name="items">The items, written when a call comes (so later changes to the objects show).</param>
    /// <returns>This stub.</returns>
    public XpmListStub<TItem, TBody> Returns(IEnumerable<TItem> items) => ReturnsPage(items, null);

    /// <summary>Answers these items as one page whose <c>Pagination/Links/Next</c> link carries <paramref name="nextPageToken"/> (token-paged lists).</summary>
    /// <param name="items">The items of the page.</param>
    /// <param name="nextPageToken">The token of the next page, or null for the last page.</param>
    /// <returns>This stub.</returns>
    public XpmListStub<TItem, TBody> ReturnsPage(IEnumerable<TItem> items, string? nextPageToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToArray();
        var next = nextPageToken is null ? null : new Uri(Fake.BaseAddress, Endpoint.PathTemplate + "?pageToken=" + Uri.EscapeDataString(nextPageToken)).AbsoluteUri;
        return Answer(writer =>
        {
            writer.WriteStartElement(_element);
            foreach (var item in list)
            {
                _write(writer, item, _item);
            }

            writer.WriteEndElement();
            if (next is not null)
            {
                writer.WriteStartElement("Pagination");
                writer.WriteStartElement("Links");
                writer.WriteElementString("Next", next);
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
        });
    }
}

/// <summary>The stub of an operation that answers one item (<c>fake.Clients.Get</c>), written with the generated writer.</summary>
/// <typeparam name="T">The model, such as <c>Client</c>.</typeparam>
/// <typeparam name="TBody">The request body type; <see cref="XpmNoBody"/> for an operation without body.</typeparam>
public sealed class XpmItemStub<T, TBody> : XpmStub<XpmItemStub<T, TBody>, TBody>
    where T : class
{
    private readonly string _element;
    private readonly Action<XmlWriter, T, string> _write;

    /// <summary>Creates the stub; called by the generated stub classes.</summary>
    /// <param name="fake">The fake it belongs to.</param>
    /// <param name="endpoint">The operation.</param>
    /// <param name="property">How a test reaches it, such as <c>fake.Clients.Get</c>.</param>
    /// <param name="element">The response element, such as <c>Client</c>.</param>
    /// <param name="write">The generated writer.</param>
    /// <param name="requestElement">The request body's element, or null without body.</param>
    /// <param name="readRequest">The generated reader of the request body, or null without body.</param>
    public XpmItemStub(XpmFake fake, XpmEndpoint endpoint, string property, string element, Action<XmlWriter, T, string> write, string? requestElement = null, Func<XmlReader, TBody>? readRequest = null)
        : base(fake, endpoint, property, requestElement, readRequest)
    {
        _element = element;
        _write = write;
    }

    /// <summary>Answers this item; null answers a status only (for operations whose response XPM may leave out).</summary>
    /// <param name="value">The item, written when a call comes.</param>
    /// <returns>This stub.</returns>
    public XpmItemStub<T, TBody> Returns(T? value) =>
        Answer(value is null ? null : writer => _write(writer, value, _element));
}

/// <summary>The stub of an operation that answers a bare text element, such as the UUID of a created task.</summary>
/// <typeparam name="TBody">The request body type; <see cref="XpmNoBody"/> for an operation without body.</typeparam>
public sealed class XpmValueStub<TBody> : XpmStub<XpmValueStub<TBody>, TBody>
{
    private readonly string _element;

    /// <summary>Creates the stub; called by the generated stub classes.</summary>
    /// <param name="fake">The fake it belongs to.</param>
    /// <param name="endpoint">The operation.</param>
    /// <param name="property">How a test reaches it, such as <c>fake.Jobs.Tasks.Add</c>.</param>
    /// <param name="element">The response element, such as <c>ID</c>.</param>
    /// <param name="requestElement">The request body's element, or null without body.</param>
    /// <param name="readRequest">The generated reader of the request body, or null without body.</param>
    public XpmValueStub(XpmFake fake, XpmEndpoint endpoint, string property, string element, string? requestElement = null, Func<XmlReader, TBody>? readRequest = null)
        : base(fake, endpoint, property, requestElement, readRequest) => _element = element;

    /// <summary>Answers this text; null answers a status only.</summary>
    /// <param name="value">The text of the response element.</param>
    /// <returns>This stub.</returns>
    public XpmValueStub<TBody> Returns(string? value) =>
        Answer(value is null ? null : writer => writer.WriteElementString(_element, value));
}

/// <summary>The stub of an operation that answers a status only, such as a delete.</summary>
/// <typeparam name="TBody">The request body type; <see cref="XpmNoBody"/> for an operation without body.</typeparam>
public sealed class XpmStatusStub<TBody> : XpmStub<XpmStatusStub<TBody>, TBody>
{
    /// <summary>Creates the stub; called by the generated stub classes.</summary>
    /// <param name="fake">The fake it belongs to.</param>
    /// <param name="endpoint">The operation.</param>
    /// <param name="property">How a test reaches it, such as <c>fake.Clients.Delete</c>.</param>
    /// <param name="requestElement">The request body's element, or null without body.</param>
    /// <param name="readRequest">The generated reader of the request body, or null without body.</param>
    public XpmStatusStub(XpmFake fake, XpmEndpoint endpoint, string property, string? requestElement = null, Func<XmlReader, TBody>? readRequest = null)
        : base(fake, endpoint, property, requestElement, readRequest)
    {
    }

    internal override string ReturnsHint => "Returns()";

    /// <summary>Answers <c>&lt;Status&gt;OK&lt;/Status&gt;</c>.</summary>
    /// <returns>This stub.</returns>
    public XpmStatusStub<TBody> Returns() => Answer(null);
}
