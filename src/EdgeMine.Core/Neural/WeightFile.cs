using EdgeMine.IO;

namespace EdgeMine.Neural;

/// <summary>
/// The binary weight file of a stack of dense layers (docs/weight-format.md). All numbers are little-endian:
/// <list type="number">
/// <item>magic: the 4 ASCII bytes <c>EMNW</c> ("EdgeMine network weights");</item>
/// <item>int32 format version, currently 1;</item>
/// <item>int32 layer count L, then L pairs of int32 (inputs, outputs);</item>
/// <item>for each layer in order: its weights W as inputs×outputs float32, row-major with one row per input
/// (y = x·W + b), then its bias as outputs float32;</item>
/// <item>uint64 FNV-1a 64-bit checksum of all the float32 bytes above, in the order written.</item>
/// </list>
/// Reading checks the magic, the version, that the layer shapes equal the receiving network's, the length and the
/// checksum, and reports the first mismatch as an <see cref="InvalidDataException"/>; the network is changed only
/// when the whole file is valid.
/// </summary>
internal static class WeightFile
{
    /// <summary>"EMNW" read as a little-endian uint32, version 1.</summary>
    public static BinaryFormat Format { get; } = new("weight file", 0x574E_4D45, 1);

    public static void Write(Stream stream, IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        using var writer = BinaryFormat.Writer(stream);
        Format.WriteHeader(writer);
        writer.Write(layers.Count);
        foreach (DenseLayer layer in layers)
        {
            writer.Write(layer.Inputs);
            writer.Write(layer.Outputs);
        }

        ulong checksum = BinaryFloats.ChecksumSeed;
        foreach (DenseLayer layer in layers)
        {
            BinaryFloats.Write(writer, layer.Weights.Values);
            BinaryFloats.Write(writer, layer.Bias.Values);
            checksum = BinaryFloats.Checksum(checksum, layer.Weights.Values);
            checksum = BinaryFloats.Checksum(checksum, layer.Bias.Values);
        }

        writer.Write(checksum);
    }

    /// <summary>Reads a file written by <see cref="Write"/> into <paramref name="layers"/>, whose shapes it must match.</summary>
    public static void Read(Stream stream, IReadOnlyList<DenseLayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        using var reader = BinaryFormat.Reader(stream);
        Format.ReadHeader(reader);
        int count = Format.ReadExpected(reader, layers.Count, "the number of layers");
        for (int index = 0; index < count; index++)
        {
            Format.ReadExpected(reader, layers[index].Inputs, $"layer {index}'s inputs");
            Format.ReadExpected(reader, layers[index].Outputs, $"layer {index}'s outputs");
        }

        // Read into scratch first so that a corrupt file leaves the network untouched.
        var weights = new float[count][];
        var biases = new float[count][];
        ulong checksum = BinaryFloats.ChecksumSeed;
        ulong stored = Format.Truncated(() =>
        {
            for (int index = 0; index < count; index++)
            {
                weights[index] = new float[layers[index].Weights.Length];
                biases[index] = new float[layers[index].Bias.Length];
                BinaryFloats.Read(reader, weights[index]);
                BinaryFloats.Read(reader, biases[index]);
                checksum = BinaryFloats.Checksum(checksum, weights[index]);
                checksum = BinaryFloats.Checksum(checksum, biases[index]);
            }

            return reader.ReadUInt64();
        });
        if (stored != checksum)
        {
            throw new InvalidDataException($"{Format.Name} is corrupt: checksum 0x{stored:X16}, computed 0x{checksum:X16}");
        }

        for (int index = 0; index < count; index++)
        {
            weights[index].CopyTo(layers[index].Weights.Values, 0);
            biases[index].CopyTo(layers[index].Bias.Values, 0);
        }
    }
}
