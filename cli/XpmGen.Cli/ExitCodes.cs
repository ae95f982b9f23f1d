namespace XpmGen.Cli;

/// <summary>The exit codes of <c>xpm</c>, one per kind of failure so that scripts can tell them apart.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Anything not covered below: an unexpected answer, a failed local file operation.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the environment is wrong (for example missing credentials); nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Authentication or authorization: HTTP 401 or 403, or the connection must be made again (<c>xpm login</c>).</summary>
    public const int Auth = 3;

    /// <summary>XPM answered with <c>&lt;Status&gt;ERROR&lt;/Status&gt;</c>: the call was understood and refused.</summary>
    public const int XpmError = 4;

    /// <summary>Rate limited (HTTP 429) after the retries the client allows, or the day's budget is spent.</summary>
    public const int RateLimited = 5;

    /// <summary>XPM could not be reached, the connection was lost, or it did not answer in time.</summary>
    public const int Network = 6;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
