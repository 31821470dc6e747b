using System.Collections;

namespace LogFlux.Sinks.Core.Tests.Hostile;

/// <summary>Hostile attribute values: huge, deeply nested, cyclic, throwing, invalid UTF-16. Formatting never throws.</summary>
public class HostileAttributeTests
{
    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("boom");
    }

    private sealed class ThrowingEnumerable : IEnumerable
    {
        public IEnumerator GetEnumerator() => throw new NotSupportedException("no enumeration");
    }

    private static Dictionary<string, object?> Nested(int levels)
    {
        var root = new Dictionary<string, object?>();
        var current = root;
        for (var i = 0; i < levels; i++)
        {
            var next = new Dictionary<string, object?>();
            current["d"] = next;
            current = next;
        }
        return root;
    }

    [Test]
    public void Ten_thousand_levels_of_dictionaries_are_cut_at_the_maximum_depth()
    {
        var text = AttributeValueFormatter.Format(Nested(10_000));
        Assert.That(text, Does.Contain("<max depth>"));
        Assert.That(text!.Length, Is.LessThan(200));
    }

    [Test]
    public void A_collection_that_contains_itself_is_written_as_a_cycle()
    {
        var list = new List<object?> { 1 };
        list.Add(list);
        var dictionary = new Dictionary<string, object?> { ["self"] = null };
        dictionary["self"] = dictionary;
        Assert.Multiple(() =>
        {
            Assert.That(AttributeValueFormatter.Format(list), Is.EqualTo("[1,\"<cycle>\"]"));
            Assert.That(AttributeValueFormatter.Format(dictionary), Does.Contain("<cycle>"));
        });
    }

    [Test]
    public void Throwing_tostring_or_enumeration_becomes_a_placeholder()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AttributeValueFormatter.Format(new ThrowingToString()), Is.EqualTo("<error formatting value: InvalidOperationException>"));
            Assert.That(AttributeValueFormatter.Format(new ThrowingEnumerable()), Does.StartWith("<error formatting value"));
            Assert.That(AttributeValueFormatter.Format(new List<object?> { new ThrowingToString() }), Does.Contain("error formatting value"));
        });
    }

    [Test]
    public void A_one_megabyte_string_is_kept_whole_by_the_formatter()
    {
        var huge = new string('x', 1024 * 1024);
        Assert.That(AttributeValueFormatter.Format(huge), Has.Length.EqualTo(huge.Length));
    }

    [Test]
    public async Task Hostile_values_through_the_client_arrive_and_the_client_keeps_working()
    {
        await using var h = await HostileClient.StartAsync();
        var loneSurrogates = "a\uD800b\uDC00c";
        var attributes = AttributeValueFormatter.FormatAll(new Dictionary<string, object?>
        {
            ["nested"] = Nested(10_000),
            ["throws"] = new ThrowingToString(),
            ["surrogates"] = loneSurrogates,
        });
        h.Client.Info("hostile " + loneSurrogates, attributes);

        var entry = await h.WaitForEntryAsync(e => e.Message?.StartsWith("hostile ", StringComparison.Ordinal) == true);
        Assert.Multiple(() =>
        {
            Assert.That(entry.Message, Is.EqualTo("hostile a\uFFFDb\uFFFDc"), "lone surrogates become U+FFFD");
            Assert.That(entry.Attributes["surrogates"], Is.EqualTo("a\uFFFDb\uFFFDc"));
            Assert.That(entry.Attributes["throws"], Does.StartWith("<error formatting value"));
            Assert.That(entry.Attributes["nested"], Does.Contain("<max depth>"));
            Assert.That(h.Dropped(DropReasons.ValidationError), Is.Zero);
        });
        await h.AssertStillWorksAsync();
    }

    /// <summary>Truncation shortens the message, stack and breadcrumbs only; an entry whose attributes alone exceed 1 MiB is dropped and counted.</summary>
    [Test]
    public async Task A_one_megabyte_attribute_drops_its_entry_as_a_validation_error_and_the_client_keeps_working()
    {
        await using var h = await HostileClient.StartAsync();
        h.Client.Info("huge attribute", new Dictionary<string, string> { ["huge"] = AttributeValueFormatter.Format(new string('y', 1024 * 1024))! });

        await h.AssertStillWorksAsync();
        Assert.That(h.Dropped(DropReasons.ValidationError), Is.EqualTo(1));
        Assert.That(h.Server.Entries.Select(e => e.Message), Does.Not.Contain("huge attribute"));
    }
}
