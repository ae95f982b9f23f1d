namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Time resource.</summary>
internal sealed class TimeBehaviour : TimeSandboxApi
{
    private readonly SandboxPractice _practice;

    public TimeBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
