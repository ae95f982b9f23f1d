using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using XpmGen.Models;

namespace XpmGen.Sandbox.Tests;

/// <summary><c>--data DIR</c>: the practice survives a restart, files are replaced whole, and a corrupt file stops start-up.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "xpmgen-sandbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Writes_survive_a_restart_and_a_new_folder_starts_from_the_demo_practice()
    {
        string uuid;
        int staffCount;
        await using (var first = await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder }))
        {
            Assert.True(File.Exists(Path.Combine(_folder, "clients.xml")), "A new data folder is written at start.");
            var xpm = first.CreateClient();
            staffCount = (await xpm.Staff.ListAsync()).Count;
            Assert.True(staffCount > 0, "The demo practice has staff.");
            uuid = (await xpm.Staff.AddAsync(new StaffAddRequest { Name = "Persisted Person", Email = "persisted@example.com" })).Uuid!;
        }

        await using var second = await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder });
        var again = second.CreateClient();
        var staff = await again.Staff.ListAsync();
        Assert.Equal(staffCount + 1, staff.Count);
        Assert.Equal("persisted@example.com", staff.Single(s => s.Uuid == uuid).Email);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task Empty_with_a_data_folder_starts_bare_and_stays_bare_after_a_restart()
    {
        await using (var first = await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder, Empty = true }))
        {
            Assert.Empty(await first.CreateClient().Clients.ListAsync());
        }

        // A folder that holds data is loaded as it is: Empty only decides how a new folder starts.
        await using var second = await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder });
        Assert.Empty(await second.CreateClient().Clients.ListAsync());
    }

    [Fact]
    public async Task A_corrupt_file_stops_start_up_naming_the_file_and_leaves_it_in_place()
    {
        await using (await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder }))
        {
        }

        var file = Path.Combine(_folder, "jobs.xml");
        var truncated = File.ReadAllText(file)[..200];
        File.WriteAllText(file, truncated);

        var error = await Assert.ThrowsAsync<XpmSandboxDataException>(() => XpmSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder }));
        Assert.Equal(file, error.FilePath);
        Assert.Contains("jobs.xml", error.Message, StringComparison.Ordinal);
        Assert.Equal(truncated, File.ReadAllText(file));
    }

    [Fact]
    public async Task A_file_with_the_wrong_root_is_refused_too()
    {
        await using (await TestSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder }))
        {
        }

        File.WriteAllText(Path.Combine(_folder, "staff.xml"), "<Clients/>");

        var error = await Assert.ThrowsAsync<XpmSandboxDataException>(() => XpmSandbox.StartAsync(new XpmSandboxOptions { DataDirectory = _folder }));
        Assert.Contains("staff.xml", error.Message, StringComparison.Ordinal);
        Assert.Contains("<StaffList>", error.Message, StringComparison.Ordinal);
    }
}
