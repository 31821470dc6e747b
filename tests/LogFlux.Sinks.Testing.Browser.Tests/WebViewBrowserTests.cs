using System.Net.Http.Headers;
using System.Text;
using LogFlux.Sinks.Testing.Browser.Tests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace LogFlux.Sinks.Testing.Browser.Tests;

/// <summary>
/// The receiver's web view in a real headless Chromium: entries sent through the real client appear live, filters
/// narrow them, the waterfall nests a trace, refused requests are shown. Each test leaves a screenshot in
/// <c>screenshots/</c> of the test output.
/// </summary>
[NonParallelizable]
public sealed class WebViewBrowserTests
{
    private ChromeDriver _browser = null!;
    private WebViewSession _session = null!;

    [OneTimeSetUp]
    public void StartBrowser() => _browser = SystemChromium.Start();

    [OneTimeTearDown]
    public void StopBrowser() => _browser.Dispose();

    /// <summary>Small enough that a test can overflow it.</summary>
    private const int RingCapacity = 12;

    [SetUp]
    public async Task OpenPageAsync()
    {
        _session = await WebViewSession.StartAsync(RingCapacity);
        _browser.Navigate().GoToUrl(_session.Server.WebViewUrl!);
        await Dom.WaitUntilAsync(_browser, b => b.FindElement(By.Id("status")).GetAttribute("data-state") == "live", "the live stream to connect");
    }

    [TearDown]
    public async Task ScreenshotAndCloseAsync()
    {
        try
        {
            string directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
            Directory.CreateDirectory(directory);
            string file = Path.Combine(directory, TestContext.CurrentContext.Test.MethodName + ".png");
            _browser.GetScreenshot().SaveAsFile(file);
            TestContext.AddTestAttachment(file);
        }
        finally
        {
            await _session.DisposeAsync();
        }
    }

    [Test]
    public async Task Entries_sent_through_the_client_appear_live()
    {
        Assert.That(Dom.EntrySummaries(_browser), Is.Empty);

        _session.Client.Info("order placed", Attrs(("order_id", "ord_1001")));
        _session.Client.Event("user.signup", Attrs(("plan", "starter")));
        await _session.DeliverAsync(2);

        var rows = await Dom.WaitForAsync(_browser, b => Dom.EntrySummaries(b) is { Count: 2 } r ? r : null, "two entry rows");
        Assert.That(rows, Is.EquivalentTo(new[] { "order placed", "user.signup" }));

        // Later entries keep arriving without a reload.
        _session.Client.Warn("payment retry <b>not bold</b>\nsecond line", Attrs(("attempt", "2")));
        await _session.DeliverAsync(3);
        var third = await Dom.WaitForAsync(_browser, b => Dom.EntrySummaries(b) is { Count: 3 } r ? r[2] : null, "a third entry row");
        Assert.That(third, Does.Contain("payment retry <b>not bold</b>"), "entry text is shown as text, never as markup");
        Assert.That(_browser.FindElements(By.CssSelector("#entries b")), Is.Empty);
    }

    [Test]
    public async Task The_page_keeps_only_the_last_entries_of_the_ring()
    {
        for (int i = 1; i <= RingCapacity + 3; i++)
        {
            _session.Client.Info($"entry {i:00}");
        }

        await _session.DeliverAsync(RingCapacity + 3);
        var rows = await Dom.WaitForAsync(_browser,
            b => Dom.EntrySummaries(b) is { Count: RingCapacity } r && r.Contains($"entry {RingCapacity + 3:00}") ? r : null,
            $"{RingCapacity} rows including the last entry");
        Assert.That(rows, Does.Not.Contain("entry 01"));
        Assert.That(_browser.FindElement(By.Id("counts")).Text, Does.StartWith($"{RingCapacity} entries"));

        // A page opened later gets the same ring from the server.
        _browser.Navigate().Refresh();
        var replayed = await Dom.WaitForAsync(_browser, b => Dom.EntrySummaries(b) is { Count: > 0 } r && r.Contains($"entry {RingCapacity + 3:00}") ? r : null, "the replayed ring");
        Assert.That(replayed.Count, Is.LessThanOrEqualTo(RingCapacity));
        Assert.That(replayed, Does.Not.Contain("entry 01"));
    }

    [Test]
    public async Task Filters_narrow_the_entries_and_clicking_an_attribute_filters_by_it()
    {
        _session.Client.Info("order placed", Attrs(("order_id", "ord_1")));
        _session.Client.Info("order shipped", Attrs(("order_id", "ord_2")));
        _session.Client.Error("payment failed", Attrs(("order_id", "ord_1")));
        _session.Client.Counter("http.requests.total", 1);
        await _session.DeliverAsync(4);
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b).Count == 4, "four entry rows");

        Choose("filter-type", "metric");
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b).Count == 1, "the type filter to leave one row");
        Assert.That(Dom.EntrySummaries(_browser).Single(), Does.StartWith("http.requests.total = 1"));

        Choose("filter-type", null);
        Choose("filter-level", "error");
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b) is ["payment failed"], "the level filter to leave the error");
        Choose("filter-level", null);

        var text = _browser.FindElement(By.Id("filter-text"));
        text.SendKeys("shipped");
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b) is ["order shipped"], "the text filter to leave one row");
        text.SendKeys(OpenQA.Selenium.Keys.Control + "a");
        text.SendKeys(OpenQA.Selenium.Keys.Backspace);
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b).Count == 4, "all rows back");

        // Open the failed payment and click its order_id attribute: only the entries of that order stay.
        _browser.FindElement(By.XPath("//table[@id='entries']/tbody/tr[td[@class='summary' and text()='payment failed']]")).Click();
        var chip = await Dom.WaitForAsync(_browser,
            b => b.FindElements(By.XPath("//aside[@id='detail']//dd/span[@class='clickable' and text()='ord_1']")).FirstOrDefault(),
            "the order_id attribute in the detail pane");
        chip.Click();
        await Dom.WaitUntilAsync(_browser, b => Dom.EntrySummaries(b).Order(StringComparer.Ordinal).SequenceEqual(["order placed", "payment failed"]), "the attribute filter to leave order ord_1");
        Assert.That(_browser.FindElement(By.CssSelector("#attribute-filters .chip")).Text, Is.EqualTo("order_id=ord_1"));
    }

    [Test]
    public async Task The_waterfall_nests_a_three_span_trace_with_the_logs_of_each_span()
    {
        string traceId;
        using (var request = _session.Client.StartSpan("http.server", "POST /checkout"))
        {
            traceId = request.TraceId;
            using (var query = request.StartChild("db.query", "SELECT stock"))
            {
                using var cache = query.StartChild("cache.get", "GET stock:42");
                _session.Client.Info("cache miss", Attrs(("trace_id", cache.TraceId), ("span_id", cache.SpanId)));
            }

            _session.Client.Info("checkout done", Attrs(("trace_id", request.TraceId), ("span_id", request.SpanId)));
        }

        await _session.DeliverAsync(5);
        _browser.FindElement(By.CssSelector("#tabs button[data-tab='traces']")).Click();
        var trace = await Dom.WaitForAsync(_browser, b => b.FindElements(By.CssSelector($"#trace-list li[data-trace-id='{traceId}']")).FirstOrDefault(), "the trace in the list");
        trace.Click();

        var rows = await Dom.WaitForAsync(_browser, b => b.FindElements(By.CssSelector("#waterfall .span-row")) is { Count: 3 } r ? r : null, "three span rows");
        Assert.That(rows.Select(r => (r.FindElement(By.CssSelector(".span-name")).Text, r.GetAttribute("data-depth"))), Is.EqualTo(new[]
        {
            ("http.server \"POST /checkout\"", "0"),
            ("db.query \"SELECT stock\"", "1"),
            ("cache.get \"GET stock:42\"", "2"),
        }));
        Assert.That(rows[1].GetAttribute("data-parent-span-id"), Is.EqualTo(rows[0].GetAttribute("data-span-id")));
        Assert.That(rows[2].GetAttribute("data-parent-span-id"), Is.EqualTo(rows[1].GetAttribute("data-span-id")));

        // Each log sits right under the span it was written in.
        var lines = _browser.FindElements(By.CssSelector("#waterfall .span-row, #waterfall .span-log")).Select(e => e.GetAttribute("class") + ":" + e.Text).ToList();
        Assert.That(lines, Has.Count.EqualTo(5));
        Assert.That(lines[1], Does.StartWith("span-log:").And.EndWith("info checkout done"));
        Assert.That(lines[4], Does.StartWith("span-log:").And.EndWith("info cache miss"));
    }

    [Test]
    public async Task Metrics_are_drawn_as_small_charts_one_per_name()
    {
        foreach (var depth in new[] { 3.0, 7.0, 5.0 })
        {
            _session.Client.Gauge("queue.depth", depth, unit: "items");
        }

        _session.Client.Counter("orders.placed", 1);
        await _session.DeliverAsync(4);
        _browser.FindElement(By.CssSelector("#tabs button[data-tab='metrics']")).Click();

        var gauge = await Dom.WaitForAsync(_browser,
            b => b.FindElements(By.CssSelector("#metric-charts .metric[data-metric='queue.depth']")).FirstOrDefault(m => m.FindElements(By.CssSelector("svg circle")).Count == 3),
            "the queue.depth chart with three points");
        Assert.That(gauge.FindElement(By.CssSelector(".last")).Text, Does.StartWith("gauge, 3 point(s)").And.Contain("max 7 items"));
        Assert.That(gauge.FindElements(By.CssSelector("svg polyline")), Has.Count.EqualTo(1));
        Assert.That(_browser.FindElements(By.CssSelector("#metric-charts .metric")).Select(m => m.GetAttribute("data-metric")),
            Is.EqualTo(new[] { "orders.placed", "queue.depth" }));
    }

    [Test]
    public async Task A_refused_request_is_shown_with_the_reason_of_each_bad_part()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_session.Server.BaseUrl) };
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nA: 1\r\n\r\nx--b\r\nA: 2\r\n\r\ny\r\n--b--\r\n"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/mixed; boundary=b");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/ingest") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eu-lf_browsertests01");
        using var response = await http.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));

        await Dom.WaitUntilAsync(_browser, b => b.FindElement(By.Id("rejected-count")).Text == "1", "the refused-request badge to count 1");
        _browser.FindElement(By.CssSelector("#tabs button[data-tab='rejected']")).Click();
        var item = await Dom.WaitForAsync(_browser, b => b.FindElements(By.CssSelector("#rejected-list li.rejected")).FirstOrDefault(e => e.Displayed), "the refused request");
        Assert.That(item.Text, Does.Contain("POST /v1/ingest → 400"));
        Assert.That(item.FindElement(By.CssSelector(".reason")).Text,
            Does.Contain("part 1: body contains \"--<boundary>\" without a preceding CRLF").And.Contain("AcceptMissingCrlfBeforeBoundary"));
    }

    [Test]
    public async Task An_error_capture_shows_its_stack_chain_and_breadcrumbs()
    {
        _session.Client.AddBreadcrumb("checkout", "cart loaded");
        try
        {
            try
            {
                throw new TimeoutException("stock service timed out");
            }
            catch (TimeoutException inner)
            {
                throw new InvalidOperationException("order failed", inner);
            }
        }
        catch (InvalidOperationException ex)
        {
            _session.Client.CaptureError(ex);
        }

        await _session.DeliverAsync(1);
        var row = await Dom.WaitForAsync(_browser, b => b.FindElements(By.CssSelector("#entries tbody tr.entry")).FirstOrDefault(), "the error row");
        row.Click();
        var detail = await Dom.WaitForAsync(_browser, b => b.FindElement(By.Id("detail")) is { Displayed: true } d ? d : null, "the detail pane");

        Assert.That(detail.FindElement(By.CssSelector(".error-headline")).Text, Is.EqualTo("System.InvalidOperationException: order failed"));
        Assert.That(detail.FindElements(By.CssSelector("ol.stack li")).Select(e => e.Text), Has.Some.Contains("System.TimeoutException: stock service timed out"));
        Assert.That(detail.FindElements(By.CssSelector("ol.stack li")).Select(e => e.Text), Has.Some.Contains(nameof(An_error_capture_shows_its_stack_chain_and_breadcrumbs)));
        Assert.That(detail.FindElements(By.CssSelector("table.breadcrumbs tr")).Select(e => e.Text), Has.Some.Contains("cart loaded"));
        Assert.That(detail.FindElement(By.CssSelector("pre.json")).Text, Does.Contain("\"error_type\": \"System.InvalidOperationException\""));
    }

    /// <summary>Picks an option of a filter select the way a user does; null picks the first ("all ...") option.</summary>
    private void Choose(string selectId, string? optionText)
    {
        string option = optionText is null ? "option[1]" : $"option[text()='{optionText}']";
        _browser.FindElement(By.Id(selectId)).Click();
        _browser.FindElement(By.XPath($"//select[@id='{selectId}']/{option}")).Click();
    }

    private static Dictionary<string, string> Attrs(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
