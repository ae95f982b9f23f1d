using System;

namespace XpmGen.Sandbox.Tests;

/// <summary>
/// A test that drives the sandbox through the typed client and checks state. Each runs as a test of its own, and
/// <see cref="OperationCoverageTests"/> runs them all again to count the operations they exercise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScenarioAttribute : FactAttribute
{
}
