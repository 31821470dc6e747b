namespace LogFlux.Sinks.Pipeline;

/// <summary>
/// Pricing categories blocked after a 507 (docs/protocol.md#quota-blocks): events = types 1, 2, 4; traces = 3, 6, 7;
/// audit = 5. A block lifts after <see cref="BlockDuration"/>; a new 507 blocks again.
/// </summary>
internal sealed class QuotaBlocks
{
    public static readonly TimeSpan BlockDuration = TimeSpan.FromMinutes(15);

    private readonly TimeProvider _time;
    private readonly long[] _blockedUntilTicks = new long[3];

    public QuotaBlocks(TimeProvider time) => _time = time;

    public static int CategoryOf(LogFluxEntryType type) => type switch
    {
        LogFluxEntryType.Trace or LogFluxEntryType.Telemetry or LogFluxEntryType.TelemetryManaged => 1,
        LogFluxEntryType.Audit => 2,
        _ => 0,
    };

    public static string CategoryName(LogFluxEntryType type) => CategoryOf(type) switch
    {
        1 => "traces",
        2 => "audit",
        _ => "events",
    };

    /// <summary>True while the category of <paramref name="type"/> is blocked. Reads the clock only when a block was ever set.</summary>
    public bool IsBlocked(LogFluxEntryType type)
    {
        var until = Volatile.Read(ref _blockedUntilTicks[CategoryOf(type)]);
        return until != 0 && _time.GetUtcNow().UtcTicks < until;
    }

    /// <summary>Blocks the category of <paramref name="type"/> from now for <see cref="BlockDuration"/>; returns when it lifts.</summary>
    public DateTimeOffset Block(LogFluxEntryType type)
    {
        var until = _time.GetUtcNow() + BlockDuration;
        Volatile.Write(ref _blockedUntilTicks[CategoryOf(type)], until.UtcTicks);
        return until;
    }

    /// <summary>Names of the categories blocked right now.</summary>
    public IReadOnlyList<string> BlockedCategories()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var names = new List<string>(3);
        if (now < Volatile.Read(ref _blockedUntilTicks[0])) names.Add("events");
        if (now < Volatile.Read(ref _blockedUntilTicks[1])) names.Add("traces");
        if (now < Volatile.Read(ref _blockedUntilTicks[2])) names.Add("audit");
        return names;
    }
}
