using EdgeMine.IO;
using EdgeMine.Privacy;

namespace EdgeMine.Tests.Privacy;

/// <summary>
/// The privacy baselines' discrete states, by hand: M = 2 tasks, 5 arrival bins over [50, 150] kbit (20 kbit wide),
/// D0 bins {0, (0, 50], (50, 150], > 150} kbit for d_unit = 100 kbit, so 20 digits per task and 2 x 20^2 = 800 states.
/// </summary>
public sealed class PrivacyStateSpaceTests
{
    private static readonly PrivacyStateSpace Space = new(tasks: 2, arrivalBins: 5, arrivalMinBits: 50e3, arrivalMaxBits: 150e3, privacyUnitBits: 100e3);

    [Fact]
    public void Sizes()
    {
        Assert.Equal(20, Space.DigitsPerTask);
        Assert.Equal(800, Space.Count);
        Assert.Equal(32, Space.BufferedPartCount); // 4^2 D0 bins x 2 channels
    }

    [Theory]
    [InlineData(50e3, 0)]
    [InlineData(69_999, 0)]
    [InlineData(70e3, 1)]
    [InlineData(149e3, 4)]
    [InlineData(150e3, 4)]   // the top edge stays in the last bin
    [InlineData(10e3, 0)]    // below the range: the first bin
    [InlineData(500e3, 4)]   // above: the last
    public void ArrivalBin_EqualWidths(double bits, int bin) => Assert.Equal(bin, Space.ArrivalBin(bits));

    [Theory]
    [InlineData(80e3)]
    [InlineData(90e3)] // above a fixed arrival (no width to divide by): still the one bin
    [InlineData(70e3)]
    public void ArrivalBin_AFixedArrival_IsOneBin(double bits) =>
        Assert.Equal(0, new PrivacyStateSpace(1, 5, 80e3, 80e3, 100e3).ArrivalBin(bits));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(50e3, 1)]
    [InlineData(50_001, 2)]
    [InlineData(150e3, 2)]
    [InlineData(150_001, 3)]
    public void BufferedBin_InUnitsOfDUnit(double bits, int bin) => Assert.Equal(bin, Space.BufferedBin(bits));

    [Fact]
    public void BufferedRepresentatives_AndQuadrature()
    {
        Assert.Equal([0, 25e3, 100e3, 200e3], Enumerable.Range(0, 4).Select(Space.BufferedRepresentativeBits));
        Assert.StartsWith("D0 bins are 0..3", Assert.Throws<ArgumentOutOfRangeException>(() => Space.BufferedRepresentativeBits(4)).Message);

        // Bin 1 is [70, 90] kbit: with 4 points, the midpoints of its quarters 72.5, 77.5, 82.5, 87.5 kbit.
        Assert.Equal([72.5e3, 77.5e3, 82.5e3, 87.5e3], Enumerable.Range(0, 4).Select(p => Space.ArrivalQuadratureBits(1, p, 4)));
    }

    [Fact]
    public void State_FromObservationComposeAndDecompose()
    {
        // Task 0: D1 = 1.2 d_unit = 120 kbit (bin 3), D0 = 0.3 d_unit (bin 1): digit 3 x 4 + 1 = 13.
        // Task 1: D1 = 0.6 d_unit = 60 kbit (bin 0), D0 = 2 d_unit (bin 3): digit 3. Good channel:
        // state = (13 x 20 + 3) x 2 + 1 = 527.
        double[] observation = [1.2, 0.6, 0.3, 2.0, 1.0];
        Assert.Equal(527, Space.FromObservation(observation));
        Assert.Equal(526, Space.FromObservation([1.2, 0.6, 0.3, 2.0, 0.0]));
        Assert.Equal(527, Space.FromObservation([1.2, 0.6, 0.3, 2.0, 0.5])); // g >= 0.5 reads as good
        Assert.Equal(526, Space.FromObservation([1.2, 0.6, 0.3, 2.0, 0.49]));
        Assert.Equal(527, Space.Compose([3, 0], [1, 3], channelGood: true));

        Span<int> arrival = stackalloc int[2], buffered = stackalloc int[2];
        Assert.True(Space.Decompose(527, arrival, buffered));
        Assert.Equal([3, 0], arrival.ToArray());
        Assert.Equal([1, 3], buffered.ToArray());
        Assert.False(Space.Decompose(526, arrival, buffered));

        // The post-decision part keeps the D0 bins (1, 3) and takes the given channel: (1 x 4 + 3) x 2 + channel.
        Assert.Equal(14, Space.BufferedPart(527, channelGood: false));
        Assert.Equal(15, Space.BufferedPart(526, channelGood: true));
    }

    [Fact]
    public void Construction_OutOfRange_IsRefused_AndTheBinsRoundTrip()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyStateSpace(0, 5, 50e3, 150e3, 100e3));
        Assert.StartsWith("the privacy baselines' tables hold 1 to 2 tasks", Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyStateSpace(3, 5, 50e3, 150e3, 100e3)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyStateSpace(1, 0, 50e3, 150e3, 100e3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PrivacyStateSpace(1, 5, 50e3, 150e3, 0));

        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            Space.Write(writer);
        }

        stream.Position = 0;
        using var reader = BinaryFormat.Reader(stream);
        var read = PrivacyStateSpace.Read(reader);
        Assert.Equal((2, 5, 50e3, 150e3, 100e3), (read.Tasks, read.ArrivalBins, read.ArrivalMinBits, read.ArrivalMaxBits, read.PrivacyUnitBits));
    }

    [Theory]
    [InlineData(0, 5, 100e3)]
    [InlineData(3, 5, 100e3)]
    [InlineData(1, 0, 100e3)]
    [InlineData(1, 1001, 100e3)]
    [InlineData(1, 5, 0)]
    [InlineData(1, 5, double.NaN)]
    public void Read_AMalformedDefinition_IsRefused(int tasks, int bins, double unit)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            writer.Write(tasks);
            writer.Write(bins);
            writer.Write(50e3);
            writer.Write(150e3);
            writer.Write(unit);
        }

        stream.Position = 0;
        using var reader = BinaryFormat.Reader(stream);
        Assert.Equal("the model's state discretisation is malformed", Assert.Throws<InvalidDataException>(() => PrivacyStateSpace.Read(reader)).Message);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1000)]
    public void Read_TheBoundsThemselves_AreAccepted(int tasks, int bins)
    {
        using var stream = new MemoryStream();
        using (var writer = BinaryFormat.Writer(stream))
        {
            new PrivacyStateSpace(tasks, bins, 50e3, 150e3, 100e3).Write(writer);
        }

        stream.Position = 0;
        using var reader = BinaryFormat.Reader(stream);
        Assert.Equal(bins, PrivacyStateSpace.Read(reader).ArrivalBins);
    }
}
