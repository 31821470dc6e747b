using System.Xml;
using log4net.Config;
using log4net.Repository;

namespace log4net.Appender.LogFlux.Tests.Support;

/// <summary>
/// A fresh log4net repository configured from XML with a LogFlux appender named "LogFlux". Each harness
/// uses its own API key so the shared-client registry never hands one test's client to another.
/// </summary>
internal sealed class Log4NetHarness : IDisposable
{
    private Log4NetHarness(ILoggerRepository repository, string apiKey)
    {
        Repository = repository;
        ApiKey = apiKey;
    }

    public ILoggerRepository Repository { get; }

    public string ApiKey { get; }

    public LogFluxAppender Appender => Repository.GetAppenders().OfType<LogFluxAppender>().Single();

    public static string NewApiKey() => $"eu-lf_test{Guid.NewGuid():N}";

    /// <summary>Configures a repository whose appender sends to <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The receiver's base URL.</param>
    /// <param name="extraAppenderXml">More appender child elements.</param>
    /// <param name="beforeConfigure">Runs on the repository before the XML is applied (e.g. custom levels).</param>
    /// <param name="otherAppenderXml">Further appender elements; each is referenced from the root logger by the name given in <paramref name="otherAppenderNames"/>.</param>
    /// <param name="otherAppenderNames">Names of the further appenders.</param>
    public static Log4NetHarness Start(string endpoint, string extraAppenderXml = "", Action<ILoggerRepository>? beforeConfigure = null,
        string otherAppenderXml = "", params string[] otherAppenderNames)
    {
        var apiKey = NewApiKey();
        var appender = $"""
            <apiKey value="{apiKey}" />
            <customEndpointUrl value="{endpoint}" />
            <keyPersistence value="false" />
            <flushInterval value="50ms" />
            {extraAppenderXml}
            """;
        return StartRaw(appender, apiKey, beforeConfigure, otherAppenderXml, otherAppenderNames);
    }

    /// <summary>Configures a repository with exactly the given appender children.</summary>
    public static Log4NetHarness StartRaw(string appenderChildren, string apiKey = "", Action<ILoggerRepository>? beforeConfigure = null,
        string otherAppenderXml = "", params string[] otherAppenderNames)
    {
        var repository = LogManager.CreateRepository(Guid.NewGuid().ToString("N"));
        beforeConfigure?.Invoke(repository);
        var xml = $"""
            <log4net>
              <appender name="LogFlux" type="log4net.Appender.LogFlux.LogFluxAppender, log4net.Appender.LogFlux">
                {appenderChildren}
              </appender>
              {otherAppenderXml}
              <root>
                <level value="ALL" />
                <appender-ref ref="LogFlux" />
                {string.Concat(otherAppenderNames.Select(n => $"<appender-ref ref=\"{n}\" />"))}
              </root>
            </log4net>
            """;
        var document = new XmlDocument();
        document.LoadXml(xml);
        XmlConfigurator.Configure(repository, document.DocumentElement!);
        return new Log4NetHarness(repository, apiKey);
    }

    public ILog Logger(string name) => LogManager.GetLogger(Repository.Name, name);

    public void Dispose() => Repository.Shutdown();
}
