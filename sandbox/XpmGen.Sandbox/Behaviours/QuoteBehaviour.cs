namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Quote resource.</summary>
internal sealed class QuoteBehaviour : QuoteSandboxApi
{
    private readonly SandboxPractice _practice;

    public QuoteBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
