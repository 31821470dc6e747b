using System.Globalization;
using System.Text.Json;

namespace LogFlux.Sinks.Protocol;

/// <summary>
/// Writes the <c>attributes</c> object of a captured record straight into the payload. The first
/// value written under a name wins; later ones are ignored, which is how event properties take precedence over
/// scope attributes and derived values. Values are written as strings (docs/protocol.md#attribute-values).
/// </summary>
internal sealed class LogFluxAttributeWriter
{
    private static readonly JsonEncodedText AttributesName = JsonEncodedText.Encode("attributes");
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private Utf8JsonWriter? _writer;
    private Dictionary<string, string>? _collected;
    private bool _started;

    internal LogFluxAttributeWriter()
    {
    }

    /// <summary>Names starting with this prefix are ignored (null: none are).</summary>
    public string? SkippedPrefix { get; set; }

    /// <summary>Number of attributes written so far.</summary>
    public int Count => _seen.Count;

    /// <summary>True when an attribute named <paramref name="name"/> was already written.</summary>
    /// <param name="name">The attribute name.</param>
    /// <returns>Whether the name is taken.</returns>
    public bool Contains(string name) => _seen.Contains(name);

    /// <summary>Writes a string attribute. A null value writes nothing.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the attribute was written (the name was free and the value not null).</returns>
    public bool Add(string name, string? value) => value is not null && Add(name, value.AsSpan());

    /// <summary>Writes a string attribute from characters.</summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the attribute was written (the name was free).</returns>
    public bool Add(string name, ReadOnlySpan<char> value)
    {
        if (!Claim(name)) return false;
        if (_collected is not null) _collected[name] = value.ToString();
        else Writer.WriteString(Utf16Text.Scrub(name)!, Utf16Text.Scrub(value));
        return true;
    }

    /// <summary>
    /// Writes a value in its attribute text form (as <see cref="AttributeValueFormatter.Format"/> would); common
    /// scalars are formatted without allocating. A null value writes nothing.
    /// </summary>
    /// <param name="name">The attribute name.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the attribute was written.</returns>
    public bool AddValue(string name, object? value)
    {
        switch (value)
        {
            case null:
                return false;
            case string text:
                return Add(name, text.AsSpan());
            case int or long or double or float or bool or short or byte or uint or ulong:
            {
                Span<char> digits = stackalloc char[40];
                if (TryFormatScalar(value, digits, out int written)) return Add(name, digits[..written]);
                break;
            }
        }
        if (Contains(name)) return false;
        return Add(name, AttributeValueFormatter.Format(value));
    }

    /// <summary>
    /// Runs <paramref name="write"/> against a writer that collects the attributes into a map instead of JSON, with the
    /// same precedence and formatting: how a captured record becomes an entry.
    /// </summary>
    /// <param name="write">Writes the attributes.</param>
    /// <returns>The attributes as a new map (empty when nothing was written).</returns>
    public static Dictionary<string, string> Collect(Action<LogFluxAttributeWriter> write)
    {
        var writer = new LogFluxAttributeWriter { _collected = new Dictionary<string, string>(StringComparer.Ordinal) };
        write(writer);
        return writer._collected;
    }

    internal void Begin(Utf8JsonWriter writer)
    {
        _writer = writer;
        _started = false;
        _seen.Clear();
    }

    /// <summary>Closes the <c>attributes</c> object (if anything was written).</summary>
    internal void End()
    {
        if (_started) Writer.WriteEndObject();
        _writer = null;
    }

    private Utf8JsonWriter Writer => _writer ?? throw new InvalidOperationException("The attribute writer is not open.");

    private bool Claim(string name)
    {
        if (name is null || SkippedPrefix is not null && name.StartsWith(SkippedPrefix, StringComparison.Ordinal)) return false;
        if (!_seen.Add(name)) return false;
        if (_collected is null && !_started)
        {
            Writer.WriteStartObject(AttributesName);
            _started = true;
        }
        return true;
    }

    private static bool TryFormatScalar(object value, Span<char> destination, out int written)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (value)
        {
            case int i: return i.TryFormat(destination, out written, default, invariant);
            case long l: return l.TryFormat(destination, out written, default, invariant);
            case double d: return d.TryFormat(destination, out written, "R", invariant);
            case float f: return f.TryFormat(destination, out written, "R", invariant);
            case short s: return s.TryFormat(destination, out written, default, invariant);
            case byte b: return b.TryFormat(destination, out written, default, invariant);
            case uint u: return u.TryFormat(destination, out written, default, invariant);
            case ulong ul: return ul.TryFormat(destination, out written, default, invariant);
            case bool flag:
                var text = flag ? "true" : "false";
                written = text.Length;
                return text.TryCopyTo(destination);
        }
        written = 0;
        return false;
    }
}
