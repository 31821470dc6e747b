using LogFlux.Sinks;
using LogFlux.Sinks.Sharing;

namespace Serilog.Sinks.LogFlux;

/// <summary>Builds the sinks from their options; configuration problems go to SelfLog, never into the app.</summary>
internal static class SinkFactory
{
    /// <summary>Observes the options of every sink created (lets tests check what a configuration binding produced).</summary>
    internal static Action<LogFluxSinkOptions>? OptionsCreated;

    public static LogFluxSink CreateSink(LogFluxSinkOptions options)
    {
        OptionsCreated?.Invoke(options);
        return new(Bind(options), CreateConverter(options));
    }

    public static LogFluxAuditSink CreateAuditSink(LogFluxSinkOptions options)
    {
        OptionsCreated?.Invoke(options);
        var timeout = options.AuditDeliveryTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            SelfLogForwarder.Configuration($"AuditDeliveryTimeout must be positive (was {timeout}); using {LogFluxSinkOptions.DefaultAuditDeliveryTimeout.TotalSeconds} s.");
            timeout = LogFluxSinkOptions.DefaultAuditDeliveryTimeout;
        }
        return new(Bind(options), CreateConverter(options), timeout);
    }

    /// <summary>Binds a sink to its client; an invalid configuration is said once, and the sink then drops and counts.</summary>
    private static AdapterClientBinding Bind(LogFluxSinkOptions options)
    {
        if (options.Problems.Count > 0) return Unusable(string.Join(" ", options.Problems));
        try
        {
            return AdapterClientBinding.Open(options.Client, SelfLogForwarder.Channel);
        }
        catch (Exception ex)
        {
            // LogFluxConfigurationException names the option and never contains the key.
            return Unusable(ex.Message);
        }
    }

    private static AdapterClientBinding Unusable(string problem)
    {
        SelfLogForwarder.Configuration($"{problem} The sink drops every event (counted in LogFluxSinkStatus.NoClientDrops).");
        return AdapterClientBinding.Unusable(SelfLogForwarder.Channel);
    }

    private static LogEventConverter CreateConverter(LogFluxSinkOptions options)
    {
        if (!LevelMapping.TryParse(options.LevelMapping, out var mapping, out var error))
        {
            SelfLogForwarder.Configuration($"LevelMapping is invalid: {error}; the default mapping is used.");
        }
        return new LogEventConverter(mapping, options.IncludeMessageTemplate);
    }
}
