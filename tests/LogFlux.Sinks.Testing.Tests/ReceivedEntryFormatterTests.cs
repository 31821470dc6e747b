using System.Text;
using LogFlux.Sinks.Testing.Crypto;
using LogFlux.Sinks.Testing.Protocol;
using LogFlux.Sinks.Testing.Tests.Support;

namespace LogFlux.Sinks.Testing.Tests;

public class ReceivedEntryFormatterTests
{
    private static readonly byte[] Key = new byte[32];

    [TestCase(1, "log/info [checkout-api] order placed {order_id=ord_1001}")]
    [TestCase(2, "metric/info [s] http.requests.total=1 (counter)")]
    [TestCase(3, "trace/info [s] db.query \"SELECT 1\" 42 ms ok trace=4bf92f3577b34da6a3ce929d0e0e4736 span=00f067aa0ba902b7")]
    [TestCase(4, "event/info [s] user.signup {plan=starter}")]
    [TestCase(5, "audit/notice [billing] usr_456 record.deleted invoice/inv_789 -> success")]
    [TestCase(6, "telemetry/info [s] device dev_0042, 1 reading(s)")]
    [TestCase(7, "telemetry/info (managed) [s] device dev_0042, 1 reading(s)")]
    public void Prints_one_readable_line_per_type(int entryType, string expected)
    {
        Assert.That(Decode(entryType, Payloads.ForType(entryType)).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Shows_logger_and_error_type_but_never_the_api_key()
    {
        string json = Payloads.Log("boom", "{}").Replace("\"message\"", "\"logger\":\"Shop.Cart\",\"error_type\":\"System.Exception\",\"message\"", StringComparison.Ordinal);
        var entry = Decode(1, json);
        Assert.That(entry.ToString(), Is.EqualTo("log/info [checkout-api] Shop.Cart: boom !System.Exception"));
        Assert.That(entry.ToString(), Does.Not.Contain(entry.ApiKey));
        Assert.That(entry.Logger, Is.EqualTo("Shop.Cart"));
    }

    [Test]
    public void Keeps_an_entry_on_one_line_when_a_value_holds_a_newline()
    {
        var entry = Decode(1, Payloads.Log("two\\nlines", "{\"note\":\"a\\r\\nb\\tc\"}"));
        Assert.That(entry.ToString(), Is.EqualTo("log/info [checkout-api] two\\nlines {note=a\\r\\nb\\tc}"));
    }

    [Test]
    public void Reads_the_spellings_of_the_Java_and_JavaScript_clients()
    {
        Assert.That(Decode(2, OfficialClientPayloads.JavaMetric).ToString(), Is.EqualTo("metric/info [checkout-api] queue.depth=12.5 (gauge, items)"));
        Assert.That(Decode(3, OfficialClientPayloads.GoZeroDurationSpan).ToString(), Does.Contain("cache.get \"GET user:42\" 0 ms ok"));
    }

    [Test]
    public void The_json_line_is_the_payload_on_one_line()
    {
        var entry = Decode(1, Payloads.Log("two\\nlines").Replace(",", ",\n  ", StringComparison.Ordinal));
        Assert.That(entry.RawJson, Does.Contain("\n"));
        Assert.That(entry.ToJsonLine(), Does.Not.Contain("\n"));
        Assert.That(System.Text.Json.JsonDocument.Parse(entry.ToJsonLine()).RootElement.GetProperty("message").GetString(), Is.EqualTo("two\nlines"));
    }

    private static ReceivedEntry Decode(int entryType, string json)
    {
        var keys = new SessionKeyStore();
        keys.Register("k", Key);
        var body = new TestMultipart();
        if (entryType == 7)
        {
            body.AddManaged(json);
        }
        else
        {
            body.AddEncrypted(entryType, json, "k", Key);
        }

        var result = new IngestBodyDecoder(keys, 0).Decode(body.Build(), body.Boundary, 1, "eu-lf_secretkey", DateTimeOffset.UtcNow);
        Assert.That(result.Problems, Is.Empty, () => string.Join("; ", result.Problems));
        return result.Entries.Single();
    }
}
