// A Native AOT console app that logs through the LogFlux core client, Serilog (configured in code), NLog
// (target registered explicitly, configuration from XML) and ILogger<T> (the LogFlux logging provider). The first
// three write a log, a metric, a span and an exception; ILogger<T> a log inside a span and an exception. The endpoint comes from the environment:
//   LOGFLUX_API_KEY              required, e.g. eu-lf_...
//   LOGFLUX_CUSTOM_ENDPOINT_URL  optional; any other LOGFLUX_* variable applies as well.
// The exit code is 0 only when every entry was delivered.
//
//   dotnet publish samples/Aot.Sample -c Release -r linux-x64 -o out/aot
//   LOGFLUX_API_KEY=eu-lf_... ./out/aot/Aot.Sample
using AotSample;

if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("LOGFLUX_API_KEY")))
{
    Console.Error.WriteLine("Set LOGFLUX_API_KEY (and LOGFLUX_CUSTOM_ENDPOINT_URL for a non-default endpoint).");
    return 2;
}

var reports = new List<DeliveryReport>
{
    await CoreLogging.RunAsync(),
};
reports.AddRange(await FrameworkLogging.RunAsync());

foreach (var report in reports) Console.WriteLine(report);
var failed = reports.Where(r => !r.Delivered).ToList();
if (failed.Count > 0)
{
    Console.Error.WriteLine($"NOT DELIVERED: {string.Join(", ", failed.Select(r => r.Part))}");
    return 1;
}

Console.WriteLine($"AOT sample delivered {reports.Sum(r => r.Sent)} entries.");
return 0;
