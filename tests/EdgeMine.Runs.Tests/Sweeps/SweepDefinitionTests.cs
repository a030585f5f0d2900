using EdgeMine.Model;
using EdgeMine.Schemes;
using EdgeMine.Sweeps;

namespace EdgeMine.Tests.Sweeps;

/// <summary>Sweep files: parsing, defaults, the numbering of the cells, and each cell's typed settings, resolved once.</summary>
public sealed class SweepDefinitionTests
{
    [Fact]
    public void Parse_ReadsFixedGridCommandsAndBaselines_WithDefaultsForTheRest()
    {
        var sweep = SweepDefinition.Parse(SampleSweeps.Tiny, "tiny.json", SchemeCatalog.Full);

        Assert.Equal("tiny", sweep.Name);
        Assert.Equal(["train", "evaluate"], sweep.Commands);
        Assert.Equal(["random", "optimal"], sweep.Baselines.Select(b => b.Name));
        Assert.Equal(["algo", "beta"], sweep.Grid.Select(g => g.Key));
        Assert.Equal(4, sweep.Cells.Count);
        var cell = sweep.Cells[3];
        Assert.Equal("eo", cell.Algorithm);
        Assert.Equal(0.8, cell.Environment.Beta);
        Assert.Equal(1, cell.Environment.Miners); // default
        Assert.Equal(300, cell.TrainingSlots);
        Assert.Equal(1000UL, cell.EvaluationSeed); // default, as 'evaluate --seed'
        Assert.Equal(1e6, cell.Parameters.RateBadBps);
        Assert.Equal(Presets.Calibrated.RateGoodBps, cell.Parameters.RateGoodBps);
    }

    [Fact]
    public void Cells_AreNumberedRowMajorInTheFilesKeyOrder()
    {
        var sweep = SweepDefinition.Parse("""{ "fixed": {"algo": "eo"}, "grid": { "beta": [0.2, 0.5, 0.8], "miners": [1, 2] } }""", "a.json", SchemeCatalog.Full);
        var swapped = SweepDefinition.Parse("""{ "fixed": {"algo": "eo"}, "grid": { "miners": [1, 2], "beta": [0.2, 0.5, 0.8] } }""", "b.json", SchemeCatalog.Full);

        Assert.Equal(
            ["0-beta=0.2_miners=1", "1-beta=0.2_miners=2", "2-beta=0.5_miners=1", "3-beta=0.5_miners=2", "4-beta=0.8_miners=1", "5-beta=0.8_miners=2"],
            sweep.Cells.Select(c => c.Slug));
        Assert.Equal(
            ["0-miners=1_beta=0.2", "1-miners=1_beta=0.5", "2-miners=1_beta=0.8", "3-miners=2_beta=0.2", "4-miners=2_beta=0.5", "5-miners=2_beta=0.8"],
            swapped.Cells.Select(c => c.Slug));
        Assert.Equal(sweep.ToCanonicalJson(), SweepDefinition.Parse(sweep.ToCanonicalJson(), "again", SchemeCatalog.Full).ToCanonicalJson());
    }

    [Fact]
    public void Parse_UsagePrivacyFormInTheGrid_NamesCellsAndModelsAndRoundTripsAsStrings()
    {
        var sweep = SweepDefinition.Parse("""{ "fixed": {"algo": "no"}, "grid": { "usage_privacy_form": ["eq8", "withheld"] } }""", "form.json", SchemeCatalog.Full);

        Assert.Equal(["0-usage_privacy_form=eq8", "1-usage_privacy_form=withheld"], sweep.Cells.Select(c => c.Slug));
        Assert.Equal([UsagePrivacyForm.Eq8, UsagePrivacyForm.Withheld], sweep.Cells.Select(c => c.Parameters.UsagePrivacyForm));
        string canonical = sweep.ToCanonicalJson();
        Assert.Contains("\"usage_privacy_form\": [\n      \"eq8\",\n      \"withheld\"\n    ]", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, SweepDefinition.Parse(canonical, "again", SchemeCatalog.Full).ToCanonicalJson());
    }

    [Fact]
    public void Parse_AGridPointOfTooManyTasks_IsRefusedNamingTheCell()
    {
        // N = 1,000,000 miners of M = 2 tasks: 2,000,000 tasks, twice RunSettings.MaxTasks; the shape is built (and
        // checked) once, when the cell is, so the file is refused before anything runs.
        var error = Assert.Throws<ConfigurationException>(() => SweepDefinition.Parse(
            """{ "fixed": {"algo": "no", "tasks": 2}, "grid": { "miners": [1, 1000000] } }""", "big.json", SchemeCatalog.Full));

        Assert.Equal("big.json: cell 1 (miners=1000000): miners 1000000 x tasks 2: allowed: at most 1000000 tasks (N M) in one environment", error.Message);
    }
}
