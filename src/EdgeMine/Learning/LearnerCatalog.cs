namespace EdgeMine.Learning;

/// <summary>The learning algorithms by their command-line names, and their variants.</summary>
public static class LearnerCatalog
{
    /// <summary>Names accepted by <c>train --algo</c>.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["rlo", "drlo"];

    /// <summary>Variants accepted by <c>train --variant</c> for <paramref name="algorithm"/>.</summary>
    public static IReadOnlyList<string> Variants(string algorithm) => algorithm switch
    {
        "drlo" => ["default", "paper"],
        _ => ["default"],
    };

    /// <summary>A new, untrained learner for <paramref name="configuration"/>; null when the algorithm or variant is unknown.</summary>
    public static ILearner? Create(TrainingConfiguration configuration) => configuration.Algorithm switch
    {
        "rlo" when configuration.Variant == "default" => new QLearningAgent(),
        "drlo" when configuration.Variant == "default" => new DqnAgent(DqnAgentOptions.Default),
        "drlo" when configuration.Variant == "paper" => new DqnAgent(DqnAgentOptions.Paper),
        _ => null,
    };

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

        return null;
    }
}
