using BenchmarkDotNet.Running;
using LogFlux.Sinks.Benchmarks;

// Examples:
//   dotnet run -c Release -- --filter '*'            every benchmark (a few minutes)
//   dotnet run -c Release -- --filter '*Stage*'      the per-stage costs only
//   dotnet run -c Release -- --filter '*Capture*'    the adapter capture costs only
BenchmarkSwitcher.FromAssembly(typeof(ModestConfig).Assembly).Run(args, new ModestConfig());
