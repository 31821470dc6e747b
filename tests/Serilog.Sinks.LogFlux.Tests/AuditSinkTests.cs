using LogFlux.Sinks.Testing;
using Serilog.Debugging;
using Serilog.Sinks.LogFlux.Tests.Support;

namespace Serilog.Sinks.LogFlux.Tests;

[TestFixture]
public sealed class AuditSinkTests : ReceiverTestBase
{
    private Core.Logger CreateAuditLogger(TimeSpan? timeout = null) => Track(new LoggerConfiguration()
        .AuditTo.LogFlux(o =>
        {
            ConfigureForServer(o.Client);
            o.Client.FlushInterval = TimeSpan.FromMinutes(5);
            o.Client.MaxRetries = 0;
            o.Client.ShutdownTimeout = TimeSpan.FromSeconds(1);
            o.AuditDeliveryTimeout = timeout ?? TimeSpan.FromSeconds(5);
        })
        .CreateLogger());

    /// <summary>
    /// The sink's failure as the caller sees it: Serilog's <c>AuditTo</c> rethrows it, wrapped in an
    /// <see cref="AggregateException"/> by the Serilog versions that dispatch through an aggregate sink.
    /// </summary>
    private static LoggingFailedException? FailureOf(TestDelegate write)
    {
        var thrown = Assert.Catch(write);
        return thrown as LoggingFailedException
               ?? (thrown as AggregateException)?.Flatten().InnerExceptions.OfType<LoggingFailedException>().FirstOrDefault();
    }

    [Test]
    public void An_audit_event_is_delivered_before_the_logging_call_returns()
    {
        var logger = CreateAuditLogger();
        logger.Information("audited {User}", "usr_1");

        Assert.That(Received().Select(e => e.Message), Does.Contain("audited \"usr_1\""));
    }

    [Test]
    public void A_rejected_audit_event_throws_to_the_caller()
    {
        Server.Faults.Always(FaultEndpoint.Ingest, Fault.Status(400));
        var logger = CreateAuditLogger();

        Assert.That(FailureOf(() => logger.Information("rejected audit")), Is.Not.Null);
    }

    [Test]
    public void An_audit_event_that_cannot_be_delivered_in_time_throws()
    {
        Server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        var logger = CreateAuditLogger(TimeSpan.FromMilliseconds(500));

        Assert.That(FailureOf(() => logger.Information("stuck audit"))?.Message, Does.Contain("within 0.5 s"));
    }

    [Test]
    public void Audit_without_any_client_throws()
    {
        var logger = Track(new LoggerConfiguration().AuditTo.LogFlux().CreateLogger());
        Assert.That(FailureOf(() => logger.Information("nowhere"))?.Message, Does.Contain("no client"));
    }
}
