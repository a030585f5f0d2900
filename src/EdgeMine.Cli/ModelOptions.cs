using EdgeMine.Model;

namespace EdgeMine.Cli;

/// <summary>
/// The options every model-running command shares: the preset, the config file and <c>--set</c> overrides. Resolving them
/// parses, validates and freezes the configuration.
/// </summary>
internal sealed class ModelOptions
{
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = $"Parameter preset: {string.Join(" or ", Presets.Names)} (default {Presets.Names[0]}; MODEL.md section 9).",
        DefaultValueFactory = _ => Presets.Names[0],
    };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "JSON file: a flat object of config keys to numbers (usage_privacy_form: \"eq8\" or \"withheld\"), applied over the preset.",
    };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override one config key, key=value (repeatable; applied after --config).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Adds the model options (preset, config, set) to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.AddOptions(Preset, Config, Set);

    /// <summary>The preset's name, checked.</summary>
    public string PresetName(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        string name = parse.GetValue(Preset) ?? Presets.Names[0];
        return Presets.Find(name) is null
            ? throw new UsageException($"--preset {UserInput.Quote(name)}: unknown preset; allowed: {string.Join(", ", Presets.Names)}")
            : name;
    }

    /// <summary>The validated model parameters: preset, then the config file, then each --set in order.</summary>
    public ModelParameters ResolveParameters(ParseResult parse) => ResolveParameters(parse, Presets.Find(PresetName(parse))!);

    /// <summary>The validated model parameters: <paramref name="parameters"/> (a preset, or a trained model's), then the config file, then each --set.</summary>
    public ModelParameters ResolveParameters(ParseResult parse, ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Config) is { } configPath)
        {
            parameters = ParameterCatalog.ApplyFile(parameters, configPath);
        }

        foreach (string assignment in parse.GetValue(Set) ?? [])
        {
            var (key, value) = KeyValue(assignment, "--set", "--set rate_bad_bps=1e6");
            parameters = ParameterCatalog.Apply(parameters, key, value, $"--set {UserInput.Quote(assignment)}");
        }

        return ParameterCatalog.Validate(parameters);
    }

    /// <summary>Splits <c>key=value</c>, or a usage error naming <paramref name="option"/> with an example.</summary>
    public static (string Key, string Value) KeyValue(string assignment, string option, string example)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return eq > 0
            ? (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim())
            : throw new UsageException($"{option} {UserInput.Quote(assignment)}: expected key=value, e.g. {example}");
    }
}
