using System.CommandLine;
using XpmGen;

namespace XpmGen.Cli;

/// <summary>The options every command accepts, before or after the command name.</summary>
internal sealed class GlobalOptions
{
    /// <summary>The value of <c>--output</c> for aligned text columns.</summary>
    public const string TableFormat = "table";

    /// <summary>The value of <c>--output</c> for XML as XPM sent it.</summary>
    public const string XmlFormat = "xml";

    /// <summary>The value of <c>--output</c> for JSON written by the generated writers.</summary>
    public const string JsonFormat = "json";

    /// <summary>Creates the options.</summary>
    public GlobalOptions()
    {
        Output.AcceptOnlyFromAmong(TableFormat, JsonFormat, XmlFormat);
    }

    /// <summary><c>--sandbox</c>: call a demo practice served inside this process instead of Xero.</summary>
    public Option<bool> Sandbox { get; } = new("--sandbox")
    {
        Description = "Use a built-in demo practice served on 127.0.0.1 by this process; needs no credentials.",
        Recursive = true,
    };

    /// <summary><c>--base-url</c>: the API base address.</summary>
    public Option<string?> BaseUrl { get; } = new("--base-url")
    {
        Description = "The XPM API base address [default: " + XpmClientOptions.DefaultBaseAddress + "]",
        HelpName = "url",
        Recursive = true,
    };

    /// <summary><c>--output</c>: <c>table</c> or <c>xml</c>.</summary>
    public Option<string> Output { get; } = new("--output", "-o")
    {
        Description = "How results are written: table (fits the terminal), json, or xml as XPM sent it.",
        DefaultValueFactory = _ => TableFormat,
        Recursive = true,
    };

    /// <summary><c>--tenant</c>: the tenant id, instead of <c>XPM_TENANT_ID</c>.</summary>
    public Option<string?> Tenant { get; } = new("--tenant")
    {
        Description = "The practice's Xero tenant id (sent as xero-tenant-id); overrides " + XpmSession.TenantIdVariable + ".",
        HelpName = "id",
        Recursive = true,
    };

    /// <summary><c>--verbose</c>: follow an error's line with its causes.</summary>
    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "On failure, print the causes after the error line.",
        Recursive = true,
    };

    /// <summary>Adds every option to the root command.</summary>
    public void AddTo(RootCommand root)
    {
        root.Options.Add(Sandbox);
        root.Options.Add(BaseUrl);
        root.Options.Add(Output);
        root.Options.Add(Tenant);
        root.Options.Add(Verbose);
    }
}
