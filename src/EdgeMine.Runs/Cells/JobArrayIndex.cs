using System.Globalization;

namespace EdgeMine.Cells;

/// <summary>
/// The cell a task of a job array runs, from the scheduler's environment: a Slurm job array numbers its tasks in
/// <see cref="SlurmVariable"/>, a Kubernetes Indexed Job its pods in <see cref="KubernetesVariable"/>. Each task runs
/// the cell of that index of its job; the cell store makes a task that runs twice harmless.
/// </summary>
public static class JobArrayIndex
{
    /// <summary>Slurm job arrays number their tasks here.</summary>
    public const string SlurmVariable = "SLURM_ARRAY_TASK_ID";

    /// <summary>Kubernetes Indexed Jobs number their pods here.</summary>
    public const string KubernetesVariable = "JOB_COMPLETION_INDEX";

    /// <summary>
    /// This task's index and the variable it came from (Slurm's first), or null outside a job array. A value that is not
    /// a non-negative integer is a <see cref="ConfigurationException"/> naming the variable.
    /// </summary>
    public static (int Index, string Variable)? FromEnvironment()
    {
        foreach (string variable in new[] { SlurmVariable, KubernetesVariable })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text)
            {
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                    ? (value, variable)
                    : throw new ConfigurationException($"{variable}={UserInput.Quote(text)}: allowed: a non-negative integer (the array task's cell index)");
            }
        }

        return null;
    }
}
