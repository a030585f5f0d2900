using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace EdgeMine.Native.Tests;

/// <summary>The Python package's own suite, the PyTorch DQN example, the README's example and the bench module.</summary>
[Collection(NativeTestGroup.Name)]
public sealed partial class PythonTests(NativeBuildFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// python/tests with unittest: the three APIs, equality of vector and parallel environments with single ones, errors
    /// with the library's messages, evaluate, 1e6 create/destroy cycles without a leak, an offline pip install.
    /// </summary>
    [Fact]
    public void PythonUnittestSuite_Passes()
    {
        output.WriteLine(fixture.BuildLog);
        var (code, text) = fixture.RunPython(["-m", "unittest", "discover", "-v", "-s", "python/tests", "-t", "python"], NativeBuildFixture.HangGuard);
        output.WriteLine(text);
        Assert.True(code == 0, text);
        var ran = RanTests().Match(text);
        Assert.True(ran.Success, text);
        Assert.True(int.Parse(ran.Groups[1].Value, CultureInfo.InvariantCulture) >= 45, $"only {ran.Groups[1].Value} Python tests ran");
        Assert.Contains("1000000 create/reset/step/destroy cycles", text, StringComparison.Ordinal);
        // Issue 26's test of a Python policy beside RLO and DRLO models needs EDGEMINE_CLI, set here: it must have run.
        Assert.Contains("test_models_beside_a_python_policy_equal_the_command_line (tests.test_evaluate.ModelsTests", text, StringComparison.Ordinal);
        Assert.DoesNotContain("skipped 'needs EDGEMINE_CLI", text, StringComparison.Ordinal);
    }

    /// <summary>A plain PyTorch DQN (CleanRL's dqn.py style) at N = 1, M = 2, beta 0.5 reaches an optimality ratio of 0.9.</summary>
    [Fact]
    public void DqnExample_ReachesAnOptimalityRatioOfAtLeast0Point9()
    {
        var variables = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" };
        var (code, text) = fixture.RunPython([Path.Combine("examples", "python", "dqn.py")], NativeBuildFixture.HangGuard, variables);
        output.WriteLine(text);
        Assert.True(code == 0, text);
        string last = text.Trim().Split('\n')[^1];
        using var result = JsonDocument.Parse(last);
        double ratio = result.RootElement.GetProperty("optimality_ratio").GetDouble();
        Assert.True(ratio >= 0.9, $"optimality ratio {ratio}");
    }

    /// <summary>The README's Python example runs as printed.</summary>
    [Fact]
    public void ReadmePythonExample_Runs()
    {
        string readme = File.ReadAllText(Path.Combine(fixture.RepositoryRoot, "README.md"));
        var block = PythonBlock().Match(readme);
        Assert.True(block.Success, "README.md has no ```python block");
        string code = block.Groups[1].Value;
        Assert.InRange(code.Trim().Split('\n').Length, 5, 12);
        var (exit, text) = fixture.RunPython(["-c", code], NativeBuildFixture.HangGuard);
        output.WriteLine(text);
        Assert.True(exit == 0, text);
    }

    /// <summary>python -m edgemine.bench --json prints both figures (a smoke test; speed is a benchmark, never asserted).</summary>
    [Fact]
    public void BenchModule_PrintsBothFigures()
    {
        var (code, text) = fixture.RunPython(["-m", "edgemine.bench", "--json", "--seconds", "0.2", "--num-envs", "64"], NativeBuildFixture.HangGuard);
        Assert.True(code == 0, text);
        using var result = JsonDocument.Parse(text.Trim().Split('\n')[^1]);
        Assert.True(result.RootElement.GetProperty("single_steps_per_s").GetDouble() > 0);
        Assert.True(result.RootElement.GetProperty("vector_steps_per_s").GetDouble() > 0);
    }

    [GeneratedRegex(@"Ran (\d+) tests? in")]
    private static partial Regex RanTests();

    [GeneratedRegex(@"```python\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex PythonBlock();
}
