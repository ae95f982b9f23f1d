using System;
using System.Diagnostics;
using System.Globalization;
using XpmGen.Pipeline;

namespace XpmGen.Diagnostics;

/// <summary>
/// The tag names of XpmGen's activities and instruments, from the OpenTelemetry HTTP client conventions where one
/// exists, and the values they take. A tag whose value is unknown is left out, never sent as <see langword="null"/>;
/// no tag ever carries the token, the query or a body.
/// </summary>
internal static class XpmTelemetryTags
{
    public const string Method = "http.request.method";
    public const string MethodOriginal = "http.request.method_original";
    public const string UrlTemplate = "url.template";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string StatusCode = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string ResendCount = "http.request.resend_count";

    /// <summary>The practice's tenant id: an identifier, not a credential, and the key of XPM's per-tenant limits.</summary>
    public const string Tenant = "xpm.tenant.id";

    /// <summary>Xero's <c>Xero-Correlation-Id</c>, the id Xero support asks for.</summary>
    public const string CorrelationId = "xero.correlation_id";

    /// <summary>Which of Xero's limits a throttled wait was for.</summary>
    public const string Limit = "xpm.limit";

    /// <summary>The method as the conventions name it: a known method as is, anything else <c>_OTHER</c>.</summary>
    public static string MethodName(XpmCall call) => IsKnownMethod(call.Method.Method) ? call.Method.Method : "_OTHER";

    /// <summary>
    /// The endpoint's path template, or <see langword="null"/> for a call sent with <c>SendRawAsync</c>: its path is the
    /// concrete one (ids included), which would make a metric series per record; the conventions then leave it out.
    /// </summary>
    public static string? Template(XpmEndpoint endpoint) =>
        endpoint.Resource == "Raw" && endpoint.Name == endpoint.PathTemplate ? null : endpoint.PathTemplate;

    /// <summary>
    /// <c>error.type</c> of a failed call or attempt: the HTTP status when an error status arrived (as the conventions
    /// ask), otherwise the exception's full type name, such as <c>XpmGen.XpmApiException</c> for an <c>ERROR</c>
    /// envelope or <c>XpmGen.XpmConnectionException</c> when no response came.
    /// </summary>
    public static string ErrorTypeOf(Exception error) =>
        error is XpmException { StatusCode: { } status } && (int)status >= 400
            ? StatusText((int)status)
            : error.GetType().FullName ?? error.GetType().Name;

    /// <summary>A status code as the <c>error.type</c> string.</summary>
    public static string StatusText(int status) => status.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tags every instrument of a call shares: method, template, server address and port.</summary>
    public static TagList Common(XpmCall call)
    {
        var tags = new TagList
        {
            { Method, MethodName(call) },
            { ServerAddress, call.RequestUri.Host },
            { ServerPort, call.RequestUri.Port },
        };
        if (Template(call.Endpoint) is { } template)
        {
            tags.Add(UrlTemplate, template);
        }

        return tags;
    }

    /// <summary>Adds the call's tags that are known when it starts to its activity.</summary>
    public static void Start(Activity activity, XpmCall call)
    {
        activity.SetTag(Method, MethodName(call));
        if (!IsKnownMethod(call.Method.Method))
        {
            activity.SetTag(MethodOriginal, call.Method.Method);
        }

        if (Template(call.Endpoint) is { } template)
        {
            activity.SetTag(UrlTemplate, template);
        }

        activity.SetTag(ServerAddress, call.RequestUri.Host);
        activity.SetTag(ServerPort, call.RequestUri.Port);
        if (call.TenantId is { } tenant)
        {
            activity.SetTag(Tenant, tenant);
        }
    }

    /// <summary>The activity's name: <c>XPM {METHOD} {url.template}</c>, or <c>XPM {METHOD}</c> without a template.</summary>
    public static string ActivityName(XpmCall call)
    {
        var method = IsKnownMethod(call.Method.Method) ? call.Method.Method : "HTTP";
        return Template(call.Endpoint) is { } template ? "XPM " + method + " " + template : "XPM " + method;
    }

    private static bool IsKnownMethod(string method) => method is "GET" or "POST" or "PUT" or "DELETE" or "PATCH" or "HEAD" or "OPTIONS" or "TRACE" or "CONNECT" or "QUERY";
}
