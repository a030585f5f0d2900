using System.Text.Json;

namespace EdgeMine.Tests.Examples;

/// <summary>
/// examples/CustomPolicy, the README's "your own policy": the README shows it verbatim, and every number it prints for the
/// baselines and the trained model is <c>edgemine evaluate --json</c>'s on the same seeds, to the last digit.
/// </summary>
public sealed class CustomPolicyExampleTests : IDisposable
{
    private const string Source = "examples/CustomPolicy/Program.cs";

    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Readme_ShowsTheCustomPolicyExample_Verbatim()
    {
        string example = Repository.ReadmeSnippet(File.ReadAllText(Repository.File(Source)));
        string readme = File.ReadAllText(Repository.File("README.md"));

        Assert.Contains("```csharp\n" + example + "```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CustomPolicy_GivesEvaluatesNumbers_ToTheLastDigit()
    {
        // The example's settings (N = 1, M = 2, beta 0.5, calibrated) are train's and evaluate's defaults.
        string model = _directory.File("rlo");
        var (trainCode, _, trainError) = CliRunner.Run("train", "--algo", "rlo", "--slots", "300", "--out", model);
        Assert.True(trainCode == 0, trainError);

        var (code, output, error) = await Repository.RunExample("CustomPolicy.dll", model, "--json");
        Assert.True(code == 0, error);
        string[] lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("metric (per slot, mean ± 95% CI)", lines[0], StringComparison.Ordinal);
        Assert.Contains("big-on-good", lines[0], StringComparison.Ordinal);
        using var example = JsonDocument.Parse(lines[^1]);

        var (evaluateCode, evaluateOutput, evaluateError) = CliRunner.Run("evaluate", "--model", model, "--json");
        Assert.True(evaluateCode == 0, evaluateError);
        using var evaluate = JsonDocument.Parse(evaluateOutput);

        Assert.Equal(evaluate.RootElement.GetProperty("configuration").GetRawText(), example.RootElement.GetProperty("configuration").GetRawText());
        Assert.Equal(evaluate.RootElement.GetProperty("best_baseline").GetString(), example.RootElement.GetProperty("best_baseline").GetString());
        var policies = example.RootElement.GetProperty("policies");
        Assert.Equal(["big-on-good", "rlo", "no", "eo", "go", "random", "optimal", "optimal-fractional"], policies.EnumerateObject().Select(p => p.Name));
        foreach (var policy in evaluate.RootElement.GetProperty("policies").EnumerateObject())
        {
            foreach (var field in policy.Value.EnumerateObject().Where(f => f.Name is not ("model" or "trained_under" or "algorithm" or "variant")))
            {
                // Raw JSON text: the same digits, not merely close numbers.
                Assert.True(
                    field.Value.GetRawText() == policies.GetProperty(policy.Name).GetProperty(field.Name).GetRawText(),
                    $"{policy.Name}.{field.Name}: evaluate {field.Value.GetRawText()}, example {policies.GetProperty(policy.Name).GetProperty(field.Name).GetRawText()}");
            }
        }
    }
}
