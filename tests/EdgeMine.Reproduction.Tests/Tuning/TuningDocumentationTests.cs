using EdgeMine.Tuning;

namespace EdgeMine.Tests.Tuning;

/// <summary>docs/tuning.md's table of the space is the code's: every tuned key of every learner, its range and its default, and nothing else.</summary>
public sealed class TuningDocumentationTests
{
    [Fact]
    public void The_documented_space_is_the_space_the_code_tunes()
    {
        string[] lines = File.ReadAllLines(Repository.File("docs/tuning.md"));
        var documented = lines.Where(l => TunedLearner.All.Any(t => l.StartsWith($"| {t.Name} | `", StringComparison.Ordinal))).ToArray();
        var expected = TunedLearner.All.SelectMany(l => l.Tuned.Select(k => $"| {l.Name} | `{k.Name}` | {k.Tuning.Range} | {k.Default} |")).ToArray();
        Assert.Equal(expected.Length, documented.Length);
        foreach (string row in expected)
        {
            Assert.Contains(documented, d => d.StartsWith(row, StringComparison.Ordinal));
        }
    }
}
