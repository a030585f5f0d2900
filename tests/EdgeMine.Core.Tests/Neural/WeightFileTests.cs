using EdgeMine.Neural;
using EdgeMine.Randomness;

namespace EdgeMine.Tests.Neural;

public class WeightFileTests
{
    private static Mlp MakeNetwork(ulong seed)
    {
        var mlp = new Mlp([4, 6, 3], maxBatch: 1);
        mlp.Initialize(new Xoshiro256(seed));
        return mlp;
    }

    private static byte[] Saved(Mlp mlp)
    {
        using var stream = new MemoryStream();
        mlp.Save(stream);
        return stream.ToArray();
    }

    [Fact]
    public void SaveLoad_RoundTrip_IsBitExact()
    {
        Mlp source = MakeNetwork(1);
        Mlp copy = MakeNetwork(2);
        copy.Load(new MemoryStream(Saved(source)));
        for (int p = 0; p < source.Parameters.Count; p++)
        {
            Assert.Equal(source.Parameters[p].Values, copy.Parameters[p].Values);
        }

        Assert.Equal(Saved(source), Saved(copy));
    }

    [Fact]
    public void Header_FollowsTheDocumentedLayout()
    {
        byte[] bytes = Saved(MakeNetwork(1));
        Assert.Equal("EMNW"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BitConverter.ToInt32(bytes, 4));
        Assert.Equal(2, BitConverter.ToInt32(bytes, 8));
        Assert.Equal([4, 6, 6, 3], [BitConverter.ToInt32(bytes, 12), BitConverter.ToInt32(bytes, 16), BitConverter.ToInt32(bytes, 20), BitConverter.ToInt32(bytes, 24)]);
        Assert.Equal(28 + (4 * ((4 * 6) + 6 + (6 * 3) + 3)) + 8, bytes.Length);
    }

    [Fact]
    public void Load_RejectsWrongMagic_Version_Shape_Corruption_AndTruncation()
    {
        byte[] good = Saved(MakeNetwork(1));
        Mlp target = MakeNetwork(2);
        float[] before = (float[])target.Parameters[0].Values.Clone();

        byte[] badMagic = (byte[])good.Clone();
        badMagic[0] = (byte)'X';
        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(badMagic))).Message, StringComparison.Ordinal);

        byte[] badVersion = (byte[])good.Clone();
        badVersion[4] = 9;
        Assert.Contains("version", Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(badVersion))).Message, StringComparison.Ordinal);

        byte[] corrupt = (byte[])good.Clone();
        corrupt[40] ^= 0x10;
        Assert.Contains("corrupt", Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(corrupt))).Message, StringComparison.Ordinal);

        Assert.Contains("truncated", Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(good[..50]))).Message, StringComparison.Ordinal);

        var otherShape = new Mlp([4, 5, 3], maxBatch: 1);
        Assert.Contains("layer 0", Assert.Throws<InvalidDataException>(() => otherShape.Load(new MemoryStream(good))).Message, StringComparison.Ordinal);

        Assert.Equal(before, target.Parameters[0].Values); // failed loads leave the network untouched
    }

    [Fact]
    public void Initialization_IsDeterministicPerSeed()
    {
        Assert.Equal(Saved(MakeNetwork(42)), Saved(MakeNetwork(42)));
        Assert.NotEqual(Saved(MakeNetwork(42)), Saved(MakeNetwork(43)));
    }

    [Fact]
    public void He_And_Xavier_HaveTheirScales()
    {
        var rng = new Xoshiro256(9);
        var relu = new DenseLayer(200, 300);
        Initialization.He(relu, rng);
        double variance = relu.Weights.Values.Average(w => (double)w * w);
        Assert.InRange(variance, 0.9 * 2.0 / 200, 1.1 * 2.0 / 200);

        var output = new DenseLayer(200, 100);
        Initialization.Xavier(output, rng);
        double limit = Math.Sqrt(6.0 / 300);
        Assert.All(output.Weights.Values, w => Assert.InRange(w, -limit, limit));
        Assert.InRange(output.Weights.Values.Max(), 0.95 * limit, limit);
        Assert.All(output.Bias.Values, b => Assert.Equal(0f, b));
    }
}
