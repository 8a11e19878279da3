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
}

/// The number of fields.
pub(crate) const N: usize = NAMES.len();

const _: () = assert!(N <= 128, "presence is a u128 bit set");

impl F {
    /// The name as the specification spells it.
    pub(crate) fn name(self) -> &'static str {
        NAMES.get(self as usize).copied().unwrap_or("")
    }

    pub(crate) fn bit(self) -> u128 {
        1u128 << (self as u32)
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
