using EdgeMine.Cells;
using EdgeMine.Learning;
using EdgeMine.Model;
using EdgeMine.Tuning;

namespace EdgeMine.Tests.Tuning;

/// <summary>
/// <c>edgemine tune</c>'s job: its configurations (the defaults, then a seeded Latin hypercube over each learner's tuned
/// keys), its seeds apart from the evaluation's, the refusal of a key the paper states, and a killed run resumed to the
/// same outputs, byte for byte.
/// </summary>
public sealed class TuningJobTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private TuningOptions Options(string name, ulong seed = TuningOptions.DefaultSeed, TuningSizes? sizes = null) =>
        new("calibrated", Presets.Calibrated, _directory.File(name), sizes ?? TuningSizes.Quick) { Quick = true, Jobs = 2, Seed = seed };

    [Fact]
    public void Every_learner_gets_the_same_configurations_and_seeds_the_defaults_first()
    {
        var job = new TuningJob(Options("budget"));
        var sizes = TuningSizes.Quick;
        Assert.Equal(TunedLearner.All.Count * sizes.Configurations * sizes.TrainingSeeds, job.Cells.Count);
        foreach (var learner in TunedLearner.All)
        {
            var configurations = job.Configurations[learner.Name];
            Assert.Equal(sizes.Configurations, configurations.Count);
            Assert.True(configurations[0].IsDefault);
            Assert.Empty(configurations[0].Options); // the defaults' cells run the variant exactly as it is
            foreach (var key in learner.Tuned)
            {
                Assert.Equal(key.Default, configurations[0].Values[key.Name]); // the defaults' values, shown
            }
            foreach (var configuration in configurations.Skip(1))
            {
                Assert.Equal(learner.Tuned.Select(k => k.Name).Order(StringComparer.Ordinal), configuration.Values.Keys);
                foreach (var key in learner.Tuned)
                {
                    Assert.True(key.Tuning.Range!.Contains(configuration.Values[key.Name]), $"{learner.Name}.{key.Name} = {configuration.Values[key.Name]}");
                }
            }
        }
    }

    [Fact]
    public void The_hypercube_is_drawn_from_the_seed_and_stratifies_each_key()
    {
        // 5 configurations: the defaults and 4 hypercube points; on the log range [1e-4, 3e-3] of the paper DQN's
        // learning rate the 4 points fall one in each quarter of log(rate), u = ln(rate / 1e-4) / ln(30).
        var sizes = TuningSizes.Quick with { Configurations = 5 };
        var first = new TuningJob(Options("a", 11, sizes)).Configurations[TunedLearner.DrloPaper.Name];
        var again = new TuningJob(Options("b", 11, sizes)).Configurations[TunedLearner.DrloPaper.Name];
        var other = new TuningJob(Options("c", 12, sizes)).Configurations[TunedLearner.DrloPaper.Name];
        Assert.Equal(first.Select(c => c.ValuesText), again.Select(c => c.ValuesText));
        Assert.NotEqual(first.Select(c => c.ValuesText), other.Select(c => c.ValuesText));

        var strata = first.Skip(1)
            .Select(c => double.Parse(c.Values["learning_rate"], System.Globalization.CultureInfo.InvariantCulture))
            .Select(rate => (int)(4 * Math.Log(rate / 1e-4) / Math.Log(30)))
            .Order();
        Assert.Equal([0, 1, 2, 3], strata);
    }

    [Fact]
    public void Tuning_seeds_are_apart_from_the_evaluations()
    {
        var job = new TuningJob(Options("seeds"));
        var training = job.Cells.Select(c => c.Training!.Seed).Distinct().Order().ToArray();
        Assert.Equal([7001UL, 7002UL], training); // seed + 1 to seed + S
        Assert.All(job.Cells, c => Assert.Equal(7000UL, c.Evaluation!.Seed));

        // evaluate's seed 1000 and train --seeds S's seeds 1 to S are none of them.
        Assert.DoesNotContain(1000UL, training);
        Assert.DoesNotContain(7000UL, Enumerable.Range(1, 5).Select(s => (ulong)s));
        Assert.All(training, s => Assert.True(s > 5));
    }

    [Theory]
    [InlineData("drlo-paper", "discount", "stated by the paper")]
    [InlineData("drlo-paper", "hidden", "stated by the paper")]
    [InlineData("drlo-paper", "batch", "stated by the paper")]
    [InlineData("rlo", "discount", "stated by the paper")]
    [InlineData("rlo", "reward", "a switch between methods")]
    [InlineData("drlo-shared", "value_discount", "a choice of ours held")]
    [InlineData("rlo", "epsilon", "unknown key")]
    public void A_key_that_is_not_tuned_is_refused_naming_why(string learner, string key, string why)
    {
        var error = Assert.Throws<ConfigurationException>(() => TunedLearner.Named(learner, "--learners").Only([key], "--keys"));
        Assert.Contains($"'{learner}.{key}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Only_tunes_the_keys_named_and_holds_the_others()
    {
        var only = TunedLearner.DrloPaper.Only(["learning_rate"], "--keys");
        Assert.Equal(["learning_rate"], only.Tuned.Select(k => k.Name));
        Assert.Equal(LearnerKeyOrigin.Ours, only.Keys.Single(k => k.Name == "target_sync").Tuning.Origin);
    }

    [Fact]
    public void A_killed_tuning_run_again_writes_the_same_choice_byte_for_byte()
    {
        var straight = new TuningJob(Options("straight"));
        Write(straight, straight.Run());

        var interrupted = new TuningJob(Options("interrupted"));
        using var kill = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Run(
            p =>
            {
                if (p.CellsDone >= 4)
                {
                    kill.Cancel();
                }
            },
            kill.Token));
        var store = CellJobs.Store(interrupted);
        Assert.InRange(interrupted.Cells.Count(c => store.State(c.Key) == CellState.Done), 4, interrupted.Cells.Count - 1);

        var resumed = new TuningJob(interrupted.Options);
        Write(resumed, resumed.Run());
        foreach (string file in new[] { TuningReport.CsvFile, TuningReport.TunedFile })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(straight.OutDirectory, file)),
                File.ReadAllBytes(Path.Combine(resumed.OutDirectory, file)));
        }
    }

    [Fact]
    public void Another_tuning_in_the_same_directory_is_refused()
    {
        var job = new TuningJob(Options("bound"));
        job.Run();
        var other = new TuningJob(Options("bound", 8000));
        var error = Assert.Throws<ConfigurationException>(() => other.Run());
        Assert.Contains("another configuration", error.Message, StringComparison.Ordinal);
    }

    private static void Write(TuningJob job, JobOutcome outcome) =>
        TuningReport.Write(job, job.Rows(outcome.Results)!, 0, 0, 0);
}
