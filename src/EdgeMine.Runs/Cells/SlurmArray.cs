using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdgeMine.IO;

namespace EdgeMine.Cells;

/// <summary>
/// Slurm job arrays: the <c>sbatch</c> script of a set of cells, and its submission. Slurm does the scheduling, the
/// retries and the accounting; each array task runs one cell by its index, and the cell store makes a task that runs
/// twice (requeue, resubmission) harmless.
/// </summary>
public static partial class SlurmArray
{
    /// <summary>The <c>--array</c> value of <paramref name="indices"/>: sorted, runs compressed (<c>0-3,5,8-9</c>), then <c>%K</c>.</summary>
    public static string ArraySpec(IEnumerable<int> indices, int? maxParallel = null)
    {
        var sorted = indices.Distinct().Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no indices", nameof(indices));
        }

        var parts = new List<string>();
        for (int i = 0; i < sorted.Length;)
        {
            int j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            parts.Add(i == j
                ? sorted[i].ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{sorted[i]}-{sorted[j]}"));
            i = j + 1;
        }

        return string.Join(',', parts) + (maxParallel is { } k ? string.Create(CultureInfo.InvariantCulture, $"%{k}") : "");
    }

    /// <summary>The script text: <c>#SBATCH</c> lines, then <c>exec</c> of the command (single-quoted for bash).</summary>
    public static string Script(SlurmArrayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append("# Written by 'edgemine'. Each array task runs one cell, found by SLURM_ARRAY_TASK_ID; finished cells are\n");
        text.Append("# skipped, so resubmitting (or the same 'submit' again) reruns only what is missing.\n");
        // #SBATCH lines are read word by word, before bash: a user's string there must be one plain word (a newline
        // would start a script line of its own). The command line below is single-quoted for bash instead.
        text.Append($"#SBATCH --job-name={JobName(options.JobName)}\n");
        text.Append($"#SBATCH --array={ArraySpec(options.Indices, options.MaxParallel)}\n");
        text.Append("#SBATCH --ntasks=1\n");
        text.Append("#SBATCH --cpus-per-task=1\n");
        text.Append($"#SBATCH --output={CheckDirectiveWord(Path.Combine(options.LogDirectory, "%A_%a.out"), "--out")}\n");
        if (options.Partition is { } partition)
        {
            text.Append($"#SBATCH --partition={partition}\n");
        }

        if (options.Time is { } time)
        {
            text.Append($"#SBATCH --time={time}\n");
        }

        text.Append("set -euo pipefail\n");
        text.Append("exec ").Append(string.Join(' ', options.Command.Select(ShellQuote))).Append('\n');
        return text.ToString();
    }

    /// <summary>Creates the log directory (Slurm does not) and writes the script to <paramref name="scriptPath"/> atomically.</summary>
    public static void Write(string scriptPath, SlurmArrayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(options.LogDirectory);
        AtomicFile.WriteAllText(scriptPath, Script(options));
    }

    /// <summary>A job name for <c>#SBATCH --job-name</c>: the name with every character but letters, digits, '.', '_' and '-' replaced by '-'.</summary>
    public static string JobName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string word = new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray());
        return word.Length == 0 ? "edgemine" : word[..Math.Min(word.Length, 128)];
    }

    /// <summary>
    /// <paramref name="word"/> when it can stand in an <c>#SBATCH</c> line as it is (printable, no whitespace, no quote,
    /// no backslash); else a configuration error naming <paramref name="option"/>, the source of the path.
    /// </summary>
    public static string CheckDirectiveWord(string word, string option)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.All(c => c > ' ' && c < (char)127 && c is not '"' and not '\'' and not '\\')
            ? word
            : throw new ConfigurationException($"{option} {UserInput.Quote(word)}: allowed: a path of printable characters without spaces, quotes or backslashes (it goes into the script's #SBATCH lines, which Slurm reads word by word)");
    }

    /// <summary>Checks a partition name (it goes into the script): throws a configuration error naming the option.</summary>
    public static string? CheckPartition(string? partition) =>
        partition is null || PartitionPattern().IsMatch(partition)
            ? partition
            : throw new ConfigurationException($"--partition {UserInput.Quote(partition)}: allowed: a partition name (letters, digits, '_', '-', '.', comma-separated)");

    /// <summary>Checks a Slurm time limit: <c>MM</c>, <c>MM:SS</c>, <c>HH:MM:SS</c>, <c>D-HH</c>, <c>D-HH:MM</c>, <c>D-HH:MM:SS</c>.</summary>
    public static string? CheckTime(string? time) =>
        time is null || TimePattern().IsMatch(time)
            ? time
            : throw new ConfigurationException($"--time {UserInput.Quote(time)}: allowed: a Slurm time limit such as 30, 01:30:00 or 2-00:00:00");

    /// <summary>Runs <c>sbatch --parsable SCRIPT</c> and returns the job id it prints.</summary>
    public static string Submit(string scriptPath)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--parsable");
        start.ArgumentList.Add(scriptPath);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new IOException("sbatch did not start");
        }
        catch (Win32Exception)
        {
            throw new IOException($"sbatch not found on PATH; the script is {scriptPath}: submit it on a Slurm login node with 'sbatch {scriptPath}'");
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string message = string.Join(' ', error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                throw new IOException(string.Create(CultureInfo.InvariantCulture, $"sbatch {scriptPath} failed (exit code {process.ExitCode}): {message}"));
            }

            // --parsable prints "jobid" or "jobid;cluster".
            return output.Trim().Split(';')[0];
        }
    }

    /// <summary>Slurm's default <c>MaxArraySize</c> (slurm.conf(5)): array indices go from 0 to 1000.</summary>
    public const int DefaultMaxArraySize = 1001;

    /// <summary>
    /// The cluster's <c>MaxArraySize</c>, read from <c>scontrol show config</c> (given at most 10 s), and where it comes
    /// from; Slurm's default <see cref="DefaultMaxArraySize"/> when scontrol is missing, fails or does not say.
    /// </summary>
    public static (int Size, string Source) MaxArraySize()
    {
        var start = new ProcessStartInfo("scontrol") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("show");
        start.ArgumentList.Add("config");
        try
        {
            using var process = Process.Start(start);
            if (process is not null)
            {
                var output = process.StandardOutput.ReadToEndAsync();
                _ = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(10_000))
                {
                    process.Kill(entireProcessTree: true);
                    return (DefaultMaxArraySize, "Slurm's default: 'scontrol show config' did not answer within 10 s");
                }

                if (process.ExitCode == 0 && ParseMaxArraySize(output.Result) is { } size)
                {
                    return (size, "from 'scontrol show config'");
                }
            }

            return (DefaultMaxArraySize, "Slurm's default: 'scontrol show config' did not give it");
        }
        catch (Win32Exception)
        {
            return (DefaultMaxArraySize, "Slurm's default: scontrol is not on PATH");
        }
    }

    /// <summary>The value of the <c>MaxArraySize = N</c> line of <c>scontrol show config</c>'s output, or null.</summary>
    public static int? ParseMaxArraySize(string scontrolOutput)
    {
        ArgumentNullException.ThrowIfNull(scontrolOutput);
        var match = MaxArraySizeLine().Match(scontrolOutput);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int size) ? size : null;
    }

    /// <summary>
    /// The warning for an array with an index at or above <paramref name="maxArraySize"/> (Slurm refuses it: indices go
    /// up to MaxArraySize - 1), or null when every index fits.
    /// </summary>
    public static string? ArrayLimitWarning(IReadOnlyList<int> indices, int maxArraySize, string source)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0 || indices.Max() < maxArraySize)
        {
            return null;
        }

        int above = indices.Count(i => i >= maxArraySize);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"warning: {above} of the array's {indices.Count} indices (up to {indices.Max()}) are at or above the cluster's MaxArraySize {maxArraySize} ({source}), and sbatch refuses an array with any of them: ask the cluster's administrators to raise MaxArraySize in slurm.conf, or split the work into parts of at most {maxArraySize} cells");
    }

    private static string ShellQuote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '=' or ':' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^\s*MaxArraySize\s*=\s*(\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex MaxArraySizeLine();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(,[A-Za-z0-9_.\-]+)*$")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex(@"^(\d+-\d+(:\d{1,2}){0,2}|\d+(:\d{1,2}){0,2})$")]
    private static partial Regex TimePattern();
}
