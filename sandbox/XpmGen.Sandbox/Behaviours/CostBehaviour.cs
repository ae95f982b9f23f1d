using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// How the sandbox practice answers the operations of the Cost resource: the cost catalogue in
/// <see cref="SandboxState.Costs"/>, listed a page at a time as XPM does.
/// </summary>
internal sealed class CostBehaviour : CostSandboxApi
{
    /// <summary>XPM's page size for the cost catalogue.</summary>
    public const int PageSize = 1000;

    private readonly SandboxPractice _practice;

    public CostBehaviour(SandboxPractice practice)
    {
        _practice = practice;
    }

    private SandboxState State => _practice.State;

    /// <summary>One page of the catalogue in the order items were added; a page past the end is empty, which ends paging.</summary>
    public override IEnumerable<Cost> List(int page)
    {
        if (page < 1)
        {
            throw new SandboxFault($"The page parameter must be 1 or more; {page} was given.");
        }

        var start = (long)(page - 1) * PageSize;
        return start >= State.Costs.Count ? [] : State.Costs.All.Skip((int)start).Take(PageSize).ToList();
    }

    public override Cost Get(string uuid) => State.Costs.Get(uuid, "cost");

    public override Cost? Add(CostAddRequest cost)
    {
        var added = new Cost
        {
            Uuid = SandboxPractice.NewUuid(),
            Description = cost.Description ?? throw SandboxFault.Missing("Cost/Description"),
            Code = cost.Code,
            Note = cost.Note,
            UnitCost = cost.UnitCost ?? 0m,
            UnitPrice = cost.UnitPrice ?? 0m,
            Supplier = Supplier(cost.SupplierUuid),
        };
        State.Costs.Add(added);
        return added;
    }

    /// <summary>Changes the details sent; those left out (or sent empty, which reads the same) keep their value.</summary>
    public override Cost Update(CostUpdateRequest cost)
    {
        var existing = Existing(cost.Uuid);
        existing.Description = cost.Description ?? existing.Description;
        existing.Code = cost.Code ?? existing.Code;
        existing.Note = cost.Note ?? existing.Note;
        existing.UnitCost = cost.UnitCost ?? existing.UnitCost;
        existing.UnitPrice = cost.UnitPrice ?? existing.UnitPrice;
        existing.Supplier = Supplier(cost.SupplierUuid) ?? existing.Supplier;
        return existing;
    }

    public override void Delete(CostUuidRequest cost) => State.Costs.Remove(Existing(cost.Uuid));

    public override void DeleteAll(CostDeleteAllRequest deleteAll) => State.Costs.Clear();

    private Cost Existing(string? uuid) => State.Costs.Get(uuid ?? throw SandboxFault.Missing("Cost/UUID"), "cost");

    /// <summary>XPM 3.1 exposes no suppliers to check a UUID against, so the one sent is kept as it is, without a name.</summary>
    private static Reference? Supplier(string? uuid) => uuid is null ? null : new Reference { Uuid = uuid };
}
