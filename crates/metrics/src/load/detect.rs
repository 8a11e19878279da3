//! Which format a row (or a CSV header) is, from the fields present (formats.md tables).

use super::fields::{Present, F};

/// A recognised format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    CustomersAndTenants,
    SeatsSubscriptionsRevenue,
    OfficeUsage,
    DynamicsUsage,
    PowerBiUsage,
    EmsUsage,
    AzureUsage,
    RestCustomer,
    RestSubscription,
    SubscriptionAnalytics,
    LicenseDeployment,
    LicenseUsage,
    CustomerLicenseDeployment,
    CustomerLicenseUsage,
    PartnerLicenseTotals,
    /// The new commerce invoice reconciliation file (license-based): charge lines.
    InvoiceReconciliation,
    /// The new commerce daily rated usage reconciliation file (usage-based).
    DailyRatedUsage,
    /// Partner Center's customer list export.
    CustomerList,
    Bundle,
    /// Recognisable as Partner Center, but nothing the dashboard uses (`snake_case` name).
    NotUsed(String),
}

impl Format {
    /// An Insights dataset (read from delimited text or JSON rows).
    pub(crate) fn is_insights(&self) -> bool {
        self.id().starts_with("insights:")
    }

    /// The stable machine string of the load report.
    pub(crate) fn id(&self) -> String {
        let s = match self {
            Format::CustomersAndTenants => "insights:customers_and_tenants",
            Format::SeatsSubscriptionsRevenue => "insights:seats_subscriptions_revenue",
            Format::OfficeUsage => "insights:office_usage",
            Format::DynamicsUsage => "insights:dynamics_usage",
            Format::PowerBiUsage => "insights:power_bi_usage",
            Format::EmsUsage => "insights:ems_usage",
            Format::AzureUsage => "insights:azure_usage",
            Format::RestCustomer => "rest:customer",
            Format::RestSubscription => "rest:subscription",
            Format::SubscriptionAnalytics => "rest:subscription_analytics",
            Format::LicenseDeployment => "rest:license_deployment",
            Format::LicenseUsage => "rest:license_usage",
            Format::CustomerLicenseDeployment => "rest:customer_license_deployment",
            Format::CustomerLicenseUsage => "rest:customer_license_usage",
            Format::PartnerLicenseTotals => "rest:partner_license_totals",
            Format::InvoiceReconciliation => "billing:invoice_reconciliation",
            Format::DailyRatedUsage => "billing:daily_rated_usage",
            Format::CustomerList => "partner_center:customer_list",
            Format::Bundle => "bundle",
            Format::NotUsed(what) => return format!("not_used:{what}"),
        };
        s.to_string()
    }
}

/// A human description of a format string (for the text report).
pub(crate) fn describe(id: &str) -> String {
    let s = match id {
        "insights:customers_and_tenants" => "Insights CustomersAndTenants",
        "insights:seats_subscriptions_revenue" => "Insights SeatsSubscriptionsAndRevenue",
        "insights:office_usage" => "Insights OfficeUsage",
        "insights:dynamics_usage" => "Insights DynamicsUsage",
        "insights:power_bi_usage" => "Insights PowerBIUsage",
        "insights:ems_usage" => "Insights EMSUsage",
        "insights:azure_usage" => "Insights AzureUsage",
        "rest:customer" => "Partner Center customers",
        "rest:subscription" => "Partner Center subscriptions",
        "rest:subscription_analytics" => "Partner Center subscription analytics",
        "rest:license_deployment" => "commercial license deployment",
        "rest:license_usage" => "commercial license usage",
        "rest:customer_license_deployment" => "customer license deployment",
        "rest:customer_license_usage" => "customer license usage",
        "rest:partner_license_totals" => "partner license totals",
        "billing:invoice_reconciliation" => "new commerce invoice reconciliation",
        "billing:daily_rated_usage" => "new commerce daily rated usage reconciliation",
        "partner_center:customer_list" => "Partner Center customer list",
        "bundle" => "partner-insights bundle",
        other => {
            return match other.strip_prefix("not_used:") {
                Some(w) => format!("Partner Center {}", w.replace('_', " ")),
                None => other.to_string(),
            }
        }
    };
    s.to_string()
}

/// The formats accepted, briefly (refusal messages).
pub(crate) const EXPECTED: &str = "an Insights dataset (CustomersAndTenants, \
SeatsSubscriptionsAndRevenue, OfficeUsage, EMSUsage, DynamicsUsage, PowerBIUsage or AzureUsage) \
as CSV, TSV or JSON, a Partner Center REST response (customers, subscriptions, subscription analytics, license deployment or usage), \
a new commerce invoice or daily rated usage reconciliation file, the customer list export \
or a partner-insights-bundle";

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.trim().chars().take(60).enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "resource".to_string()
    } else {
        out
    }
}

/// Names for the objectTypes of resources the dashboard does not use.
fn not_used_object_type(t: &str) -> String {
    let is = |s: &str| t.eq_ignore_ascii_case(s);
    let lower = t.to_ascii_lowercase();
    let name = if lower.contains("utilization") || lower.contains("azureusage") {
        "azure_utilization"
    } else if lower.contains("lineitem") {
        "invoice_line_item"
    } else if is("Invoice") || is("InvoiceSummary") {
        "invoice"
    } else if is("SubscribedSku") {
        "subscribed_sku"
    } else if is("PartnerRelationship") || lower.contains("reseller") {
        "indirect_reseller"
    } else if is("CustomerUser") {
        "customer_user"
    } else if is("Order") {
        "order"
    } else {
        return snake(t);
    };
    name.to_string()
}

/// Detects the format of a row from its present fields (`present` has bit `F as u32`) and its
/// `attributes.objectType`.
///
/// A known objectType decides. Otherwise the key rules of formats.md apply, most specific first
/// (customer-level licence records also carry `licensesDeployed`/`licensesSold`, so
/// `deploymentPercent`/`usagePercent` are tested before the commercial records; usage records
/// may carry the deployment columns, so `licensesQualified` is tested before them). A row with an
/// unknown objectType that matches no used format is "not used"; so are rows shaped like other
/// Partner Center resources.
pub(crate) fn detect(present: Present, object_type: Option<&str>) -> Option<Format> {
    let has = |f: F| present.has(f);
    if let Some(t) = object_type.map(str::trim).filter(|t| !t.is_empty()) {
        let is = |s: &str| t.eq_ignore_ascii_case(s);
        if is("Customer") {
            return Some(Format::RestCustomer);
        }
        if is("Subscription") {
            return Some(Format::RestSubscription);
        }
        if is("CustomerLicensesDeploymentInsights") {
            return Some(Format::CustomerLicenseDeployment);
        }
        if is("CustomerLicensesUsageInsights") {
            return Some(Format::CustomerLicenseUsage);
        }
        if is("PartnerLicensesDeploymentInsights") || is("PartnerLicensesUsageInsights") {
            return Some(Format::PartnerLicenseTotals);
        }
        if let Some(f) = by_keys(present) {
            return Some(f);
        }
        return Some(Format::NotUsed(not_used_object_type(t)));
    }
    if let Some(f) = billing(present).or_else(|| by_keys(present)) {
        return Some(f);
    }
    let not_used = if (has(F::UsageStartTime) && has(F::UsageEndTime)) || has(F::MeterCategory) {
        "azure_utilization"
    } else if has(F::InvoiceDate) && has(F::TotalCharges) {
        "invoice"
    } else if has(F::InvoiceNumber) && has(F::ChargeType) {
        "invoice_line_item"
    } else if has(F::ProductSku)
        && (has(F::AvailableUnits) || has(F::ActiveUnits) || has(F::ConsumedUnits))
    {
        "subscribed_sku"
    } else if has(F::UserPrincipalName) {
        "customer_user"
    } else if has(F::ReferenceCustomerId) && has(F::LineItems) {
        "order"
    } else if has(F::MpnId) && has(F::RelationshipType) {
        "indirect_reseller"
    } else if has(F::SubscriptionCount) {
        "subscription_analytics_grouped"
    } else if let Some(dataset) = unused_insights(present) {
        dataset
    } else if has(F::Month) && (has(F::CustomerTenantId) || has(F::PartnerId)) {
        "insights_dataset"
    } else {
        return None;
    };
    Some(Format::NotUsed(not_used.to_string()))
}

/// The billing reconciliation files and the customer list (formats.md section 4), most
/// specific first: the legacy usage-based file has InvoiceNumber, ChargeType, SubscriptionId and
/// the charge dates too, and the daily rated usage has every column the invoice rule needs.
fn billing(present: Present) -> Option<Format> {
    let has = |f: F| present.has(f);
    let any = |fs: &[F]| fs.iter().any(|f| has(*f));
    let invoice = has(F::InvoiceNumber) && has(F::ChargeType);
    let charges = has(F::ChargeStartDate) && has(F::ChargeEndDate);
    Some(
        if any(&[
            F::PartnerBillableAccountId,
            F::CustomerCompanyName,
            F::ResourceGuid,
            F::ConsumedQuantity,
            F::IncludedQuantity,
            F::OverageQuantity,
            F::PretaxEffectiveRate,
        ]) {
            Format::NotUsed("legacy_usage_reconciliation".into())
        } else if any(&[
            F::SyndicationPartnerSubscriptionNumber,
            F::DurableOfferId,
            F::TotalOtherDiscount,
            F::TotalForCustomer,
        ]) {
            Format::NotUsed("legacy_license_reconciliation".into())
        } else if has(F::UsageDate) && has(F::MeterCategory) && has(F::CustomerId) {
            Format::DailyRatedUsage
        } else if invoice && charges && has(F::SubscriptionId) {
            Format::InvoiceReconciliation
        } else if invoice && charges {
            // one-time purchases (marketplace, reservations) carry no subscription
            Format::NotUsed("onetime_purchase_reconciliation".into())
        } else if has(F::MicrosoftId) && has(F::CompanyNameColumn) {
            Format::CustomerList
        } else {
            return None;
        },
    )
}

/// Insights datasets the dashboard does not use, by columns of their published lists (system
/// queries and download reports).
fn unused_insights(present: Present) -> Option<&'static str> {
    let has = |f: F| present.has(f);
    Some(
        if has(F::PgaMpnIdProfile) && (has(F::HierarchyLevel) || has(F::AccountType)) {
            "insights_profile"
        } else if has(F::ResellerMpnId) && has(F::IndirectProviderMpnId) {
            "insights_reseller_performance"
        } else if has(F::CompetencyName) {
            "insights_competency"
        } else if has(F::AccountName) && has(F::SmcTypeSummary) {
            "insights_clas_propensity"
        } else if has(F::SubWorkload) || has(F::DateKey) {
            "insights_teams_usage"
        } else if has(F::TrainingActivityId) {
            "insights_training_completions"
        } else if has(F::TrainingName) {
            "insights_ms_learn"
        } else {
            return None;
        },
    )
}

fn by_keys(present: Present) -> Option<Format> {
    let has = |f: F| present.has(f);
    let ems_services = has(F::AadpPaidAvailableUnits)
        || has(F::IntunePaidAvailableUnits)
        || has(F::AzipPaidAvailableUnits);
    // AzureUsage has SeatsSubscriptionsAndRevenue's three columns too: checked before it. Its
    // download report has UsageQuantity and ACR_USD in place of MeterCategory and
    // MonthlySubscriptionLevelACR (published data definitions), and is recognised by them.
    let azure = has(F::MeterCategory)
        || has(F::MonthlySubscriptionLevelAcr)
        || (has(F::UsageQuantity) && has(F::AcrUsd));
    let f = if has(F::CustomerTenantId) && has(F::CustomerStatus) && has(F::Month) {
        Format::CustomersAndTenants
    } else if azure && has(F::CustomerTenantId) && has(F::Month) {
        Format::AzureUsage
    } else if has(F::SubscriptionId) && has(F::SubscriptionState) && has(F::Month) {
        Format::SeatsSubscriptionsRevenue
    } else if has(F::SubscriptionStatus) && ems_services {
        Format::EmsUsage
    } else if has(F::ActiveSeats) && has(F::AssignedSeats) {
        // DynamicsUsage has the RevSum columns, PowerBIUsage not (published system queries)
        if has(F::RevSumDivisionName) || has(F::RevSumCategoryName) {
            Format::DynamicsUsage
        } else {
            Format::PowerBiUsage
        }
    } else if has(F::WorkloadName) && has(F::PaidAvailableUnits) && has(F::MonthlyActiveUsers) {
        Format::OfficeUsage
    } else if has(F::CompanyProfile) || has(F::TenantId) || has(F::CompanyName) {
        Format::RestCustomer
    } else if has(F::OfferId) && has(F::Status) {
        Format::RestSubscription
    } else if has(F::CustomerTenantId) && (has(F::SubscriptionType) || has(F::LicenseCount)) {
        Format::SubscriptionAnalytics
    } else if has(F::DeploymentPercent) {
        Format::CustomerLicenseDeployment
    } else if has(F::UsagePercent) {
        Format::CustomerLicenseUsage
    } else if has(F::ProratedDeploymentPercent) || has(F::ProratedUsagePercent) {
        Format::PartnerLicenseTotals
    } else if has(F::LicensesQualified) {
        Format::LicenseUsage
    } else if has(F::LicensesDeployed) && has(F::LicensesSold) {
        Format::LicenseDeployment
    } else {
        return None;
    };
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(fs: &[F]) -> Present {
        Present::of(fs)
    }

    #[test]
    fn rules() {
        let p = bits(&[F::CustomerTenantId, F::CustomerStatus, F::Month]);
        assert_eq!(detect(p, None), Some(Format::CustomersAndTenants));
        let p = bits(&[F::LicensesDeployed, F::LicensesSold, F::DeploymentPercent]);
        assert_eq!(detect(p, None), Some(Format::CustomerLicenseDeployment));
        assert_eq!(
            detect(Present::default(), Some("SubscribedSku")),
            Some(Format::NotUsed("subscribed_sku".into()))
        );
        assert_eq!(
            detect(Present::default(), Some("Some Thing")),
            Some(Format::NotUsed("some_thing".into()))
        );
        assert_eq!(detect(bits(&[F::Id]), None), None);
    }

    #[test]
    fn billing_files() {
        let invoice = [
            F::InvoiceNumber,
            F::ChargeType,
            F::SubscriptionId,
            F::ChargeStartDate,
            F::ChargeEndDate,
            F::CustomerId,
        ];
        assert_eq!(
            detect(bits(&invoice), None),
            Some(Format::InvoiceReconciliation)
        );
        let mut daily = invoice.to_vec();
        daily.extend([F::UsageDate, F::MeterCategory]);
        assert_eq!(detect(bits(&daily), None), Some(Format::DailyRatedUsage));
        let mut legacy = daily.clone();
        legacy.push(F::ConsumedQuantity);
        assert_eq!(
            detect(bits(&legacy), None),
            Some(Format::NotUsed("legacy_usage_reconciliation".into()))
        );
        let mut legacy = invoice.to_vec();
        legacy.push(F::DurableOfferId);
        assert_eq!(
            detect(bits(&legacy), None),
            Some(Format::NotUsed("legacy_license_reconciliation".into()))
        );
        let onetime = [
            F::InvoiceNumber,
            F::ChargeType,
            F::ChargeStartDate,
            F::ChargeEndDate,
        ];
        assert_eq!(
            detect(bits(&onetime), None),
            Some(Format::NotUsed("onetime_purchase_reconciliation".into()))
        );
        assert_eq!(
            detect(bits(&[F::MicrosoftId, F::CompanyNameColumn]), None),
            Some(Format::CustomerList)
        );
        assert_eq!(F::lookup(" microsoft id "), Some(F::MicrosoftId));
        assert_eq!(F::lookup("PRIMARY DOMAIN NAME"), Some(F::PrimaryDomainName));
    }
}
