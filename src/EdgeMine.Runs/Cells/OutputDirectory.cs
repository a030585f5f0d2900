namespace EdgeMine.Cells;

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
        DirectoryKind.Calibration => "calibration.json",
        DirectoryKind.Tuning => "tuning.json",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>How messages name each kind: <c>training run</c>, <c>reproduction</c>, <c>sweep</c>.</summary>
    public static string Noun(DirectoryKind kind) => kind switch
    {
        DirectoryKind.TrainingRun => "training run",
        DirectoryKind.TrainingSeeds => "set of training runs, one per seed",
        DirectoryKind.Reproduction => "reproduction",
        DirectoryKind.Sweep => "sweep",
        DirectoryKind.Calibration => "calibration",
        DirectoryKind.Tuning => "tuning",
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
    /// <remarks>
    /// The directory is locked first (<see cref="DirectoryLock"/>) until the returned binding is disposed (or the
    /// process ends): a second writer is refused naming the holder's PID; <paramref name="shared"/> holders (the tasks
    /// of one job array, each writing its own cell) coexist with each other but not with a whole run.
    /// </remarks>
    public static Binding Bind(string directory, DirectoryKind kind, string manifest, string option, Func<bool> hasResults, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(hasResults);
        string where = $"{option} {UserInput.Quote(directory)}";
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ConfigurationException($"{option} {UserInput.Quote(directory)}: allowed: a directory path");
        }

        if (IO.FileKind.Of(directory) is IO.PathKind.RegularFile or IO.PathKind.Special)
        {
            throw new ConfigurationException($"{where}: is a file; allowed: a directory (new, or one written by the same command)");
        }

        if (KindOf(directory) is { } earlier && earlier != kind)
        {
            throw new ConfigurationException($"{where}: the directory holds {Describe(earlier)} ({ManifestFile(earlier)}); choose another directory for {Describe(kind)}");
        }

        Directory.CreateDirectory(directory);
        var hold = DirectoryLock.Hold(directory, where, shared);
        try
        {
            // Checked again under the lock: another run may have bound the directory in between.
            if (KindOf(directory) is { } other && other != kind)
            {
                throw new ConfigurationException($"{where}: the directory holds {Describe(other)} ({ManifestFile(other)}); choose another directory for {Describe(kind)}");
            }

            string path = Path.Combine(directory, ManifestFile(kind));
            if (File.Exists(path))
            {
                if (File.ReadAllText(path) == manifest)
                {
                    return new Binding(BindOutcome.Existing, hold);
                }

                if (hasResults())
                {
                    throw new ConfigurationException(
                        $"{where}: the directory holds {Describe(kind)} of another configuration ({path} differs); choose another directory, or remove it");
                }
            }

            IO.AtomicFile.WriteAllText(path, manifest);
            return new Binding(BindOutcome.New, hold);
        }
        catch
        {
            hold.Dispose();
            throw;
        }
    }
}
