namespace EdgeMine.Learning;

/// <summary>How a training request ended.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<TrainingStatus>))]
public enum TrainingStatus
{
    /// <summary>Trained from the first slot.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("trained")]
    Trained,

    /// <summary>Continued from a checkpoint.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("resumed")]
    Resumed,

    /// <summary>The directory already held the finished model of this configuration: nothing was run.</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("already-complete")]
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
        if (configuration.Learner.Algorithm.Problem(configuration) is { } problem)
        {
            throw new ConfigurationException(problem);
        }

        var outcome = OutputDirectory.Bind(directory, DirectoryKind.TrainingRun, configText, option, () => File.Exists(modelPath) || File.Exists(checkpointPath));
        if (outcome == BindOutcome.Existing && (File.Exists(modelPath) || File.Exists(checkpointPath)))
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

        var learner = configuration.Learner.Algorithm.Create(configuration);
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

        var configuration = TrainingConfiguration.FromJson(File.ReadAllText(configPath), configPath, catalog);
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

        if (configuration.Learner.Algorithm.Problem(configuration) is { } problem)
        {
            throw new ConfigurationException($"{Path.Combine(directory, ConfigFile)}: {problem}");
        }

        var learner = configuration.Learner.Algorithm.Create(configuration);
        using var stream = File.OpenRead(modelPath);
        try
        {
            learner.LoadModel(stream);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new ConfigurationException($"{modelPath}: cannot load the model ({e.Message}); retrain into this directory");
        }

        return learner;
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
