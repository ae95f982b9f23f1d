namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Client resource.</summary>
internal sealed class ClientBehaviour : ClientSandboxApi
{
    private readonly SandboxPractice _practice;

    public ClientBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
