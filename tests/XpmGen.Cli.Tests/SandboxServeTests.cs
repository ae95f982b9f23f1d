using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using XpmGen.Sandbox;

namespace XpmGen.Cli.Tests;

/// <summary><c>xpm sandbox serve</c> in process: the four lines it prints, serving until cancelled, and its start-up failures.</summary>
public sealed class SandboxServeTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serve_PrintsFourLinesThatReachThePractice_AndStopsWithExitZeroWhenCancelled()
    {
        var output = new WatchedWriter();
        var error = new WatchedWriter();
        using var cancellation = new CancellationTokenSource();
        var run = CliApp.RunAsync(["sandbox", "serve"], output, error, _ => null, cancellation.Token);
        int exitCode;
        try
        {
            var lines = await output.WaitForLinesAsync(4, run, Patience);
            Assert.Equal(["base-url: ", "identity-url: ", "tenant-id: ", "access-token: "], lines.Select(line => line[..(line.IndexOf(": ", StringComparison.Ordinal) + 2)]));
            var values = lines.Select(line => line[(line.IndexOf(": ", StringComparison.Ordinal) + 2)..]).ToArray();
            var baseUrl = new Uri(values[0]);
            Assert.Equal("127.0.0.1", baseUrl.Host);
            Assert.Equal("/practicemanager/3.1/", baseUrl.AbsolutePath);
            Assert.Equal(new Uri(baseUrl, "/identity/"), new Uri(values[1]));
            Assert.Equal(XpmSandboxOptions.DefaultTenantId, values[2]);

            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, "staff.api/list"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", values[3]);
            request.Headers.Add("xero-tenant-id", values[2]);
            using var response = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var envelope = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
            Assert.Equal("Response", envelope.Name.LocalName);
            Assert.Equal("OK", envelope.Element("Status")?.Value);
            Assert.Equal(DemoSeed.State.Staff.All.Select(s => s.Uuid), envelope.Element("StaffList")?.Elements("Staff").Select(s => s.Element("UUID")?.Value));
        }
        finally
        {
            cancellation.Cancel();
            exitCode = await run.WaitAsync(Patience);
        }

        Assert.True(exitCode == 0, $"exit {exitCode}\n{output.Text}\n{error.Text}");
        Assert.Equal(4, output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("Sandbox stopped.", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithACorruptDataFile_ExitsOneNamingTheFile()
    {
        var folder = Directory.CreateTempSubdirectory("xpm-cli-tests-");
        try
        {
            var jobs = Path.Combine(folder.FullName, "jobs.xml");
            await File.WriteAllTextAsync(jobs, "<Jobs><Job><ID>J000001</ID>");

            var result = await CliRun.RunAsync("sandbox", "serve", "--data", folder.FullName);

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(string.Empty, result.Output);
            Assert.Contains(jobs, result.Error, StringComparison.Ordinal);
            CliRun.AssertNoStackTrace(result.Error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Serve_OnAPortInUse_ExitsOneNamingThePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;

            var result = await CliRun.RunAsync("sandbox", "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Equal(string.Empty, result.Output);
            Assert.Contains($"127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
            CliRun.AssertNoStackTrace(result.Error);
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>A writer another thread can read while the command writes to it.</summary>
    private sealed class WatchedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_text)
            {
                _text.Append(buffer, index, count);
            }
        }

        /// <summary>Waits until <paramref name="count"/> whole lines are written; fails if the command ends first or time runs out.</summary>
        public async Task<IReadOnlyList<string>> WaitForLinesAsync(int count, Task<int> command, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var lines = Text.Split('\n');
                if (lines.Length > count)
                {
                    return lines[..count];
                }

                Assert.False(command.IsCompleted, $"The command ended (exit {(command.IsCompletedSuccessfully ? command.Result : -1)}) before writing {count} lines: '{Text}'");
                Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} lines after {timeout}: '{Text}'");
                await Task.Delay(20);
            }
        }
    }
}
