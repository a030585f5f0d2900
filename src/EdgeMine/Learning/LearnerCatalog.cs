using System.Globalization;
using EdgeMine.Privacy;

namespace EdgeMine.Learning;

/// <summary>The learning algorithms by their command-line names, and their variants.</summary>
public static class LearnerCatalog
{
    /// <summary>Names accepted by <c>train --algo</c>.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["rlo", "drlo", "cmdp", "rl-privacy"];

    /// <summary>Variants accepted by <c>train --variant</c> for <paramref name="algorithm"/>.</summary>
    public static IReadOnlyList<string> Variants(string algorithm) => algorithm switch
    {
        "drlo" => ["default", "paper"],
        "rl-privacy" => RlPrivacyOptions.VariantNames,
        _ => ["default"],
    };

    /// <summary>True for the privacy baselines, which model one miner only (N = 1).</summary>
    public static bool IsSingleMiner(string algorithm) => algorithm is "cmdp" or "rl-privacy";

    /// <summary>A new, untrained learner for <paramref name="configuration"/>; null when the algorithm or variant is unknown.</summary>
    public static ILearner? Create(TrainingConfiguration configuration) => configuration.Algorithm switch
    {
        "rlo" when configuration.Variant == "default" => new QLearningAgent(),
        "drlo" when configuration.Variant is "default" or "paper" => new DqnAgent(DrloOptions(configuration)),
        "cmdp" when configuration.Variant == "default" => new CmdpPolicy(),
        "rl-privacy" when RlPrivacyOptions.ForVariant(configuration.Variant) is { } options => new RlPrivacyAgent(options),
        _ => null,
    };

    /// <summary>DRLO's options: the variant's, with the configuration's learner options applied in key order.</summary>
    public static DqnAgentOptions DrloOptions(TrainingConfiguration configuration)
    {
        var options = configuration.Variant == "paper" ? DqnAgentOptions.Paper : DqnAgentOptions.Default;
        foreach (var (key, value) in configuration.LearnerOptions)
        {
            options = options.With(key, value);
        }

        return options;
    }

    /// <summary>Checks that <paramref name="configuration"/> can be trained; returns an error message or null.</summary>
    public static string? Check(TrainingConfiguration configuration)
    {
        if (!Algorithms.Contains(configuration.Algorithm))
        {
            return $"--algo {configuration.Algorithm}: unknown algorithm; allowed: {string.Join(", ", Algorithms)}";
        }

        if (!Variants(configuration.Algorithm).Contains(configuration.Variant))
        {
            return $"--variant {configuration.Variant}: unknown for {configuration.Algorithm}; allowed: {string.Join(", ", Variants(configuration.Algorithm))}";
        }

        if (configuration.LearnerOptions.Count > 0)
        {
            if (configuration.Algorithm != "drlo")
            {
                return $"--learner: only drlo takes learner options; {configuration.Algorithm} is configured by --variant";
            }

            try
            {
                var options = DrloOptions(configuration);
                if (options.DifferenceRewards && options.Network.Head != DqnHead.Branching)
                {
                    return "--learner: difference rewards (on in the default variant) need head=branching; add --learner difference_rewards=false for a joint head";
                }

                options.Network.Validate();
            }
            catch (ArgumentException e)
            {
                return e.Message;
            }
        }

        if (configuration.Algorithm == "rlo" && configuration.Settings.TasksPerMiner > 20)
        {
            return $"--tasks {configuration.Settings.TasksPerMiner}: RLO keeps 2^M actions per state; allowed: M <= 20";
        }

        int tasks = configuration.Settings.Miners * configuration.Settings.TasksPerMiner;
        var head = configuration.Algorithm == "drlo" ? (Create(configuration) as DqnAgent)?.Options.Network.Head : null;
        if (head == DqnHead.Joint && (tasks > 12 || 1 << tasks > DqnAgentOptions.JointActionLimit))
        {
            return $"drlo ({configuration.Variant}) has a joint head with 2^(N M) = 2^{tasks} outputs; allowed: 2^(N M) <= {DqnAgentOptions.JointActionLimit} (use the default variant's branching head)";
        }

        if (IsSingleMiner(configuration.Algorithm))
        {
            string scheme = configuration.Algorithm == "cmdp" ? "the CMDP scheme" : "the RL-privacy scheme";
            if (configuration.Settings.Miners != 1)
            {
                return string.Create(CultureInfo.InvariantCulture, $"--miners {configuration.Settings.Miners}: {scheme} is single-miner; allowed: 1");
            }

            if (configuration.Settings.TasksPerMiner > PrivacyStateSpace.MaxTasks)
            {
                return string.Create(
                    CultureInfo.InvariantCulture,
                    $"--tasks {configuration.Settings.TasksPerMiner}: {scheme} tabulates (20^M * 2) states; allowed: 1 to {PrivacyStateSpace.MaxTasks}");
            }
        }

        return null;
    }
}
