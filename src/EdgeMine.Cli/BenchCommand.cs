using System.Globalization;
using System.Text.Json;
using EdgeMine.Benchmarks;
using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Cli;

/// <summary>
/// <c>edgemine bench</c>: speed figures that the issues' targets are checked against. Benchmarks, not tests: timings on
/// a shared machine vary, so they print figures and assert nothing. This file parses the options and prints; the
/// measurements are the benchmarks' own (bench/EdgeMine.Benchmarks).
/// </summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("bench", "Measure speed: environment steps per second, DQN updates per second.");
        command.Subcommands.Add(CreateEnv(output));
        command.Subcommands.Add(CreateDqn(output));
        command.Subcommands.Add(CreateTrain(output, error));
        return command;
    }

    private static Command CreateTrain(TextWriter output, TextWriter error)
    {
        var algorithm = new Option<string>("--algo") { Description = "Learner to time.", DefaultValueFactory = _ => "drlo" };
        var variant = new Option<string>("--variant") { Description = "Learner configuration.", DefaultValueFactory = _ => "default" };
        var miners = new Option<string>("--miners") { Description = "Comma-separated N values.", DefaultValueFactory = _ => "1,10,100" };
        // M, the slots and the seed are train's options, with train's defaults (RunSettings).
        var tasks = new RunOption<int>(RunSettings.Tasks);
        var slots = new RunOption<long>(RunSettings.TrainingSlots);
        var seed = new RunOption<ulong>(RunSettings.Seed);
        var json = new Option<bool>("--json") { Description = "End with one JSON line: the configuration and N to seconds per slot." };
        var command = new Command("train", "Training time per slot as N grows (one thread; DRLO by default, which learns from slot 1,000 on).")
        {
            algorithm, variant, miners, tasks.Option, slots.Option, seed.Option, json,
        };
        command.SetAction(parse =>
        {
            int m = tasks.Value(parse);
            long t = slots.Value(parse);
            ulong trainingSeed = seed.Value(parse);
            var ns = ParseMiners(parse.GetValue(miners) ?? "");
            var perSlot = new List<(int Miners, double SecondsPerSlot)>();
            var learnerAlgorithm = SchemeCatalog.Full.Algorithm(parse.GetValue(algorithm)!, "--algo");
            var scheme = new LearnerScheme(learnerAlgorithm, parse.GetValue(variant)!);
            foreach (int n in ns)
            {
                double total = TrainingBenchmark.Seconds(scheme, n, m, t, trainingSeed);
                double seconds = total / t;
                perSlot.Add((n, seconds));
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{scheme.Algorithm.Name} ({scheme.Variant}) N = {n}, M = {m}: {t} slots in {total:F1} s, {seconds * 1e3:F3} ms per slot ({t / total:F0} slots/s)"));
            }

            if (parse.GetValue(json))
            {
                output.WriteLine(Output.JsonObject(j =>
                {
                    j.WriteString("algorithm", scheme.Algorithm.Name);
                    j.WriteString("variant", scheme.Variant);
                    j.WriteString("preset", Presets.Names[0]);
                    j.WriteNumber(RunSettings.Tasks.Key, m);
                    j.WriteNumber(RunSettings.Beta.Key, RunSettings.Beta.Default);
                    j.WriteNumber(RunSettings.TrainingSlots.Key, t);
                    j.WriteNumber(RunSettings.Seed.Key, trainingSeed);
                    j.WriteStartObject("seconds_per_slot");
                    foreach (var (n, seconds) in perSlot)
                    {
                        j.WriteNumber(n.ToString(CultureInfo.InvariantCulture), seconds);
                    }

                    j.WriteEndObject();
                }));
            }

            return 0;
        });
        return command;
    }

    /// <summary>Prints one measurement: with --json one JSON object (<paramref name="writeJson"/>), else one line of <paramref name="text"/>.</summary>
    private static void Print(TextWriter output, bool json, Action<Utf8JsonWriter> writeJson, string text) =>
        output.WriteLine(json ? Output.JsonObject(writeJson) : text);

    /// <summary>The length of a timed loop: in (0, 600] seconds, or a usage error.</summary>
    private static double RequireSeconds(double seconds) =>
        seconds is > 0 and <= 600
            ? seconds
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seconds {seconds}: allowed: a number in (0, 600]"));

    private static int[] ParseMiners(string text)
    {
        var values = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n <= 0)
            {
                throw new UsageException($"--miners {UserInput.Quote(text)}: {UserInput.Quote(part)} is not a positive integer; allowed: a comma-separated list such as 1,10,100");
            }

            values.Add(n);
        }

        return values.Count > 0 ? [.. values] : throw new UsageException("--miners: allowed: a comma-separated list of positive integers such as 1,10,100");
    }

    private static Command CreateDqn(TextWriter output)
    {
        var observations = new Option<int>("--obs") { Description = "Observation length D.", DefaultValueFactory = _ => 25 };
        var actions = new Option<int>("--actions") { Description = "Joint actions A (outputs of the joint head).", DefaultValueFactory = _ => 1024 };
        var batch = new Option<int>("--batch") { Description = "Batch size B.", DefaultValueFactory = _ => 128 };
        var seconds = new Option<double>("--seconds") { Description = "Length of each timed loop (s).", DefaultValueFactory = _ => 3.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON line {\"updates_per_s\", \"actions_per_s\"}." };
        var command = new Command("dqn", "One DQN training update of the paper's 300-200 network (sample, target forward, online forward, loss, backward, clip, Adam) and single-state greedy action selection, on one thread.")
        {
            observations, actions, batch, seconds, json,
        };
        command.SetAction(parse =>
        {
            int d = OptionChecks.RequirePositive(parse.GetValue(observations), "--obs", "observation length");
            int a = OptionChecks.RequirePositive(parse.GetValue(actions), "--actions", "joint actions");
            int b = OptionChecks.RequirePositive(parse.GetValue(batch), "--batch", "batch size");
            double duration = RequireSeconds(parse.GetValue(seconds));

            var result = DqnBenchmark.Measure(d, a, b, duration);
            Print(
                output,
                parse.GetValue(json),
                j =>
                {
                    j.WriteNumber("obs", d);
                    j.WriteNumber("actions", a);
                    j.WriteNumber("batch", b);
                    j.WriteNumber("updates_per_s", Math.Round(result.UpdatesPerSecond, 1));
                    j.WriteNumber("actions_per_s", Math.Round(result.ActionsPerSecond));
                },
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"DQN {d}-300-200-{a}, batch {b}, one thread: {result.UpdatesPerSecond:N1} updates/s ({1e3 / result.UpdatesPerSecond:F2} ms/update), {result.ActionsPerSecond:N0} greedy actions/s"));
            return 0;
        });
        return command;
    }

    private static Command CreateEnv(TextWriter output)
    {
        // N and M are simulate's options, with simulate's defaults (RunSettings).
        var miners = new RunOption<int>(RunSettings.Miners);
        var tasks = new RunOption<int>(RunSettings.Tasks);
        var seconds = new Option<double>("--seconds") { Description = "Length of the timed loop (s).", DefaultValueFactory = _ => 2.0 };
        var json = new Option<bool>("--json") { Description = "End with one JSON line {\"preset\", \"miners\", \"tasks\", \"steps_per_s\", \"allocated_bytes_per_step\"}." };
        var command = new Command("env", "Environment steps per second with the random policy, and bytes allocated per step.")
        {
            miners.Option, tasks.Option, seconds, json,
        };
        command.SetAction(parse =>
        {
            int n = miners.Value(parse);
            int m = tasks.Value(parse);
            double duration = RequireSeconds(parse.GetValue(seconds));

            var result = EnvironmentBenchmark.Measure(n, m, duration);
            Print(
                output,
                parse.GetValue(json),
                j =>
                {
                    j.WriteString("preset", Presets.Names[0]);
                    j.WriteNumber(RunSettings.Miners.Key, n);
                    j.WriteNumber(RunSettings.Tasks.Key, m);
                    j.WriteNumber("steps_per_s", Math.Round(result.StepsPerSecond));
                    j.WriteNumber("allocated_bytes_per_step", result.AllocatedBytesPerStep);
                },
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"environment N = {n}, M = {m}, random policy, one thread: {result.StepsPerSecond:N0} steps/s ({1e9 / result.StepsPerSecond:F1} ns/step), {result.AllocatedBytesPerStep} bytes allocated per step"));
            return 0;
        });
        return command;
    }
}
