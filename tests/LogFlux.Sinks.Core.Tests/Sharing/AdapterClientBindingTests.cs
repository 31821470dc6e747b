using System.Collections.Concurrent;
using System.Diagnostics;
using LogFlux.Sinks.Sharing;
using LogFlux.Sinks.Testing;
using LogFlux.Sinks.Testing.Faults;

namespace LogFlux.Sinks.Core.Tests.Sharing;

[NonParallelizable] // LogFluxSdk and the registry are process-wide.
public class AdapterClientBindingTests
{
    private const string ApiKey = "eu-lf_binding_0123456789abcdef";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<LogFluxDiagnostic> _written = new();
    private LogFluxTestServer _server = null!;

    [SetUp]
    public async Task StartServer()
    {
        _server = await LogFluxTestServer.StartAsync();
        _written.Clear();
    }

    [TearDown]
    public async Task StopServer()
    {
        LogFluxSdk.Close();
        await _server.DisposeAsync();
    }

    [Test]
    public void Without_any_client_events_are_counted_and_reported_once()
    {
        var channel = Channel();
        var binding = AdapterClientBinding.Open(new LogFluxOptions { KeyPersistence = false }, channel);

        Assert.That(binding.Client, Is.Null);
        binding.CountNoClient();
        binding.CountNoClient(2);

        var reports = _written.Where(d => d.Message.Contains("no_client", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(binding.NoClientDrops, Is.EqualTo(3));
            Assert.That(channel.Drops.Count, Is.EqualTo(3));
            Assert.That(reports, Has.Count.EqualTo(1));
            Assert.That(reports[0].Message, Does.Contain("LogFluxSdk.Init").And.Contain("the-key-setting"));
        });
    }

    [Test]
    public async Task An_Init_client_started_later_is_picked_up_by_the_next_event_and_none_after_it_is_lost()
    {
        var binding = AdapterClientBinding.Open(new LogFluxOptions { KeyPersistence = false }, Channel());
        Assert.That(binding.Client, Is.Null);
        binding.CountNoClient();

        var init = LogFluxSdk.Init(Options(_server.BaseUrl));
        const int events = 50;
        for (var i = 0; i < events; i++)
        {
            var client = binding.Client;
            if (client is null) binding.CountNoClient();
            else client.Info("after init " + i);
        }

        Assert.That(binding.Client, Is.SameAs(init));
        Assert.That(await binding.FlushAsync(s_wait), Is.True);
        var received = await _server.WaitForEntriesAsync(events, s_wait);
        Assert.Multiple(() =>
        {
            Assert.That(received.Count(e => e.Message?.StartsWith("after init", StringComparison.Ordinal) == true), Is.EqualTo(events));
            Assert.That(binding.NoClientDrops, Is.EqualTo(1), "only the event before Init was dropped");
        });
    }

    [Test]
    public void A_closed_Init_client_is_let_go_and_the_next_one_picked_up()
    {
        var binding = AdapterClientBinding.Open(new LogFluxOptions { KeyPersistence = false }, Channel());
        var first = LogFluxSdk.Init(Options(_server.BaseUrl));
        Assert.That(binding.Client, Is.SameAs(first));

        LogFluxSdk.Close();
        Assert.That(binding.Client, Is.Null);
        var second = LogFluxSdk.Init(Options(_server.BaseUrl));
        Assert.That(binding.Client, Is.SameAs(second));
    }

    [Test]
    public void Close_leaves_the_Init_client_open()
    {
        var init = LogFluxSdk.Init(Options(_server.BaseUrl));
        var binding = AdapterClientBinding.Open(new LogFluxOptions { KeyPersistence = false }, Channel());
        Assert.That(binding.Client, Is.SameAs(init));

        Assert.That(binding.Close(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(init.IsClosed, Is.False);
            Assert.That(binding.Client, Is.Null, "a closed binding does not pick the Init client up again");
        });
    }

    [Test]
    public async Task Flush_and_close_are_bounded_by_their_timeout_when_the_receiver_never_answers()
    {
        _server.Faults.Always(FaultEndpoint.Ingest, Fault.NeverRespond());
        var options = Options(_server.BaseUrl);
        options.HttpTimeout = TimeSpan.FromSeconds(60);
        options.ShutdownTimeout = TimeSpan.FromSeconds(60);
        var binding = AdapterClientBinding.Open(options, Channel());
        binding.Client!.Info("cannot be delivered");

        var watch = Stopwatch.StartNew();
        var flushed = binding.Flush(TimeSpan.FromMilliseconds(300));
        var flushTime = watch.Elapsed;
        watch.Restart();
        var closed = await binding.CloseAsync(TimeSpan.FromMilliseconds(300));
        var closeTime = watch.Elapsed;

        Assert.Multiple(() =>
        {
            Assert.That(flushed, Is.False);
            Assert.That(flushTime, Is.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(closed, Is.False, "what could not be sent was dropped");
            Assert.That(closeTime, Is.LessThan(TimeSpan.FromSeconds(5)));
        });
    }

    [Test]
    public void Close_releases_a_shared_lease_without_closing_the_shared_client()
    {
        using var other = LogFluxClientRegistry.Acquire(Options(_server.BaseUrl));
        var binding = AdapterClientBinding.Open(Options(_server.BaseUrl), Channel());
        Assert.That(binding.Client, Is.SameAs(other.Client));

        Assert.That(binding.Close(), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(other.Client.IsClosed, Is.False);
            Assert.That(binding.Client, Is.Null);
        });
    }

    [Test]
    public async Task The_owner_of_a_client_closes_it_after_sending_what_it_handed_over()
    {
        var binding = AdapterClientBinding.Open(Options(_server.BaseUrl), Channel());
        var client = binding.Client!;
        client.Info("sent before close");

        Assert.That(binding.Close(), Is.True);
        Assert.That(client.IsClosed, Is.True);
        var received = await _server.WaitForEntriesAsync(1, s_wait);
        Assert.That(received.Single().Message, Is.EqualTo("sent before close"));
    }

    [Test]
    public void An_explicit_client_is_never_closed_by_the_binding()
    {
        using var client = new LogFluxClient(Options(_server.BaseUrl));
        var binding = AdapterClientBinding.ForClient(client, Channel());
        Assert.That(binding.Client, Is.SameAs(client));

        binding.Close();
        Assert.That(client.IsClosed, Is.False);
    }

    [Test]
    public void An_invalid_option_throws_a_configuration_error_and_an_unusable_binding_never_reports_no_client()
    {
        var options = Options(_server.BaseUrl);
        options.BatchSize = 0;
        var channel = Channel();
        Assert.Throws<LogFluxConfigurationException>(() => AdapterClientBinding.Open(options, channel));

        var unusable = AdapterClientBinding.Unusable(channel);
        unusable.CountNoClient();
        Assert.Multiple(() =>
        {
            Assert.That(unusable.Client, Is.Null);
            Assert.That(unusable.NoClientDrops, Is.EqualTo(1));
            Assert.That(_written.Where(d => d.Message.Contains("no_client", StringComparison.Ordinal)), Is.Empty);
        });
    }

    private AdapterChannel Channel() => new(_written.Enqueue, "the-key-setting", "Drops");

    private static LogFluxOptions Options(string url) => new()
    {
        ApiKey = ApiKey,
        CustomEndpointUrl = url,
        KeyPersistence = false,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        ShutdownTimeout = TimeSpan.FromSeconds(10),
    };
}
