using System.Collections;
using System.Globalization;

namespace LogFlux.Sinks.Core.Tests.Attributes;

public class AttributeValueFormatterTests
{
    private enum Color { Red, DarkBlue }

    [Test]
    public void Scalars_use_the_invariant_forms()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AttributeValueFormatter.Format(null), Is.Null);
            Assert.That(AttributeValueFormatter.Format("as-is"), Is.EqualTo("as-is"));
            Assert.That(AttributeValueFormatter.Format(true), Is.EqualTo("true"));
            Assert.That(AttributeValueFormatter.Format(false), Is.EqualTo("false"));
            Assert.That(AttributeValueFormatter.Format(42), Is.EqualTo("42"));
            Assert.That(AttributeValueFormatter.Format(-7L), Is.EqualTo("-7"));
            Assert.That(AttributeValueFormatter.Format(0.1), Is.EqualTo("0.1"));
            Assert.That(AttributeValueFormatter.Format(72.5f), Is.EqualTo("72.5"));
            Assert.That(AttributeValueFormatter.Format(1800.0), Is.EqualTo("1800"));
            Assert.That(AttributeValueFormatter.Format(12.50m), Is.EqualTo("12.50"));
            Assert.That(AttributeValueFormatter.Format(Color.DarkBlue), Is.EqualTo("DarkBlue"));
            Assert.That(AttributeValueFormatter.Format(new Guid("0f8fad5b-d9cb-469f-a165-70867728950e")), Is.EqualTo("0f8fad5b-d9cb-469f-a165-70867728950e"));
            Assert.That(AttributeValueFormatter.Format(new TimeSpan(1, 2, 3, 4, 5)), Is.EqualTo("1.02:03:04.0050000"));
            Assert.That(AttributeValueFormatter.Format(new byte[] { 1, 2, 3, 250 }), Is.EqualTo("AQID+g=="));
        });
    }

    [Test]
    public void Numbers_ignore_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.That(AttributeValueFormatter.Format(1234.5), Is.EqualTo("1234.5"));
            Assert.That(AttributeValueFormatter.Format(new[] { 1.5, 2.25 }), Is.EqualTo("[1.5,2.25]"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void Dates_are_rfc3339_utc_with_milliseconds()
    {
        var offset = new DateTimeOffset(2026, 1, 15, 12, 30, 0, 123, TimeSpan.FromHours(2));
        Assert.Multiple(() =>
        {
            Assert.That(AttributeValueFormatter.Format(offset), Is.EqualTo("2026-01-15T10:30:00.123Z"));
            Assert.That(AttributeValueFormatter.Format(new DateTime(2026, 1, 15, 10, 30, 0, 5, DateTimeKind.Utc)), Is.EqualTo("2026-01-15T10:30:00.005Z"));
            var local = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Local);
            Assert.That(AttributeValueFormatter.Format(local), Is.EqualTo(local.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Collections_and_dictionaries_become_compact_json()
    {
        var dictionary = new Dictionary<string, object?> { ["a"] = 1, ["b"] = "x", ["c"] = null, ["d"] = new[] { true, false } };
        Assert.Multiple(() =>
        {
            Assert.That(AttributeValueFormatter.Format(new List<int> { 1, 2, 3 }), Is.EqualTo("[1,2,3]"));
            Assert.That(AttributeValueFormatter.Format(dictionary), Is.EqualTo("{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":[true,false]}"));
            Assert.That(AttributeValueFormatter.Format(new Hashtable { [Color.Red] = double.NaN }), Is.EqualTo("{\"Red\":\"NaN\"}"));
            Assert.That(AttributeValueFormatter.Format(new object[] { "q\"uote", 'c', Color.Red }), Is.EqualTo("[\"q\\\"uote\",\"c\",\"Red\"]"));
        });
    }

    [Test]
    public void A_collection_that_contains_itself_is_cut_at_the_cycle()
    {
        var list = new List<object> { 1 };
        list.Add(list);
        Assert.That(AttributeValueFormatter.Format(list), Is.EqualTo("[1,\"<cycle>\"]"));
    }

    [Test]
    public void Deep_nesting_is_limited()
    {
        object value = "leaf";
        for (var i = 0; i < 20; i++) value = new List<object> { value };
        var text = AttributeValueFormatter.Format(value)!;
        Assert.That(text, Does.Contain("<max depth>"));
        Assert.That(text, Does.Not.Contain("leaf"));
    }

    [Test]
    public void A_throwing_ToString_becomes_a_placeholder()
    {
        Assert.That(AttributeValueFormatter.Format(new Hostile()), Is.EqualTo("<error formatting value: InvalidOperationException>"));
        Assert.That(AttributeValueFormatter.Format(new List<object> { 1, new Hostile() }), Is.EqualTo("[1,\"<error formatting value: InvalidOperationException>\"]"));
    }

    [Test]
    public void A_throwing_enumerator_becomes_a_placeholder()
    {
        Assert.That(AttributeValueFormatter.Format(new ThrowingSequence()), Is.EqualTo("<error formatting value: NotSupportedException>"));
    }

    [Test]
    public void Other_objects_use_ToString()
    {
        Assert.That(AttributeValueFormatter.Format(new Uri("https://example.com/a?b=1")), Is.EqualTo("https://example.com/a?b=1"));
        Assert.That(AttributeValueFormatter.Format(new Point(3, 4)), Is.EqualTo("Point { X = 3, Y = 4 }"));
    }

    [Test]
    public void FormatAll_leaves_out_null_values()
    {
        var result = AttributeValueFormatter.FormatAll(new Dictionary<string, object?> { ["n"] = 5, ["gone"] = null, ["ok"] = true });
        Assert.That(result, Is.EquivalentTo(new Dictionary<string, string> { ["n"] = "5", ["ok"] = "true" }));
    }

    private sealed record Point(int X, int Y);

    private sealed class Hostile
    {
        public override string ToString() => throw new InvalidOperationException("no");
    }

    private sealed class ThrowingSequence : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator()
        {
            yield return 1;
            throw new NotSupportedException();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
