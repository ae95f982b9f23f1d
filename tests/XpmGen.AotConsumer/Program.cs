using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using XpmGen;
using XpmGen.Redis;

// What an app published with PublishAot=true does with XpmGen: register the client with DI from configuration (binding,
// validation, IHttpClientFactory, the resilience handler), send a request through the whole pipeline, read the XML into models.
// The server is a minimal HTTP/1.1 responder on loopback, so the native executable needs nothing but itself.
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var port = ((IPEndPoint)listener.LocalEndpoint).Port;
var served = ServeOneAsync(listener, timeout.Token);

// Configuration binding is where trimming usually bites: the options come from IConfiguration, as in an app.
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Xpm:BaseAddress"] = $"http://127.0.0.1:{port}/practicemanager/3.1/",
        ["Xpm:TenantId"] = "3b1be89e-f411-4cf9-9bde-a3eb08a8e897",
        ["Xpm:AccessToken"] = "aot-token",
        ["Xpm:Retry:MaxRetries"] = "1",
    })
    .Build();
var services = new ServiceCollection();
// XpmGen.Redis under AOT too: the shared limiter, over a Redis that is not there, falls back to local limits (docs/scaling.md).
services.AddXpmRedisConnection("127.0.0.1:1,abortConnect=false,connectTimeout=200");
services.AddXpmClient(configuration.GetSection("Xpm")).UseRedis().AddXpmResilienceHandler();
await using var provider = services.BuildServiceProvider();
var xpm = provider.GetRequiredService<IXpmClient>();

var categories = await xpm.Categories.ListAsync(timeout.Token);
var request = await served;
var limiter = provider.GetRequiredService<RedisXpmRateLimiter>();
if (!limiter.IsUsingLocalLimits)
{
    Console.Error.WriteLine("aot-consumer: the Redis limiter did not fall back to local limits without Redis");
    return 1;
}

if (categories.Count != 2 || categories[0].Name != "Annual Accounts" || !request.Contains("category.api/list", StringComparison.Ordinal) || !request.Contains("Bearer aot-token", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"aot-consumer: unexpected result: {categories.Count} categories; request: {request}");
    return 1;
}

Console.WriteLine($"aot-consumer: {categories.Count} categories, first {categories[0].Name}; {XpmEndpoints.All.Count} endpoints");
return 0;

static async Task<string> ServeOneAsync(TcpListener listener, CancellationToken cancellationToken)
{
    const string body = """
        <Response api-method="List">
          <Status>OK</Status>
          <Categories>
            <Category><UUID>dad1f993-de5e-4517-baa8-edb9afcf85ab</UUID><Name>Annual Accounts</Name></Category>
            <Category><UUID>e2852400-a9cd-45d6-984b-89839e66698e</UUID><Name>Tax Returns</Name></Category>
          </Categories>
        </Response>
        """;
    using var socket = await listener.AcceptTcpClientAsync(cancellationToken);
    var stream = socket.GetStream();
    var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
    var head = new StringBuilder();
    string? line;
    while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync(cancellationToken)))
    {
        head.AppendLine(line);
    }

    var payload = Encoding.UTF8.GetBytes(body);
    var response = $"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
    await stream.WriteAsync(Encoding.ASCII.GetBytes(response), cancellationToken);
    await stream.WriteAsync(payload, cancellationToken);
    listener.Stop();
    return head.ToString();
}
