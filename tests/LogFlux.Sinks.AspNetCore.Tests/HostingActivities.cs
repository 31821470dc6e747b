using System.Diagnostics;

// No namespace: an NUnit set-up fixture applies to the tests of its namespace, here all of them.

/// <summary>
/// Makes ASP.NET Core create its request activity (<c>Microsoft.AspNetCore.Hosting.HttpRequestIn</c>) in every
/// test host, as it does in an application with logging or OpenTelemetry enabled.
/// </summary>
[SetUpFixture]
#pragma warning disable CA1050 // a set-up fixture for the whole assembly must be outside any namespace
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
#pragma warning restore CA1050
