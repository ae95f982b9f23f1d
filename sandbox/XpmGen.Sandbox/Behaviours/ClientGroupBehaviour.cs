namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the ClientGroup resource.</summary>
internal sealed class ClientGroupBehaviour : ClientGroupSandboxApi
{
    private readonly SandboxPractice _practice;

    public ClientGroupBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
