using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using EdgeMine.Model;
using EdgeMine.Policies;

namespace EdgeMine.MicroBenchmarks;

/// <summary>
/// BenchmarkDotNet micro-benchmarks, for profiling work. The figures the issues name come from <c>edgemine bench</c>,
/// which needs no harness; these give distributions and allocation columns.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

[MemoryDiagnoser]
public class EnvironmentStepBenchmark
{
    private MiningEnvironment _environment = null!;
    private readonly RandomOffload _policy = new();
    private double[] _action = [];

    [Params(1, 10, 100)]
    public int Miners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _environment = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = Miners, TasksPerMiner = 2, Beta = 0.5 });
        _environment.Reset(1);
        _policy.Reset(2);
        _action = new double[_environment.ActionSpace.Dimension];
    }

    [Benchmark]
    public double RandomPolicyStep()
    {
        _policy.Act(_environment, _action);
        return _environment.Step(_action).Reward;
    }
}
