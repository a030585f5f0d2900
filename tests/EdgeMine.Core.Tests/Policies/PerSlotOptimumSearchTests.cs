using CsCheck;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Policies;

/// <summary>
/// The linear-time search by offload count (issue 13) against the search it replaced, which sorts and scores every
/// K with the full slot physics: the same reward in random states where no cap binds.
/// </summary>
public class PerSlotOptimumSearchTests
{
    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): minutes under Stryker's coverage capture
    [Fact]
    public void SearchByOffloadCount_RandomStatesWithoutBindingCaps_EqualsTheScoredSearch()
    {
        // Both presets (paper-literal's MEC energy falls with K, so its scan cannot stop early), F from 1e8 to 3e10 Hz
        // (backlogs, crowded MECs), deadlines that bind, any beta and privacy weights, both usage privacy forms; N M from
        // 11 to 240.
        var generator =
            from paperLiteral in Gen.Bool
            from miners in Gen.Int[11, 80]
            from tasksPerMiner in Gen.Int[1, 3]
            from beta in Gen.Double[0, 1]
            from capacityExponent in Gen.Double[8, 10.5]
            from deadline in Gen.Double[0.02, 20]
            from penalty in Gen.Double[0, 2]
            from lambda in Gen.Double[0, 1]
            from threshold in Gen.OneOfConst(0.0, 0.5, 1.0)
            from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
            from seed in Gen.ULong
            select (paperLiteral, miners, tasksPerMiner, beta, capacityExponent, deadline, penalty, lambda, threshold, form, seed);
        int compared = 0;
        PinnedSample.Run(
            generator,
            c =>
            {
                var p = (c.paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
                {
                    MecCapacityHz = Math.Pow(10, c.capacityExponent),
                    DeadlineSeconds = c.deadline,
                    DeadlinePenalty = c.penalty,
                    LocationPrivacyWeight = c.lambda,
                    GoodChannelThreshold = c.threshold,
                    UsagePrivacyForm = c.form,
                };
                var env = new MiningEnvironment(p, new EnvironmentSettings { Miners = c.miners, TasksPerMiner = c.tasksPerMiner, Beta = c.beta });
                var fast = new PerSlotOptimum();
                var scored = new PerSlotOptimum();
                var random = new Xoshiro256(c.seed ^ 0x5EA);
                var action = new double[env.Model.Tasks];
                env.Reset(c.seed);
                for (int t = 0; t < 4; t++)
                {
                    if (!PerSlotOptimum.AnyCapCanBind(env))
                    {
                        fast.SearchByOffloadCount(env);
                        scored.SearchByOffloadCountScored(env);
                        double fastReward = SlotModelScores.Reward(env, fast.BestAction);
                        double scoredReward = SlotModelScores.Reward(env, scored.BestAction);
                        Assert.True(
                            Approx.Close(scoredReward, fastReward, 1e-10, 1e-10),
                            $"slot {t}: fast search {fastReward:R}, scored search {scoredReward:R}");
                        Assert.All(fast.BestAction.ToArray(), v => Assert.True(v is 0 or 1));
                        Interlocked.Increment(ref compared);
                    }

                    // A random binary action, so that backlogs build up for the next slots.
                    for (int i = 0; i < action.Length; i++)
                    {
                        action[i] = random.NextInt(4) == 0 ? 1 : 0;
                    }

                    env.Step(action);
                }
            },
            300,
            PinnedSample.DefaultSeed);
        Assert.True(compared > 600, $"only {compared} states without binding caps were compared");
    }

    [Trait("Category", "Slow")] // left out of mutation runs (scripts/mutation.sh): minutes under Stryker's coverage capture
    [Fact]
    public void Act_ThousandMinersCalibrated_EqualsTheScoredSearch()
    {
        // The scale of issue 13: N = 1000, M = 2, beta 0.5 and 0.8, a few slots in, after a random action with a backlog.
        foreach (double beta in new[] { 0.5, 0.8 })
        {
            var env = new MiningEnvironment(Presets.Calibrated, new EnvironmentSettings { Miners = 1000, TasksPerMiner = 2, Beta = beta });
            env.Reset(7);
            var fast = new PerSlotOptimum();
            var scored = new PerSlotOptimum();
            var action = new double[env.Model.Tasks];
            var random = new Xoshiro256(3);
            for (int t = 0; t < 3; t++)
            {
                fast.Act(env, action);
                scored.SearchByOffloadCountScored(env);
                Assert.True(Approx.Close(SlotModelScores.Reward(env, scored.BestAction), SlotModelScores.Reward(env, action), 1e-10, 1e-10));
                for (int i = 0; i < action.Length; i++)
                {
                    action[i] = random.NextInt(100) == 0 ? 1 : 0;
                }

                env.Step(action);
            }
        }
    }

    [Fact]
    public void MonotoneFrom_HandWorkedCases()
    {
        // Calibrated, beta 0.5: a = 0.5 / 0.0475 * 1000 / 1e10 = 1.05e-6 per bit, b = 0.5 / 0.0325 * 1e-26 / 1e27 * 1e20 * 1000
        // = 1.5e-29: a >= b (1 - 1/4) at K = 1.
        Assert.Equal(1, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.Calibrated, 10, 2, 0.5)));

        // Paper-literal (f in Hz), beta 0.5: a = 0.5 * 18000 / 1e10 = 9e-7, b = 0.5 * 1e-26 * 1e20 * 18000 = 9e-3;
        // b (1/K^2 - 1/(K+1)^2) ~ 2b / K^3 <= a from K ~ (2e4)^(1/3) ~ 27: at K = 27, 9e-3 (1/729 - 1/784) = 8.66e-7 <= 9e-7,
        // at K = 26, 9e-3 (1/676 - 1/729) = 9.68e-7 > 9e-7.
        Assert.Equal(27, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.PaperLiteral, 10, 2, 0.5)));

        // Calibrated with f in Hz (energy unit 0.0325 J, not 1): a = 1.0526e-6 as above, b = 0.5 / 0.0325 * 1e-26 * 1e20 * 1000
        // = 0.015385; at K = 31, 0.015385 (1/961 - 1/1024) = 9.85e-7 <= a, at K = 30, 0.015385 (1/900 - 1/961) = 1.085e-6 > a.
        Assert.Equal(31, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.Calibrated with { MecFrequencyUnitHz = 1 }, 10, 2, 0.5)));

        // beta = 1: latency weighs nothing, the MEC energy per task only falls with K: never monotone.
        Assert.Equal(int.MaxValue, PerSlotOptimum.MonotoneFrom(new SlotModel(Presets.PaperLiteral, 10, 2, 1.0)));
    }
}
