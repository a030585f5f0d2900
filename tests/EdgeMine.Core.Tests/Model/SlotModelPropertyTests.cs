using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Model;

/// <summary>Properties over random runs (CsCheck): conservation of bits, bounds, agreement with the literal reference.</summary>
public class SlotModelPropertyTests
{
    [Fact]
    public void Step_OverRandomRunsWithBindingCaps_ConservesEveryArrivedBit()
    {
        PinnedSample.Run(
            Scenario.Generator(),
            s =>
            {
                var env = s.CreateEnvironment();
                var random = new Xoshiro256(s.Seed ^ 0x5EED);
                var action = new double[s.Tasks];
                env.Reset(s.Seed);
                double arrived = 0, served = 0;
                for (int t = 0; t < s.Slots; t++)
                {
                    foreach (double d1 in env.ArrivedBits)
                    {
                        arrived += d1;
                    }

                    Scenario.RandomAction(random, action);
                    env.Step(action);
                    foreach (var o in env.LastOutcomes)
                    {
                        served += o.ServedOffloadBits + o.ServedLocalBits;
                        // Per task: D0 + D1 = served offload + served local + D0(t+1).
                        Assert.True(
                            Approx.Close(o.BufferedBits + o.ArrivedBits, o.ServedOffloadBits + o.ServedLocalBits + o.NextBufferedBits, 1e-12, 1e-6),
                            "per-task conservation");
                    }
                }

                double buffered = 0;
                foreach (double d0 in env.BufferedBits)
                {
                    buffered += d0;
                }

                Assert.True(
                    Approx.Close(arrived, served + buffered, 1e-9, 0),
                    $"arrived {arrived:R} != served {served:R} + buffered {buffered:R}");
            },
            300,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void Step_OverRandomRuns_KeepsEveryTermWithinItsBounds()
    {
        PinnedSample.Run(
            Scenario.Generator(),
            s =>
            {
                var env = s.CreateEnvironment();
                var p = env.Parameters;
                var random = new Xoshiro256(s.Seed ^ 0xB0B);
                var action = new double[s.Tasks];
                env.Reset(s.Seed);
                for (int t = 0; t < s.Slots; t++)
                {
                    Scenario.RandomAction(random, action);
                    var result = env.Step(action);
                    Assert.True(env.MecBacklogCycles >= 0, "Q >= 0");
                    Assert.True(result.Metrics.EnergyJoules >= 0 && result.Metrics.LatencySeconds >= 0 && result.Metrics.Cost >= 0);
                    foreach (var o in env.LastOutcomes)
                    {
                        double[] nonNegative =
                        [
                            o.ServedOffloadBits, o.ServedLocalBits, o.NextBufferedBits, o.UploadSeconds, o.ProcessingSeconds,
                            o.QueuingSeconds, o.OffloadLatencySeconds, o.LocalLatencySeconds, o.LatencySeconds,
                            o.OffloadEnergyJoules, o.LocalEnergyJoules, o.EnergyJoules, o.UsagePrivacy, o.Cost,
                        ];
                        Assert.All(nonNegative, v => Assert.True(v >= 0 && double.IsFinite(v), $"{v} should be finite and >= 0"));
                        Assert.True(o.LocationPrivacy is 0.0 or 1.0, $"privacy_location {o.LocationPrivacy}");
                        // eq8: |D0 - Do| <= max(D0, D1) since 0 <= Do <= D0 + D1; withheld: |D0 + D1 - Do| <= D0 + D1.
                        double usageMax = (p.UsagePrivacyForm == UsagePrivacyForm.Withheld ? o.BufferedBits + o.ArrivedBits : Math.Max(o.BufferedBits, o.ArrivedBits)) / p.PrivacyUnitBits;
                        Assert.InRange(o.Privacy, 0, usageMax + p.LocationPrivacyWeight + 1e-12);
                        Assert.True(o.LatencySeconds >= o.OffloadLatencySeconds && o.LatencySeconds >= o.LocalLatencySeconds);
                    }
                }
            },
            300,
            PinnedSample.DefaultSeed);
    }

    [Fact]
    public void Step_OverRandomRuns_AgreesWithTheLiteralReferenceOfSectionFive()
    {
        PinnedSample.Run(
            Scenario.Generator(),
            s =>
            {
                var env = s.CreateEnvironment();
                var random = new Xoshiro256(s.Seed ^ 0xCAFE);
                var action = new double[s.Tasks];
                env.Reset(s.Seed);
                for (int t = 0; t < s.Slots; t++)
                {
                    Scenario.RandomAction(random, action);
                    var expected = ReferenceSlot.Compute(
                        env.Parameters, s.Miners, s.TasksPerMiner, s.Beta, env.ChannelGood.ToArray(), env.BufferedBits.ToArray(),
                        env.ArrivedBits.ToArray(), action, env.MecBacklogCycles);
                    var result = env.Step(action);
                    Assert.Equal(expected.OffloadedTasks, result.Metrics.OffloadedTasks);
                    Assert.True(Approx.Close(expected.Reward, result.Reward, 1e-9, 1e-9), $"reward {expected.Reward:R} vs {result.Reward:R}");
                    Assert.True(Approx.Close(expected.NextBacklog, env.MecBacklogCycles, 1e-9, 1e-3), "Q(t+1)");
                    for (int i = 0; i < s.Tasks; i++)
                    {
                        var e = expected.Tasks[i];
                        var o = env.LastOutcomes[i];
                        Check(e.ServedOffload, o.ServedOffloadBits, "served_offload");
                        Check(e.ServedLocal, o.ServedLocalBits, "served_local");
                        Check(e.NextD0, env.BufferedBits[i], "D0(t+1)");
                        Check(e.Latency, o.LatencySeconds, "latency");
                        Check(e.Energy, o.EnergyJoules, "energy");
                        Check(e.Privacy, o.Privacy, "privacy");
                        Check(e.Cost, o.Cost, "cost");
                        Assert.Equal(e.DeadlineMiss, o.DeadlineMissed);
                    }
                }
            },
            300,
            PinnedSample.DefaultSeed);

        static void Check(double expected, double actual, string what) =>
            Assert.True(Approx.Close(expected, actual, 1e-9, 1e-9), $"{what}: expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void Observation_OverRandomRuns_MatchesTheDocumentedLayout()
    {
        PinnedSample.Run(
            Scenario.Generator(maxSlots: 10),
            s =>
            {
                var env = s.CreateEnvironment();
                var p = env.Parameters;
                var random = new Xoshiro256(s.Seed ^ 0x0B5);
                var action = new double[s.Tasks];
                int perMiner = (2 * s.TasksPerMiner) + 1;
                int dimension = (s.Miners * perMiner) + (s.Extended ? 1 : 0);
                var observation = env.Reset(s.Seed).ToArray();
                for (int t = 0; ; t++)
                {
                    Assert.Equal(dimension, observation.Length);
                    Assert.Equal(env.Observation.ToArray(), observation);
                    for (int n = 0; n < s.Miners; n++)
                    {
                        for (int m = 0; m < s.TasksPerMiner; m++)
                        {
                            int task = (n * s.TasksPerMiner) + m;
                            Assert.True(Approx.Close(env.ArrivedBits[task] / p.PrivacyUnitBits, observation[(n * perMiner) + m], 1e-14, 0), "d1");
                            Assert.True(Approx.Close(env.BufferedBits[task] / p.PrivacyUnitBits, observation[(n * perMiner) + s.TasksPerMiner + m], 1e-14, 0), "d0");
                        }

                        Assert.Equal(env.ChannelGood[n] ? 1.0 : 0.0, observation[(n * perMiner) + (2 * s.TasksPerMiner)]);
                    }

                    if (s.Extended)
                    {
                        Assert.True(Approx.Close(env.MecBacklogCycles / (p.MecCapacityHz * p.SlotSeconds), observation[^1], 1e-12, 1e-15));
                    }

                    if (t == s.Slots)
                    {
                        break;
                    }

                    Scenario.RandomAction(random, action);
                    observation = env.Step(action).Observation.ToArray();
                }
            },
            200,
            PinnedSample.DefaultSeed);
    }
}
