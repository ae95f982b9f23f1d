namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Cost resource.</summary>
internal sealed class CostBehaviour : CostSandboxApi
{
    private readonly SandboxPractice _practice;

    public CostBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
