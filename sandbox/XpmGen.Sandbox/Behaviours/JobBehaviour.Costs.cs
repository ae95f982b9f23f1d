using System.Collections.Generic;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>Costs recorded on jobs.</summary>
internal sealed partial class JobBehaviour
{
    /// <inheritdoc/>
    public override IEnumerable<JobCost> CostsList(string jobNumber) => State.JobCosts.Of(FindJob(jobNumber).Id!);

    /// <inheritdoc/>
    public override string? CostsAdd(JobCostAddRequest cost)
    {
        var number = Required(cost.Job, "Cost/Job");
        var date = cost.Date ?? throw SandboxFault.Missing("Cost/Date");
        var description = Required(cost.Description, "Cost/Description");
        var quantity = cost.Quantity ?? throw SandboxFault.Missing("Cost/Quantity");
        var unitCost = cost.UnitCost ?? throw SandboxFault.Missing("Cost/UnitCost");
        var unitPrice = cost.UnitPrice ?? throw SandboxFault.Missing("Cost/UnitPrice");
        var job = FindJob(number);

        var added = new JobCost
        {
            Uuid = SandboxPractice.NewUuid(),
            Date = Midnight(date),
            Description = description,
            Code = cost.Code,
            Note = cost.Note,
            Quantity = quantity,
            UnitCost = unitCost,
            UnitPrice = unitPrice,
            Billable = cost.Billable ?? true,
            Supplier = Supplier(cost.SupplierUuid),
        };
        State.JobCosts.For(job.Id!).Add(added);
        return added.Uuid;
    }

    /// <inheritdoc/>
    public override string? CostsUpdate(JobCostUpdateRequest cost)
    {
        var uuid = Required(cost.Uuid, "Cost/UUID");
        var date = cost.Date ?? throw SandboxFault.Missing("Cost/Date");
        var description = Required(cost.Description, "Cost/Description");
        var quantity = cost.Quantity ?? throw SandboxFault.Missing("Cost/Quantity");
        var unitCost = cost.UnitCost ?? throw SandboxFault.Missing("Cost/UnitCost");
        var unitPrice = cost.UnitPrice ?? throw SandboxFault.Missing("Cost/UnitPrice");
        var stored = FindJobCost(uuid);

        stored.Date = Midnight(date);
        stored.Description = description;
        stored.Quantity = quantity;
        stored.UnitCost = unitCost;
        stored.UnitPrice = unitPrice;
        // Optional elements left out keep their value.
        stored.Code = cost.Code ?? stored.Code;
        stored.Note = cost.Note ?? stored.Note;
        stored.Billable = cost.Billable ?? stored.Billable ?? true;
        stored.Supplier = Supplier(cost.SupplierUuid) ?? stored.Supplier;
        return stored.Uuid;
    }

    /// <inheritdoc/>
    public override IEnumerable<CustomFieldValue> CostsGetCustomFields(string costUuid) =>
        SandboxCustomFields.Get(State, CustomFieldOwnerKind.JobCost, FindJobCost(costUuid).Uuid!);

    /// <inheritdoc/>
    public override void CostsUpdateCustomFields(string costUuid, CustomFieldValuesUpdate customFields) =>
        SandboxCustomFields.Update(State, CustomFieldOwnerKind.JobCost, FindJobCost(costUuid).Uuid!, customFields);

    // The practice keeps no suppliers (supplier.api is not part of XPM 3.1), so the UUID is kept as given, unnamed.
    private static Reference? Supplier(string? supplierUuid) => Ref(supplierUuid?.Trim(), null);

    private JobCost FindJobCost(string? costUuid)
    {
        var uuid = costUuid?.Trim();
        return State.JobCosts.Owners.SelectMany(owner => owner.Value).FirstOrDefault(c => SameId(c.Uuid, uuid))
            ?? throw SandboxFault.InvalidIdentifier("cost");
    }
}
