using System.Globalization;
using EdgeMine.Cells;
using EdgeMine.IO;
using EdgeMine.Learning;
using EdgeMine.Schemes;
using EdgeMine.Settings;

namespace EdgeMine.Training;

/// <summary>
/// The directory of one training run: <c>config.json</c> (the exact configuration), <c>curve.csv</c> (slot, reward,
/// moving average, epsilon, loss), <c>model.bin</c> (the trained model) and, while training, <c>checkpoint.bin</c>.
/// Every file is written atomically; the model appears last, so a directory with a model is a finished run.
/// </summary>
public static class TrainingDirectory
{
    public const string ConfigFile = "config.json";
    public const string CurveFile = "curve.csv";
    public const string ModelFile = "model.bin";
    public const string CheckpointFile = "checkpoint.bin";

    /// <summary>
    /// Trains <paramref name="configuration"/> into <paramref name="directory"/>. Without <paramref name="resume"/> the
    /// directory must not hold a run with results; with it, training continues from the last checkpoint, or returns at
    /// once when the model is already there.
    /// </summary>
    public static TrainingStatus Train(
        TrainingConfiguration configuration,
        string directory,
        long checkpointEvery,
        bool resume,
        Action<TrainingProgress>? progress = null,
        string option = "--out",
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string configText = configuration.ToJson();
        string modelPath = Path.Combine(directory, ModelFile);
        string checkpointPath = Path.Combine(directory, CheckpointFile);
        if (configuration.Problem() is { } problem)
        {
            throw new ConfigurationException(problem);
        }

        using var binding = OutputDirectory.Bind(directory, DirectoryKind.TrainingRun, configText, option, () => File.Exists(modelPath) || File.Exists(checkpointPath));
        if (binding.Outcome == BindOutcome.Existing && (File.Exists(modelPath) || File.Exists(checkpointPath)))
        {
            if (!resume)
            {
                throw new ConfigurationException($"{option} {UserInput.Quote(directory)}: the directory already holds a training run; pass --resume to continue it, or choose another directory");
            }

            if (File.Exists(modelPath))
            {
                return TrainingStatus.AlreadyComplete;
            }
        }

        var learner = configuration.CreateLearner();
        bool resuming = resume && File.Exists(checkpointPath);

        // The curve streams to a partial file, which becomes curve.csv when training ends; the model appears last.
        string partialCurve = Path.Combine(directory, PartialCurveFile);
        var options = new TrainingOptions { Slots = configuration.Slots, Seed = configuration.Seed, CheckpointEvery = checkpointEvery };
        var run = new TrainingRun(configuration.Parameters, configuration.Settings, learner, options);
        TrainToFiles(run, options, partialCurve, checkpointPath, resume, configText, progress, cancellation);
        File.Move(partialCurve, Path.Combine(directory, CurveFile), overwrite: true);
        CheckedFile.Write(modelPath, ModelKind, ModelContext(configuration), learner.SaveModel);
        File.Delete(checkpointPath);
        return resuming ? TrainingStatus.Resumed : TrainingStatus.Trained;
    }

    /// <summary>The learning curve while it is trained, renamed to <see cref="CurveFile"/> at the end.</summary>
    public const string PartialCurveFile = "curve.partial.csv";

    /// <summary>The kind of a model file in its envelope.</summary>
    internal const string ModelKind = "trained model";

    /// <summary>The kind of a checkpoint file in its envelope.</summary>
    internal const string CheckpointKind = "training checkpoint";

    /// <summary>What a model file is bound to: the learner and the shapes of its observation and action.</summary>
    internal static string ModelContext(TrainingConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var s = configuration.Settings;
        return string.Create(CultureInfo.InvariantCulture, $"{configuration.Learner.Name} at N = {s.Miners}, M = {s.TasksPerMiner}{(s.ExtendedObservation ? ", extended observation" : "")}");
    }

    /// <summary>The manifest of a directory of several training seeds (<c>train --seeds S</c>).</summary>
    public static string SeedsFile => OutputDirectory.ManifestFile(DirectoryKind.TrainingSeeds);

    /// <summary>The training run of seed <paramref name="k"/> (from 1) in a directory of several seeds.</summary>
    public static string SeedDirectory(string directory, int k) => Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"seed-{k}"));

    /// <summary>
    /// Trains <paramref name="configuration"/> with <paramref name="seeds"/> independent training seeds: with one, into
    /// <paramref name="directory"/> itself (<see cref="Train"/>); with more, seed k (from 1) with training seed
    /// <c>Seed + k - 1</c> into <see cref="SeedDirectory"/>, beside <see cref="SeedsFile"/>. Each seed is its own
    /// resumable run; finished ones are skipped on <paramref name="resume"/>. <paramref name="progress"/> gets the seed
    /// (from 1) with each report.
    /// </summary>
    public static IReadOnlyList<TrainingStatus> TrainSeeds(
        TrainingConfiguration configuration,
        int seeds,
        string directory,
        long checkpointEvery,
        bool resume,
        Action<int, TrainingProgress>? progress = null,
        string option = "--out",
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RunSettings.TrainingSeeds.Check(seeds, RunSettings.TrainingSeeds.Option);
        if (seeds == 1)
        {
            return [Train(configuration, directory, checkpointEvery, resume, p => progress?.Invoke(1, p), option, cancellation)];
        }

        if (configuration.Seed > ulong.MaxValue - (ulong)(seeds - 1))
        {
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{RunSettings.Seed.Option} {configuration.Seed} with {RunSettings.TrainingSeeds.Option} {seeds}: seeds run from --seed to --seed + {seeds - 1}; allowed: --seed at most {ulong.MaxValue - (ulong)(seeds - 1)}"));
        }

        var manifest = new System.Text.Json.Nodes.JsonObject
        {
            ["format"] = 1,
            ["seeds"] = seeds,
            ["first_seed_configuration"] = System.Text.Json.Nodes.JsonNode.Parse(configuration.ToJson()),
        };
        bool HasResults() => Enumerable.Range(1, seeds).Any(k => File.Exists(Path.Combine(SeedDirectory(directory, k), ModelFile)) || File.Exists(Path.Combine(SeedDirectory(directory, k), CheckpointFile)));
        using var binding = OutputDirectory.Bind(directory, DirectoryKind.TrainingSeeds, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n", option, HasResults);
        if (binding.Outcome == BindOutcome.Existing && HasResults() && !resume)
        {
            throw new ConfigurationException($"{option} {UserInput.Quote(directory)}: the directory already holds training runs of these seeds; pass --resume to continue them, or choose another directory");
        }

        var statuses = new List<TrainingStatus>();
        for (int k = 1; k <= seeds; k++)
        {
            int seed = k;
            statuses.Add(Train(
                configuration with { Seed = configuration.Seed + (ulong)(k - 1) },
                SeedDirectory(directory, k),
                checkpointEvery,
                resume,
                p => progress?.Invoke(seed, p),
                $"{option} {UserInput.Quote(directory)} (seed {k})",
                cancellation));
        }

        return statuses;
    }

    /// <summary>
    /// Every finished training run of <paramref name="directory"/>: its one run, or each seed's of a directory of
    /// several seeds (<see cref="TrainSeeds"/>), in seed order.
    /// </summary>
    public static IReadOnlyList<(TrainingConfiguration Configuration, ILearner Learner)> LoadSeeds(string directory, SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string manifest = Path.Combine(directory, SeedsFile);
        if (!File.Exists(manifest))
        {
            return [Load(directory, catalog)];
        }

        int seeds;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(UserInput.ReadText(manifest, UserInput.Quote(manifest), "the seeds manifest"));
            seeds = document.RootElement.GetProperty("seeds").GetInt32();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ConfigurationException($"{UserInput.Quote(manifest)}: not a seeds manifest written by 'edgemine train --seeds' ({UserInput.Message(e.Message)})");
        }

        if (!RunSettings.TrainingSeeds.Admits(seeds))
        {
            throw new ConfigurationException($"{UserInput.Quote(manifest)}: seeds {seeds}; allowed: {RunSettings.TrainingSeeds.Allowed}");
        }

        return Enumerable.Range(1, seeds).Select(k => Load(SeedDirectory(directory, k), catalog)).ToArray();
    }

    /// <summary>
    /// Loads the configuration and trained learner of a finished run in <paramref name="directory"/>;
    /// <paramref name="catalog"/> resolves the algorithm named in its configuration.
    /// </summary>
    public static (TrainingConfiguration Configuration, ILearner Learner) Load(string directory, SchemeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        string configPath = Path.Combine(directory, ConfigFile);
        if (!File.Exists(configPath))
        {
            throw new ConfigurationException($"--model {UserInput.Quote(directory)}: no {ConfigFile} there; expected a directory written by 'edgemine train'");
        }

        var configuration = TrainingConfiguration.FromJson(UserInput.ReadText(configPath, UserInput.Quote(configPath), "the training configuration"), UserInput.Quote(configPath), catalog);
        return (configuration, LoadModel(configuration, directory));
    }

    /// <summary>The trained learner of <paramref name="configuration"/>, read from <paramref name="directory"/>'s model file.</summary>
    public static ILearner LoadModel(TrainingConfiguration configuration, string directory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(modelPath))
        {
            throw new ConfigurationException($"--model {UserInput.Quote(directory)}: no {ModelFile} there; the training run has not finished (continue it with 'edgemine train ... --resume')");
        }

        if (configuration.Problem() is { } problem)
        {
            throw new ConfigurationException($"{UserInput.Quote(Path.Combine(directory, ConfigFile))}: {problem}");
        }

        var learner = configuration.CreateLearner();
        return CheckedFile.Read(modelPath, ModelKind, ModelContext(configuration), $"retrain into {UserInput.Quote(directory)}", stream =>
        {
            learner.LoadModel(stream);
            return learner;
        });
    }

    /// <summary>
    /// Trains <paramref name="run"/>, appending each slot's row to the curve file <paramref name="curvePath"/> as it goes
    /// (so that memory does not grow with the slots) and writing a checkpoint every
    /// <see cref="TrainingOptions.CheckpointEvery"/> slots to <paramref name="checkpointPath"/>, which records how much
    /// of the curve file it covers. With <paramref name="resume"/> and a checkpoint, training continues from it: the
    /// curve file is cut back to what the checkpoint covers. <paramref name="fingerprint"/> identifies the configuration:
    /// a checkpoint of another configuration is refused.
    /// </summary>
    private static void TrainToFiles(
        TrainingRun run,
        TrainingOptions options,
        string curvePath,
        string checkpointPath,
        bool resume,
        string fingerprint,
        Action<TrainingProgress>? progress,
        CancellationToken cancellation)
    {
        long curveBytes = 0;
        if (resume && File.Exists(checkpointPath))
        {
            curveBytes = CheckedFile.Read(
                checkpointPath, CheckpointKind, context: null, $"delete {UserInput.Quote(checkpointPath)} to train from the start",
                stream => run.ReadCheckpoint(BinaryFormat.Reader(stream), fingerprint));
        }

        using var curve = CurveWriter.Open(curvePath, curveBytes, checkpointPath);
        run.Loop(
            curve.Append,
            options.CheckpointEvery > 0 ? () => WriteCheckpoint(run, checkpointPath, fingerprint, curve.Flush()) : null,
            progress,
            cancellation);
        curve.Flush();
    }

    private static void WriteCheckpoint(TrainingRun run, string path, string fingerprint, long curveBytes) =>
        CheckedFile.Write(path, CheckpointKind, "", stream =>
        {
            using var writer = BinaryFormat.Writer(stream);
            run.WriteCheckpoint(writer, fingerprint, curveBytes);
        });
}
