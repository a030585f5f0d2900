using EdgeMine.Experiments;
using EdgeMine.Model;
using EdgeMine.Tuning;

namespace EdgeMine.Tests.Tuning;

/// <summary><c>reproduce --tuned</c>: the file's values reach the tuned learners' cells and the manifest; bad files are refused in one line.</summary>
public sealed class TunedValuesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private const string Good = """
        {"format": 1, "learners": {
          "rlo": {"values": {"learning_rate": "0.2", "d1_bins": "3"}},
          "drlo-paper": {"values": {"learning_rate": "0.0005"}}
        }}
        """;

    [Fact]
    public void The_tuned_learners_cells_train_with_the_files_values_and_the_manifest_records_them()
    {
        var tuned = TunedValues.Read(_directory.Write("tuned.json", Good), "--tuned");
        var options = new ReproductionOptions("calibrated", Presets.Calibrated, _directory.File("out"), ReproductionSizes.Quick)
        {
            Quick = true,
            Only = [MultiMinerTables.Table2.Name],
            Tuned = tuned,
        };
        var reproduction = new Reproduction(options);
        var rlo = reproduction.Cells.Where(c => c.Scheme.Name == "rlo").ToArray();
        Assert.NotEmpty(rlo);
        Assert.All(rlo, c => Assert.Equal("0.2", c.LearnerOptions["learning_rate"]));
        Assert.All(rlo, c => Assert.Equal("3", c.LearnerOptions["d1_bins"]));
        Assert.All(reproduction.Cells.Where(c => c.Scheme.Name == "drlo-paper"), c => Assert.Equal("0.0005", c.LearnerOptions["learning_rate"]));
        Assert.All(reproduction.Cells.Where(c => c.Scheme.Name == "drlo-shared"), c => Assert.Empty(c.LearnerOptions)); // not in the file: its defaults
        Assert.Contains("\"tuned\"", reproduction.Manifest, StringComparison.Ordinal);
        Assert.Contains("\"d1_bins\": \"3\"", reproduction.Manifest, StringComparison.Ordinal);

        var untuned = new Reproduction(options with { Tuned = null });
        Assert.All(untuned.Cells, c => Assert.Empty(c.LearnerOptions));
        Assert.DoesNotContain("\"tuned\"", untuned.Manifest, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ablations_arm_runs_with_its_learners_tuned_values_and_its_own_change_over_them()
    {
        // The arm "RLO at discount 0" must differ from the tuned RLO in the discount alone: the file's learning_rate 0.2 and
        // d1_bins 3, plus discount 0; the paper DQN's arm likewise keeps its tuned learning_rate 0.0005.
        var tuned = TunedValues.Read(_directory.Write("tuned.json", Good), "--tuned");
        var options = new ReproductionOptions("calibrated", Presets.Calibrated, _directory.File("out"), ReproductionSizes.Quick)
        {
            Quick = true,
            Only = ["ablations"],
            Tuned = tuned,
        };
        var reproduction = new Reproduction(options);
        var rloArm = reproduction.Cells.Where(c => c.Scheme.Name == "rlo" && c.LearnerOptions.TryGetValue("discount", out var d) && d == "0").ToArray();
        Assert.NotEmpty(rloArm);
        Assert.All(rloArm, c => Assert.Equal(["d1_bins", "discount", "learning_rate"], c.LearnerOptions.Keys));
        Assert.All(rloArm, c => Assert.Equal(("3", "0.2"), (c.LearnerOptions["d1_bins"], c.LearnerOptions["learning_rate"])));
        var dqnArm = reproduction.Cells.Where(c => c.Scheme.Name == "drlo-paper" && c.LearnerOptions.ContainsKey("discount")).ToArray();
        Assert.NotEmpty(dqnArm);
        Assert.All(dqnArm, c => Assert.Equal("0.0005", c.LearnerOptions["learning_rate"]));
    }

    [Theory]
    [InlineData("{\"format\": 1, \"learners\": {\"drlo-paper\": {\"values\": {\"discount\": \"0\"}}}}", "stated by the paper")]
    [InlineData("{\"format\": 1, \"learners\": {\"rlo\": {\"values\": {\"reward\": \"team\"}}}}", "a switch between methods")]
    [InlineData("{\"format\": 1, \"learners\": {\"rlo\": {\"values\": {\"learning_rate\": \"fast\"}}}}", "learning_rate 'fast': allowed")]
    [InlineData("{\"format\": 1, \"learners\": {\"cmdp\": {\"values\": {}}}}", "not a tuned learner")]
    [InlineData("{\"format\": 2, \"learners\": {}}", "not a tuned.json of format 1")]
    [InlineData("[1, 2", "cannot be read as JSON")]
    public void A_bad_tuned_file_is_refused_in_one_line(string json, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => TunedValues.Read(_directory.Write("bad.json", json), "--tuned"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("--tuned", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_or_oversized_tuned_file_is_refused_as_every_user_file_is()
    {
        // UserInput.ReadText's rules: a file that is not there, and one of more than 1 MiB (1,048,577 spaces), each a
        // one-line refusal naming --tuned and the reason.
        var missing = Assert.Throws<ConfigurationException>(() => TunedValues.Read(_directory.File("absent.json"), "--tuned"));
        Assert.Contains("--tuned", missing.Message, StringComparison.Ordinal);
        Assert.Contains("file not found", missing.Message, StringComparison.Ordinal);
        var large = Assert.Throws<ConfigurationException>(() => TunedValues.Read(_directory.Write("large.json", new string(' ', (1 << 20) + 1)), "--tuned"));
        Assert.Contains("at most 1 MiB", large.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', missing.Message + large.Message);
    }

    [Fact]
    public void None_means_the_defaults_and_no_file_is_not_read()
    {
        Assert.Null(TunedValues.Resolve(TunedValues.None, "--tuned"));
        Assert.Throws<ConfigurationException>(() => TunedValues.Resolve(_directory.File("missing.json"), "--tuned"));
    }
}
