using EdgeMine.Learning;
using EdgeMine.Model;

namespace EdgeMine.Tests.Learning.Dqn;

/// <summary>Two learners acting on one trajectory (the model-file tests: a loaded learner acts as the one that saved it).</summary>
internal static class SameActions
{
    /// <summary>
    /// For <paramref name="slots"/> slots both learners act on <paramref name="environment"/> and must choose the same
    /// action, which then steps it.
    /// </summary>
    public static void Assert(ILearner expected, ILearner actual, MiningEnvironment environment, int slots)
    {
        var expectedAction = new double[environment.Model.Tasks];
        var actualAction = new double[environment.Model.Tasks];
        for (int slot = 0; slot < slots; slot++)
        {
            expected.Act(environment, expectedAction);
            actual.Act(environment, actualAction);
            Xunit.Assert.Equal(expectedAction, actualAction);
            environment.Step(expectedAction);
        }
    }
}
