using System;

namespace XpmGen.Cli;

/// <summary>
/// The command line or the environment cannot work, for example missing credentials. The message is
/// written as it is, without a stack trace, and <c>xpm</c> exits with <see cref="ExitCodes.Usage"/>.
/// </summary>
internal sealed class CliUsageException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public CliUsageException(string message)
        : base(message)
    {
    }
}
