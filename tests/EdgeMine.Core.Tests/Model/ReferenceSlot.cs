using EdgeMine.Model;

namespace EdgeMine.Tests.Model;

/// <summary>One task's terms as MODEL.md section 5 defines them, computed by <see cref="ReferenceSlot"/>.</summary>
internal sealed class ReferenceTask
{
    public bool Good { get; init; }
    public double D0 { get; init; }
    public double D1 { get; init; }
    public double X { get; init; }
    public double ServedOffload { get; set; }
    public double ServedLocal { get; set; }
    public double NextD0 { get; set; }
    public double Upload { get; set; }
    public double Processing { get; set; }
    public double Queuing { get; set; }
    public double OffloadLatency { get; set; }
    public double LocalLatency { get; set; }
    public double Latency { get; set; }
    public double OffloadEnergy { get; set; }
    public double LocalEnergy { get; set; }
    public double Energy { get; set; }
    public double PrivacyUsage { get; set; }
    public double PrivacyLocation { get; set; }
    public double Privacy { get; set; }
    public double Cost { get; set; }
    public bool DeadlineMiss { get; set; }
}

/// <summary>The result of one slot computed by <see cref="ReferenceSlot.Compute"/>.</summary>
internal sealed record ReferenceSlotResult(ReferenceTask[] Tasks, int OffloadedTasks, double Reward, double NextBacklog);

/// <summary>
/// A test oracle: MODEL.md section 5 written out literally and independently of <see cref="SlotModel"/>
/// (no shared code, other than reading the parameter record). Slow and allocating on purpose: clarity first.
/// </summary>
internal static class ReferenceSlot
{
    public static ReferenceSlotResult Compute(
        ModelParameters p,
        int miners,
        int tasksPerMiner,
        double beta,
        IReadOnlyList<bool> good,
        IReadOnlyList<double> d0,
        IReadOnlyList<double> d1,
        IReadOnlyList<double> x,
        double backlog)
    {
        var tasks = new ReferenceTask[miners * tasksPerMiner];

        // Capacity and buffer: per miner, dt / t_local local bits and rate(g) * dt upload bits, spent in task order.
        for (int n = 0; n < miners; n++)
        {
            double rate = good[n] ? p.RateGoodBps : p.RateBadBps;
            double uploadLeft = rate * p.SlotSeconds;
            double localLeft = p.SlotSeconds / p.LocalSecondsPerBit;
            for (int m = 0; m < tasksPerMiner; m++)
            {
                int i = (n * tasksPerMiner) + m;
                double d = d0[i] + d1[i];
                double wantOffload = x[i] * d;
                double wantLocal = (1 - x[i]) * d;
                double servedOffload = Math.Min(wantOffload, uploadLeft);
                double servedLocal = Math.Min(wantLocal, localLeft);
                uploadLeft -= servedOffload;
                localLeft -= servedLocal;
                tasks[i] = new ReferenceTask
                {
                    Good = good[n],
                    D0 = d0[i],
                    D1 = d1[i],
                    X = x[i],
                    ServedOffload = servedOffload,
                    ServedLocal = servedLocal,
                    NextD0 = d - servedOffload - servedLocal, // D0(t+1) = bits not served
                };
            }
        }

        int k = tasks.Count(t => t.ServedOffload > 0); // K counts tasks with served Do > 0
        double reward = 0;
        int misses = 0;
        double offloadedCycles = 0;
        foreach (var t in tasks)
        {
            double rate = t.Good ? p.RateGoodBps : p.RateBadBps;
            if (t.ServedOffload > 0)
            {
                double f = p.MecCapacityHz / k;                                   // f = F / K
                t.Upload = t.ServedOffload / rate;                                 // eq. 2
                t.Processing = t.ServedOffload * p.MecCyclesPerBit / f;            // eq. 4
                t.Queuing = backlog / p.MecCapacityHz;                             // eq. 3
                t.OffloadLatency = t.Upload + t.Processing + t.Queuing;            // eq. 1
                double mecWatts = p.MecEnergyCoefficient * Math.Pow(f / p.MecFrequencyUnitHz, 3);
                t.OffloadEnergy = (p.TransmitWatts * t.Upload) + (mecWatts * t.Processing) + (p.MecCircuitWatts * t.Queuing); // eq. 5
            }

            t.LocalLatency = t.ServedLocal * p.LocalSecondsPerBit;                 // eq. 6
            t.LocalEnergy = t.ServedLocal * p.LocalJoulesPerBit;                   // eq. 7
            t.Latency = Math.Max(t.OffloadLatency, t.LocalLatency);               // eq. 11
            t.Energy = t.OffloadEnergy + t.LocalEnergy;                            // eq. 12
            t.DeadlineMiss = t.Latency > p.DeadlineSeconds;                        // eq. 13b
            double g = t.Good ? 1 : 0;
            double kept = p.UsagePrivacyForm == UsagePrivacyForm.Withheld ? t.D0 + t.D1 : t.D0;                             // section 5: eq8 or withheld
            t.PrivacyUsage = Math.Abs(kept - t.ServedOffload) / p.PrivacyUnitBits * (g >= p.GoodChannelThreshold ? 1 : 0);  // eq. 8
            t.PrivacyLocation = (t.ServedOffload > 0 ? 1 : 0) * (g < p.GoodChannelThreshold ? 1 : 0);                       // eq. 9
            t.Privacy = t.PrivacyUsage + (p.LocationPrivacyWeight * t.PrivacyLocation);                                      // eq. 10
            t.Cost = (beta * t.Energy / p.EnergyUnitJoules) + ((1 - beta) * t.Latency / p.LatencyUnitSeconds);              // eq. 14
            reward += t.Privacy - t.Cost;
            misses += t.DeadlineMiss ? 1 : 0;
            offloadedCycles += t.ServedOffload * p.MecCyclesPerBit;
        }

        reward -= p.DeadlinePenalty * misses;                                                                   // eq. 18
        double nextBacklog = Math.Max(0, backlog + offloadedCycles - (p.MecCapacityHz * p.SlotSeconds));       // Q(t+1)
        return new ReferenceSlotResult(tasks, k, reward, nextBacklog);
    }
}
