using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace XpmGen.Sandbox.Tests;

public sealed class OperationCoverageTests
{
    [Fact]
    public async Task Scenarios_exercise_every_operation_of_the_schema()
    {
        var scenarios = typeof(OperationCoverageTests).Assembly.GetTypes()
            .SelectMany(static type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(static method => method.GetCustomAttribute<ScenarioAttribute>() is not null)
            .ToList();
        Assert.NotEmpty(scenarios);

        var exercised = new HashSet<XpmEndpoint>();
        var failures = new List<string>();
        foreach (var scenario in scenarios)
        {
            using (TestSandbox.Record(out var started))
            {
                try
                {
                    var instance = Activator.CreateInstance(scenario.DeclaringType!);
                    try
                    {
                        if (scenario.Invoke(instance, null) is Task task)
                        {
                            await task;
                        }
                    }
                    finally
                    {
                        (instance as IDisposable)?.Dispose();
                    }
                }
                catch (Exception ex)
                {
                    failures.Add($"{scenario.DeclaringType!.Name}.{scenario.Name}: {(ex is TargetInvocationException { InnerException: { } inner } ? inner.Message : ex.Message)}");
                }

                foreach (var sandbox in started)
                {
                    exercised.UnionWith(sandbox.OperationsServed);
                }
            }
        }

        var missing = XpmEndpoints.All.Where(endpoint => !exercised.Contains(endpoint)).Select(static e => e.ToString()).ToList();
        Assert.True(failures.Count == 0, "Scenarios failed:\n" + string.Join("\n", failures));
        Assert.True(missing.Count == 0, $"{exercised.Count} of {XpmEndpoints.All.Count} operations answered OK in a scenario; never exercised:\n" + string.Join("\n", missing));
        Assert.Equal(XpmEndpoints.All.Count, exercised.Count);
    }
}
