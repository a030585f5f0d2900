namespace EdgeMine.Native;

/// <summary>
/// The status codes of the C ABI (edgemine.h). Every export returns one; on anything but <see cref="Ok"/> the message
/// (one line, the CLI's wording where the CLI has one) is read with <c>edgemine_last_error</c>.
/// </summary>
public enum StatusCode
{
    /// <summary>Success.</summary>
    Ok = 0,

    /// <summary>A bad configuration: unknown config key, value out of range, unknown preset, bad N, M, beta, runs...</summary>
    Configuration = 1,

    /// <summary>A bad action: wrong number of values, NaN, or a fraction outside [0, 1].</summary>
    Action = 2,

    /// <summary>A bad call: invalid handle, null pointer, buffer of the wrong length, unknown policy name.</summary>
    Argument = 3,

    /// <summary>The environment was stepped before its first reset.</summary>
    State = 4,

    /// <summary>The caller's agent callback reported a failure (the caller holds the reason).</summary>
    Callback = 5,

    /// <summary>A bug: reported as one line with the exception's type.</summary>
    Internal = 6,

    /// <summary>The caller's cancellation check asked a long call to stop (Ctrl-C in Python); nothing is left behind.</summary>
    Cancelled = 7,
}
