using System;
using System.Collections.Generic;
using System.Xml;
using XpmGen.Serialization;

namespace XpmGen;

/// <summary>
/// Reads the payload of an XPM <c>&lt;Response&gt;</c> envelope: the one child element that is not
/// <c>Status</c>, <c>ErrorDescription</c> or <c>WebUrl</c>.
/// </summary>
/// <typeparam name="T">The type the payload is read into.</typeparam>
public abstract class XpmResponseReader<T>
{
    /// <summary>The payload element name, for example <c>Clients</c>; <see langword="null"/> when the response carries none.</summary>
    public abstract string? ElementName { get; }

    /// <summary>Whether <see cref="ReadPayload"/> is called for every payload element, not only the first.</summary>
    public virtual bool ReadsEveryPayloadElement => false;

    /// <summary>Whether a child of <c>&lt;Response&gt;</c> (other than <c>Status</c>, <c>ErrorDescription</c> and <c>WebUrl</c>) is the payload.</summary>
    /// <param name="localName">The child's local name.</param>
    public virtual bool IsPayload(string localName) => localName == ElementName;

    /// <summary>Reads the payload element. The reader is on its start tag and is left after its end tag.</summary>
    public abstract T ReadPayload(XmlReader reader);

    /// <summary>Returns the result when the envelope has no payload element.</summary>
    /// <exception cref="XmlException">The payload is required.</exception>
    public abstract T WhenMissing();

    /// <summary>Completes the result with what the envelope carried besides the payload (for example <c>WebUrl</c>).</summary>
    public virtual T Complete(T value, XpmResponseEnvelope envelope) => value;
}

/// <summary>The envelope fields of an XPM response other than its payload.</summary>
/// <param name="Status">The <c>Status</c> element: <c>OK</c> or <c>ERROR</c>.</param>
/// <param name="ErrorDescription">The <c>ErrorDescription</c> element, present when the status is <c>ERROR</c>.</param>
/// <param name="ApiMethod">The <c>api-method</c> attribute of <c>&lt;Response&gt;</c>, when present.</param>
/// <param name="WebUrl">The <c>WebUrl</c> element that detail responses place beside the entity.</param>
public sealed record XpmResponseEnvelope(string? Status, string? ErrorDescription, string? ApiMethod, string? WebUrl);

/// <summary>A list payload that can also be read one item at a time, for streaming.</summary>
internal interface IXpmListReader<out T>
{
    /// <summary>The wrapper element, for example <c>Clients</c>.</summary>
    string? ElementName { get; }

    /// <summary>The item element, for example <c>Client</c>.</summary>
    string ItemName { get; }

    /// <summary>Reads one item element.</summary>
    T ReadItem(XmlReader reader);
}

/// <summary>Creates the payload readers that generated request builders use.</summary>
public static class XpmResponseReader
{
    /// <summary>A reader for responses that carry only a status.</summary>
    public static XpmResponseReader<XpmNone> None { get; } = new NoneReader();

    /// <summary>A reader for one required entity, for example <c>&lt;Client&gt;</c>.</summary>
    /// <param name="elementName">The entity element name.</param>
    /// <param name="read">Reads the entity element.</param>
    /// <param name="applyWebUrl">Stores the envelope's <c>WebUrl</c> into the entity, when the model has a place for it.</param>
    public static XpmResponseReader<T> Single<T>(string elementName, Func<XmlReader, T> read, Action<T, string>? applyWebUrl = null)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        ArgumentNullException.ThrowIfNull(read);
        return new SingleReader<T>(elementName, read, applyWebUrl);
    }

    /// <summary>
    /// A reader for an entity the response may or may not carry (XPM's documentation is silent for some
    /// writes): a missing element reads as <see langword="null"/>.
    /// </summary>
    /// <param name="elementName">The entity element name.</param>
    /// <param name="read">Reads the entity element.</param>
    /// <param name="applyWebUrl">Stores the envelope's <c>WebUrl</c> into the entity, when the model has a place for it.</param>
    public static XpmResponseReader<T?> Optional<T>(string elementName, Func<XmlReader, T> read, Action<T, string>? applyWebUrl = null)
        where T : class
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        ArgumentNullException.ThrowIfNull(read);
        return new OptionalReader<T>(elementName, read, applyWebUrl);
    }

    /// <summary>
    /// A reader for a bare value beside the status, such as the <c>&lt;UUID&gt;</c> of a new job task or the
    /// <c>&lt;ID&gt;</c> of a new quote. A missing or empty element reads as <see langword="null"/>.
    /// </summary>
    /// <param name="elementName">The element name, for example <c>UUID</c>.</param>
    public static XpmResponseReader<string?> Value(string elementName)
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        return new ValueReader(elementName);
    }

    /// <summary>
    /// A reader for a wrapped list, for example <c>&lt;Clients&gt;&lt;Client/&gt;...&lt;/Clients&gt;</c>. The wrapper is
    /// required (an empty list is an empty wrapper); an OK response without it is an <see cref="XpmProtocolException"/>.
    /// </summary>
    /// <param name="wrapperName">The wrapper element name.</param>
    /// <param name="itemName">The item element name; other children of the wrapper are skipped.</param>
    /// <param name="readItem">Reads one item element.</param>
    public static XpmResponseReader<IReadOnlyList<T>> List<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem)
    {
        ArgumentException.ThrowIfNullOrEmpty(wrapperName);
        ArgumentException.ThrowIfNullOrEmpty(itemName);
        ArgumentNullException.ThrowIfNull(readItem);
        return new ListReader<T>(wrapperName, itemName, readItem);
    }

    /// <summary>The exception for an OK response without its required payload; the response module names the endpoint.</summary>
    internal static XmlException MissingPayload(string expected) => new XpmMissingPayloadException(expected);

    private sealed class NoneReader : XpmResponseReader<XpmNone>
    {
        public override string? ElementName => null;

        public override XpmNone ReadPayload(XmlReader reader) => default;

        public override XpmNone WhenMissing() => default;
    }

    private sealed class SingleReader<T>(string elementName, Func<XmlReader, T> read, Action<T, string>? applyWebUrl) : XpmResponseReader<T>
        where T : class
    {
        public override string? ElementName => elementName;

        public override T ReadPayload(XmlReader reader) => read(reader);

        public override T WhenMissing() =>
            throw MissingPayload($"a <{elementName}> element");

        public override T Complete(T value, XpmResponseEnvelope envelope)
        {
            if (applyWebUrl is not null && envelope.WebUrl is { } webUrl)
            {
                applyWebUrl(value, webUrl);
            }

            return value;
        }
    }

    private sealed class OptionalReader<T>(string elementName, Func<XmlReader, T> read, Action<T, string>? applyWebUrl) : XpmResponseReader<T?>
        where T : class
    {
        public override string? ElementName => elementName;

        public override T? ReadPayload(XmlReader reader) => read(reader);

        public override T? WhenMissing() => null;

        public override T? Complete(T? value, XpmResponseEnvelope envelope)
        {
            if (value is not null && applyWebUrl is not null && envelope.WebUrl is { } webUrl)
            {
                applyWebUrl(value, webUrl);
            }

            return value;
        }
    }

    private sealed class ValueReader(string elementName) : XpmResponseReader<string?>
    {
        public override string? ElementName => elementName;

        public override string? ReadPayload(XmlReader reader) => XpmXml.ReadString(reader);

        public override string? WhenMissing() => null;
    }

    private sealed class ListReader<T>(string wrapperName, string itemName, Func<XmlReader, T> readItem) : XpmResponseReader<IReadOnlyList<T>>, IXpmListReader<T>
    {
        public string ItemName => itemName;

        public T ReadItem(XmlReader reader) => readItem(reader);

        public override string? ElementName => wrapperName;

        public override IReadOnlyList<T> ReadPayload(XmlReader reader) => XpmXml.ReadList(reader, itemName, readItem);

        // Every list response carries its wrapper, even when empty (<Clients />); a missing one is not an empty list:
        // a sync that believed it would delete its copy of the data.
        public override IReadOnlyList<T> WhenMissing() => throw MissingPayload($"a <{wrapperName}> list of <{itemName}> items");
    }
}

/// <summary>An OK response without the payload its endpoint always returns.</summary>
internal sealed class XpmMissingPayloadException(string expected) : XmlException($"the status is OK but the response has no {expected}")
{
    /// <summary>What was expected, for example <c>a &lt;Clients&gt; list of &lt;Client&gt; items</c>.</summary>
    public string Expected { get; } = expected;
}
