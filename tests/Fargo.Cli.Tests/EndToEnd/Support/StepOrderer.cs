using Xunit.Abstractions;
using Xunit.Sdk;

namespace Fargo.Cli.Tests.EndToEnd.Support;

/// <summary>The step of a story a test is: end-to-end tests build on each other (up, then deploy, then roll back…).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Runs a class's tests in the order of their <see cref="StepAttribute"/>.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public const string TypeName = "Fargo.Cli.Tests.EndToEnd.Support.StepOrderer";
    public const string AssemblyName = "Fargo.Cli.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases.OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName!).FirstOrDefault()?.GetConstructorArguments().Cast<int>().First() ?? int.MaxValue);
}
