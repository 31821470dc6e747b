using LogFlux.Sinks;
using Serilog.Events;

namespace Serilog.Sinks.LogFlux;

/// <summary>
/// Turns Serilog property values into LogFlux attribute strings (docs/protocol.md#attribute-values): scalars through
/// <see cref="AttributeValueFormatter"/>, sequences, dictionaries and structures as compact JSON.
/// </summary>
internal static class PropertyValueConverter
{
    /// <summary>The JSON member that carries a structure's type tag.</summary>
    public const string TypeTagMember = "$type";

    /// <summary>The attribute text of <paramref name="value"/>, or null when it is a null scalar (the key is then omitted).</summary>
    public static string? ToAttribute(LogEventPropertyValue value) =>
        value is ScalarValue scalar
            ? AttributeValueFormatter.Format(scalar.Value)
            : AttributeValueFormatter.Format(ToPlain(value));

    /// <summary>
    /// Converts a property value into plain objects the shared formatter writes as JSON: sequences become
    /// lists, structures and dictionaries become ordered name/value pairs. Null members of structures and
    /// dictionaries are left out; null items of sequences stay (as JSON <c>null</c>) so positions keep meaning.
    /// </summary>
    public static object? ToPlain(LogEventPropertyValue? value)
    {
        switch (value)
        {
            case null:
                return null;
            case ScalarValue scalar:
                return scalar.Value;
            case SequenceValue sequence:
            {
                var items = new List<object?>(sequence.Elements.Count);
                foreach (var element in sequence.Elements) items.Add(ToPlain(element));
                return items;
            }
            case StructureValue structure:
            {
                var members = new List<KeyValuePair<string, object?>>(structure.Properties.Count + 1);
                if (structure.TypeTag is { } tag) members.Add(new(TypeTagMember, tag));
                foreach (var property in structure.Properties) AddMember(members, property.Name, property.Value);
                return members;
            }
            case DictionaryValue dictionary:
            {
                var members = new List<KeyValuePair<string, object?>>(dictionary.Elements.Count);
                foreach (var pair in dictionary.Elements)
                {
                    AddMember(members, AttributeValueFormatter.Format(pair.Key.Value) ?? string.Empty, pair.Value);
                }
                return members;
            }
            default:
                // An unknown subclass of LogEventPropertyValue: its own rendering is the best we have.
                return value.ToString();
        }
    }

    private static void AddMember(List<KeyValuePair<string, object?>> members, string name, LogEventPropertyValue value)
    {
        var plain = ToPlain(value);
        if (plain is not null) members.Add(new(name, plain));
    }
}
