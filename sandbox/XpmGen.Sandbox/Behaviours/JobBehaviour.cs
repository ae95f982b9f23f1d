namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Job resource.</summary>
internal sealed class JobBehaviour : JobSandboxApi
{
    private readonly SandboxPractice _practice;

    public JobBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
