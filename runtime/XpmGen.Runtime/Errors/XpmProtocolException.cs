using System;

namespace XpmGen;

/// <summary>
/// The response was not the XML the endpoint promises: not XML at all (HTML, JSON, plain text), empty,
/// cut short, a root element other than <c>&lt;Response&gt;</c>, a missing or unknown <c>Status</c>, a DTD
/// (refused, which stops XXE and entity-expansion attacks) or a value that does not parse. The
/// <see cref="Exception.InnerException"/> is the <see cref="System.Xml.XmlException"/> (with line and position)
/// or <see cref="System.IO.IOException"/> behind it, when there is one.
/// </summary>
public sealed class XpmProtocolException : XpmException
{
    internal XpmProtocolException(string message, XpmErrorContext context, Exception? innerException)
        : base(message, context, innerException)
    {
    }
}
