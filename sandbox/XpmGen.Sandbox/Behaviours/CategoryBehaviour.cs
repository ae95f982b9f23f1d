using System.Collections.Generic;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>How the sandbox practice answers the operations of the Category resource.</summary>
internal sealed class CategoryBehaviour : CategorySandboxApi
{
    private readonly SandboxPractice _practice;

    public CategoryBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <inheritdoc/>
    public override IEnumerable<Category> List() => State.Categories.All;
}
