using System;
using System.Globalization;
using System.Linq;
using XpmGen.Models;

namespace XpmGen.Sandbox;

/// <summary>
/// Applying the fields of an add or update body to a client. Update bodies are read as add bodies (the element names
/// are the same), so one method holds every field rule; a field left out (or empty) keeps its value.
/// </summary>
internal sealed partial class ClientBehaviour
{
    private static readonly string[] GstBases = ["Invoice", "Payment", "Hybrid"];
    private static readonly string[] ProvisionalTaxBases = ["Standard Option", "Estimate Option", "Ratio Option"];
    private static readonly string[] AgencyStatuses = ["With EOT", "Without EOT", "Unlinked"];
    private static readonly string[] ReturnTypes = ["IR3", "IR3NR", "IR4", "IR6", "IR7", "IR9", "PTS"];

    /// <summary>Sets every given field of <paramref name="fields"/> on <paramref name="target"/>; faults name the element under <paramref name="root"/>.</summary>
    private void ApplyFields(ClientAddRequest fields, Client target, string root)
    {
        ApplyNames(fields, target);
        ApplyAddresses(fields, target);
        ApplyPeople(fields, target, root);
        ApplyTax(fields, target, root);
        ApplyIndividual(fields, target);
    }

    private static void ApplyNames(ClientAddRequest fields, Client target)
    {
        target.Name = fields.Name ?? target.Name;
        target.Title = fields.Title ?? target.Title;
        target.Gender = fields.Gender ?? target.Gender;
        target.FirstName = fields.FirstName ?? target.FirstName;
        target.MiddleName = fields.MiddleName ?? target.MiddleName;
        target.LastName = fields.LastName ?? target.LastName;
        target.OtherName = fields.OtherName ?? target.OtherName;
        target.Email = fields.Email ?? target.Email;
        target.Phone = fields.Phone ?? target.Phone;
        target.Fax = fields.Fax ?? target.Fax;
        target.Website = fields.WebSite ?? target.Website;
        target.ReferralSource = fields.ReferralSource ?? target.ReferralSource;
        target.ExportCode = fields.ExportCode ?? target.ExportCode;
        target.ClientCode = fields.ClientCode ?? target.ClientCode;
        target.BranchNumber = fields.BranchNumber ?? target.BranchNumber;
        target.IsProspect = fields.IsProspect ?? target.IsProspect;
    }

    private static void ApplyAddresses(ClientAddRequest fields, Client target)
    {
        target.Address = fields.Address ?? target.Address;
        target.City = fields.City ?? target.City;
        target.Region = fields.Region ?? target.Region;
        target.PostCode = fields.PostCode ?? target.PostCode;
        target.Country = fields.Country ?? target.Country;
        target.PostalAddress = fields.PostalAddress ?? target.PostalAddress;
        target.PostalCity = fields.PostalCity ?? target.PostalCity;
        target.PostalRegion = fields.PostalRegion ?? target.PostalRegion;
        target.PostalPostCode = fields.PostalPostCode ?? target.PostalPostCode;
        target.PostalCountry = fields.PostalCountry ?? target.PostalCountry;
    }

    /// <summary>The account manager, job manager and billing client, each of which must name what exists.</summary>
    private void ApplyPeople(ClientAddRequest fields, Client target, string root)
    {
        if (fields.AccountManagerUuid is { } accountManager)
        {
            target.AccountManager = StaffReference(SandboxClients.Staff(State, accountManager, root + "/AccountManagerUUID"));
        }

        if (fields.JobManagerUuid is { } jobManager)
        {
            target.JobManager = StaffReference(SandboxClients.Staff(State, jobManager, root + "/JobManagerUUID"));
        }

        if (fields.BillingClientUuid is { } billingClient)
        {
            // XPM's own example names the client itself as its billing client, so that is allowed.
            target.BillingClient = SandboxClients.SameId(billingClient, target.Uuid)
                ? SandboxClients.Reference(target)
                : SandboxClients.Reference(SandboxClients.Live(State, billingClient, root + "/BillingClientUUID"));
        }
    }

    private static void ApplyTax(ClientAddRequest fields, Client target, string root)
    {
        target.TaxNumber = fields.TaxNumber ?? target.TaxNumber;
        target.CompanyNumber = fields.CompanyNumber ?? target.CompanyNumber;
        target.BusinessNumber = fields.BusinessNumber ?? target.BusinessNumber;
        target.BusinessStructure = fields.BusinessStructure ?? target.BusinessStructure;
        target.BalanceMonth = BalanceMonth(fields.BalanceMonth, root + "/BalanceMonth") ?? target.BalanceMonth;
        target.PrepareGst = fields.PrepareGst ?? target.PrepareGst;
        target.GstRegistered = fields.GstRegistered ?? target.GstRegistered;
        target.GstPeriod = GstPeriod(fields.GstPeriod, root + "/GSTPeriod") ?? target.GstPeriod;
        target.GstBasis = OneOf(fields.GstBasis, GstBases, root + "/GSTBasis") ?? target.GstBasis;
        target.ProvisionalTaxBasis = OneOf(fields.ProvisionalTaxBasis, ProvisionalTaxBases, root + "/ProvisionalTaxBasis") ?? target.ProvisionalTaxBasis;
        target.ProvisionalTaxRatio = fields.ProvisionalTaxRatio ?? target.ProvisionalTaxRatio;
        target.SignedTaxAuthority = fields.SignedTaxAuthority ?? target.SignedTaxAuthority;
        target.TaxAgent = fields.TaxAgent ?? target.TaxAgent;
        target.AgencyStatus = OneOf(fields.AgencyStatus, AgencyStatuses, root + "/AgencyStatus") ?? target.AgencyStatus;
        target.ReturnType = OneOf(fields.ReturnType, ReturnTypes, root + "/ReturnType") ?? target.ReturnType;
        target.PrepareActivityStatement = fields.PrepareActivityStatement ?? target.PrepareActivityStatement;
        target.PrepareTaxReturn = fields.PrepareTaxReturn ?? target.PrepareTaxReturn;
        target.ActiveAtoClient = fields.ActiveAtoClient ?? target.ActiveAtoClient;
        target.AutoBasOptInCriteria = fields.AutoBasOptInCriteria ?? target.AutoBasOptInCriteria;
    }

    private static void ApplyIndividual(ClientAddRequest fields, Client target)
    {
        target.DateOfBirth = ToDateTime(fields.DateOfBirth) ?? target.DateOfBirth;
        target.DateOfDeath = ToDateTime(fields.DateOfDeath) ?? target.DateOfDeath;
        target.PlaceOfBirthCity = fields.PlaceOfBirthCity ?? target.PlaceOfBirthCity;
        target.PlaceOfBirthCountryCode = fields.PlaceOfBirthCountryCode ?? target.PlaceOfBirthCountryCode;
    }

    private static Reference StaffReference(Staff staff) => new() { Uuid = staff.Uuid, Name = staff.Name };

    private static DateTime? ToDateTime(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);

    /// <summary>XPM takes a balance month as <c>Jan</c> or <c>1</c> (full names are accepted too) and returns its number.</summary>
    private static int? BalanceMonth(string? value, string path)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 12)
        {
            return number;
        }

        var months = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var month = 1; month <= 12; month++)
        {
            if (text.Equals(months.GetAbbreviatedMonthName(month), StringComparison.OrdinalIgnoreCase)
                || text.Equals(months.GetMonthName(month), StringComparison.OrdinalIgnoreCase))
            {
                return month;
            }
        }

        throw new SandboxFault($"The value '{value}' of /{path} is not a month; send Jan to Dec or 1 to 12.");
    }

    /// <summary>XPM takes a GST period as <c>1</c>, <c>2</c> or <c>6</c> and returns <c>Monthly</c>, <c>2 Monthly</c> or <c>6 Monthly</c>; either form is accepted.</summary>
    private static string? GstPeriod(string? value, string path) =>
        value?.Trim() switch
        {
            null => null,
            "1" => "Monthly",
            "2" => "2 Monthly",
            "6" => "6 Monthly",
            var text => OneOf(text, ["Monthly", "2 Monthly", "6 Monthly"], path),
        };

    /// <summary>A value of a closed vocabulary, in the vocabulary's spelling; any other value is refused, naming the allowed ones.</summary>
    private static string? OneOf(string? value, string[] allowed, string path)
    {
        if (value is null)
        {
            return null;
        }

        return allowed.FirstOrDefault(option => option.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new SandboxFault($"The value '{value}' of /{path} is not one of {string.Join(", ", allowed)}.");
    }
}
