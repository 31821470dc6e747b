using OpenQA.Selenium;

namespace LogFlux.Sinks.Testing.Browser.Tests.Support;

/// <summary>Waits for a condition in the page, polling with a bound; the failure message says what was awaited.</summary>
internal static class Dom
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task<T> WaitForAsync<T>(IWebDriver driver, Func<IWebDriver, T?> probe, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (probe(driver) is { } result)
                {
                    return result;
                }
            }
            catch (WebDriverException ex) when (ex is StaleElementReferenceException or NoSuchElementException)
            {
                last = ex; // the page re-rendered under us: look again
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {Timeout.TotalSeconds} s waiting for {what}.", last);
            }

            await Task.Delay(Poll);
        }
    }

    public static Task WaitUntilAsync(IWebDriver driver, Func<IWebDriver, bool> condition, string what) =>
        WaitForAsync(driver, d => condition(d) ? string.Empty : null, what);

    /// <summary>The texts of the visible entry rows' summary cells, top to bottom.</summary>
    public static IReadOnlyList<string> EntrySummaries(IWebDriver driver) =>
        driver.FindElements(By.CssSelector("#entries tbody tr.entry td.summary")).Select(e => e.Text).ToList();
}
