using System;

namespace XpmGen.Sandbox;

/// <summary>
/// A sandbox data file cannot be read: it is not well-formed XML, not in the sandbox's format, or not readable.
/// The sandbox refuses to start rather than drop the data; fix or remove the file named by <see cref="FilePath"/>.
/// </summary>
public sealed class XpmSandboxDataException : Exception
{
    /// <summary>Creates the exception for a file and what is wrong with it.</summary>
    /// <param name="filePath">The file that cannot be read.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="innerException">The error that was raised reading it.</param>
    public XpmSandboxDataException(string filePath, string problem, Exception? innerException = null)
        : base($"The sandbox data file '{filePath}' cannot be read: {problem} Fix or remove the file; the sandbox does not start over data it would lose.", innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file that cannot be read.</summary>
    public string FilePath { get; }
}
