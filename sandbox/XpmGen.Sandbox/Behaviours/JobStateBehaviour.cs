namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the JobState resource.</summary>
internal sealed class JobStateBehaviour : JobStateSandboxApi
{
    private readonly SandboxPractice _practice;

    public JobStateBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
