using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using XpmGen.Models;

namespace XpmGen.Benchmarks;

// BenchmarkDotNet versions of the `compare` contenders (`-- bench`). Same documents, same methods.
// The documents are large (tens of MB), so each operation is one whole document.

/// <summary>Reading the 20,000-client list: raw XmlReader scan (the limit), XpmGen's generated reader, XmlSerializer.</summary>
[MemoryDiagnoser]
public class ReadClientsBenchmarks
{
    private byte[] _document = null!;

    [GlobalSetup]
    public void Setup() => _document = SyntheticDocuments.Clients(CompareMode.ClientCount);

    [Benchmark(Baseline = true)]
    public long RawScan() => Contenders.RawScan(_document);

    [Benchmark]
    public List<Client> XpmGen() => Contenders.XpmGenClients(_document);

    [Benchmark]
    public List<Client> XmlSerializer() => Contenders.XmlSerializerClients(_document);
}

/// <summary>Reading the 5,000-job list.</summary>
[MemoryDiagnoser]
public class ReadJobsBenchmarks
{
    private byte[] _document = null!;

    [GlobalSetup]
    public void Setup() => _document = SyntheticDocuments.Jobs(CompareMode.JobCount);

    [Benchmark(Baseline = true)]
    public long RawScan() => Contenders.RawScan(_document);

    [Benchmark]
    public List<Job> XpmGen() => Contenders.XpmGenJobs(_document);

    [Benchmark]
    public List<Job> XmlSerializer() => Contenders.XmlSerializerJobs(_document);
}

/// <summary>Writing the 20,000 clients read from the list, to a counting null stream.</summary>
[MemoryDiagnoser]
public class WriteClientsBenchmarks
{
    private List<Client> _clients = null!;

    [GlobalSetup]
    public void Setup() => _clients = Contenders.XpmGenClients(SyntheticDocuments.Clients(CompareMode.ClientCount));

    [Benchmark(Baseline = true)]
    public long XpmGen() => Contenders.XpmGenWriteClients(_clients, new CountingNullStream());

    [Benchmark]
    public long XmlSerializer() => Contenders.XmlSerializerWriteClients(_clients, new CountingNullStream());
}

/// <summary>One GET staff.api/list against an in-memory handler: XpmClient against a hand-written HttpClient + XmlReader call.</summary>
[MemoryDiagnoser]
public class RequestOverheadBenchmarks
{
    private XpmClient _xpm = null!;
    private HttpClient _http = null!;
    private System.Uri _uri = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new FixedResponseHandler(SyntheticDocuments.StaffList());
        _xpm = RequestOverhead.CreateClient(handler);
        _http = new HttpClient(handler, disposeHandler: false);
        _uri = new System.Uri(RequestOverhead.BaseAddress, "staff.api/list");
    }

    [GlobalCleanup]
    public void Cleanup() => _http.Dispose();

    [Benchmark(Baseline = true)]
    public Task<List<Staff>> Handwritten() => RequestOverhead.HandwrittenStaffListAsync(_http, _uri, CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<Staff>> XpmClient() => _xpm.Staff.ListAsync();
}
