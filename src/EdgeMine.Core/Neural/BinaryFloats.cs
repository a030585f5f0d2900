using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace EdgeMine.Neural;

/// <summary>Float32 arrays to and from little-endian bytes, whatever the host's byte order.</summary>
internal static class BinaryFloats
{
    public static void Write(BinaryWriter writer, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            writer.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    /// <summary>Fills <paramref name="values"/>; throws <see cref="EndOfStreamException"/> when the stream ends first.</summary>
    public static void Read(BinaryReader reader, Span<float> values)
    {
        Span<byte> bytes = MemoryMarshal.AsBytes(values);
        int read = 0;
        while (read < bytes.Length)
        {
            int count = reader.Read(bytes[read..]);
            if (count == 0)
            {
                throw new EndOfStreamException();
            }

            read += count;
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(values);
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    /// <summary>FNV-1a (64-bit) over the values' little-endian bytes: cheap and enough to catch corruption.</summary>
    public static ulong Checksum(ulong hash, ReadOnlySpan<float> values)
    {
        const ulong Prime = 0x100000001B3UL;
        foreach (float value in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            for (int shift = 0; shift < 32; shift += 8)
            {
                hash = (hash ^ ((bits >> shift) & 0xFF)) * Prime;
            }
        }

        return hash;
    }

    public const ulong ChecksumSeed = 0xCBF29CE484222325UL;
}
