using System.Text.Json;

namespace LogFlux.Sinks.Testing.Protocol;

/// <summary>Checks a decoded entry payload against the v2 JSON schema (docs/protocol.md#entry-payloads).</summary>
internal static class PayloadValidator
{
    private static readonly string[] MetricKinds = ["counter", "gauge", "distribution"];
    private static readonly string[] SpanStatuses = ["ok", "error"];

    public static string TypeNameFor(int entryType) => entryType switch
    {
        1 => "log",
        2 => "metric",
        3 => "trace",
        4 => "event",
        5 => "audit",
        6 or 7 => "telemetry",
        _ => throw new ArgumentOutOfRangeException(nameof(entryType)),
    };

    /// <summary>Parses and validates; throws <see cref="PayloadValidationException"/> naming the first problem.</summary>
    public static JsonDocument Parse(byte[] json, int entryType)
    {
        if (json.Length >= 3 && json[0] == 0xEF && json[1] == 0xBB && json[2] == 0xBF)
        {
            throw new PayloadValidationException("JSON must not start with a byte order mark");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new PayloadValidationException("payload is not valid UTF-8 JSON (" + FirstLine(ex.Message) + ")");
        }

        try
        {
            Validate(document.RootElement, entryType);
            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static void Validate(JsonElement root, int entryType)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadValidationException("payload must be a JSON object");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new PayloadValidationException($"duplicate field '{property.Name}'");
            }

            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                throw new PayloadValidationException($"field '{property.Name}' is null (omit it instead)");
            }
        }

        if (!root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.String || version.GetString() != "2.0")
        {
            throw new PayloadValidationException("field 'v' must be the string \"2.0\"");
        }

        string expectedType = TypeNameFor(entryType);
        string? type = RequireString(root, "type");
        if (type != expectedType)
        {
            throw new PayloadValidationException($"field 'type' is \"{type}\" but entry type {entryType} requires \"{expectedType}\"");
        }

        int level = RequireInteger(root, "level");
        if (level is < 1 or > 8)
        {
            throw new PayloadValidationException($"field 'level' must be 1-8, got {level}");
        }

        RequireTimestamp(root, "ts");
        OptionalString(root, "source");
        RequireStringMap(root, "attributes");
        RequireStringMap(root, "meta");

        switch (entryType)
        {
            case 1: ValidateLog(root); break;
            case 2: ValidateMetric(root); break;
            case 3: ValidateSpan(root); break;
            case 4: RequireString(root, "event"); break;
            case 5: ValidateAudit(root); break;
            default: ValidateTelemetry(root); break;
        }
    }

    private static void ValidateLog(JsonElement root)
    {
        RequireString(root, "message");
        OptionalString(root, "logger");
        OptionalString(root, "error_type");
        OptionalString(root, "error_message");
        if (root.TryGetProperty("stack_trace", out var frames))
        {
            foreach (var frame in RequireObjectArray(frames, "stack_trace"))
            {
                RequireString(frame, "function", "stack_trace[].function");
                OptionalString(frame, "file", "stack_trace[].file");
                if (frame.TryGetProperty("line", out var line) && !IsInteger(line))
                {
                    throw new PayloadValidationException("field 'stack_trace[].line' must be an integer");
                }
            }
        }

        if (root.TryGetProperty("error_chain", out var chain))
        {
            foreach (var link in RequireObjectArray(chain, "error_chain"))
            {
                RequireString(link, "type", "error_chain[].type");
                RequireString(link, "message", "error_chain[].message");
            }
        }

        if (root.TryGetProperty("breadcrumbs", out var breadcrumbs))
        {
            foreach (var crumb in RequireObjectArray(breadcrumbs, "breadcrumbs"))
            {
                RequireTimestamp(crumb, "timestamp", "breadcrumbs[].timestamp");
                RequireString(crumb, "message", "breadcrumbs[].message");
                OptionalString(crumb, "category", "breadcrumbs[].category");
                OptionalString(crumb, "level", "breadcrumbs[].level");
                RequireStringMap(crumb, "data", "breadcrumbs[].data");
            }
        }
    }

    private static void ValidateMetric(JsonElement root)
    {
        RequireString(root, "name");
        if (!root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new PayloadValidationException("field 'value' is required (number)");
        }

        string kind = RequireStringOrAlias(root, FieldAliases.MetricKind, FieldAliases.MetricKindAlias);
        if (Array.IndexOf(MetricKinds, kind) < 0)
        {
            throw new PayloadValidationException($"field 'kind' must be counter, gauge or distribution, got \"{kind}\"");
        }

        OptionalString(root, "unit");
    }

    private static void ValidateSpan(JsonElement root)
    {
        RequireHex(root, "trace_id", 32);
        RequireHex(root, "span_id", 16);
        if (root.TryGetProperty("parent_span_id", out _))
        {
            RequireHex(root, "parent_span_id", 16);
        }

        RequireString(root, "operation");
        RequireStringOrAlias(root, FieldAliases.SpanName, FieldAliases.SpanNameAlias);
        var start = RequireTimestamp(root, "start_time");
        var end = RequireTimestamp(root, "end_time");
        if (!root.TryGetProperty("duration_ms", out _))
        {
            // The Go client omits a zero duration (omitempty); absent therefore means 0 ms and must fit the times.
            if (end - start >= TimeSpan.FromMilliseconds(1))
            {
                throw new PayloadValidationException(
                    "field 'duration_ms' is required (integer); it may be omitted only for a 0 ms span (end_time - start_time under 1 ms)");
            }
        }
        else if (RequireInteger(root, "duration_ms") < 0)
        {
            throw new PayloadValidationException("field 'duration_ms' must not be negative");
        }

        string status = RequireString(root, "status");
        if (Array.IndexOf(SpanStatuses, status) < 0)
        {
            throw new PayloadValidationException($"field 'status' must be ok or error, got \"{status}\"");
        }
    }

    private static void ValidateAudit(JsonElement root)
    {
        RequireString(root, "action");
        RequireString(root, "actor");
        RequireString(root, "resource");
        RequireString(root, "resource_id");
        OptionalString(root, "outcome");
        OptionalString(root, "actor_type");
    }

    private static void ValidateTelemetry(JsonElement root)
    {
        RequireString(root, "device_id");
        if (!root.TryGetProperty("readings", out var readings))
        {
            throw new PayloadValidationException("field 'readings' is required (array)");
        }

        foreach (var reading in RequireObjectArray(readings, "readings"))
        {
            RequireString(reading, "name", "readings[].name");
            if (!reading.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
            {
                throw new PayloadValidationException("field 'readings[].value' is required (number)");
            }

            OptionalString(reading, "unit", "readings[].unit");
        }
    }

    private static string RequireString(JsonElement obj, string name, string? label = null)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            throw new PayloadValidationException($"field '{label ?? name}' is required (string)");
        }

        return value.GetString()!;
    }

    private static void OptionalString(JsonElement obj, string name, string? label = null)
    {
        if (obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.String)
        {
            throw new PayloadValidationException($"field '{label ?? name}' must be a string");
        }
    }

    private static int RequireInteger(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || !IsInteger(value))
        {
            throw new PayloadValidationException($"field '{name}' is required (integer)");
        }

        return value.TryGetInt32(out int result) ? result : int.MaxValue;
    }

    private static bool IsInteger(JsonElement value) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);

    private static DateTimeOffset RequireTimestamp(JsonElement obj, string name, string? label = null)
    {
        string text = RequireString(obj, name, label);
        if (!Rfc3339Timestamp.TryParseUtc(text, out var value))
        {
            throw new PayloadValidationException($"field '{label ?? name}' must be an RFC 3339 UTC timestamp, got \"{text}\"");
        }

        return value;
    }

    /// <summary>A string field that official clients spell two ways: either is accepted; when both are present they must agree.</summary>
    private static string RequireStringOrAlias(JsonElement obj, string name, string alias)
    {
        bool hasName = obj.TryGetProperty(name, out _);
        bool hasAlias = obj.TryGetProperty(alias, out _);
        if (!hasName && !hasAlias)
        {
            throw new PayloadValidationException($"field '{name}' is required (string; '{alias}' is accepted as another spelling)");
        }

        string? value = hasName ? RequireString(obj, name) : null;
        string? aliasValue = hasAlias ? RequireString(obj, alias) : null;
        if (value is not null && aliasValue is not null && !string.Equals(value, aliasValue, StringComparison.Ordinal))
        {
            throw new PayloadValidationException($"fields '{name}' (\"{value}\") and '{alias}' (\"{aliasValue}\") must agree when both are present");
        }

        return value ?? aliasValue!;
    }

    private static void RequireHex(JsonElement obj, string name, int length)
    {
        string text = RequireString(obj, name);
        if (text.Length != length || !text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
        {
            throw new PayloadValidationException($"field '{name}' must be {length} lowercase hex characters");
        }
    }

    private static void RequireStringMap(JsonElement obj, string name, string? label = null)
    {
        if (!obj.TryGetProperty(name, out var map))
        {
            return;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            throw new PayloadValidationException($"field '{label ?? name}' must be an object");
        }

        foreach (var item in map.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new PayloadValidationException($"field '{label ?? name}.{item.Name}' must be a string, got {item.Value.ValueKind}");
            }
        }
    }

    private static IEnumerable<JsonElement> RequireObjectArray(JsonElement array, string name)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new PayloadValidationException($"field '{name}' must be an array");
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new PayloadValidationException($"field '{name}' must contain only objects");
            }

            yield return item;
        }
    }

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
