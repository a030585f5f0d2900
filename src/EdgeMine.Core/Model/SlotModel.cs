using System.Runtime.CompilerServices;

namespace EdgeMine.Model;

/// <summary>
/// The physics of one slot (MODEL.md section 5, in its order), as a pure function of the start-of-slot state and the
/// action. <see cref="MiningEnvironment"/> steps with it; the per-slot optimum scores candidate actions with it.
/// Derived constants are computed once here, never restated.
/// </summary>
public sealed class SlotModel
{
    private readonly double _localCapacityBits;
    private readonly double _mecCapacityHz;
    private readonly double _mecEnergyPerHzCubed;
    private readonly double _energyWeightPerJoule;
    private readonly double _latencyWeightPerSecond;
    private readonly bool _usagePrivacyWithheld;

    public SlotModel(ModelParameters parameters, int miners, int tasksPerMiner, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(miners);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tasksPerMiner);
        if (!(beta is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "beta must lie in [0, 1]");
        }

        Parameters = parameters;
        Miners = miners;
        TasksPerMiner = tasksPerMiner;
        Beta = beta;
        _localCapacityBits = parameters.LocalCapacityBitsPerSlot;
        _mecCapacityHz = parameters.MecCapacityHz;
        double unit = parameters.MecFrequencyUnitHz;
        _mecEnergyPerHzCubed = parameters.MecEnergyCoefficient / (unit * unit * unit);
        _energyWeightPerJoule = beta / parameters.EnergyUnitJoules;
        _latencyWeightPerSecond = (1 - beta) / parameters.LatencyUnitSeconds;
        _usagePrivacyWithheld = parameters.UsagePrivacyForm switch
        {
            UsagePrivacyForm.Eq8 => false,
            UsagePrivacyForm.Withheld => true,
            _ => throw new ArgumentOutOfRangeException(nameof(parameters), parameters.UsagePrivacyForm, "unknown usage privacy form"),
        };
    }

    public ModelParameters Parameters { get; }

    public int Miners { get; }

    public int TasksPerMiner { get; }

    /// <summary>N * M.</summary>
    public int Tasks => Miners * TasksPerMiner;

    /// <summary>beta = alpha1, the weight of energy in the cost; 1 - beta weighs latency [eq. 14].</summary>
    public double Beta { get; }

    /// <summary>
    /// Computes every task's outcome for the state (<paramref name="bufferedBits"/> D0, <paramref name="arrivedBits"/> D1,
    /// <paramref name="channelGood"/> g per miner, <paramref name="mecBacklogCycles"/> Q) and the action, into
    /// <paramref name="outcomes"/>, and returns the slot's totals. Changes nothing else. Actions must lie in [0, 1].
    /// </summary>
    public SlotMetrics Evaluate(
        ReadOnlySpan<double> bufferedBits,
        ReadOnlySpan<double> arrivedBits,
        ReadOnlySpan<bool> channelGood,
        double mecBacklogCycles,
        ReadOnlySpan<double> action,
        Span<TaskOutcome> outcomes)
    {
        int tasks = Tasks;
        var p = Parameters;
        int offloadedTasks = 0;
        double fractionSum = 0;

        // Caps and buffer: each miner's local and upload capacity is spent in task order m = 1..M.
        for (int n = 0; n < Miners; n++)
        {
            bool good = channelGood[n];
            double localLeftBits = _localCapacityBits;
            double uploadLeftBits = p.UploadRateBps(good) * p.SlotSeconds;
            for (int m = 0; m < TasksPerMiner; m++)
            {
                int i = (n * TasksPerMiner) + m;
                double x = action[i];
                double d0 = bufferedBits[i];
                double d1 = arrivedBits[i];
                double dataBits = d0 + d1;
                double offloadWantedBits = x * dataBits;
                double localWantedBits = (1 - x) * dataBits;
                double offloadBits = Math.Min(offloadWantedBits, uploadLeftBits);
                double localBits = Math.Min(localWantedBits, localLeftBits);
                uploadLeftBits -= offloadBits;
                localLeftBits -= localBits;

                ref var o = ref outcomes[i];
                o.ChannelGood = good;
                o.BufferedBits = d0;
                o.ArrivedBits = d1;
                o.OffloadFraction = x;
                o.ServedOffloadBits = offloadBits;
                o.ServedLocalBits = localBits;
                o.NextBufferedBits = (offloadWantedBits - offloadBits) + (localWantedBits - localBits);
                fractionSum += x;
                if (offloadBits > 0)
                {
                    offloadedTasks++;
                }
            }
        }

        var metrics = new SlotMetrics
        {
            OffloadedTasks = offloadedTasks,
            OffloadedFraction = fractionSum / tasks,
            MecBacklogCycles = mecBacklogCycles,
        };
        double queuingSeconds = mecBacklogCycles / _mecCapacityHz;
        for (int i = 0; i < tasks; i++)
        {
            ref var o = ref outcomes[i];
            ScoreTask(ref o, offloadedTasks, queuingSeconds);
            metrics.EnergyJoules += o.EnergyJoules;
            metrics.LatencySeconds += o.LatencySeconds;
            metrics.Cost += o.Cost;
            metrics.Privacy += o.Privacy;
            metrics.Reward += o.Privacy - o.Cost;
            metrics.DeadlineMisses += o.DeadlineMissed ? 1 : 0;
            metrics.ArrivedBits += o.ArrivedBits;
            metrics.ServedBits += o.ServedOffloadBits + o.ServedLocalBits;
            metrics.BufferedBitsAfter += o.NextBufferedBits;
        }

        metrics.Reward -= p.DeadlinePenalty * metrics.DeadlineMisses; // r = sum (P - C) - penalty * misses [eq. 18]
        return metrics;
    }

    /// <summary>
    /// Latency, energy, privacy and cost of one task whose served bits are set in <paramref name="o"/>, given
    /// <paramref name="offloadedTasks"/> (K) sharing the MEC and the queuing delay Q/F [eqs. 1-12].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void ScoreTask(ref TaskOutcome o, int offloadedTasks, double queuingSeconds)
    {
        var p = Parameters;
        double offloadBits = o.ServedOffloadBits;
        if (offloadBits > 0)
        {
            double cpuShareHz = _mecCapacityHz / offloadedTasks;                          // f = F / K
            o.UploadSeconds = offloadBits / p.UploadRateBps(o.ChannelGood);               // [eq. 2]
            o.ProcessingSeconds = offloadBits * p.MecCyclesPerBit / cpuShareHz;           // [eq. 4]
            o.QueuingSeconds = queuingSeconds;                                            // [eq. 3]
            o.OffloadLatencySeconds = o.UploadSeconds + o.ProcessingSeconds + o.QueuingSeconds; // [eq. 1]
            double mecWatts = _mecEnergyPerHzCubed * cpuShareHz * cpuShareHz * cpuShareHz;
            o.OffloadEnergyJoules = (p.TransmitWatts * o.UploadSeconds)                   // [eq. 5]
                + (mecWatts * o.ProcessingSeconds)
                + (p.MecCircuitWatts * o.QueuingSeconds);
        }
        else
        {
            o.UploadSeconds = o.ProcessingSeconds = o.QueuingSeconds = 0;
            o.OffloadLatencySeconds = o.OffloadEnergyJoules = 0;
        }

        o.LocalLatencySeconds = o.ServedLocalBits * p.LocalSecondsPerBit;                 // [eq. 6]
        o.LocalEnergyJoules = o.ServedLocalBits * p.LocalJoulesPerBit;                    // [eq. 7]
        o.LatencySeconds = Math.Max(o.OffloadLatencySeconds, o.LocalLatencySeconds);      // [eq. 11]
        o.EnergyJoules = o.OffloadEnergyJoules + o.LocalEnergyJoules;                     // [eq. 12]
        o.DeadlineMissed = o.LatencySeconds > p.DeadlineSeconds;                          // [eq. 13b]

        double g = o.ChannelGood ? 1.0 : 0.0;
        bool goodForPrivacy = g >= p.GoodChannelThreshold;
        double privacyBaseBits = _usagePrivacyWithheld ? o.BufferedBits + o.ArrivedBits : o.BufferedBits; // usage_privacy_form: D0 + D1 or D0
        o.UsagePrivacy = goodForPrivacy ? Math.Abs(privacyBaseBits - offloadBits) / p.PrivacyUnitBits : 0; // [eq. 8]
        o.LocationPrivacy = offloadBits > 0 && !goodForPrivacy ? 1 : 0;                  // [eq. 9]
        o.Privacy = o.UsagePrivacy + (p.LocationPrivacyWeight * o.LocationPrivacy);       // [eq. 10]
        o.Cost = (_energyWeightPerJoule * o.EnergyJoules) + (_latencyWeightPerSecond * o.LatencySeconds); // [eq. 14]
    }

    /// <summary>The reward contribution of one scored task: P - C - penalty if it missed the deadline [eq. 18].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double TaskReward(in TaskOutcome o) =>
        o.Privacy - o.Cost - (o.DeadlineMissed ? Parameters.DeadlinePenalty : 0);
}
