
namespace EdgeMine.Tests.Privacy;

/// <summary><c>edgemine train --algo cmdp | rl-privacy</c> then <c>evaluate</c>, at tiny size, and the single-miner check.</summary>
public sealed class PrivacyCliTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("cmdp", "default")]
    [InlineData("rl-privacy", "default")]
    [InlineData("rl-privacy", "plain")]
    public void TrainThenEvaluate_PrivacyBaseline_ExitsZero(string algorithm, string variant)
    {
        string run = _directory.File(algorithm + "-" + variant);
        var (trainCode, _, trainError) = CliRunner.Run(
            "train", "--algo", algorithm, "--variant", variant, "--miners", "1", "--tasks", "1", "--slots", "200", "--seed", "3", "--out", run);
        Assert.True(trainCode == 0, trainError);
        Assert.True(File.Exists(Path.Combine(run, "model.bin")));

        var (code, output, error) = CliRunner.Run("evaluate", "--model", run, "--runs", "2", "--slots", "40", "--json");
        Assert.True(code == 0, error);
        Assert.Contains(algorithm, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cmdp", "CMDP [28] is single-miner")]
    [InlineData("rl-privacy", "RL-privacy [29] is single-miner")]
    public void Train_TwoMiners_ExitsTwoWithAClearMessage(string algorithm, string message)
    {
        var (code, _, error) = CliRunner.Run("train", "--algo", algorithm, "--miners", "2", "--slots", "10", "--out", _directory.File("x"));

        Assert.Equal(2, code);
        Assert.Contains($"--miners 2: {message}; allowed: 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_ThreeTasks_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("train", "--algo", "cmdp", "--tasks", "3", "--slots", "10", "--out", _directory.File("x"));

        Assert.Equal(2, code);
        Assert.Contains("--tasks 3", error, StringComparison.Ordinal);
    }
}
