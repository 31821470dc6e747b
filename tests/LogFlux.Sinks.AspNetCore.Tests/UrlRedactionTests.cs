namespace LogFlux.Sinks.AspNetCore.Tests;

public sealed class UrlRedactionTests
{
    [TestCase(null, "")]
    [TestCase("", "")]
    [TestCase("?", "")]
    [TestCase("?a=1", "?a=*")]
    [TestCase("a=1&b=two", "?a=*&b=*")]
    [TestCase("?flag&token=abc&empty=", "?flag&token=*&empty=*")]
    [TestCase("?a=1&&b=2", "?a=*&b=*")]
    [TestCase("?na%20me=x%3Dy", "?na%20me=*")]
    public void Query_values_are_masked_and_keys_kept(string? query, string expected) =>
        Assert.That(UrlRedaction.MaskQueryValues(query), Is.EqualTo(expected));

    [Test]
    public void An_absolute_url_loses_user_info_and_fragment()
    {
        var uri = new Uri("https://user:pass@example.com:8443/a/b?x=1#frag");

        Assert.Multiple(() =>
        {
            Assert.That(UrlRedaction.Of(uri, includeQueryValues: false), Is.EqualTo("https://example.com:8443/a/b?x=*"));
            Assert.That(UrlRedaction.Of(uri, includeQueryValues: true), Is.EqualTo("https://example.com:8443/a/b?x=1"));
        });
    }
}
