using LogFlux.Sinks;
using NLog;
using NLog.Config;
using NLog.Targets.LogFlux;
using Serilog;
using Serilog.Sinks.LogFlux;

// Usage: LogFlux.Sinks.ChildProcess <core|nlog|serilog|log4net> <receiver-url> <count> [buffer-dir|-] [delay-ms] [prefix] [buffer-max-bytes]
// Logs <count> entries "<prefix>-<i>" (prefix defaults to child) and prints "wrote <i+1>" after each completed write.
// core also prints one line after closing the client:
// "stats dropped=<n> reasons=<reason:n,...> buffer_peak_bytes=<n> buffer_capacity_bytes=<n> buffered=<n> sent=<n>".
// nlog and log4net exit without an explicit flush or close: the framework's ProcessExit hook must deliver.
// serilog calls Log.CloseAndFlush(): Serilog has no exit hook, so an application must close its logger itself.
// core closes the client.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: <core|nlog> <receiver-url> <count> [buffer-dir|-] [delay-ms]");
    return 2;
}
var adapter = args[0];
var url = args[1];
var count = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
var bufferPath = args.Length > 3 && args[3] != "-" ? args[3] : null;
var delay = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0;
var prefix = args.Length > 5 ? args[5] : "child";
long? bufferMaxBytes = args.Length > 6 ? long.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture) : null;
const string apiKey = "eu-lf_childprocess0123456789";

switch (adapter)
{
    case "core":
    {
        var options = new LogFluxOptions
        {
            ApiKey = apiKey,
            CustomEndpointUrl = url,
            KeyPersistence = false,
            Source = "child",
            BufferPath = bufferPath,
            FlushInterval = TimeSpan.FromMilliseconds(20),
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        };
        if (bufferMaxBytes is { } maxBytes) options.BufferMaxBytes = maxBytes;
        var client = new LogFluxClient(options);
        long bufferPeak = 0;
        Write(i =>
        {
            client.Info($"{prefix}-{i}");
            if (i % 20 == 0) bufferPeak = Math.Max(bufferPeak, client.GetStats().BufferBytes);
        });
        client.Close();
        var stats = client.GetStats();
        bufferPeak = Math.Max(bufferPeak, stats.BufferBytes);
        var reasons = string.Join(",", stats.DropReasons.Where(r => r.Value > 0).Select(r => $"{r.Key}:{r.Value}"));
        Console.Out.WriteLine($"stats dropped={stats.EntriesDropped} reasons={reasons} buffer_peak_bytes={bufferPeak} buffer_capacity_bytes={stats.BufferCapacityBytes} buffered={stats.BufferedEntries} sent={stats.EntriesSent}");
        Console.Out.Flush();
        break;
    }
    case "nlog":
    {
        var config = new LoggingConfiguration();
        var target = new LogFluxTarget
        {
            Name = "logflux",
            ApiKey = apiKey,
            CustomEndpointUrl = url,
            KeyPersistence = "false",
            Source = "child",
            ShutdownTimeout = "20",
        };
        if (bufferPath is not null) target.BufferPath = bufferPath;
        config.AddRuleForAllLevels(target);
        LogManager.Configuration = config;
        var logger = LogManager.GetLogger("child");
        Write(i => logger.Info("{Prefix}-{Index}", prefix, i));
        break;
    }
    case "serilog":
    {
        Log.Logger = new LoggerConfiguration()
            .WriteTo.LogFlux(options =>
            {
                options.Client.ApiKey = apiKey;
                options.Client.CustomEndpointUrl = url;
                options.Client.KeyPersistence = false;
                options.Client.Source = "child";
                options.Client.BufferPath = bufferPath;
                options.Client.ShutdownTimeout = TimeSpan.FromSeconds(20);
            })
            .CreateLogger();
        Write(i => Log.Information("{Prefix}-{Index}", prefix, i));
        Log.CloseAndFlush();
        break;
    }
    case "log4net":
    {
        var appender = new log4net.Appender.LogFlux.LogFluxAppender
        {
            Name = "logflux",
            ApiKey = apiKey,
            CustomEndpointUrl = url,
            KeyPersistence = "false",
            Source = "child",
            ShutdownTimeout = "20",
            BufferPath = bufferPath,
            Layout = new log4net.Layout.PatternLayout("%message"),
        };
        appender.ActivateOptions();
        var repository = log4net.LogManager.GetRepository(System.Reflection.Assembly.GetEntryAssembly()!);
        log4net.Config.BasicConfigurator.Configure(repository, appender);
        var log = log4net.LogManager.GetLogger(typeof(Program));
        Write(i => log.Info($"{prefix}-{i}"));
        break;
    }
    default:
        Console.Error.WriteLine($"unknown adapter {adapter}");
        return 2;
}
return 0;

void Write(Action<int> log)
{
    for (var i = 0; i < count; i++)
    {
        log(i);
        Console.Out.WriteLine($"wrote {i + 1}");
        Console.Out.Flush();
        if (delay > 0) Thread.Sleep(delay);
    }
}
