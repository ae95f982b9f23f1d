using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using XpmGen.Auth;

namespace XpmGen.Cli.Auth;

/// <summary>
/// Where <c>xpm login</c> keeps its state, per user, in the config directory (<c>XPM_CONFIG_DIR</c>, else
/// <c>$XDG_CONFIG_HOME/xpm</c>, else <c>~/.config/xpm</c>; <c>%APPDATA%\xpm</c> on Windows): <c>login.json</c> (client id,
/// endpoints, tenants; nothing secret), <c>token.key</c> (the AES-256 key, readable only by the user) and <c>tokens/</c>
/// (the token set, encrypted with AES-GCM by <see cref="EncryptedFileXpmTokenStore"/>).
/// </summary>
internal sealed class LoginStore
{
    /// <summary>The environment variable that overrides the config directory (for tests, or several logins side by side).</summary>
    public const string ConfigDirectoryVariable = "XPM_CONFIG_DIR";

    /// <summary>The store key of the one token set a config directory holds.</summary>
    public const string TokenKey = "xpm-login";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const int KeySize = 32;

    private LoginStore(string directory)
    {
        Directory = directory;
    }

    /// <summary>The config directory.</summary>
    public string Directory { get; }

    /// <summary>The settings file.</summary>
    public string SettingsPath => Path.Combine(Directory, "login.json");

    /// <summary>The key file.</summary>
    public string KeyPath => Path.Combine(Directory, "token.key");

    /// <summary>The folder of the encrypted token file.</summary>
    public string TokensDirectory => Path.Combine(Directory, "tokens");

    /// <summary>Finds the config directory from the environment, or <see langword="null"/> when nothing names one.</summary>
    /// <param name="environment">Reads an environment variable; the CLI reads no other source, so tests stay hermetic.</param>
    public static LoginStore? Locate(Func<string, string?> environment)
    {
        static string? Set(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

        if (Set(environment(ConfigDirectoryVariable)) is { } explicitDirectory)
        {
            return new LoginStore(Path.GetFullPath(explicitDirectory));
        }

        // XDG's rule: a relative XDG_CONFIG_HOME is invalid and ignored.
        if (Set(environment("XDG_CONFIG_HOME")) is { } xdg && Path.IsPathRooted(xdg))
        {
            return new LoginStore(Path.Combine(xdg, "xpm"));
        }

        if (OperatingSystem.IsWindows() && Set(environment("APPDATA")) is { } appData)
        {
            return new LoginStore(Path.Combine(appData, "xpm"));
        }

        var home = Set(environment("HOME")) ?? Set(environment("USERPROFILE"));
        return home is null ? null : new LoginStore(Path.Combine(home, ".config", "xpm"));
    }

    /// <summary>Like <see cref="Locate"/>, but a usage error when no directory can be found.</summary>
    public static LoginStore Require(Func<string, string?> environment) =>
        Locate(environment) ?? throw new CliUsageException(
            $"No config directory for the login: set {ConfigDirectoryVariable}, XDG_CONFIG_HOME or HOME.");

    /// <summary>Whether a login is stored here (its settings file exists).</summary>
    public bool IsLoggedIn => File.Exists(SettingsPath);

    /// <summary>Reads the settings, or <see langword="null"/> when there is no login.</summary>
    /// <exception cref="LoginRequiredException">The settings file is damaged.</exception>
    public LoginSettings? LoadSettings()
    {
        byte[] json;
        try
        {
            json = File.ReadAllBytes(SettingsPath);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return LoginSettings.Parse(json);
        }
        catch (FormatException ex)
        {
            throw new LoginRequiredException($"The stored login ({SettingsPath}) cannot be read: {ex.Message}. Run xpm login again.", ex);
        }
    }

    /// <summary>Replaces the settings file, atomically, readable only by the user.</summary>
    public void SaveSettings(LoginSettings settings) => WritePrivate(SettingsPath, settings.ToJson());

    /// <summary>Opens the encrypted token store of the stored login with its key.</summary>
    /// <exception cref="LoginRequiredException">The key file is missing or does not hold a key.</exception>
    public PrivateTokenStore OpenTokens()
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(KeyPath).Trim());
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LoginRequiredException($"The stored login has no token key ({KeyPath} is missing). Run xpm login again.", ex);
        }
        catch (FormatException ex)
        {
            throw new LoginRequiredException($"The token key file {KeyPath} is damaged. Run xpm login again.", ex);
        }

        return Open(key);
    }

    /// <summary>
    /// Writes a new random key (mode 0600) and opens an empty-to-be store under it, for a new login: whatever an
    /// earlier login left, even a damaged key, is replaced along with its tokens.
    /// </summary>
    public PrivateTokenStore CreateTokens()
    {
        var key = RandomNumberGenerator.GetBytes(KeySize);
        WritePrivate(KeyPath, System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
        return Open(key);
    }

    private PrivateTokenStore Open(byte[] key)
    {
        try
        {
            if (key.Length != KeySize)
            {
                throw new LoginRequiredException($"The token key file {KeyPath} does not hold a 256-bit key. Run xpm login again.");
            }

            return new PrivateTokenStore(new EncryptedFileXpmTokenStore(TokensDirectory, key), () => CreatePrivateDirectory(TokensDirectory));
        }
        finally
        {
            // The store keeps its own copy.
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>Deletes the tokens, the key and the settings; the config directory itself stays.</summary>
    public void Forget()
    {
        if (System.IO.Directory.Exists(TokensDirectory))
        {
            System.IO.Directory.Delete(TokensDirectory, recursive: true);
        }

        File.Delete(KeyPath);
        File.Delete(SettingsPath);
    }

    /// <summary>Creates <paramref name="path"/> for the user only (mode 0700), with the config directory above it.</summary>
    private void CreatePrivateDirectory(string path)
    {
        foreach (var directory in new[] { Directory, path })
        {
            if (System.IO.Directory.Exists(directory))
            {
                continue;
            }

            if (OperatingSystem.IsWindows())
            {
                // The user's profile folders are already private on Windows; there is no Unix mode to set.
                System.IO.Directory.CreateDirectory(directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            }
        }
    }

    /// <summary>Writes a file atomically; on Unix it is created with mode 0600, so it is never readable by others, even briefly.</summary>
    private void WritePrivate(string path, byte[] contents)
    {
        CreatePrivateDirectory(Directory);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(contents);
            }

            RestrictFile(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // The create mode is masked by the umask, which can only remove bits; setting it again makes 0600 exact.
    private static void RestrictFile(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
