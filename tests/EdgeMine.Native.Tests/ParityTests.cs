using System.Text.Json;
using EdgeMine.Model;
using EdgeMine.Randomness;
using Xunit.Abstractions;

namespace EdgeMine.Native.Tests;

/// <summary>
/// Parity, bit for bit: traces of random actions (binary and fractional) written by the Python package through its three
/// APIs (scripts/traces.py, at three seeds and configurations: the calibrated N = 1, M = 2; deadline misses with an
/// extended observation and episodes of 40 slots; paper-literal constants with binding caps, buffering and backlog)
/// are replayed here with the C# library's <see cref="MiningEnvironment"/>: every observation and reward must be equal
/// to the last bit. The only file of the tests that uses the library's model types.
/// </summary>
[Collection(NativeTestGroup.Name)]
public sealed class ParityTests(NativeBuildFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "edgemine-traces-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void PythonTraces_OfTheThreeApis_EqualTheCSharpEnvironment_BitForBit()
    {
        string script = Path.Combine(fixture.RepositoryRoot, "tests", "EdgeMine.Native.Tests", "scripts", "traces.py");
        var (code, text) = fixture.RunPython([script, _directory], NativeBuildFixture.HangGuard);
        Assert.True(code == 0, text);
        output.WriteLine(text);

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_directory, "manifest.json")));
        var kinds = new List<string>();
        bool sawBuffering = false, sawBacklog = false, sawMiss = false, sawTruncation = false;
        foreach (var trace in manifest.RootElement.EnumerateArray())
        {
            string name = trace.GetProperty("name").GetString()!;
            string kind = trace.GetProperty("kind").GetString()!;
            var parameters = ParameterCatalog.Validate(ParameterCatalog.ApplyJson(
                Presets.Find(trace.GetProperty("preset").GetString()!)!, trace.GetProperty("config").GetRawText(), "config"));
            var settings = new EnvironmentSettings
            {
                Miners = trace.GetProperty("miners").GetInt32(),
                TasksPerMiner = trace.GetProperty("tasks").GetInt32(),
                Beta = trace.GetProperty("beta").GetDouble(),
                EpisodeSlots = trace.GetProperty("episode_slots").ValueKind == JsonValueKind.Null ? 0 : trace.GetProperty("episode_slots").GetInt32(),
                ExtendedObservation = trace.GetProperty("extended_observation").GetBoolean(),
            };
            ulong[] seeds = trace.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()).ToArray();
            int steps = trace.GetProperty("steps").GetInt32();
            double[] actions = Read(name, "actions"), observations = Read(name, "observations"), rewards = Read(name, "rewards");
            var environment = new MiningEnvironment(parameters, settings);
            int a = environment.ActionSpace.Dimension, d = environment.ObservationSpace.Dimension, n = settings.Miners;
            switch (kind)
            {
                case "single":
                    Assert.Equal(steps * a, actions.Length);
                    Same(environment.Reset(seeds[0]), observations.AsSpan(0, d), $"{name} reset");
                    for (int t = 0; t < steps; t++)
                    {
                        var step = environment.Step(actions.AsSpan(t * a, a));
                        Same(step.Observation, observations.AsSpan((t + 1) * d, d), $"{name} step {t}");
                        Same([step.Reward], rewards.AsSpan(t, 1), $"{name} reward {t}");
                        sawBuffering |= step.Metrics.BufferedBitsAfter > 0;
                        sawBacklog |= step.Metrics.MecBacklogCycles > 0;
                        sawMiss |= step.Metrics.DeadlineMisses > 0;
                    }

                    break;

                case "vector":
                    int b = seeds.Length;
                    Assert.Equal(steps * b * a, actions.Length);
                    for (int i = 0; i < b; i++)
                    {
                        Same(environment.Reset(seeds[i]), observations.AsSpan(i * d, d), $"{name} env {i} reset");
                        bool needsReset = false;
                        ulong episode = 0;
                        for (int t = 0; t < steps; t++)
                        {
                            var expected = observations.AsSpan((((t + 1) * b) + i) * d, d);
                            if (needsReset)
                            {
                                // Gymnasium's next-step autoreset: the k-th reset after Reset(s) uses Derive(s, k).
                                Same(environment.Reset(SeedMixer.Derive(seeds[i], ++episode)), expected, $"{name} env {i} autoreset {t}");
                                Same([0.0], rewards.AsSpan((t * b) + i, 1), $"{name} env {i} autoreset reward {t}");
                                needsReset = false;
                                sawTruncation = true;
                                continue;
                            }

                            var step = environment.Step(actions.AsSpan(((t * b) + i) * a, a));
                            Same(step.Observation, expected, $"{name} env {i} step {t}");
                            Same([step.Reward], rewards.AsSpan((t * b) + i, 1), $"{name} env {i} reward {t}");
                            needsReset = step.Truncated;
                        }
                    }

                    break;

                case "parallel":
                    int perAgent = environment.ObservationSpace.PerMiner + (settings.ExtendedObservation ? 1 : 0);
                    Assert.Equal(steps * a, actions.Length);
                    AgentsSee(environment.Reset(seeds[0]), observations.AsSpan(0, n * perAgent), environment, $"{name} reset");
                    for (int t = 0; t < steps; t++)
                    {
                        var step = environment.Step(actions.AsSpan(t * a, a));
                        AgentsSee(step.Observation, observations.AsSpan((t + 1) * n * perAgent, n * perAgent), environment, $"{name} step {t}");
                        var shares = new double[n];
                        for (int miner = 0; miner < n; miner++)
                        {
                            for (int m = 0; m < settings.TasksPerMiner; m++)
                            {
                                shares[miner] += environment.Model.TaskReward(environment.LastOutcomes[(miner * settings.TasksPerMiner) + m]);
                            }
                        }

                        Same(shares, rewards.AsSpan(t * n, n), $"{name} shares {t}");
                        double sum = shares.Sum();
                        Assert.True(Math.Abs(step.Reward - sum) <= 1e-12 * Math.Max(1, Math.Abs(sum)), $"{name} step {t}: shares add up to {sum:R}, reward {step.Reward:R}");
                    }

                    break;

                default:
                    throw new InvalidOperationException(kind);
            }

            kinds.Add(kind);
        }

        Assert.Equal(3, kinds.Count(k => k == "single"));
        Assert.Equal(3, kinds.Count(k => k == "vector"));
        Assert.Equal(3, kinds.Count(k => k == "parallel"));
        Assert.True(sawBuffering && sawBacklog && sawMiss && sawTruncation, "the traces must exercise buffering, backlog, deadline misses and autoreset");
    }

    private static void AgentsSee(ReadOnlySpan<double> observation, ReadOnlySpan<double> agents, MiningEnvironment environment, string where)
    {
        var space = environment.ObservationSpace;
        int perAgent = space.PerMiner + (space.Extended ? 1 : 0);
        for (int n = 0; n < space.Miners; n++)
        {
            Same(observation.Slice(space.BlockStart(n), space.PerMiner), agents.Slice(n * perAgent, space.PerMiner), $"{where} agent {n}");
            if (space.Extended)
            {
                Same(observation[^1..], agents.Slice((n * perAgent) + space.PerMiner, 1), $"{where} agent {n} backlog");
            }
        }
    }

    private static void Same(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string where)
    {
        Assert.True(expected.Length == actual.Length, $"{where}: {actual.Length} values, {expected.Length} expected");
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"{where}, value {i}: Python {actual[i]:R}, C# {expected[i]:R}");
            }
        }
    }

    private double[] Read(string name, string what)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(_directory, $"{name}.{what}"));
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
