using System.CommandLine;
using System.Globalization;
using EdgeMine.Model;

namespace EdgeMine.Cli;

/// <summary>
/// The options every model-running command shares: the preset, the config file, <c>--set</c> overrides, and the run
/// settings (miners, tasks, beta, slots, seed). Resolving them parses, validates and freezes the configuration.
/// </summary>
public sealed class ModelOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "Parameter preset: calibrated (default) or paper-literal (MODEL.md section 9).",
        DefaultValueFactory = _ => "calibrated",
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "JSON file: a flat object of config keys to numbers, applied over the preset.",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one config key, key=value (repeatable; applied after --config).",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<int> Miners { get; } = new("--miners")
    {
        Description = "N, the number of miners.",
        DefaultValueFactory = _ => 1,
    };

    public Option<int> Tasks { get; } = new("--tasks")
    {
        Description = "M, mining-task streams per miner.",
        DefaultValueFactory = _ => 2,
    };

    public Option<double> Beta { get; } = new("--beta")
    {
        Description = "beta in [0, 1]: weight of energy in the cost (latency gets 1 - beta).",
        DefaultValueFactory = _ => 0.5,
    };

    public Option<long> Slots { get; } = new("--slots")
    {
        Description = "Slots per run.",
        DefaultValueFactory = _ => 10_000,
    };

    public Option<ulong> Seed { get; } = new("--seed")
    {
        Description = "Seed of the run; every random draw derives from it.",
        DefaultValueFactory = _ => 1UL,
    };

    /// <summary>Adds the model options (preset, config, set) to <paramref name="command"/>.</summary>
    public void AddModelTo(Command command)
    {
        command.Options.Add(Preset);
        command.Options.Add(Config);
        command.Options.Add(Set);
    }

    /// <summary>Adds the run settings (miners, tasks, beta, slots, seed) to <paramref name="command"/>.</summary>
    public void AddRunTo(Command command)
    {
        command.Options.Add(Miners);
        command.Options.Add(Tasks);
        command.Options.Add(Beta);
        command.Options.Add(Slots);
        command.Options.Add(Seed);
    }

    /// <summary>The validated model parameters: preset, then the config file, then each --set in order.</summary>
    public ModelParameters ResolveParameters(ParseResult parse)
    {
        string presetName = parse.GetValue(Preset) ?? "calibrated";
        var parameters = Presets.Find(presetName)
            ?? throw new UsageException($"--preset {presetName}: unknown preset; allowed: {string.Join(", ", Presets.Names)}");
        if (parse.GetValue(Config) is { } configPath)
        {
            parameters = ParameterCatalog.ApplyFile(parameters, configPath);
        }

        foreach (string assignment in parse.GetValue(Set) ?? [])
        {
            parameters = ParameterCatalog.ApplySet(parameters, assignment);
        }

        return ParameterCatalog.Validate(parameters);
    }

    /// <summary>The validated environment settings of the run.</summary>
    public EnvironmentSettings ResolveSettings(ParseResult parse)
    {
        int miners = RequirePositive(parse.GetValue(Miners), "--miners", "the number of miners");
        int tasks = RequirePositive(parse.GetValue(Tasks), "--tasks", "tasks per miner");
        double beta = parse.GetValue(Beta);
        if (!(beta is >= 0 and <= 1))
        {
            throw new UsageException($"--beta {beta.ToString(CultureInfo.InvariantCulture)}: allowed: a number in [0, 1]");
        }

        return new EnvironmentSettings { Miners = miners, TasksPerMiner = tasks, Beta = beta };
    }

    /// <summary>The validated slot count.</summary>
    public long ResolveSlots(ParseResult parse) => RequirePositive(parse.GetValue(Slots), "--slots", "slots per run");

    /// <summary>Throws a usage error unless <paramref name="value"/> is positive.</summary>
    public static T RequirePositive<T>(T value, string option, string meaning)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: allowed: a positive integer ({meaning})"));
}
