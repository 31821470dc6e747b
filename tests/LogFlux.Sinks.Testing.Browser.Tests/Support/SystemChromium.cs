using OpenQA.Selenium.Chrome;

namespace LogFlux.Sinks.Testing.Browser.Tests.Support;

/// <summary>
/// Headless Chromium from the system packages (<c>chromium</c>, <c>chromium-driver</c>), started by path so that
/// nothing is looked up or downloaded.
/// </summary>
internal static class SystemChromium
{
    public const string BrowserPath = "/usr/bin/chromium";
    public const string DriverPath = "/usr/bin/chromedriver";

    public static ChromeDriver Start()
    {
        foreach (var path in new[] { BrowserPath, DriverPath })
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"{path} is missing: the browser tests need Debian's chromium and chromium-driver packages (.ci/run installs them).");
            }
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;

        var options = new ChromeOptions { BinaryLocation = BrowserPath };
        options.AddArguments(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-proxy-server",
            "--disable-extensions",
            "--window-size=1400,900");
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(90));
    }
}
