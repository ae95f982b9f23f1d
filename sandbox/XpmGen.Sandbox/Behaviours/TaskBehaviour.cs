namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Task resource.</summary>
internal sealed class TaskBehaviour : TaskSandboxApi
{
    private readonly SandboxPractice _practice;

    public TaskBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;
}
