using EdgeMine.Learning;
using EdgeMine.Learning.Tabular;

namespace EdgeMine.Tests.Learning;

/// <summary>How a learner option's text is read, and how a list of changes is applied.</summary>
public sealed class LearnerOptionKeysTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Bool_TakesTrueFalseOneZero(string text, bool expected) => Assert.Equal(expected, LearnerOptionKeys.Bool(text));

    [Theory]
    [InlineData("True")]
    [InlineData("yes")]
    [InlineData("")]
    public void Bool_RefusesAnythingElse(string text) => Assert.Throws<FormatException>(() => LearnerOptionKeys.Bool(text));

    [Fact]
    public void Int_IsPositive_OrZeroWhenAllowed()
    {
        Assert.Equal(1, LearnerOptionKeys.Int("1"));
        Assert.Equal(250, LearnerOptionKeys.Int("250"));
        Assert.Equal(0, LearnerOptionKeys.Int("0", zero: true));
        Assert.Equal(7, LearnerOptionKeys.Int("7", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Int("0"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Int("-1", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Int("1.5"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Int("ten"));
    }

    [Fact]
    public void Float_IsFinitePositive_AtMostOneForAUnit_OrZeroWhenAllowed()
    {
        Assert.Equal(2.5f, LearnerOptionKeys.Float("2.5"));
        Assert.Equal(1f, LearnerOptionKeys.Float("1", unit: true));
        Assert.Equal(0f, LearnerOptionKeys.Float("0", zero: true));
        Assert.Equal(0.5f, LearnerOptionKeys.Float("0.5", unit: true, zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("0"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("-0.5", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("1.01", unit: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("Infinity"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("NaN", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("1e39")); // beyond float: infinite
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Float("x"));
    }

    [Fact]
    public void Double_IsFinitePositive_AtMostOneForAUnit_OrZeroWhenAllowed()
    {
        Assert.Equal(0.99, LearnerOptionKeys.Double("0.99"));
        Assert.Equal(1.0, LearnerOptionKeys.Double("1", unit: true));
        Assert.Equal(0.0, LearnerOptionKeys.Double("0", zero: true));
        Assert.Equal(3.0, LearnerOptionKeys.Double("3", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Double("0"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Double("-1", zero: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Double("1.5", unit: true));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Double("Infinity"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Double("x"));
    }

    [Fact]
    public void Widths_AreCommaSeparatedPositiveIntegers()
    {
        Assert.Equal([300, 200], LearnerOptionKeys.Widths("300,200"));
        Assert.Equal([8], LearnerOptionKeys.Widths("8"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Widths("8,0"));
        Assert.Throws<FormatException>(() => LearnerOptionKeys.Widths("8,,4"));
    }

    [Fact]
    public void Apply_ChangesInTheirOrder_AndNamesAnUnknownKeyWithTheAllowedOnes()
    {
        // The later change of a key wins: discount 0.5 then 0.25.
        var options = LearnerOptionKeys.Apply(QLearningOptions.Default, QLearningOptions.Keys, [new("discount", "0.5"), new("learning_rate", "0.2"), new("discount", "0.25")], "here");
        Assert.Equal(QLearningOptions.Default with { Discount = 0.25, LearningRate = 0.2 }, options);

        var error = Assert.Throws<ConfigurationException>(() => LearnerOptionKeys.Apply(QLearningOptions.Default, QLearningOptions.Keys, [new("gamma", "0.5")], "here"));
        Assert.Equal("here: unknown option 'gamma'; allowed: learning_rate, discount, reward, unseen_state, backlog_bins, d1_bins", error.Message);
        Assert.Throws<ArgumentNullException>(() => LearnerOptionKeys.Apply(QLearningOptions.Default, null!, [], "here"));
        Assert.Throws<ArgumentNullException>(() => LearnerOptionKeys.Apply(QLearningOptions.Default, QLearningOptions.Keys, null!, "here"));
    }

    [Fact]
    public void AKey_NamesWhereTheKeyTheValueAndWhatIsAllowed_AndKeepsItsTuningWhenMarked()
    {
        var key = QLearningOptions.Keys.Single(k => k.Name == "learning_rate");
        var error = Assert.Throws<ConfigurationException>(() => key.Apply(QLearningOptions.Default, "2", "rlo learner options"));
        Assert.Equal("rlo learner options: learning_rate '2': allowed: a number in (0, 1]", error.Message);

        var marked = key.Marked(LearnerKeyTuning.Ablation("why"));
        Assert.Equal(("learning_rate", "a number in (0, 1]", LearnerKeyOrigin.Ablation, "why"), (marked.Name, marked.Allowed, marked.Tuning.Origin, marked.Tuning.Source));
        Assert.Equal("0.3", marked.Read!(marked.Apply(QLearningOptions.Default, "0.3", "here")));
    }
}
