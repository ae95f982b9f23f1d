using System.Collections.Generic;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Task resource: the task catalogue.</summary>
internal sealed class TaskBehaviour : TaskSandboxApi
{
    private readonly SandboxPractice _practice;

    public TaskBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<CatalogTask> List() => State.CatalogTasks.All;

    /// <inheritdoc/>
    public override CatalogTask Get(string uuid) => State.CatalogTasks.Get(uuid, "task");
}
