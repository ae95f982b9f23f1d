using System;
using System.ComponentModel;
using System.Diagnostics;

namespace XpmGen.Cli.Auth;

/// <summary>Opens a URL in the user's browser: <c>start</c> (shell execute) on Windows, <c>open</c> on macOS, <c>xdg-open</c> elsewhere.</summary>
internal static class BrowserLauncher
{
    // xdg-open fails fast when there is no browser or display; a slower exit means it handed the URL on.
    private static readonly TimeSpan FailFastWindow = TimeSpan.FromSeconds(2);

    /// <summary>Tries to open <paramref name="url"/>; returns whether a browser was (most likely) started. Never throws.</summary>
    public static bool TryOpen(Uri url)
    {
        try
        {
            var start = OperatingSystem.IsWindows()
                ? new ProcessStartInfo(url.AbsoluteUri) { UseShellExecute = true }
                : new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false, ArgumentList = { url.AbsoluteUri } };
            using var process = Process.Start(start);
            if (process is null)
            {
                // Shell execute may hand the URL to a running browser without a new process.
                return OperatingSystem.IsWindows();
            }

            return !process.WaitForExit(FailFastWindow) || process.ExitCode == 0;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
