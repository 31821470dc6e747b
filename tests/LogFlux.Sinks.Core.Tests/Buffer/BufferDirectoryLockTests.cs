using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
public class BufferDirectoryLockTests
{
    private BufferTestKit _kit = null!;

    [SetUp]
    public void SetUp() => _kit = new BufferTestKit();

    [TearDown]
    public void TearDown() => _kit.Dispose();

    [Test]
    public void A_second_opener_gets_a_clear_in_use_error_naming_the_directory_and_the_pid()
    {
        using var first = _kit.Open();

        var error = Assert.Throws<BufferInUseException>(() => _kit.Open());

        Assert.That(error, Is.InstanceOf<IOException>());
        Assert.That(error!.Message, Does.Contain($"buffer directory {Path.GetFullPath(_kit.Directory)} is in use by another process (pid {Environment.ProcessId})"));
        Assert.That(error.OwnerProcessId, Is.EqualTo(Environment.ProcessId));
        Assert.That(error.DirectoryPath, Is.EqualTo(Path.GetFullPath(_kit.Directory)));
    }

    [Test]
    public void The_first_opener_keeps_working_while_a_second_is_refused()
    {
        using var first = _kit.Open();
        BufferTestKit.AppendLogs(first, 0, 2);

        Assert.Throws<BufferInUseException>(() => _kit.Open());
        BufferTestKit.AppendLogs(first, 2, 1);

        Assert.That(BufferTestKit.ReadAll(first), Has.Count.EqualTo(3));
    }

    [Test]
    public void The_directory_can_be_opened_again_after_dispose_and_the_lock_file_records_the_pid()
    {
        _kit.Open().Dispose();

        using var again = _kit.Open();

        Assert.That(again.Stats.IsDegraded, Is.False);
        Assert.That(File.ReadAllText(Path.Combine(_kit.Directory, BufferDirectoryLock.PidFileName)).Trim(), Is.EqualTo(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void A_directory_that_cannot_be_created_fails_open_with_an_io_error()
    {
        var file = Path.Combine(_kit.Root, "not-a-directory");
        File.WriteAllText(file, "x");

        Assert.Catch<IOException>(() => DurableBuffer.Open(new DurableBufferOptions(Path.Combine(file, "buffer"))));
    }
}
