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
public static class WeightFile
{
    /// <summary>"EMNW" read as a little-endian uint32.</summary>
    public const uint Magic = 0x574E_4D45;

    public const int Version = 1;

    public static void Write(Stream stream, IReadOnlyList<DenseLayer> layers)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
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
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            uint magic = reader.ReadUInt32();
            if (magic != Magic)
            {
                throw new InvalidDataException($"not an EdgeMine weight file: magic 0x{magic:X8}, expected 0x{Magic:X8} (\"EMNW\")");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"weight file version {version} is not supported (this build reads version {Version})");
            }

            int count = reader.ReadInt32();
            if (count != layers.Count)
            {
                throw new InvalidDataException($"weight file has {count} layers, the network has {layers.Count}");
            }

            for (int index = 0; index < count; index++)
            {
                int inputs = reader.ReadInt32();
                int outputs = reader.ReadInt32();
                if (inputs != layers[index].Inputs || outputs != layers[index].Outputs)
                {
                    throw new InvalidDataException(
                        $"weight file layer {index} is {inputs}x{outputs}, the network's is {layers[index].Inputs}x{layers[index].Outputs}");
                }
            }

            // Read into scratch first so that a corrupt file leaves the network untouched.
            var weights = new float[count][];
            var biases = new float[count][];
            ulong checksum = BinaryFloats.ChecksumSeed;
            for (int index = 0; index < count; index++)
            {
                weights[index] = new float[layers[index].Weights.Length];
                biases[index] = new float[layers[index].Bias.Length];
                BinaryFloats.Read(reader, weights[index]);
                BinaryFloats.Read(reader, biases[index]);
                checksum = BinaryFloats.Checksum(checksum, weights[index]);
                checksum = BinaryFloats.Checksum(checksum, biases[index]);
            }

            ulong stored = reader.ReadUInt64();
            if (stored != checksum)
            {
                throw new InvalidDataException($"weight file is corrupt: checksum 0x{stored:X16}, computed 0x{checksum:X16}");
            }

            for (int index = 0; index < count; index++)
            {
                weights[index].CopyTo(layers[index].Weights.Values, 0);
                biases[index].CopyTo(layers[index].Bias.Values, 0);
            }
        }
        catch (EndOfStreamException exception)
        {
            throw new InvalidDataException("weight file is truncated", exception);
        }
    }
}
