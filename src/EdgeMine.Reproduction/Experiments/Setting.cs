using System.Globalization;
using EdgeMine.Model;
using EdgeMine.Settings;

namespace EdgeMine.Experiments;

/// <summary>
/// One point of an experiment: N, M, beta and, for Fig. 7, the arrival size d (kbit per slot, D1 ~ U[0.5 d, 1.5 d]);
/// for the sequential experiment, the scenario whose parameters replace the preset's.
/// </summary>
internal sealed record Setting(int Miners, int Tasks, double Beta, double? ArrivalKbit = null, SequentialScenario? Scenario = null)
{
    /// <summary>A stable name, used in file names and seeds: <c>n5-m2-b0.5</c>, <c>n1-m1-b0.5-d40</c>, <c>buffering-n5-m2-b0.5</c>.</summary>
    public string Key => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Scenario is { } scenario ? scenario.Name + "-" : "")}n{Miners}-m{Tasks}-b{Beta}{(ArrivalKbit is { } d ? $"-d{d}" : "")}");

    /// <summary>The preset with this setting's arrival bounds (MODEL.md section 8, Fig. 7), or the scenario's parameters.</summary>
    public ModelParameters Apply(ModelParameters preset) =>
        Scenario is { } scenario ? scenario.Parameters
        : ArrivalKbit is { } d ? preset with { ArrivalMinBits = 0.5 * d * 1e3, ArrivalMaxBits = 1.5 * d * 1e3 } : preset;

    public EnvironmentSettings Environment => RunSettings.Shape(Miners, Tasks, Beta, s => s.Key);

    /// <summary>The setting's values by key, as cell files record them.</summary>
    public IReadOnlyDictionary<string, string> Values
    {
        get
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [RunSettings.Miners.Key] = RunSettings.Miners.Format(Miners),
                [RunSettings.Tasks.Key] = RunSettings.Tasks.Format(Tasks),
                [RunSettings.Beta.Key] = RunSettings.Beta.Format(Beta),
            };
            if (ArrivalKbit is { } d)
            {
                values["arrival_kbit"] = d.ToString("R", CultureInfo.InvariantCulture);
            }

            if (Scenario is { } scenario)
            {
                values["scenario"] = scenario.Name;
            }

            return values;
        }
    }

    /// <summary>The setting as the paper writes it: <c>N=5, M=2, beta=0.5</c> (and <c>d=10 kbit</c> for Fig. 7).</summary>
    public string Describe() =>
        (Scenario is { } scenario ? scenario.Name + ": " : "")
        + FormattableString.Invariant($"N={Miners}, M={Tasks}, beta={Beta}") + (ArrivalKbit is { } d ? FormattableString.Invariant($", d={d} kbit") : "");
}
