namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the CustomField resource.</summary>
internal sealed class CustomFieldBehaviour : CustomFieldSandboxApi
{
    private readonly SandboxPractice _practice;

    public CustomFieldBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
