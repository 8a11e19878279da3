//! Every column or key the loaders read or recognise, as a small integer.
//!
//! Keys match case-insensitively (formats.md). A row's keys are resolved to an [`F`] once per
//! distinct key at a position (see `json::KeyCache`), so rows are never put in string maps.
//! Nested JSON keys are dotted paths (`companyProfile.tenantId`).

macro_rules! fields {
    ($($id:ident = $name:literal,)*) => {
        /// A known field.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u8)]
        #[allow(clippy::upper_case_acronyms)]
        pub(crate) enum F { $($id,)* }

        /// Field names as the specification spells them (used in problem messages).
        pub(crate) const NAMES: &[&str] = &[$($name,)*];

        pub(crate) const ALL: &[F] = &[$(F::$id,)*];
    };
}

fields! {
    // Insights datasets
    CustomerTenantId = "CustomerTenantId",
    CustomerName = "CustomerName",
    CustomerTenantCountry = "CustomerTenantCountry",
    CustomerMarket = "CustomerMarket",
    CustomerSegment = "CustomerSegment",
    TopSegment = "TopSegment",
    CustomerStatus = "CustomerStatus",
    Product = "Product",
    RawProductName = "RawProductName",
    Sku = "SKU",
    Month = "Month",
    PartnerLocation = "PartnerLocation",
    // read like PartnerLocation where present, though no published export has it
    PartnerLocationId = "PartnerLocationID",
    PartnerAttributionType = "PartnerAttributionType",
    SalesChannel = "SalesChannel",
    IsDuplicateRowForPga = "IsDuplicateRowForPGA",
    AvailableSeats = "AvailableSeats",
    SubscriptionId = "SubscriptionId",
    SubscriptionState = "SubscriptionState",
    TotalSoldSeats = "TotalSoldSeats",
    TotalAssignedSeats = "TotalAssignedSeats",
    WorkloadName = "WorkloadName",
    PaidAvailableUnits = "PaidAvailableUnits",
    MonthlyActiveUsers = "MonthlyActiveUsers",
    AssignedSeats = "AssignedSeats",
    ActiveSeats = "ActiveSeats",
    // the download report of SeatsSubscriptionsAndRevenue (never read as seat counts)
    AvailableSeatsEop = "AvailableSeatsEOP",
    ResellerId = "ResellerID",
    SubscriptionStatus = "SubscriptionStatus",
    PartnerAttachType = "PartnerAttachType",
    RevSumDivisionName = "RevSumDivisionName",
    RevSumCategoryName = "RevSumCategoryName",
    // EMSUsage, per service: Entra ID P1/P2 (AADP), Intune, Information Protection (AZIP)
    AadpPaidAvailableUnits = "AADPPaidAvailableUnits",
    IntunePaidAvailableUnits = "IntunePaidAvailableUnits",
    AzipPaidAvailableUnits = "AzipPaidAvailableUnits",
    AadpMonthlyActiveUsers = "AADPMonthlyActiveUsers",
    IntuneMonthlyActiveUsers = "IntuneMonthlyActiveUsers",
    AzipMonthlyActiveUsers = "AzipMonthlyActiveUsers",
    // AzureUsage
    UsageQuantity = "UsageQuantity",
    MonthlySubscriptionLevelAcr = "MonthlySubscriptionLevelACR",
    IsAcrDuplicateAtPgaLevel = "IsACRDuplicateAtPGALevel",
    // the AzureUsage download report's ACR (in place of MonthlySubscriptionLevelACR)
    AcrUsd = "ACR_USD",
    // recognised Insights datasets the dashboard does not use
    PgaMpnIdProfile = "PGA_MPNId",
    HierarchyLevel = "HierarchyLevel",
    AccountType = "AccountType",
    ResellerMpnId = "ResellerMpnId",
    IndirectProviderMpnId = "IndirectProviderMPNId",
    ResellerStatus = "ResellerStatus",
    CompetencyName = "CompetencyName",
    AccountName = "AccountName",
    SmcTypeSummary = "SMCTypeSummary",
    SubWorkload = "SubWorkload",
    DateKey = "DateKey",
    MonthKey = "MonthKey",
    TrainingActivityId = "TrainingActivityId",
    TrainingName = "TrainingName",
    // REST: grouped subscription analytics rows
    SubscriptionCount = "subscriptionCount",
    // REST resources
    Id = "id",
    CompanyProfile = "companyProfile",
    TenantId = "companyProfile.tenantId",
    CompanyName = "companyProfile.companyName",
    BillingCountry = "billingProfile.defaultAddress.country",
    ObjectType = "attributes.objectType",
    SelfUri = "links.self.uri",
    OfferId = "offerId",
    OfferName = "offerName",
    FriendlyName = "friendlyName",
    ProductTypeName = "productType.displayName",
    Status = "status",
    CreationDate = "creationDate",
    EffectiveStartDate = "effectiveStartDate",
    CommitmentEndDate = "commitmentEndDate",
    CurrentStateEndDate = "currentStateEndDate",
    DeprovisionedDate = "deprovisionedDate",
    SubscriptionType = "subscriptionType",
    LicenseCount = "licenseCount",
    ProductName = "productName",
    ProcessedDateTime = "processedDateTime",
    ServiceCode = "serviceCode",
    ServiceName = "serviceName",
    LicensesDeployed = "licensesDeployed",
    LicensesSold = "licensesSold",
    LicensesQualified = "licensesQualified",
    LicensesActive = "licensesActive",
    LicenseActive = "licenseActive",
    WorkloadCode = "workloadCode",
    CustomerId = "customerId",
    DeploymentPercent = "deploymentPercent",
    UsagePercent = "usagePercent",
    ProratedDeploymentPercent = "proratedDeploymentPercent",
    ProratedUsagePercent = "proratedLicensesUsagePercent",
    // recognised Partner Center resources the dashboard does not use
    UsageStartTime = "usageStartTime",
    UsageEndTime = "usageEndTime",
    MeterCategory = "meterCategory",
    InvoiceDate = "invoiceDate",
    TotalCharges = "totalCharges",
    InvoiceNumber = "invoiceNumber",
    ChargeType = "chargeType",
    MpnId = "mpnId",
    RelationshipType = "relationshipType",
    UserPrincipalName = "userPrincipalName",
    AvailableUnits = "availableUnits",
    ActiveUnits = "activeUnits",
    ConsumedUnits = "consumedUnits",
    ProductSku = "productSku",
    ReferenceCustomerId = "referenceCustomerId",
    LineItems = "lineItems",
    PartnerId = "PartnerId",
    // billing reconciliation files, new commerce (formats.md section 4; also InvoiceNumber,
    // ChargeType, SubscriptionId, CustomerId, CustomerName, MPNID, ResellerMPNID, ProductName,
    // MeterCategory, PartnerId above)
    CustomerDomainName = "CustomerDomainName",
    CustomerCountry = "CustomerCountry",
    SkuName = "SkuName",
    Quantity = "Quantity",
    ChargeStartDate = "ChargeStartDate",
    ChargeEndDate = "ChargeEndDate",
    UsageDate = "UsageDate",
    // read like ResellerMPNID in the daily rated usage where present (formats.md)
    Tier2MpnId = "Tier2MpnId",
    // the legacy license-based reconciliation file (recognised, not used)
    SyndicationPartnerSubscriptionNumber = "SyndicationPartnerSubscriptionNumber",
    DurableOfferId = "DurableOfferId",
    TotalOtherDiscount = "TotalOtherDiscount",
    TotalForCustomer = "TotalForCustomer",
    // the legacy usage-based reconciliation file (recognised, not used)
    PartnerBillableAccountId = "PartnerBillableAccountId",
    CustomerCompanyName = "CustomerCompanyName",
    ResourceGuid = "ResourceGuid",
    ConsumedQuantity = "ConsumedQuantity",
    IncludedQuantity = "IncludedQuantity",
    OverageQuantity = "OverageQuantity",
    PretaxEffectiveRate = "PretaxEffectiveRate",
    // the customer list (Partner Center > Customers > Export customers)
    MicrosoftId = "Microsoft ID",
    CompanyNameColumn = "Company name",
    PrimaryDomainName = "Primary domain name",
}

/// The number of fields.
pub(crate) const N: usize = NAMES.len();

const WORDS: usize = 3;
const _: () = assert!(N <= WORDS * 64, "presence is a bit set of WORDS words");

/// A set of fields: those present in a row or a header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Present([u64; WORDS]);

impl Present {
    pub(crate) fn has(self, f: F) -> bool {
        let i = f as usize;
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub(crate) fn insert(&mut self, f: F) {
        let i = f as usize;
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    /// The indexes (`F as usize`) of the fields in the set, ascending.
    pub(crate) fn indexes(self) -> impl Iterator<Item = usize> {
        self.0.into_iter().enumerate().flat_map(|(w, mut bits)| {
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let i = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + i
                })
            })
        })
    }

    /// A set of the given fields (tests and rules).
    #[cfg(test)]
    pub(crate) fn of(fs: &[F]) -> Present {
        let mut p = Present::default();
        for f in fs {
            p.insert(*f);
        }
        p
    }
}

impl F {
    /// The name as the specification spells it.
    pub(crate) fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }

    /// The field of a key or dotted path, matched case-insensitively.
    pub(crate) fn lookup(key: &str) -> Option<F> {
        let key = key.trim();
        NAMES
            .iter()
            .position(|n| n.eq_ignore_ascii_case(key))
            .and_then(|i| ALL.get(i).copied())
    }
}

/// Whether `key` is the start of a dotted path to a field (`companyProfile`,
/// `billingProfile.defaultAddress`), matched case-insensitively.
pub(crate) fn starts_path(key: &str) -> bool {
    let key = key.trim().as_bytes();
    NAMES.iter().any(|n| {
        let n = n.as_bytes();
        n.len() > key.len()
            && n.get(key.len()) == Some(&b'.')
            && n.get(..key.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(key))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert!(starts_path("companyProfile"));
        assert!(starts_path("BILLINGPROFILE"));
        assert!(starts_path("billingProfile.defaultAddress"));
        assert!(!starts_path("billingProfile.defaultAddress.country"));
        assert!(!starts_path("company"));
        assert!(!starts_path("SubscriptionStartDate"));
    }

    #[test]
    fn table_is_consistent() {
        assert_eq!(ALL.len(), N);
        for (i, f) in ALL.iter().enumerate() {
            assert_eq!(*f as usize, i);
            assert_eq!(F::lookup(&f.name().to_uppercase()), Some(*f));
        }
        // names are unique case-insensitively
        for (i, a) in NAMES.iter().enumerate() {
            for b in &NAMES[i + 1..] {
                assert!(!a.eq_ignore_ascii_case(b), "{a}");
            }
        }
    }
}
