namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Staff resource.</summary>
internal sealed class StaffBehaviour : StaffSandboxApi
{
    private readonly SandboxPractice _practice;

    public StaffBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
