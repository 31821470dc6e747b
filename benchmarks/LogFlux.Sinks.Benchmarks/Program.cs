using BenchmarkDotNet.Running;
using LogFlux.Sinks.Benchmarks;

// Examples:
//   dotnet run -c Release -- --filter '*'                    every benchmark (a few minutes)
//   dotnet run -c Release -- --filter '*Stage*'              the per-stage costs only
//   dotnet run -c Release -- --filter '*Capture*'            the adapter capture costs only
//   dotnet run -c Release -- --filter '*SpanExport*'        the OpenTelemetry span exporter against the OTLP exporter
//   ... --in-process                                         run in this process (no generated project to build)
bool inProcess = args.Contains("--in-process");
var rest = args.Where(a => a != "--in-process").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(ModestConfig).Assembly).Run(rest, new ModestConfig(inProcess));
