using System.Text;
using System.Text.Json;
using LogFlux.Sinks.Core.Tests.Support;
using LogFlux.Sinks.Transport;
using LogFlux.Sinks.Protocol;

namespace LogFlux.Sinks.Core.Tests.Transport;

[TestFixture]
public class ResponseParsingTests
{
    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Example(string name) => Utf8(Vectors.Section("handshake_examples").GetProperty(name).GetRawText());

    [TestCase("init_response_top_level")]
    [TestCase("init_response_wrapped")]
    public void Both_init_shapes_from_the_vectors_are_parsed(string example)
    {
        var parsed = HandshakeResponse.ParseInit(Example(example));

        Assert.That(parsed, Is.Not.Null);
        Assert.That(parsed!.Value.PublicKeyPem, Does.StartWith("-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq"));
        Assert.That(parsed.Value.SupportsMultipart, Is.True);
        Assert.That(parsed.Value.Limits, Is.EqualTo(new ServerLimits(100, 1048576, 10485760)));
    }

    [Test]
    public void Without_a_limits_object_the_flat_fields_of_the_chosen_object_are_read()
    {
        var json = "{\"status\":\"success\",\"data\":{\"public_key\":\"-----BEGIN PUBLIC KEY-----\\nAA\\n-----END PUBLIC KEY-----\",\"max_batch_size\":25,\"max_payload_size\":4096,\"max_request_size\":65536}}";

        var parsed = HandshakeResponse.ParseInit(Utf8(json));

        Assert.That(parsed!.Value.Limits, Is.EqualTo(new ServerLimits(25, 4096, 65536)));
        Assert.That(parsed.Value.SupportsMultipart, Is.Null);
    }

    [Test]
    public void A_blank_top_level_public_key_falls_back_to_data()
    {
        var json = "{\"public_key\":\"  \",\"data\":{\"public_key\":\"-----BEGIN PUBLIC KEY-----\\nBB\\n-----END PUBLIC KEY-----\",\"supports_multipart\":false}}";

        var parsed = HandshakeResponse.ParseInit(Utf8(json));

        Assert.That(parsed!.Value.PublicKeyPem, Does.Contain("BB"));
        Assert.That(parsed.Value.SupportsMultipart, Is.False);
    }

    [TestCase("{not json")]
    [TestCase("[]")]
    [TestCase("\"text\"")]
    public void Non_objects_are_not_init_responses(string json) =>
        Assert.That(HandshakeResponse.ParseInit(Utf8(json)), Is.Null);

    [TestCase("complete_response_top_level")]
    [TestCase("complete_response_wrapped")]
    [TestCase("complete_response_legacy")]
    public void Every_complete_shape_from_the_vectors_yields_the_key_id(string example) =>
        Assert.That(HandshakeResponse.ParseKeyId(Example(example)), Is.EqualTo("3f2c9a4e-8b1d-4c6f-9e2a-7d5b1c0e4f8a"));

    [TestCase("{\"key_id\":\"a\",\"key_uuid\":\"b\",\"data\":{\"key_id\":\"c\",\"key_uuid\":\"d\"}}", "a")]
    [TestCase("{\"key_id\":\" \",\"key_uuid\":\"b\",\"data\":{\"key_id\":\"c\",\"key_uuid\":\"d\"}}", "b")]
    [TestCase("{\"data\":{\"key_id\":\"c\",\"key_uuid\":\"d\"}}", "c")]
    [TestCase("{\"key_id\":5,\"data\":{\"key_uuid\":\" d \"}}", "d")]
    public void Key_id_lookup_follows_the_protocol_order_and_trims(string json, string expected) =>
        Assert.That(HandshakeResponse.ParseKeyId(Utf8(json)), Is.EqualTo(expected));

    [Test]
    public void Static_discovery_needs_endpoints_ingestor_url()
    {
        Assert.That(DiscoveryResponse.ParseStatic(Utf8("{\"endpoints\":{\"ingestor_url\":\"https://api.ingest.eu.logflux.io\"}}")),
            Is.EqualTo("https://api.ingest.eu.logflux.io"));
        Assert.That(DiscoveryResponse.ParseStatic(Utf8("{\"ingestor_url\":\"https://x\"}")), Is.Null);
        Assert.That(DiscoveryResponse.ParseStatic(Utf8("{\"endpoints\":{\"ingestor_url\":\"\"}}")), Is.Null);
    }

    [Test]
    public void Authenticated_discovery_accepts_both_shapes_but_not_empty_values()
    {
        Assert.That(DiscoveryResponse.ParseAuthenticated(Utf8("{\"backend_url\":\"https://b\",\"ingestor_url\":\"https://i\"}")), Is.EqualTo("https://i"));
        Assert.That(DiscoveryResponse.ParseAuthenticated(Utf8("{\"status\":\"success\",\"data\":{\"base_url\":\"https://w\"}}")), Is.EqualTo("https://w"));
        Assert.That(DiscoveryResponse.ParseAuthenticated(Utf8("{\"backend_url\":\"https://b\"}")), Is.Null);
        Assert.That(DiscoveryResponse.ParseAuthenticated(Utf8("{\"data\":{\"base_url\":\"\"}}")), Is.Null);
    }
}
