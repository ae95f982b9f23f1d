namespace XpmGen.Cli;

/// <summary>The exit codes of <c>xpm</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>XPM refused the call or could not be reached; the message says why.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the environment is wrong (for example missing credentials); nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Cancelled with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
