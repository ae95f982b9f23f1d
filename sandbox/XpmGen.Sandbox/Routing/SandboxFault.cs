using System;

namespace XpmGen.Sandbox;

/// <summary>
/// A call the sandbox refuses as XPM would: answered with HTTP 200 and <c>&lt;Status&gt;ERROR&lt;/Status&gt;</c>,
/// the message as the <c>ErrorDescription</c>. Behaviours throw it before they change any state; the practice also
/// rolls back any change made by a call that ends in a fault.
/// </summary>
internal sealed class SandboxFault : Exception
{
    public SandboxFault(string description)
        : base(description)
    {
    }

    /// <summary>The answer of an operation the schema has but the sandbox does not simulate yet.</summary>
    public static SandboxFault NotSimulated(XpmEndpoint endpoint) =>
        new($"The XpmGen sandbox does not simulate {endpoint.Method.Method} {endpoint.PathTemplate} yet.");

    /// <summary>XPM's wording for a required element that is absent: <c>... missing - /Job/Name</c>.</summary>
    public static SandboxFault Missing(string path) =>
        new($"Message not in expected format. The following required element was missing - /{path}");

    /// <summary>An identifier that names nothing, in XPM's wording: <c>Invalid job identifier</c>.</summary>
    public static SandboxFault InvalidIdentifier(string what) => new($"Invalid {what} identifier");
}
