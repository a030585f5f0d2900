namespace EdgeMine.Tests.Tuning;

/// <summary><c>edgemine tune</c> from the command line: a quick run writes its three files and reproduce reads its choice; bad input exits 2.</summary>
public sealed class TuneCommandTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Quick_tuning_writes_its_outputs_and_reproduce_accepts_its_choice()
    {
        string output = _directory.File("tune");
        var (code, stdout, error) = CliRunner.Run("tune", "--quick", "--jobs", "2", "--out", output);
        Assert.True(code == 0, error);
        Assert.Contains("tuning (quick) finished", stdout, StringComparison.Ordinal);
        foreach (string file in new[] { "tuning.csv", "tuned.json", "tuning.md", "tuning.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, file)), file);
        }

        // One row per configuration of each learner (3 learners x 3 configurations), one chosen per learner.
        var rows = File.ReadAllLines(Path.Combine(output, "tuning.csv")).Skip(1).ToArray();
        Assert.Equal(9, rows.Length);
        Assert.Equal(3, rows.Count(r => r.Split(',')[^2] == "true")); // the last column, problem, is empty here
        string markdown = File.ReadAllText(Path.Combine(output, "tuning.md"));
        Assert.Contains("stated by the paper", markdown, StringComparison.Ordinal);
        Assert.Contains("## Time", markdown, StringComparison.Ordinal);

        // The same run again reuses every cell and writes the same choice.
        string tuned = File.ReadAllText(Path.Combine(output, "tuned.json"));
        var again = CliRunner.Run("tune", "--quick", "--jobs", "2", "--out", output);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(tuned, File.ReadAllText(Path.Combine(output, "tuned.json")));

        var list = CliRunner.Run("reproduce", "--quick", "--only", "table2", "--tuned", Path.Combine(output, "tuned.json"), "--out", _directory.File("rep"), "--list-cells");
        Assert.True(list.ExitCode == 0, list.Error);
    }

    [Theory]
    [InlineData("--keys", "drlo-paper.discount", "stated by the paper")]
    [InlineData("--keys", "rlo", "allowed: LEARNER.KEY")]
    [InlineData("--learners", "cmdp", "not a tuned learner")]
    [InlineData("--seeds", "1", "allowed: an integer of at least 2")]
    public void Bad_input_exits_two_with_one_line(string option, string value, string expected)
    {
        var (code, _, error) = CliRunner.Run("tune", "--quick", option, value, "--out", _directory.File("bad"), "--list-cells");
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproduce_refuses_a_tuned_file_that_sets_a_stated_key()
    {
        string file = _directory.Write("tuned.json", "{\"format\": 1, \"learners\": {\"drlo-paper\": {\"values\": {\"batch\": \"32\"}}}}");
        var (code, _, error) = CliRunner.Run("reproduce", "--quick", "--tuned", file, "--out", _directory.File("rep"), "--list-cells");
        Assert.Equal(2, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("stated by the paper", error, StringComparison.Ordinal);
    }
}
