using EdgeMine.Learning;
using EdgeMine.Learning.Dqn;
using EdgeMine.Learning.Tabular;

namespace EdgeMine.Tests.Learning;

/// <summary>
/// The learner option keys' tuning metadata against MODEL.md section 7: what the paper states is never tuned, the choices
/// MODEL.md names are, each default inside its range; and the ranges map [0, 1) as worked out by hand.
/// </summary>
public sealed class LearnerKeyTuningTests
{
    private static string Section7 { get; } = ModelSection7();

    private static string ModelSection7()
    {
        string text = File.ReadAllText(Repository.File("docs/MODEL.md")).Replace("\r", "", StringComparison.Ordinal);
        int start = text.IndexOf("## 7. Policies and learners", StringComparison.Ordinal);
        int end = text.IndexOf("## 8.", start, StringComparison.Ordinal);
        return string.Join(' ', text[start..end].Split('\n', StringSplitOptions.TrimEntries));
    }

    private static string Between(string text, string from, string to)
    {
        int start = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(start >= 0, $"MODEL.md section 7 no longer says '{from}'");
        int end = text.IndexOf(to, start, StringComparison.Ordinal);
        Assert.True(end > start, $"MODEL.md section 7 no longer says '{to}' after '{from}'");
        return text[start..end];
    }

    // MODEL.md: "DRLO [Alg. 2]: DQN. Paper values: two hidden layers of 300 and 200 ReLU units, discount 0.85, replay
    // capacity 1e5, batch 128, epsilon-greedy, loss (y - Q)^2 [eq. 17] with a target network." Each phrase, the key it
    // sets, and the key's value as the key's text.
    [Theory]
    [InlineData("300 and 200", "hidden", "300,200")]
    [InlineData("discount 0.85", "discount", "0.85")]
    [InlineData("replay capacity 1e5", "replay", "100000")]
    [InlineData("batch 128", "batch", "128")]
    [InlineData("(y - Q)^2", "loss", "mse")]
    public void A_value_the_paper_states_for_its_DQN_is_marked_stated_and_is_not_tunable(string phrase, string key, string value)
    {
        string stated = Between(Section7, "Paper values:", "Choices here");
        Assert.Contains(phrase, stated, StringComparison.Ordinal);
        var option = SystemDqnOptions.Keys.Single(k => k.Name == key);
        Assert.Equal(LearnerKeyOrigin.Paper, option.Tuning.Origin);
        Assert.Null(option.Tuning.Range);
        Assert.False(option.Tuning.IsTuned);
        Assert.Equal(value, option.Read!(SystemDqnOptions.Paper));
    }

    // MODEL.md: "Choices here (section 9): Adam, learning rate 1e-3, ..., target network copied every 250 updates, one
    // update per slot once 1,000 transitions are stored, gradient-norm clipping at 10." Each is a choice of ours, tuned
    // over a range that holds the default, for the paper's DQN and the shared learner alike.
    [Theory]
    [InlineData("learning rate 1e-3", "learning_rate", "0.001")]
    [InlineData("every 250 updates", "target_sync", "250")]
    [InlineData("1,000 transitions", "learning_starts", "1000")]
    [InlineData("clipping at 10", "gradient_clip", "10")]
    public void A_choice_MODEL_md_names_is_tuned_over_a_range_that_holds_its_default(string phrase, string key, string value)
    {
        Assert.Contains(phrase, Between(Section7, "Choices here", "Output layer"), StringComparison.Ordinal);
        var option = SystemDqnOptions.Keys.Single(k => k.Name == key);
        Assert.Equal(LearnerKeyOrigin.Ours, option.Tuning.Origin);
        Assert.True(option.Tuning.IsTuned);
        Assert.Equal(value, option.Read!(SystemDqnOptions.Paper));
        Assert.True(option.Tuning.Range!.Contains(value), $"{key} = {value} outside {option.Tuning.Range}");
    }

    [Fact]
    public void RLO_tunes_its_learning_rate_and_D1_bins_and_keeps_the_papers_discount()
    {
        // MODEL.md: "RLO [Alg. 1]: ... D1 in d1_bins = 5 equal bins ... learning rate 0.1, discount 0.85".
        string rlo = Between(Section7, "RLO [Alg. 1]", "DRLO [Alg. 2]");
        Assert.Contains("d1_bins = 5", rlo, StringComparison.Ordinal);
        Assert.Contains("learning rate 0.1", rlo, StringComparison.Ordinal);
        var keys = QLearningOptions.Keys.ToDictionary(k => k.Name);
        Assert.Equal("5", keys["d1_bins"].Read!(QLearningOptions.Default));
        Assert.Equal("0.1", keys["learning_rate"].Read!(QLearningOptions.Default));
        Assert.True(keys["d1_bins"].Tuning.IsTuned);
        Assert.True(keys["learning_rate"].Tuning.IsTuned);
        Assert.Equal(LearnerKeyOrigin.Paper, keys["discount"].Tuning.Origin);
        Assert.False(keys["discount"].Tuning.IsTuned);
        foreach (string ablation in new[] { "reward", "unseen_state", "backlog_bins" })
        {
            Assert.Equal(LearnerKeyOrigin.Ablation, keys[ablation].Tuning.Origin);
            Assert.False(keys[ablation].Tuning.IsTuned);
        }
    }

    [Fact]
    public void Only_a_choice_of_ours_has_a_range_and_every_tuned_default_lies_in_it()
    {
        var all = SystemDqnOptions.Keys.Select(k => (k.Name, k.Tuning, Default: k.Read?.Invoke(SystemDqnOptions.Paper)))
            .Concat(SharedDqnOptions.Keys.Select(k => (k.Name, k.Tuning, Default: k.Read?.Invoke(SharedDqnOptions.Default))))
            .Concat(QLearningOptions.Keys.Select(k => (k.Name, k.Tuning, Default: k.Read?.Invoke(QLearningOptions.Default))));
        foreach (var (name, tuning, value) in all)
        {
            Assert.False(string.IsNullOrWhiteSpace(tuning.Source), name);
            if (tuning.Origin != LearnerKeyOrigin.Ours)
            {
                Assert.Null(tuning.Range);
            }
            else if (tuning.Range is { } range)
            {
                Assert.NotNull(value);
                Assert.True(range.Contains(value), $"{name} = {value} outside {range}");
            }
        }
    }

    [Fact]
    public void A_range_maps_its_coordinate_as_worked_by_hand()
    {
        // Linear [0, 10] at 0.25: 2.5.
        Assert.Equal("2.5", TuningRange.Linear(0, 10).ValueAt(0.25));
        // Log [1e-4, 1e-2] at 0.5: the geometric mean, 1e-3.
        Assert.Equal("0.001", TuningRange.Log(1e-4, 1e-2).ValueAt(0.5));
        // Log whole numbers [50, 2000]: 50 at 0, sqrt(50 * 2000) = 316.23 -> 316 at 0.5.
        Assert.Equal("50", TuningRange.Log(50, 2000, whole: true).ValueAt(0));
        Assert.Equal("316", TuningRange.Log(50, 2000, whole: true).ValueAt(0.5));
        // Log [0.02, 0.5] at 0.3: 0.02 * 25^0.3 = 0.02 * 2.6265 = 0.052530 -> 3 significant digits 0.0525.
        Assert.Equal("0.0525", TuningRange.Log(0.02, 0.5).ValueAt(0.3));
        // A choice of three: [0, 1/3) -> first, [1/3, 2/3) -> second, [2/3, 1) -> third.
        var choice = TuningRange.Choice("3", "5", "8");
        Assert.Equal("3", choice.ValueAt(0.2));
        Assert.Equal("5", choice.ValueAt(0.5));
        Assert.Equal("8", choice.ValueAt(0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => choice.ValueAt(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TuningRange.Log(0, 1));
    }

    [Theory]
    [InlineData("8", 8)]
    [InlineData("2", 2)]
    public void D1_bins_sets_RLOs_arrival_bins(string value, int bins) =>
        Assert.Equal(bins, QLearningOptions.Default.With([new("d1_bins", value)], "test").ArrivalBins);

    [Theory]
    [InlineData("1")]
    [InlineData("17")]
    [InlineData("five")]
    public void D1_bins_out_of_range_is_refused_naming_the_key(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => QLearningOptions.Default.With([new("d1_bins", value)], "test"));
        Assert.Contains("d1_bins", error.Message, StringComparison.Ordinal);
        Assert.Contains("allowed: an integer from 2 to 16", error.Message, StringComparison.Ordinal);
    }
}
