using LogFlux.Sinks.Buffer;

namespace LogFlux.Sinks.Core.Tests.Buffer;

[TestFixture]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public class BufferFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Test]
    public void Directories_are_0700_and_every_file_is_0600()
    {
        using var kit = new BufferTestKit();
        using (var buffer = kit.Open(segmentBytes: 1024))
        {
            for (var i = 0; i < 30; i++)
            {
                buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Error, BufferTestKit.BaseTime, BufferTestKit.Json(i));
                buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Notice, BufferTestKit.BaseTime, BufferTestKit.Json(i));
                buffer.Append(LogFluxEntryType.Log, LogFluxLevel.Debug, BufferTestKit.BaseTime, BufferTestKit.Json(i));
            }
            var read = new List<BufferedRecord>();
            buffer.TryReadBatch(5, read);
            buffer.Acknowledge(read);

            var directories = new[] { kit.Directory, kit.LaneDirectory("high"), kit.LaneDirectory("normal"), kit.LaneDirectory("low") };
            Assert.That(directories.Select(File.GetUnixFileMode), Has.All.EqualTo(OwnerAll));
            var files = Directory.GetFiles(kit.Directory, "*", SearchOption.AllDirectories);
            Assert.That(files.Select(Path.GetFileName), Is.SupersetOf(new[] { "buffer.key", "buffer.lock", "buffer.pid", "ack.lfc", "seg-0000000000000001.lfb" }));
            foreach (var file in files)
                Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerReadWrite), file);
        }
    }

    [Test]
    public void An_existing_directory_writable_by_others_is_reported_but_used()
    {
        using var kit = new BufferTestKit();
        Directory.CreateDirectory(kit.Directory);
        File.SetUnixFileMode(kit.Directory, OwnerAll | UnixFileMode.OtherWrite | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        using var buffer = kit.Open();
        BufferTestKit.AppendLogs(buffer, 0, 1);

        Assert.That(kit.Log.AllText, Does.Contain("writable by group or others"));
        Assert.That(File.GetUnixFileMode(kit.Segments("low").Single()), Is.EqualTo(OwnerReadWrite));
    }
}
