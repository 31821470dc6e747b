using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Protocol;

/// <summary>Entries that reproduce the payloads of the vector file.</summary>
internal static class EntrySamples
{
    public static readonly GlobalContext Context = new("checkout-api", "production", "1.4.2");

    public static DateTimeOffset At(int second, int millisecond) => new(2026, 1, 15, 10, 30, second, millisecond, TimeSpan.Zero);

    /// <summary>The type-1 log of multipart[0]/[1] and aes_gcm[0].</summary>
    public static LogEntry OrderPlaced()
    {
        var log = new LogEntry(LogFluxLevel.Info, "order placed", At(0, 123));
        log.SetAttribute("order_id", "ord_1001");
        log.SetAttribute("user.id", "usr_42");
        return log;
    }

    /// <summary>The managed telemetry (type 7) of multipart[0]/[1].</summary>
    public static TelemetryEntry DeviceReadings()
    {
        var telemetry = new TelemetryEntry("dev_0042",
            [new TelemetryReading("cpu_temp", 72.5, "celsius"), new TelemetryReading("fan_rpm", 1800)],
            managed: true, At(0, 456));
        telemetry.SetAttribute("site", "fra-1");
        return telemetry;
    }

    /// <summary>The event of aes_gcm[1].</summary>
    public static EventEntry Signup()
    {
        var evt = new EventEntry("user.signup", At(1, 0));
        evt.SetAttribute("plan", "starter");
        evt.SetAttribute("user_id", "usr_987");
        return evt;
    }
}
