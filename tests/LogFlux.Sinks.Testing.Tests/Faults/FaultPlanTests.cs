namespace LogFlux.Sinks.Testing.Tests.Faults;

public class FaultPlanTests
{
    private static readonly Fault A = Fault.Status(500);
    private static readonly Fault B = Fault.QuotaExceeded();
    private static readonly Fault C = Fault.Unauthorized();

    [Test]
    public void Queued_faults_apply_in_order_to_their_endpoint_only()
    {
        var plan = new FaultPlan().Enqueue(FaultEndpoint.Ingest, A, B);
        Assert.That(plan.Next(FaultEndpoint.HandshakeInit), Is.Null);
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(A));
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(B));
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.Null);
    }

    [Test]
    public void Endpoint_queue_wins_over_Any_queue_then_every_then_always()
    {
        var plan = new FaultPlan()
            .Always(FaultEndpoint.Ingest, C)
            .Every(FaultEndpoint.Ingest, 2, B)
            .Enqueue(FaultEndpoint.Any, A);

        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(A), "1: queued for Any");
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(B), "2: every 2nd");
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(C), "3: always");
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.SameAs(B), "4: every 2nd");
        Assert.That(plan.Next(FaultEndpoint.HandshakeInit), Is.Null, "always is per endpoint");
    }

    [Test]
    public void Every_counts_requests_per_endpoint_and_Any_counts_all()
    {
        var plan = new FaultPlan().Every(FaultEndpoint.Ingest, 3, A).Every(FaultEndpoint.Any, 4, B);
        var results = new[]
        {
            plan.Next(FaultEndpoint.Ingest),            // ingest 1, any 1
            plan.Next(FaultEndpoint.HandshakeInit),     // any 2
            plan.Next(FaultEndpoint.Ingest),            // ingest 2, any 3
            plan.Next(FaultEndpoint.HandshakeComplete), // any 4 -> B
            plan.Next(FaultEndpoint.Ingest),            // ingest 3 -> A
        };
        Assert.That(results, Is.EqualTo(new[] { null, null, null, B, A }));
    }

    [Test]
    public void Always_for_Any_covers_every_protocol_endpoint_and_reset_clears_everything()
    {
        var plan = new FaultPlan().Always(FaultEndpoint.Any, A).Enqueue(FaultEndpoint.Ingest, B).Every(FaultEndpoint.Ingest, 1, C);
        Assert.That(plan.Next(FaultEndpoint.HandshakeComplete), Is.SameAs(A));
        plan.Reset();
        Assert.That(plan.Next(FaultEndpoint.Ingest), Is.Null);
        Assert.That(plan.Next(FaultEndpoint.HandshakeInit), Is.Null);
    }

    [Test]
    public void Arguments_are_checked()
    {
        var plan = new FaultPlan();
        Assert.That(() => plan.Every(FaultEndpoint.Ingest, 0, A), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => plan.Enqueue(FaultEndpoint.Ingest, null!), Throws.ArgumentNullException);
        Assert.That(() => Fault.HugeBody(200, -1), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }
}
