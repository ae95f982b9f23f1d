using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace XpmGen.Sandbox;

/// <summary>
/// One tenant of the sandbox: its state and the behaviour of every resource over it. Calls are served one at a time
/// (a practice is small and XPM itself allows a tenant only a few calls in flight); a write that succeeds is
/// snapshotted and persisted, one that fails is rolled back, so a refused call never leaves a change behind.
/// </summary>
internal sealed class SandboxPractice : SandboxApiSet
{
    private readonly object _gate = new();
    private readonly SandboxDataFolder? _folder;
    private readonly ILogger _logger;
    private Dictionary<string, byte[]> _snapshot;

    public SandboxPractice(string tenantId, string name, SandboxState state, SandboxDataFolder? folder, TimeProvider clock, ILogger logger)
    {
        TenantId = tenantId;
        Name = name;
        State = state;
        Clock = clock;
        _folder = folder;
        _logger = logger;
        _snapshot = state.Snapshot();

        Category = new CategoryBehaviour(this);
        Client = new ClientBehaviour(this);
        ClientGroup = new ClientGroupBehaviour(this);
        Cost = new CostBehaviour(this);
        CustomField = new CustomFieldBehaviour(this);
        Invoice = new InvoiceBehaviour(this);
        Job = new JobBehaviour(this);
        JobState = new JobStateBehaviour(this);
        Quote = new QuoteBehaviour(this);
        Staff = new StaffBehaviour(this);
        Task = new TaskBehaviour(this);
        Template = new TemplateBehaviour(this);
        Time = new TimeBehaviour(this);
    }

    /// <summary>The tenant id callers send in <c>xero-tenant-id</c>.</summary>
    public string TenantId { get; }

    /// <summary>The practice's name, as <c>connections</c> lists it.</summary>
    public string Name { get; }

    /// <summary>The practice's data.</summary>
    public SandboxState State { get; }

    /// <summary>The clock behaviours read "now" from.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The practice's local date and time now, as XPM writes dates (no offset).</summary>
    public DateTime Now => Clock.GetLocalNow().DateTime;

    /// <summary>Today in the practice.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <inheritdoc/>
    public override CategorySandboxApi Category { get; }

    /// <inheritdoc/>
    public override ClientSandboxApi Client { get; }

    /// <inheritdoc/>
    public override ClientGroupSandboxApi ClientGroup { get; }

    /// <inheritdoc/>
    public override CostSandboxApi Cost { get; }

    /// <inheritdoc/>
    public override CustomFieldSandboxApi CustomField { get; }

    /// <inheritdoc/>
    public override InvoiceSandboxApi Invoice { get; }

    /// <inheritdoc/>
    public override JobSandboxApi Job { get; }

    /// <inheritdoc/>
    public override JobStateSandboxApi JobState { get; }

    /// <inheritdoc/>
    public override QuoteSandboxApi Quote { get; }

    /// <inheritdoc/>
    public override StaffSandboxApi Staff { get; }

    /// <inheritdoc/>
    public override TaskSandboxApi Task { get; }

    /// <inheritdoc/>
    public override TemplateSandboxApi Template { get; }

    /// <inheritdoc/>
    public override TimeSandboxApi Time { get; }

    /// <summary>A new identifier in XPM's UUID form.</summary>
    public static string NewUuid() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>
    /// Runs one call and returns the XML envelope to send. A <see cref="SandboxFault"/> becomes an ERROR envelope;
    /// any other exception too, logged, so a bug in a behaviour never surfaces as a 500 with a stack trace.
    /// </summary>
    public byte[] Execute(SandboxRoute route, IReadOnlyDictionary<string, string> path, IReadOnlyDictionary<string, string> query, ReadOnlyMemory<byte> body, out bool ok)
    {
        ok = false;
        var apiMethod = route.Endpoint.Name.Split('.')[^1];
        var isWrite = route.Endpoint.Method != HttpMethod.Get;
        lock (_gate)
        {
            try
            {
                var payload = route.Handle(new SandboxCall(this, path, query, body));
                var envelope = SandboxEnvelope.Ok(apiMethod, payload);
                if (isWrite)
                {
                    Commit();
                }

                ok = true;
                return envelope;
            }
            catch (SandboxFault fault)
            {
                RollBack(isWrite);
                return SandboxEnvelope.Error(apiMethod, fault.Message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RollBack(isWrite);
                _logger.LogError(ex, "The sandbox failed on {Method} {Path}", route.Endpoint.Method, route.Endpoint.PathTemplate);
                return SandboxEnvelope.Error(apiMethod, $"The sandbox could not process the call ({ex.GetType().Name}); the practice is unchanged.");
            }
        }
    }

    /// <summary>Reads the state under the practice's lock (for tests and tooling).</summary>
    public T Read<T>(Func<SandboxState, T> read)
    {
        lock (_gate)
        {
            return read(State);
        }
    }

    private void Commit()
    {
        var snapshot = State.Snapshot();
        var changed = snapshot.Where(pair => !_snapshot.TryGetValue(pair.Key, out var before) || !before.AsSpan().SequenceEqual(pair.Value)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        _folder?.Write(changed);
        _snapshot = snapshot;
    }

    private void RollBack(bool isWrite)
    {
        if (isWrite)
        {
            State.Restore(_snapshot);
        }
    }
}
