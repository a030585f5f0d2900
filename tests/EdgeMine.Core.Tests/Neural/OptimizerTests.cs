using EdgeMine.Neural;

namespace EdgeMine.Tests.Neural;

public class OptimizerTests
{
    [Fact]
    public void Adam_TwoSteps_MatchHandComputedValues()
    {
        var parameter = new Parameter(1);
        parameter.Values[0] = 1f;
        var adam = new Adam([parameter], learningRate: 0.1f);

        // t=1, g=0.5: m=0.05, v=0.00025, m̂=0.5, v̂=0.25 → p = 1 - 0.1·0.5/(0.5 + 1e-8) = 0.9
        parameter.Gradient[0] = 0.5f;
        adam.Step();
        Assert.Equal(0.9f, parameter.Values[0], 6);

        // t=2, g=-1: m=-0.055, v=0.00124975, m̂=-0.055/0.19, v̂=0.00124975/0.001999 → p = 0.93661035
        parameter.Gradient[0] = -1f;
        adam.Step();
        Assert.Equal(0.93661035f, parameter.Values[0], 5);
        Assert.Equal(2, adam.StepCount);
    }

    [Fact]
    public void Adam_StateRoundTrip_ResumesExactly()
    {
        static (Parameter, Adam) Make()
        {
            var p = new Parameter(19);
            for (int i = 0; i < 19; i++)
            {
                p.Values[i] = i * 0.1f;
            }

            return (p, new Adam([p]));
        }

        (Parameter p1, Adam a1) = Make();
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < 19; i++)
            {
                p1.Gradient[i] = MathF.Sin(i + step);
            }

            a1.Step();
        }

        using var state = new MemoryStream();
        a1.SaveState(state);
        (Parameter p2, Adam a2) = Make();
        p1.Values.CopyTo(p2.Values, 0);
        state.Position = 0;
        a2.LoadState(state);
        for (int i = 0; i < 19; i++)
        {
            p1.Gradient[i] = p2.Gradient[i] = MathF.Cos(i);
        }

        a1.Step();
        a2.Step();
        Assert.Equal(p1.Values, p2.Values);
        Assert.Equal(a1.StepCount, a2.StepCount);
    }

    [Fact]
    public void Adam_LoadState_RejectsWrongShape()
    {
        using var state = new MemoryStream();
        new Adam([new Parameter(3)]).SaveState(state);
        state.Position = 0;
        Assert.Throws<InvalidDataException>(() => new Adam([new Parameter(4)]).LoadState(state));
    }

    [Fact]
    public void Clipping_ScalesToMaxNorm_AndLeavesSmallGradients()
    {
        var a = new Parameter(1);
        var b = new Parameter(1);
        a.Gradient[0] = 3f;
        b.Gradient[0] = 4f;
        Assert.Equal(5.0, GradientClipping.ClipGlobalNorm([a, b], 10.0), 6);
        Assert.Equal(3f, a.Gradient[0]);
        Assert.Equal(5.0, GradientClipping.ClipGlobalNorm([a, b], 1.0), 6);
        Assert.Equal(0.6f, a.Gradient[0], 5);
        Assert.Equal(0.8f, b.Gradient[0], 5);
        Assert.Equal(1.0, GradientClipping.GlobalNorm([a, b]), 5);
    }
}
