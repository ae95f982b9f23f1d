using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the JobState resource, and the practice's rules about job
/// states that job.api follows: the Interface Code of a state and which states close a job.
/// </summary>
internal sealed class JobStateBehaviour : JobStateSandboxApi
{
    /// <summary>The state a job gets when the practice defines none (XPM's own first default state).</summary>
    public const string DefaultStateName = "Planned";

    // XPM lets Admin pick each state's Interface Code; jobstate.api does not expose it, so the sandbox derives it
    // from the name and treats these codes as the states that end a job.
    private static readonly HashSet<string> ClosingCodes = new(StringComparer.Ordinal) { "COMPLETED", "COMPLETE", "CANCELLED", "CANCELED" };

    private readonly SandboxPractice _practice;

    public JobStateBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<JobState> List() => State.JobStates.All;

    /// <summary>
    /// The sandbox's Interface Code of a state: its name in upper case with spaces and punctuation removed
    /// ("In Progress" gives <c>INPROGRESS</c>).
    /// </summary>
    public static string InterfaceCode(string? stateName)
    {
        var code = new StringBuilder(stateName?.Length ?? 0);
        foreach (var c in stateName ?? string.Empty)
        {
            if (char.IsLetterOrDigit(c))
            {
                code.Append(char.ToUpperInvariant(c));
            }
        }

        return code.ToString();
    }

    /// <summary>The state whose Interface Code is <paramref name="code"/> (any case), or XPM's <c>Invalid state code</c>.</summary>
    /// <remarks>The display name itself is refused, as XPM refuses it: callers must learn to send the code.</remarks>
    public static JobState ByCode(SandboxState state, string code)
    {
        var wanted = code.Trim();
        return state.JobStates.All.FirstOrDefault(s => wanted.Length > 0 && string.Equals(InterfaceCode(s.Name), wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new SandboxFault("Invalid state code");
    }

    /// <summary>The name of the state a new job starts in: the practice's first state.</summary>
    public static string InitialStateName(SandboxState state) =>
        state.JobStates.All.Select(s => s.Name).FirstOrDefault(name => !string.IsNullOrEmpty(name)) ?? DefaultStateName;

    /// <summary>Whether a job in this state is finished (completed or cancelled) rather than current.</summary>
    public static bool IsClosing(string? stateName) => ClosingCodes.Contains(InterfaceCode(stateName));
}
