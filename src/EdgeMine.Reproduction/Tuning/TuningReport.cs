using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeMine.Experiments;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Reporting;
using EdgeMine.Simulation;

namespace EdgeMine.Tuning;

/// <summary>
/// The outputs of <c>edgemine tune</c>: <c>tuning.csv</c> (every configuration of every learner, its values, its mean
/// reward over the tuning seeds with its interval, the paired difference from the defaults), <c>tuned.json</c> (the
/// chosen values per learner, read by <c>reproduce --tuned</c>) and <c>tuning.md</c> (the budget, the space, the
/// choices and the time). tuning.csv and tuned.json depend on the cells alone, so a resumed run writes them byte for
/// byte as an uninterrupted one; tuning.md also states the time, which does not.
/// </summary>
public static class TuningReport
{
    public const string CsvFile = "tuning.csv";

    public const string TunedFile = "tuned.json";

    public const string MarkdownFile = "tuning.md";

    /// <summary>The columns of tuning.csv.</summary>
    public const string CsvHeader = "learner,configuration,defaults,values,seeds,seed_rewards,reward_mean,reward_ci95_low,reward_ci95_high,difference_from_defaults,difference_ci95_low,difference_ci95_high,chosen,problem";

    /// <summary>Writes the three files atomically; returns their paths.</summary>
    /// <param name="job">The tuning.</param>
    /// <param name="rows">Each learner's rows (<see cref="TuningJob.Rows"/>).</param>
    /// <param name="wallSeconds">The wall time of this invocation.</param>
    /// <param name="cellSeconds">The summed training and evaluation time of the cells (earlier runs' included).</param>
    /// <param name="cellsReused">Cells an earlier run had finished.</param>
    public static IReadOnlyList<string> Write(TuningJob job, IReadOnlyDictionary<string, IReadOnlyList<TuningRow>> rows, double wallSeconds, double cellSeconds, int cellsReused)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(rows);
        var options = job.Options;
        var chosen = options.Learners.Select(l => (Learner: l, Chosen: TuningSelection.Choose(rows[l.Name]), Defaults: rows[l.Name][0])).ToArray();

        var csv = new StringBuilder(CsvHeader).Append('\n');
        foreach (var (learner, choice, defaults) in chosen)
        {
            foreach (var row in rows[learner.Name])
            {
                var reward = row.Reward;
                var difference = row.DifferenceFrom(defaults);
                csv.Append(string.Join(',',
                    learner.Name,
                    Whole(row.Configuration.Index),
                    row.Configuration.IsDefault ? "true" : "false",
                    Csv.Field(row.Configuration.ValuesText),
                    Whole(options.Sizes.TrainingSeeds),
                    string.Join(' ', row.SeedRewards.Select(Number)),
                    Number(reward.Mean),
                    Number(reward.Low),
                    Number(reward.High),
                    Number(difference.Mean),
                    Number(difference.Low),
                    Number(difference.High),
                    ReferenceEquals(row, choice) ? "true" : "false",
                    Csv.Field(row.Problem ?? ""))).Append('\n');
            }
        }

        string csvPath = Path.Combine(options.OutDirectory, CsvFile);
        AtomicFile.WriteAllText(csvPath, csv.ToString());

        var about = new JsonObject
        {
            ["format"] = 1,
            ["rule"] = TuningSelection.Rule,
            ["preset"] = options.Preset,
            ["setting"] = options.Sizes.Setting.Describe(),
            ["configurations"] = options.Sizes.Configurations,
            ["training_seeds"] = options.Sizes.TrainingSeeds,
            ["training_slots"] = options.Sizes.TrainingSlots,
            ["evaluation"] = string.Create(CultureInfo.InvariantCulture, $"{options.Sizes.EvaluationRuns} runs x {options.Sizes.EvaluationSlots} slots"),
            ["tuning_seed"] = options.Seed,
        };
        string tunedPath = Path.Combine(options.OutDirectory, TunedFile);
        AtomicFile.WriteAllText(tunedPath, TunedValues.ToJson(about, chosen.Select(c => (c.Chosen, c.Defaults))));

        string markdownPath = Path.Combine(options.OutDirectory, MarkdownFile);
        AtomicFile.WriteAllText(markdownPath, Markdown(job, rows, chosen.Select(c => (c.Learner, c.Chosen, c.Defaults)).ToArray(), wallSeconds, cellSeconds, cellsReused));
        return [csvPath, tunedPath, markdownPath];
    }

    /// <summary>The one-line summary the command prints: each learner's choice.</summary>
    public static string Summary(TuningJob job, IReadOnlyDictionary<string, IReadOnlyList<TuningRow>> rows)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(rows);
        return string.Join("; ", job.Options.Learners.Select(l =>
        {
            var choice = TuningSelection.Choose(rows[l.Name]);
            return string.Create(CultureInfo.InvariantCulture, $"{l.Name}: configuration {choice.Configuration.Index}{(choice.Configuration.IsDefault ? " (the defaults)" : "")}, reward {choice.Reward.Mean:G4}");
        }));
    }

    private static string Markdown(
        TuningJob job, IReadOnlyDictionary<string, IReadOnlyList<TuningRow>> rows, (TunedLearner Learner, TuningRow Chosen, TuningRow Defaults)[] chosen, double wallSeconds, double cellSeconds, int cellsReused)
    {
        var o = job.Options;
        var s = o.Sizes;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.Append(FormattableString.Invariant(line)).Append('\n');
        Line($"# Tuning of the learners' unstated values");
        Line($"");
        Line($"Written by `edgemine tune`{(o.Quick ? " --quick (shrunk sizes: a first look, not a tuning)" : "")}. Preset {o.Preset}. Every learner gets the same budget; the values the paper states are never tuned (MODEL.md sections 7 and 11).");
        Line($"");
        Line($"## Budget (the same for every learner)");
        Line($"");
        Line($"- {s.Configurations} configurations per learner: the defaults (configuration 0) and {s.Configurations - 1} points of a Latin hypercube over the learner's tuned keys, drawn from the tuning seed {o.Seed}.");
        Line($"- {s.TrainingSeeds} tuning training seeds per configuration ({o.Seed + 1} to {o.Seed + (ulong)s.TrainingSeeds}), {s.TrainingSlots} training slots each; evaluated on tuning evaluation seed {job.EvaluationSeed}, {s.EvaluationRuns} runs x {s.EvaluationSlots} slots, common to every configuration and learner. Apart from the evaluation's: evaluate uses seed 1000, train --seeds S seeds 1 to S, reproduce seeds derived from its seed by hashing.");
        Line($"- Setting: {s.Setting.Describe()}.");
        Line($"- Rule: {TuningSelection.Rule}. The interval is a 95% t-interval over the seeds' means; the difference from the defaults is paired by seed.");
        Line($"");
        Line($"## Space and choice per learner");
        foreach (var (learner, choice, defaults) in chosen)
        {
            Line($"");
            Line($"### {learner.Name} ({learner.Scheme.Label})");
            Line($"");
            Line($"| key | origin | tuned over | default | chosen | source |");
            Line($"|---|---|---|---|---|---|");
            foreach (var key in learner.Keys)
            {
                string origin = key.Tuning.Origin switch
                {
                    LearnerKeyOrigin.Paper => "stated by the paper",
                    LearnerKeyOrigin.Ablation => "method switch (ablations)",
                    _ => key.Tuning.IsTuned ? "ours, tuned" : "ours, held",
                };
                string chosenValue = choice.Configuration.Values.TryGetValue(key.Name, out var v) ? v : "";
                Line($"| {key.Name} | {origin} | {key.Tuning.Range?.ToString() ?? ""} | {key.Default ?? ""} | {chosenValue} | {key.Tuning.Source.Replace("|", "/", StringComparison.Ordinal)} |");
            }

            var reward = choice.Reward;
            var difference = choice.DifferenceFrom(defaults);
            int ran = rows[learner.Name].Count(r => r.SeedRewards.Count > 0);
            Line($"");
            Line($"Chosen: configuration {choice.Configuration.Index}{(choice.Configuration.IsDefault ? " (the defaults)" : "")}, `{choice.Configuration.ValuesText}`: reward {Short(reward)}; defaults {Short(defaults.Reward)}; paired difference from the defaults {Short(difference)} ({ran} of {rows[learner.Name].Count} configurations ran; every configuration's numbers are in tuning.csv).");
        }

        Line($"");
        Line($"## Time");
        Line($"");
        Line($"Wall time of this invocation {wallSeconds:F0} s ({cellsReused} cells reused from earlier runs); summed cell time {cellSeconds:F0} s over {job.Cells.Count} cells; {Environment.ProcessorCount} cores, {o.Jobs} jobs; load average at the end {LoadAverage()} (a shared machine: other work ran beside it).");
        return text.ToString();
    }

    // The 1, 5 and 15 minute load averages (Linux), or "unknown".
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    // A mean and its 95% interval to 4 significant digits, for reading (tuning.csv keeps every digit).
    private static string Short(Estimate estimate) => double.IsFinite(estimate.Mean)
        ? string.Create(CultureInfo.InvariantCulture, $"{estimate.Mean:G4} [{estimate.Low:G4}, {estimate.High:G4}]")
        : "n/a";

    private static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";
}
