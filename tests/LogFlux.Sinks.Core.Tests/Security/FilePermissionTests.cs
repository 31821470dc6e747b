using System.Runtime.Versioning;
using LogFlux.Sinks.Testing;

namespace LogFlux.Sinks.Core.Tests.Security;

/// <summary>Key files and durable buffer files are owner-only on Unix: files 0600, directories 0700.</summary>
[UnsupportedOSPlatform("windows")]
public class FilePermissionTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Test]
    public async Task Key_files_buffer_files_and_their_directories_are_owner_only()
    {
        var keys = SecurityFiles.NewDirectory("lf-mode-keys-");
        var buffer = SecurityFiles.NewDirectory("lf-mode-buffer-");
        try
        {
            await using var server = await LogFluxTestServer.StartAsync();
            await using (var client = new LogFluxClient(new LogFluxOptions
            {
                ApiKey = "eu-lf_modecheck_0123456789",
                CustomEndpointUrl = server.BaseUrl,
                KeyPersistencePath = keys,
                BufferPath = buffer,
                FlushInterval = TimeSpan.FromMilliseconds(20),
                ShutdownTimeout = TimeSpan.FromSeconds(5),
            }))
            {
                client.Info("mode check");
                Assert.That(await client.FlushAsync(TimeSpan.FromSeconds(20)), Is.True);
                AssertOwnerOnly(keys, buffer);
            }
            AssertOwnerOnly(keys, buffer);
        }
        finally
        {
            SecurityFiles.Delete(keys);
            SecurityFiles.Delete(buffer);
        }
    }

    private static void AssertOwnerOnly(params string[] roots)
    {
        foreach (var root in roots)
        {
            var files = SecurityFiles.FilesUnder(root);
            var directories = Directory.GetDirectories(root, "*", SearchOption.AllDirectories).Append(root).ToArray();
            TestContext.Out.WriteLine($"{root}: {files.Length} files, {directories.Length} directories");
            Assert.That(files, Is.Not.Empty, $"{root} holds files");
            Assert.Multiple(() =>
            {
                foreach (var file in files) Assert.That(File.GetUnixFileMode(file), Is.EqualTo(OwnerFile), file);
                foreach (var directory in directories) Assert.That(File.GetUnixFileMode(directory), Is.EqualTo(OwnerDirectory), directory);
            });
        }
        Assert.That(SecurityFiles.FilesUnder(roots[0]).Any(f => f.EndsWith(".json", StringComparison.Ordinal)), Is.True, "a key file was written");
    }
}
