using CsCheck;
using EdgeMine.Model;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Model;

/// <summary>A random run: parameters (caps that may bind, backlogs that may grow), shape, beta, seed, length.</summary>
internal sealed record Scenario(ModelParameters Parameters, int Miners, int TasksPerMiner, double Beta, ulong Seed, int Slots, bool Extended)
{
    /// <summary>Scenarios over both presets and both usage privacy forms, with rate_bad 1e3..3e6 bit/s, t_local 3e-7..5e-5 s/bit, F 1e8..3e10 Hz.</summary>
    public static Gen<Scenario> Generator(int maxMiners = 3, int maxTasksPerMiner = 4, int maxSlots = 40) =>
        from paperLiteral in Gen.Bool
        from miners in Gen.Int[1, maxMiners]
        from tasksPerMiner in Gen.Int[1, maxTasksPerMiner]
        from beta in Gen.Double[0, 1]
        from rateBadExponent in Gen.Double[3, 6.5]
        from localExponent in Gen.Double[-6.5, -4.3]
        from capacityExponent in Gen.Double[8, 10.5]
        from deadline in Gen.Double[0.02, 20]
        from penalty in Gen.Double[0, 2]
        from lambda in Gen.Double[0, 1]
        from threshold in Gen.OneOfConst(0.0, 0.5, 1.0)
        from form in Gen.OneOfConst(UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld)
        from seed in Gen.ULong
        from slots in Gen.Int[1, maxSlots]
        from extended in Gen.Bool
        select new Scenario(
            (paperLiteral ? Presets.PaperLiteral : Presets.Calibrated) with
            {
                RateBadBps = Math.Pow(10, rateBadExponent),
                LocalSecondsPerBit = Math.Pow(10, localExponent),
                MecCapacityHz = Math.Pow(10, capacityExponent),
                DeadlineSeconds = deadline,
                DeadlinePenalty = penalty,
                LocationPrivacyWeight = lambda,
                GoodChannelThreshold = threshold,
                UsagePrivacyForm = form,
            },
            miners,
            tasksPerMiner,
            beta,
            seed,
            slots,
            extended);

    public int Tasks => Miners * TasksPerMiner;

    public MiningEnvironment CreateEnvironment() =>
        new(ParameterCatalog.Validate(Parameters), new EnvironmentSettings { Miners = Miners, TasksPerMiner = TasksPerMiner, Beta = Beta, ExtendedObservation = Extended });

    /// <summary>A random action per slot: binary, quarters, or any fraction in [0, 1], chosen per slot.</summary>
    public static void RandomAction(Xoshiro256 random, Span<double> action)
    {
        int kind = random.NextInt(3);
        for (int i = 0; i < action.Length; i++)
        {
            action[i] = kind switch
            {
                0 => random.NextInt(2),
                1 => random.NextInt(5) * 0.25,
                _ => random.NextDouble(),
            };
        }
    }
}
