// README-BEGIN
using EdgeMine.Learning.Tabular;
using EdgeMine.Model;
using EdgeMine.Policies;
using EdgeMine.Schemes;
using EdgeMine.Simulation;
using EdgeMine.Training;

var settings = new EnvironmentSettings { Miners = 1, TasksPerMiner = 2, Beta = 0.5 };
string model = args.FirstOrDefault(a => !a.StartsWith('-')) ?? TrainRlo(settings); // or a directory of `edgemine train`
var (_, rlo) = TrainingDirectory.Load(model, SchemeCatalog.Full);

// Beside NO, EO, GO, Random and both optima, on evaluate's seeds (20 runs x 1000 slots, seed 1000):
var comparison = Comparison.Run([new BigOnGoodChannel(), rlo], ComparisonSetup.Of("calibrated", settings));
Console.Write(comparison.ToTable().ToText());                   // the table of `edgemine evaluate`
// README-END

if (args.Contains("--json"))
{
    Console.WriteLine(comparison.ToJson()); // the JSON of `edgemine evaluate --json`, for the test that compares the two
}

// RLO trained for 500 slots (seed 1) at these settings, into a temporary directory that later runs reuse.
static string TrainRlo(EnvironmentSettings settings)
{
    string directory = Path.Combine(Path.GetTempPath(), "edgemine-custom-policy-rlo");
    var configuration = new TrainingConfiguration
    {
        Learner = new LearnerScheme(RloAlgorithm.Instance),
        Preset = "calibrated",
        Parameters = Presets.Calibrated,
        Settings = settings,
        Slots = 500,
        Seed = 1,
    };
    TrainingDirectory.Train(configuration, directory, checkpointEvery: 0, resume: true);
    return directory;
}

/// <summary>
/// A rule of one's own: offload a task when its miner's channel is good and its data (buffered plus new) is larger than a
/// mean task's 100 kbit; otherwise compute it locally.
/// </summary>
internal sealed class BigOnGoodChannel : IOffloadingPolicy
{
    private const double LargeBits = 100e3;

    public string Name => "big-on-good";

    public void Reset(ulong seed)
    {
        // No randomness of its own.
    }

    public void Act(MiningEnvironment environment, Span<double> action)
    {
        int tasksPerMiner = environment.Settings.TasksPerMiner;
        for (int task = 0; task < action.Length; task++)
        {
            bool good = environment.ChannelGood[task / tasksPerMiner];
            bool large = environment.BufferedBits[task] + environment.ArrivedBits[task] > LargeBits;
            action[task] = good && large ? 1 : 0;
        }
    }
}
