using System.Diagnostics;

namespace LogFlux.Sinks.AspNetCore.Tests.Support;

/// <summary>
/// Makes ASP.NET Core create its request activity (<c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>) in every
/// test host, as it does in an application with logging or OpenTelemetry enabled.
/// </summary>
[SetUpFixture]
public sealed class HostingActivities
{
    private ActivityListener? _listener;

    [OneTimeSetUp]
    public void Listen()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [OneTimeTearDown]
    public void Stop() => _listener?.Dispose();
}
