namespace EdgeMine.Cells;

/// <summary>What an output directory holds, recorded by the name of its manifest file.</summary>
public enum DirectoryKind
{
    /// <summary><c>edgemine train</c>: config.json, curve.csv, model.bin.</summary>
    TrainingRun,

    /// <summary><c>edgemine train --seeds S</c> with S &gt; 1: seeds.json, and seed-1 to seed-S, one training run each.</summary>
    TrainingSeeds,

    /// <summary><c>edgemine reproduce</c>: reproduction.json, cells/, the CSVs, figures and report.</summary>
    Reproduction,

    /// <summary><c>edgemine sweep</c>: sweep.json, cells/, results.csv.</summary>
    Sweep,
}

/// <summary>How <see cref="OutputDirectory.Bind"/> found the directory.</summary>
public enum BindOutcome
{
    /// <summary>The manifest was written now: a new directory, or one whose earlier run left no results.</summary>
    New,

    /// <summary>The directory already held this very manifest: a run to continue.</summary>
    Existing,
}

/// <summary>
/// The one way a job binds an output directory to what it computes: its kind and its manifest (the canonical text of
/// its configuration: config.json, reproduction.json, sweep.json). Results are found by name inside the directory, so a
/// directory must never hold two configurations, nor be used as another kind: both are refused with a line that says
/// what the directory holds. A directory whose earlier run stopped before writing any result is taken over.
/// </summary>
public static class OutputDirectory
{
    /// <summary>The manifest file of each kind.</summary>
    public static string ManifestFile(DirectoryKind kind) => kind switch
    {
        DirectoryKind.TrainingRun => "config.json",
        DirectoryKind.TrainingSeeds => "seeds.json",
        DirectoryKind.Reproduction => "reproduction.json",
        DirectoryKind.Sweep => "sweep.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>How messages name each kind: <c>training run</c>, <c>reproduction</c>, <c>sweep</c>.</summary>
    public static string Noun(DirectoryKind kind) => kind switch
    {
        DirectoryKind.TrainingRun => "training run",
        DirectoryKind.TrainingSeeds => "set of training runs, one per seed",
        DirectoryKind.Reproduction => "reproduction",
        DirectoryKind.Sweep => "sweep",
        _ => kind.ToString(),
    };

    /// <summary>"a training run", "a reproduction", "a sweep".</summary>
    public static string Describe(DirectoryKind kind) => $"a {Noun(kind)}";

    /// <summary>The kind of <paramref name="directory"/> by its manifest, or null when it holds none.</summary>
    public static DirectoryKind? KindOf(string directory) =>
        Enum.GetValues<DirectoryKind>().Cast<DirectoryKind?>().FirstOrDefault(k => File.Exists(Path.Combine(directory, ManifestFile(k!.Value))));

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and binds it to <paramref name="manifest"/>. Refused (a
    /// <see cref="ConfigurationException"/> naming <paramref name="option"/> and the directory): a directory of another
    /// kind, and one whose manifest differs while <paramref name="hasResults"/> says it holds results of it.
    /// </summary>
    public static BindOutcome Bind(string directory, DirectoryKind kind, string manifest, string option, Func<bool> hasResults)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(hasResults);
        string where = $"{option} {UserInput.Quote(directory)}";
        if (directory.Length == 0)
        {
            throw new ConfigurationException($"{option} '': allowed: a directory path");
        }

        if (File.Exists(directory))
        {
            throw new ConfigurationException($"{where}: is a file; allowed: a directory (new, or one written by the same command)");
        }

        if (KindOf(directory) is { } other && other != kind)
        {
            throw new ConfigurationException($"{where}: the directory holds {Describe(other)} ({ManifestFile(other)}); choose another directory for {Describe(kind)}");
        }

        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, ManifestFile(kind));
        if (File.Exists(path))
        {
            if (File.ReadAllText(path) == manifest)
            {
                return BindOutcome.Existing;
            }

            if (hasResults())
            {
                throw new ConfigurationException(
                    $"{where}: the directory holds {Describe(kind)} of another configuration ({path} differs); choose another directory, or remove it");
            }
        }

        IO.AtomicFile.WriteAllText(path, manifest);
        return BindOutcome.New;
    }
}
