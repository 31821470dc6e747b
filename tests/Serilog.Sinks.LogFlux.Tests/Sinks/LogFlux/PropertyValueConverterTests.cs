using Serilog.Events;

namespace Serilog.Sinks.LogFlux.Tests.Sinks.LogFlux;

[TestFixture]
public sealed class PropertyValueConverterTests
{
    [Test]
    public void Scalars_use_the_shared_invariant_formatting_and_null_is_omitted()
    {
        Assert.That(PropertyValueConverter.ToAttribute(new ScalarValue(1.5)), Is.EqualTo("1.5"));
        Assert.That(PropertyValueConverter.ToAttribute(new ScalarValue(true)), Is.EqualTo("true"));
        Assert.That(PropertyValueConverter.ToAttribute(new ScalarValue(new DateTimeOffset(2026, 1, 15, 11, 30, 0, TimeSpan.FromHours(1)))), Is.EqualTo("2026-01-15T10:30:00.000Z"));
        Assert.That(PropertyValueConverter.ToAttribute(new ScalarValue(null)), Is.Null);
    }

    [Test]
    public void Nested_structures_keep_types_and_order()
    {
        var value = new StructureValue(
        [
            new LogEventProperty("Name", new ScalarValue("a\"b")),
            new LogEventProperty("Missing", new ScalarValue(null)),
            new LogEventProperty("Lines", new SequenceValue([new ScalarValue(1), new ScalarValue(null), new StructureValue([new LogEventProperty("Sku", new ScalarValue("x"))])])),
            new LogEventProperty("Prices", new DictionaryValue([new(new ScalarValue(7), new ScalarValue(2.5m))])),
        ], "Cart");

        Assert.That(PropertyValueConverter.ToAttribute(value),
            Is.EqualTo("{\"$type\":\"Cart\",\"Name\":\"a\\\"b\",\"Lines\":[1,null,{\"Sku\":\"x\"}],\"Prices\":{\"7\":2.5}}"));
    }
}
