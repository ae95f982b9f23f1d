using System.Collections.Generic;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Template resource.</summary>
internal sealed class TemplateBehaviour : TemplateSandboxApi
{
    private readonly SandboxPractice _practice;

    public TemplateBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<Template> List() => State.Templates.All;
}
