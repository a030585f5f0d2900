using System.Globalization;
using System.Text;
using EdgeMine.IO;
using EdgeMine.Model;

namespace EdgeMine.Learning;

/// <summary>How a training request ended.</summary>
public enum TrainingStatus
{
    /// <summary>Trained from the first slot.</summary>
    Trained,

    /// <summary>Continued from a checkpoint.</summary>
    Resumed,

    /// <summary>The directory already held the finished model of this configuration: nothing was run.</summary>
    AlreadyComplete,
}

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
    /// directory must not hold another run; with it, training continues from the last checkpoint, or returns at once
    /// when the model is already there.
    /// </summary>
    public static TrainingStatus Train(
        TrainingConfiguration configuration,
        string directory,
        long checkpointEvery,
        bool resume,
        Action<TrainingProgress>? progress = null,
        CancellationToken cancellation = default)
    {
        string configText = configuration.ToJson();
        string configPath = Path.Combine(directory, ConfigFile);
        string modelPath = Path.Combine(directory, ModelFile);
        string checkpointPath = Path.Combine(directory, CheckpointFile);
        Directory.CreateDirectory(directory);
        if (File.Exists(configPath))
        {
            bool same = File.ReadAllText(configPath) == configText;
            if (!resume)
            {
                throw new ConfigurationException($"--out {directory}: the directory already holds a training run; pass --resume to continue it, or choose another --out");
            }

            if (!same)
            {
                throw new ConfigurationException($"--out {directory}: the directory holds a run of another configuration ({ConfigFile} differs); --resume continues only the same run");
            }

            if (File.Exists(modelPath))
            {
                return TrainingStatus.AlreadyComplete;
            }
        }

        var learner = LearnerCatalog.Create(configuration)
            ?? throw new ConfigurationException(LearnerCatalog.Check(configuration) ?? $"unknown learner {configuration.Algorithm}");
        AtomicFile.WriteAllText(configPath, configText);
        bool resuming = resume && File.Exists(checkpointPath);
        var curve = Trainer.Train(
            configuration.Parameters,
            configuration.Settings,
            learner,
            new TrainingOptions { Slots = configuration.Slots, Seed = configuration.Seed, CheckpointEvery = checkpointEvery },
            checkpointPath,
            resume,
            configText,
            progress,
            cancellation);
        WriteCurve(Path.Combine(directory, CurveFile), curve);
        AtomicFile.Write(modelPath, learner.SaveModel);
        File.Delete(checkpointPath);
        return resuming ? TrainingStatus.Resumed : TrainingStatus.Trained;
    }

    /// <summary>Loads the configuration and trained learner of a finished run in <paramref name="directory"/>.</summary>
    public static (TrainingConfiguration Configuration, ILearner Learner) Load(string directory)
    {
        string configPath = Path.Combine(directory, ConfigFile);
        string modelPath = Path.Combine(directory, ModelFile);
        if (!File.Exists(configPath))
        {
            throw new ConfigurationException($"--model {directory}: no {ConfigFile} there; expected a directory written by 'edgemine train'");
        }

        if (!File.Exists(modelPath))
        {
            throw new ConfigurationException($"--model {directory}: no {ModelFile} there; the training run has not finished (continue it with 'edgemine train ... --resume')");
        }

        var configuration = TrainingConfiguration.FromJson(File.ReadAllText(configPath), configPath);
        var learner = LearnerCatalog.Create(configuration)
            ?? throw new ConfigurationException($"{configPath}: {LearnerCatalog.Check(configuration) ?? "unknown learner"}");
        using (var stream = File.OpenRead(modelPath))
        {
            try
            {
                learner.LoadModel(stream);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new ConfigurationException($"{modelPath}: cannot load the model ({e.Message})");
            }
        }

        return (configuration, learner);
    }

    /// <summary>Writes the learning curve as CSV (invariant culture, round-trippable numbers).</summary>
    public static void WriteCurve(string path, IReadOnlyList<CurveRow> curve)
    {
        var text = new StringBuilder("slot,reward,moving_average,epsilon,loss\n");
        foreach (var row in curve)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Slot},{row.Reward:R},{row.MovingAverage:R},{row.Epsilon:R},{(double.IsNaN(row.Loss) ? "" : row.Loss.ToString("R", CultureInfo.InvariantCulture))}\n");
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }
}
