using System;

namespace XpmGen.Cli.Auth;

/// <summary>
/// Logging in failed or the stored login no longer works (refused refresh token, damaged files, a redirect with an
/// error or a wrong state). The message says what to do, usually <c>xpm login</c>; <c>xpm</c> exits with
/// <see cref="ExitCodes.Auth"/>. It never holds a token.
/// </summary>
internal sealed class LoginRequiredException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public LoginRequiredException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
