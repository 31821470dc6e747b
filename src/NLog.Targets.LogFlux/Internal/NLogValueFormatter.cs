using LogFlux.Sinks.Records;

namespace NLog.Targets.LogFlux.Internal;

/// <summary>
/// Reads the properties the target collected for one event: names that lost against an earlier one are left out,
/// values captured with <c>{@value}</c> are serialised by NLog's own JSON converter (<see cref="LogEventMapper.Format"/>).
/// </summary>
internal sealed class NLogValueFormatter : RecordFormatter
{
    private static NLogValueFormatter? s_plain;

    private readonly IJsonConverter? _json;
    private readonly HashSet<string>? _serialized;

    private NLogValueFormatter(IJsonConverter? json, HashSet<string>? serialized)
    {
        _json = json;
        _serialized = serialized;
    }

    /// <summary>The formatter of one event; events without serialised names share one.</summary>
    public static NLogValueFormatter For(IJsonConverter? json, HashSet<string>? serialized)
    {
        if (serialized is not null) return new NLogValueFormatter(json, serialized);
        var plain = s_plain;
        if (plain is null || !ReferenceEquals(plain._json, json)) s_plain = plain = new NLogValueFormatter(json, null);
        return plain;
    }

    protected override bool Includes(string name) => !name.StartsWith(LogEventMapper.DuplicateMarker, StringComparison.Ordinal);

    protected override string? Format(string name, object? value) => LogEventMapper.Format(value, _serialized?.Contains(name) == true, _json);
}
