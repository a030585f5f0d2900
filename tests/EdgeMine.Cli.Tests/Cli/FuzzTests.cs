using System.Globalization;
using System.Security.Cryptography;
using CsCheck;
using EdgeMine.IO;

namespace EdgeMine.Tests.Cli;

/// <summary>
/// Malformed input built from a grammar (CsCheck), with a fixed budget of cases drawn from a pinned seed (<see cref="PinnedSample"/>): command lines with
/// bad values, config files, sweep files, and damaged model files. Every case that fails must fail cleanly: exit 2 with
/// one line, never an internal error; no file outside the run's output directory changes; memory stays bounded.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    /// <summary>Cases per family (the suite's time budget: a few seconds in all).</summary>
    private const int Cases = 150;

    /// <summary>The pinned seed of every family (<see cref="PinnedSample"/>): the same cases on every run.</summary>
    private const string Seed = "0N0mbDGSwb7s";

    /// <summary>Bytes a single case may allocate: far above any tiny run, far below an unbounded read.</summary>
    private const long MemoryBound = 1L << 30;

    private readonly TemporaryDirectory _directory = new();
    private readonly string _protected;
    private readonly string _trained;

    public FuzzTests()
    {
        _protected = Directory.CreateDirectory(_directory.File("protected")).FullName;
        File.WriteAllText(Path.Combine(_protected, "keep.txt"), "keep");
        File.CreateSymbolicLink(Path.Combine(_protected, "link.txt"), Path.Combine(_protected, "keep.txt"));
        _trained = _directory.File("trained");
        Assert.Equal(0, CliRunner.Run("train", "--algo", "rlo", "--miners", "2", "--slots", "200", "--out", _trained).ExitCode);
    }

    public void Dispose() => _directory.Dispose();

    // Values that are wrong for most options: empty, huge, negative, non-numbers, special files, control characters.
    private static readonly string[] BadValues =
    [
        "", "-1", "0", "abc", "1e999", "NaN", "-Infinity", "2147483648", "99999999999999999999", "0x10", "1,5", " 3",
        "\n", "a\nb", "'", "\"", "--", "@/dev/zero", "/dev/zero", "/dev/null", "/", "/nonexistent/x", "\u0000", "é",
        new string('9', 5000), "5e-324", "1e308",
    ];

    private static readonly string[] Options =
    [
        "--miners", "--tasks", "--beta", "--slots", "--runs", "--seed", "--seeds", "--preset", "--config", "--set", "--policy",
        "--jobs", "--only", "--index", "--learner", "--variant", "--algo", "--trace", "--checkpoint-every", "--model", "--actions",
    ];

    private static readonly string[][] Commands =
    [
        ["simulate"], ["train", "--algo", "rlo"], ["evaluate"], ["reproduce", "--quick", "--only", "fig7"], ["bench", "dqn"], ["sweep", "run"],
    ];

    private static readonly string[] ConfigKeys = ["slot_seconds", "mec_capacity_hz", "rate_bad_bps", "energy_unit_joules", "channel_persistence", "nonsense", ""];

    private static Gen<string> Value => Gen.OneOf(
        Gen.OneOfConst(BadValues),
        Gen.String[Gen.Char.AlphaNumeric, 0, 12],
        Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Select(Gen.OneOfConst(ConfigKeys), Gen.OneOfConst(BadValues), (k, v) => $"{k}={v}"));

    [Fact]
    public void Malformed_command_lines_fail_cleanly()
    {
        var gen = Gen.Select(
            Gen.OneOfConst(Commands),
            Gen.Select(Gen.OneOfConst(Options), Value).Array[1, 3]);
        PinnedSample.Run(
            gen,
            c =>
            {
                var (command, options) = c;
                string output = _directory.File("out-" + Guid.NewGuid().ToString("N"));
                var args = new List<string>(command);
                foreach (var (option, value) in options)
                {
                    args.Add(option);
                    args.Add(value.Replace("OUT", output, StringComparison.Ordinal));
                }

                // Keep valid runs tiny, and give every writer an output directory of its own.
                if (!options.Any(o => o.Item1 == "--slots"))
                {
                    args.AddRange(["--slots", "3"]);
                }

                if (command[0] is "train" or "reproduce" or "sweep" && !options.Any(o => o.Item1 == "--out"))
                {
                    args.AddRange(["--out", output]);
                }

                if (command[0] == "sweep")
                {
                    args.Insert(2, _directory.File("missing-sweep.json"));
                }

                Check(args);
            },
            Cases,
            Seed,
            "0ClYl-oMr133"); // a 5,000-digit number as --config's value: the system's message echoed the path whole
    }

    [Fact]
    public void A_long_value_is_quoted_within_bounds_wherever_it_is_echoed()
    {
        // The case of regression seed 0ClYl-oMr133: --config's value taken as a path too long for the system, whose
        // message repeated the path whole (5,416 characters).
        string digits = new('9', 5000);
        var run = Check(["train", "--algo", "rlo", "--config", $"channel_persistence={digits}", "--slots", "3", "--out", _directory.File("long")]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(5020 characters)", run.Error, StringComparison.Ordinal);
        Assert.True(run.Error.Length < 2 * 200 + 200, $"an error of {run.Error.Length} characters");
    }

    [Fact]
    public void Malformed_config_and_sweep_files_fail_cleanly()
    {
        var json = Gen.OneOf(
            Gen.OneOfConst("", "{", "[]", "null", "{\"a\":}", "{\"mec_capacity_hz\": \"x\"}", "{\"mec_capacity_hz\": -1}", "{\"grid\": {\"beta\": []}}",
                "{\"name\": \"s\", \"fixed\": {\"algo\": \"nope\"}}", "{\"name\": \"s\", \"grid\": {\"beta\": [0.1, 0.1]}, \"fixed\": {\"algo\": \"no\"}}",
                "{\"slot_seconds\": 1e-320}", "\uFEFF{}", "{\"rate_bad_bps\": 1, \"rate_bad_bps\": 2}"),
            Gen.Select(Gen.OneOfConst(ConfigKeys), Gen.OneOfConst(BadValues), (k, v) => $"{{\"{k}\": \"{v.Replace("\"", "", StringComparison.Ordinal)}\"}}"),
            Gen.Byte.Array[0, 64].Select(b => System.Text.Encoding.Latin1.GetString(b)));
        PinnedSample.Run(
            Gen.Select(json, Gen.Bool),
            c =>
            {
                var (text, asSweep) = c;
                string file = _directory.File("input-" + Guid.NewGuid().ToString("N") + ".json");
                File.WriteAllText(file, text);
                string output = _directory.File("out-" + Guid.NewGuid().ToString("N"));
                Check(asSweep ? ["sweep", "run", file, "--out", output] : ["simulate", "--config", file, "--slots", "3", "--runs", "1"]);
            },
            Cases,
            Seed);
    }

    [Fact]
    public void Damaged_model_files_fail_cleanly()
    {
        byte[] model = File.ReadAllBytes(Path.Combine(_trained, "model.bin"));
        var damage = Gen.OneOf(
            Gen.Int[0, model.Length - 1].Select(n => (Kind: "truncate", At: n, Bits: 0)),
            Gen.Select(Gen.Int[0, model.Length - 1], Gen.Int[1, 255], (at, bits) => (Kind: "flip", At: at, Bits: bits)),
            Gen.Int[1, 200].Select(n => (Kind: "extend", At: n, Bits: 0)));
        PinnedSample.Run(
            damage,
            d =>
            {
                string copy = _directory.File("model-" + Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(copy);
                File.Copy(Path.Combine(_trained, "config.json"), Path.Combine(copy, "config.json"));
                byte[] bytes = d.Kind switch
                {
                    "truncate" => model[..d.At],
                    "flip" => Flip(model, d.At, (byte)d.Bits),
                    _ => [.. model, .. Extension(d.At)],
                };
                File.WriteAllBytes(Path.Combine(copy, "model.bin"), bytes);
                var run = Check(["evaluate", "--model", copy, "--runs", "1", "--slots", "3"]);
                Assert.NotEqual(0, run.ExitCode); // every damage is caught: the checksum covers every byte
            },
            Cases,
            Seed);
    }

    /// <summary><paramref name="length"/> bytes of garbage, from a generator seeded by the length (no fresh randomness in tests).</summary>
    private static byte[] Extension(int length)
    {
        var random = new EdgeMine.Randomness.Xoshiro256((ulong)length);
        return [.. Enumerable.Range(0, length).Select(_ => (byte)random.NextUInt64())];
    }

    private static byte[] Flip(byte[] bytes, int at, byte bits)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= bits;
        return copy;
    }

    /// <summary>Runs one case and checks the promises; returns the run.</summary>
    private (int ExitCode, string Output, string Error) Check(IReadOnlyList<string> args)
    {
        var before = Snapshot();
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        var run = CliRunner.Run([.. args]);
        long used = GC.GetTotalAllocatedBytes(precise: false) - allocated;
        string shown = string.Join(' ', args.Select(a => a.Length > 40 ? a[..40] + "..." : a)).ReplaceLineEndings("\\n");
        if (run.ExitCode != 0)
        {
            Assert.True(run.ExitCode == 2, $"{shown}: exit {run.ExitCode}: {run.Error}");
            var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length == 1, $"{shown}: {lines.Length} lines: {run.Error}");
            Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
            Assert.True(run.Error.Length < 2000, $"{shown}: an error of {run.Error.Length} characters");
        }

        Assert.True(used < MemoryBound, $"{shown}: allocated {used} bytes");
        Assert.Equal(before, Snapshot());
        if (File.Exists("/dev/null"))
        {
            Assert.Equal(PathKind.Special, FileKind.Of("/dev/null"));
        }

        return run;
    }

    // The protected files and the trained model, which no case may change.
    private string Snapshot() => string.Join('\n', new[] { Path.Combine(_protected, "keep.txt"), Path.Combine(_trained, "model.bin"), Path.Combine(_trained, "config.json") }
        .Select(p => $"{p}:{Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))}")
        .Append($"link:{new FileInfo(Path.Combine(_protected, "link.txt")).LinkTarget}"));
}
