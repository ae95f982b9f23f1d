namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Invoice resource.</summary>
internal sealed class InvoiceBehaviour : InvoiceSandboxApi
{
    private readonly SandboxPractice _practice;

    public InvoiceBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
