//! Each format's row → facts (metrics.md "Facts", formats.md tables).
//!
//! Every mapper reads and validates all the fields it uses first and only then feeds the
//! builder, so a skipped row leaves no trace (no customer registered, no date seen).

use super::detect::Format;
use super::fields::F;
use super::value::{
    count, date, end_date, family_of, flag, float, month_required, quote, text_checked, FieldError,
    FieldResult, RowView,
};
use crate::date::Month;
use crate::family;
use crate::model::{
    ActivityRow, CustomerAttrs, CustomerKey, DatasetBuilder, End, PartnerTotal, UsageRow,
};
use chrono::NaiveDate;
use std::borrow::Cow;

/// What became of a row that had no problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    Used,
    /// Skipped on purpose (not a problem), with the reason.
    Skip(&'static str),
    /// The format carries nothing the dashboard uses.
    NotUsed,
}

pub(crate) const PGA_DUPLICATE: &str = "duplicate row for PGA (IsDuplicateRowForPGA = 1)";

type Text<'r> = Option<Cow<'r, str>>;

fn missing(field: F, message: &str) -> FieldError {
    FieldError {
        field,
        message: message.to_string(),
    }
}

/// How a row names its customer, plus its attributes.
struct Who<'r> {
    id: Text<'r>,
    name: Text<'r>,
    country: Text<'r>,
    market: Text<'r>,
    segment: Text<'r>,
    top_segment: Text<'r>,
}

impl<'r> Who<'r> {
    /// Reads a customer given by `id` or, failing that, by `CustomerName`.
    fn read<R: RowView>(r: &'r R, ids: &[F]) -> FieldResult<Who<'r>> {
        let mut id = None;
        for f in ids {
            if let Some(v) = text_checked(r, *f)? {
                id = Some(v);
                break;
            }
        }
        let name = text_checked(r, F::CustomerName)?;
        if id.is_none() && name.is_none() {
            let field = ids.first().copied().unwrap_or(F::CustomerName);
            return Err(missing(
                field,
                &format!("missing: neither {} nor CustomerName", field.name()),
            ));
        }
        Ok(Who {
            id,
            name,
            country: text_checked(r, F::CustomerTenantCountry)?,
            market: text_checked(r, F::CustomerMarket)?,
            segment: text_checked(r, F::CustomerSegment)?,
            top_segment: text_checked(r, F::TopSegment)?,
        })
    }

    /// Registers the customer (by id, else by name).
    fn register(&self, b: &mut DatasetBuilder) -> Option<u32> {
        let attrs = CustomerAttrs {
            name: self.name.as_deref(),
            country: self.country.as_deref(),
            market: self.market.as_deref(),
            segment: self.segment.as_deref(),
            top_segment: self.top_segment.as_deref(),
        };
        match (&self.id, &self.name) {
            (Some(id), _) => b.customer(CustomerKey::Id(id), attrs),
            (None, Some(n)) => b.customer(CustomerKey::Name(n), attrs),
            (None, None) => None,
        }
    }
}

fn next(m: Month) -> Month {
    Month(m.0.saturating_add(1))
}

fn is_active(s: &Text<'_>) -> bool {
    s.as_deref()
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("active"))
}

/// Maps one row of a detected format.
pub(crate) fn map_row<R: RowView>(
    fmt: &Format,
    b: &mut DatasetBuilder,
    r: &R,
    row: u64,
    tally: &mut super::billing::Tally,
) -> FieldResult<Outcome> {
    use super::billing;
    match fmt {
        Format::InvoiceReconciliation => billing::invoice_line(b, r, row, tally),
        Format::DailyRatedUsage => billing::usage_line(b, r, row, tally),
        Format::CustomerList => billing::customer_row(b, r, tally),
        Format::CustomersAndTenants => customers_and_tenants(b, r, row),
        Format::SeatsSubscriptionsRevenue => seats(b, r, row),
        Format::OfficeUsage => office_usage(b, r),
        Format::DynamicsUsage | Format::PowerBiUsage => seat_usage(b, r),
        Format::EmsUsage => ems_usage(b, r),
        Format::AzureUsage => azure_usage(b, r),
        Format::RestCustomer => rest_customer(b, r),
        Format::RestSubscription => rest_subscription(b, r, row),
        Format::SubscriptionAnalytics => subscription_analytics(b, r, row),
        Format::LicenseDeployment | Format::CustomerLicenseDeployment => license(b, r, false),
        Format::LicenseUsage | Format::CustomerLicenseUsage => license(b, r, true),
        Format::PartnerLicenseTotals => partner_total(b, r),
        Format::Bundle | Format::NotUsed(_) => Ok(Outcome::NotUsed),
    }
}

/// `Product` mapped, else the name rules on `RawProductName` or `SKU`.
fn insights_family<R: RowView>(
    r: &R,
    product: &Text<'_>,
    raw: &Text<'_>,
    sku: &Text<'_>,
) -> &'static str {
    match product {
        Some(p) => family_of(r, p, family::from_insights_product),
        None => family_of(
            r,
            raw.as_deref().or(sku.as_deref()).unwrap_or(""),
            family::from_name,
        ),
    }
}

/// The partner location (formats.md, section 1 notes): `PartnerLocation`; where the row has no
/// such column, `PartnerLocationID` (no published export has it; read the same way), else the
/// location's MPN id (`MPNId`). The load report says which (see `notes` in mod.rs).
fn partner_location<R: RowView>(r: &R) -> FieldResult<Text<'_>> {
    for f in [F::PartnerLocation, F::PartnerLocationId] {
        if r.has(f) {
            return text_checked(r, f);
        }
    }
    text_checked(r, F::MpnId)
}

/// What an activity snapshot row (CustomersAndTenants, SeatsSubscriptionsAndRevenue) says of its
/// product and its partner.
struct Snapshot<'r> {
    product: Text<'r>,
    raw: Text<'r>,
    sku: Text<'r>,
    partner_location: Text<'r>,
    attribution: Text<'r>,
    channel: Text<'r>,
}

impl<'r> Snapshot<'r> {
    fn read<R: RowView>(r: &'r R) -> FieldResult<Snapshot<'r>> {
        Ok(Snapshot {
            product: text_checked(r, F::Product)?,
            raw: text_checked(r, F::RawProductName)?,
            sku: text_checked(r, F::Sku)?,
            partner_location: partner_location(r)?,
            attribution: text_checked(r, F::PartnerAttributionType)?,
            channel: text_checked(r, F::SalesChannel)?,
        })
    }

    fn family<R: RowView>(&self, r: &R) -> &'static str {
        insights_family(r, &self.product, &self.raw, &self.sku)
    }

    /// `SKU`, else `RawProductName`.
    fn sku(&self) -> Option<&str> {
        self.sku.as_deref().or(self.raw.as_deref())
    }

    /// The activity fact active in exactly `month`, of product family `product`.
    fn fact(
        &self,
        product: &'static str,
        month: Month,
        subscription: Option<&'r str>,
    ) -> ActivityRow<'_> {
        ActivityRow {
            product,
            sku: self.sku(),
            partner_location: self.partner_location.as_deref(),
            attribution: self.attribution.as_deref(),
            sales_channel: self.channel.as_deref(),
            subscription,
            start: month,
            end: End::At(next(month)),
        }
    }
}

fn customers_and_tenants<R: RowView>(
    b: &mut DatasetBuilder,
    r: &R,
    row: u64,
) -> FieldResult<Outcome> {
    if flag(r, F::IsDuplicateRowForPga) {
        return Ok(Outcome::Skip(PGA_DUPLICATE));
    }
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let status = text_checked(r, F::CustomerStatus)?;
    let snap = Snapshot::read(r)?;
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    // Inactive (or any other status): the customer is known, no activity fact.
    if is_active(&status) {
        b.activity(c, row, snap.fact(snap.family(r), month, None));
    }
    Ok(Outcome::Used)
}

fn seats<R: RowView>(b: &mut DatasetBuilder, r: &R, row: u64) -> FieldResult<Outcome> {
    // not listed for this dataset, but a PGA duplicate is a duplicate wherever it appears
    if flag(r, F::IsDuplicateRowForPga) {
        return Ok(Outcome::Skip(PGA_DUPLICATE));
    }
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let state = text_checked(r, F::SubscriptionState)?;
    let sub = text_checked(r, F::SubscriptionId)?;
    let snap = Snapshot::read(r)?;
    // the programmatic export's seat totals; the download report has none (its AvailableSeatsEOP
    // and month-over-month AvailableSeats are never read as seats: see FileNote::NoSeatTotals)
    let sold = count(r, F::TotalSoldSeats)?;
    let assigned = count(r, F::TotalAssignedSeats)?;
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    let fam = snap.family(r);
    if is_active(&state) {
        b.activity(c, row, snap.fact(fam, month, sub.as_deref()));
    } else if sub.is_some() {
        b.saw_subscription_id();
    }
    if sold.is_some() || assigned.is_some() {
        b.usage(
            c,
            UsageRow {
                month: Some(month),
                product: Some(fam),
                sku: snap.sku(),
                sold,
                assigned,
                ..Default::default()
            },
        );
    }
    Ok(Outcome::Used)
}

fn office_usage<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    if flag(r, F::IsDuplicateRowForPga) {
        return Ok(Outcome::Skip(PGA_DUPLICATE));
    }
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let workload = text_checked(r, F::WorkloadName)?;
    let entitled = count(r, F::PaidAvailableUnits)?;
    let active = count(r, F::MonthlyActiveUsers)?;
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    b.usage(
        c,
        UsageRow {
            month: Some(month),
            workload: workload.as_deref(),
            active,
            entitled,
            ..Default::default()
        },
    );
    Ok(Outcome::Used)
}

/// DynamicsUsage and PowerBIUsage: seats available, assigned and active per SKU.
fn seat_usage<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    if flag(r, F::IsDuplicateRowForPga) {
        return Ok(Outcome::Skip(PGA_DUPLICATE));
    }
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let sku = text_checked(r, F::Sku)?;
    let available = count(r, F::AvailableSeats)?;
    let assigned = count(r, F::AssignedSeats)?;
    let active = count(r, F::ActiveSeats)?;
    // the family from the SKU's name; a SKU that names none is Dynamics 365 in DynamicsUsage
    // (the file has the RevSum columns) and Power BI in PowerBIUsage
    let fam = match family_of(r, sku.as_deref().unwrap_or(""), family::from_name) {
        family::OTHER if r.has(F::RevSumDivisionName) || r.has(F::RevSumCategoryName) => {
            family::DYNAMICS
        }
        family::OTHER => family::POWER_BI,
        f => f,
    };
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    b.usage(
        c,
        UsageRow {
            month: Some(month),
            product: Some(fam),
            sku: sku.as_deref(),
            // these datasets have no workload column: each row is the usage of its product as
            // a whole, so it stands in the usage-by-workload lists as the workload of that name
            // ("Dynamics 365", "Power BI"), beside Exchange, Teams, ... of OfficeUsage
            workload: Some(fam),
            sold: available,
            assigned,
            active,
            entitled: available,
        },
    );
    Ok(Outcome::Used)
}

/// EMSUsage: one usage fact per service with a value (formats.md).
fn ems_usage<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    if flag(r, F::IsDuplicateRowForPga) {
        return Ok(Outcome::Skip(PGA_DUPLICATE));
    }
    const SERVICES: [(&str, F, F); 3] = [
        (
            "Entra ID P1/P2",
            F::AadpPaidAvailableUnits,
            F::AadpMonthlyActiveUsers,
        ),
        (
            "Intune",
            F::IntunePaidAvailableUnits,
            F::IntuneMonthlyActiveUsers,
        ),
        (
            "Information Protection",
            F::AzipPaidAvailableUnits,
            F::AzipMonthlyActiveUsers,
        ),
    ];
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let sku = text_checked(r, F::Sku)?;
    let mut facts: Vec<(&str, Option<i64>, Option<i64>)> = Vec::with_capacity(3);
    for (workload, units, users) in SERVICES {
        let (entitled, active) = (count(r, units)?, count(r, users)?);
        if entitled.is_some() || active.is_some() {
            facts.push((workload, entitled, active));
        }
    }
    if facts.is_empty() {
        let entitled = count(r, F::PaidAvailableUnits)?;
        let active = count(r, F::MonthlyActiveUsers)?;
        facts.push((family::EMS, entitled, active));
    }
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    for (workload, entitled, active) in facts {
        b.usage(
            c,
            UsageRow {
                month: Some(month),
                product: Some(family::EMS),
                sku: sku.as_deref(),
                workload: Some(workload),
                active,
                entitled,
                ..Default::default()
            },
        );
    }
    Ok(Outcome::Used)
}

/// PGA duplicate of AzureUsage (its own column name).
pub(crate) const ACR_DUPLICATE: &str = "duplicate row for PGA (IsACRDuplicateAtPGALevel = 1)";

/// AzureUsage: consumption facts (metrics.md): the customer used Azure in `Month` when
/// UsageQuantity or MonthlySubscriptionLevelACR (ACR_USD in the download report) is above 0.
fn azure_usage<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    if flag(r, F::IsAcrDuplicateAtPgaLevel) {
        return Ok(Outcome::Skip(ACR_DUPLICATE));
    }
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let month = month_required(r, F::Month)?;
    let mut used = false;
    for f in [F::UsageQuantity, F::MonthlySubscriptionLevelAcr, F::AcrUsd] {
        used |= float(r, f)?.is_some_and(|x| x > 0.0);
    }
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    b.saw_month(month);
    if used {
        b.consumption(c, month, family::AZURE);
    }
    Ok(Outcome::Used)
}

fn rest_customer<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    let tenant = text_checked(r, F::TenantId)?;
    let id = match tenant {
        Some(t) => Some(t),
        None => text_checked(r, F::Id)?,
    };
    let name = text_checked(r, F::CompanyName)?;
    let country = text_checked(r, F::BillingCountry)?;
    let Some(id) = id else {
        return Err(missing(
            F::TenantId,
            "missing: neither companyProfile.tenantId nor id",
        ));
    };
    let attrs = CustomerAttrs {
        name: name.as_deref(),
        country: country.as_deref(),
        ..Default::default()
    };
    b.customer(CustomerKey::Id(&id), attrs);
    Ok(Outcome::Used)
}

/// The `{id}` of `.../customers/{id}/subscriptions/...` (path matched case-insensitively).
pub(crate) fn customer_from_uri(uri: &str) -> Option<&str> {
    const C: &[u8] = b"/customers/";
    const S: &[u8] = b"/subscriptions";
    let bytes = uri.as_bytes();
    let at = bytes
        .windows(C.len())
        .position(|w| w.eq_ignore_ascii_case(C))?;
    let start = at + C.len();
    let rest = uri.get(start..)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let id = rest.get(..end)?.trim();
    let tail = rest.get(end..)?.as_bytes();
    let subs = tail.len() >= S.len() && tail.get(..S.len())?.eq_ignore_ascii_case(S);
    (subs && !id.is_empty()).then_some(id)
}

/// Interval end of a subscription (metrics.md "Interval bounds"); `None`: never active.
fn interval_end(
    status: &str,
    deprovisioned: Option<NaiveDate>,
    current_state_end: Option<NaiveDate>,
    commitment: Option<NaiveDate>,
) -> Option<End> {
    let s = status.trim();
    if s.eq_ignore_ascii_case("active") {
        Some(deprovisioned.map_or(End::Open, |d| End::At(Month::of(d))))
    } else if s.eq_ignore_ascii_case("pending") || s.eq_ignore_ascii_case("none") {
        None
    } else {
        let known = [deprovisioned, current_state_end]
            .into_iter()
            .flatten()
            .min()
            .map(Month::of);
        Some(End::Resolve { known, commitment })
    }
}

/// Start, end and status of a subscription-like row.
struct Interval {
    start: Month,
    end: Option<End>,
    dates: [Option<NaiveDate>; 2],
}

fn read_interval<R: RowView>(r: &R) -> FieldResult<Interval> {
    let status = text_checked(r, F::Status)?.ok_or_else(|| missing(F::Status, "missing"))?;
    let creation = date(r, F::CreationDate)?;
    let effective = date(r, F::EffectiveStartDate)?;
    let deprovisioned = end_date(r, F::DeprovisionedDate)?;
    let current_state_end = end_date(r, F::CurrentStateEndDate)?;
    let commitment = end_date(r, F::CommitmentEndDate)?;
    let start = effective.or(creation).ok_or_else(|| {
        missing(
            F::EffectiveStartDate,
            "missing: neither effectiveStartDate nor creationDate",
        )
    })?;
    Ok(Interval {
        start: Month::of(start),
        end: interval_end(&status, deprovisioned, current_state_end, commitment),
        dates: [creation, effective],
    })
}

fn rest_subscription<R: RowView>(b: &mut DatasetBuilder, r: &R, row: u64) -> FieldResult<Outcome> {
    let uri = text_checked(r, F::SelfUri)?.ok_or_else(|| {
        missing(
            F::SelfUri,
            "missing: the customer id is taken from /customers/{id}/subscriptions/{sid}",
        )
    })?;
    let Some(customer) = customer_from_uri(&uri) else {
        return Err(FieldError {
            field: F::SelfUri,
            message: format!(
                "no customer id in {}: expected /customers/{{id}}/subscriptions/{{sid}}",
                quote(&uri)
            ),
        });
    };
    let sid = text_checked(r, F::Id)?;
    let iv = read_interval(r)?;
    let offer = text_checked(r, F::OfferName)?;
    let friendly = text_checked(r, F::FriendlyName)?;
    let ptype = text_checked(r, F::ProductTypeName)?;
    let mut fam = family::OTHER;
    for name in [&offer, &friendly, &ptype].into_iter().flatten() {
        fam = family::from_name(name);
        if fam != family::OTHER {
            break;
        }
    }
    // the SKU is the offerName; a resource without one falls back to its friendlyName
    let sku = offer.as_deref().or(friendly.as_deref());
    let Some(c) = b.customer(CustomerKey::Id(customer), CustomerAttrs::default()) else {
        return Err(missing(F::SelfUri, "missing customer id"));
    };
    feed_interval(b, c, row, &iv, fam, sku, sid.as_deref());
    Ok(Outcome::Used)
}

fn feed_interval(
    b: &mut DatasetBuilder,
    c: u32,
    row: u64,
    iv: &Interval,
    product: &'static str,
    sku: Option<&str>,
    sid: Option<&str>,
) {
    for d in iv.dates.into_iter().flatten() {
        b.saw_date(d);
    }
    match iv.end {
        None => {
            if sid.is_some() {
                b.saw_subscription_id();
            }
        }
        Some(end) => b.activity(
            c,
            row,
            ActivityRow {
                product,
                sku,
                partner_location: None,
                attribution: None,
                sales_channel: None,
                subscription: sid,
                start: iv.start,
                end,
            },
        ),
    }
}

fn subscription_analytics<R: RowView>(
    b: &mut DatasetBuilder,
    r: &R,
    row: u64,
) -> FieldResult<Outcome> {
    let who = Who::read(r, &[F::CustomerTenantId])?;
    let sid = text_checked(r, F::Id)?;
    let iv = read_interval(r)?;
    let st = text_checked(r, F::SubscriptionType)?;
    let product = text_checked(r, F::ProductName)?;
    // subscriptionType names the family when given (its `else Other` is taken literally, so
    // `UNKNOWN` is Other even when the product name would say more); else the name rules
    let fam = match &st {
        Some(t) => family::from_subscription_type(t),
        None => family::from_name(product.as_deref().unwrap_or("")),
    };
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerTenantId, "missing"));
    };
    feed_interval(b, c, row, &iv, fam, product.as_deref(), sid.as_deref());
    Ok(Outcome::Used)
}

/// Licence deployment (`usage == false`) or usage records, commercial or per customer.
fn license<R: RowView>(b: &mut DatasetBuilder, r: &R, usage: bool) -> FieldResult<Outcome> {
    // customer-level records name `customerId`, commercial ones `customerTenantId`; the
    // published samples omit both and are matched by customerName
    let who = Who::read(r, &[F::CustomerId, F::CustomerTenantId])?;
    let processed =
        date(r, F::ProcessedDateTime)?.ok_or_else(|| missing(F::ProcessedDateTime, "missing"))?;
    let service = text_checked(r, F::ServiceCode)?;
    let product = text_checked(r, F::ProductName)?;
    let fam = (service.is_some() || product.is_some())
        .then(|| family::from_service(service.as_deref(), product.as_deref()));
    let mut u = UsageRow {
        month: Some(Month::of(processed)),
        product: fam,
        sku: product.as_deref(),
        ..Default::default()
    };
    let workload;
    if usage {
        // Usage records give active/entitled only: their licensesSold/Deployed (if any) repeat
        // per workload and would be counted once per workload.
        workload = match text_checked(r, F::WorkloadName)? {
            Some(w) => Some(w),
            None => text_checked(r, F::WorkloadCode)?,
        };
        u.workload = workload.as_deref();
        u.active = match count(r, F::LicensesActive)? {
            Some(a) => Some(a),
            None => count(r, F::LicenseActive)?,
        };
        u.entitled = count(r, F::LicensesQualified)?;
    } else {
        u.sold = count(r, F::LicensesSold)?;
        u.assigned = count(r, F::LicensesDeployed)?;
    }
    let Some(c) = who.register(b) else {
        return Err(missing(F::CustomerId, "missing"));
    };
    b.saw_date(processed);
    b.usage(c, u);
    Ok(Outcome::Used)
}

fn partner_total<R: RowView>(b: &mut DatasetBuilder, r: &R) -> FieldResult<Outcome> {
    let ot = text_checked(r, F::ObjectType)?;
    let is_usage = match ot.as_deref() {
        Some(t)
            if t.trim()
                .eq_ignore_ascii_case("PartnerLicensesUsageInsights") =>
        {
            true
        }
        Some(t)
            if t.trim()
                .eq_ignore_ascii_case("PartnerLicensesDeploymentInsights") =>
        {
            false
        }
        _ => {
            float(r, F::ProratedUsagePercent)?.is_some()
                || float(r, F::ProratedDeploymentPercent)?.is_none()
                    && text_checked(r, F::WorkloadName)?.is_some()
        }
    };
    let processed = date(r, F::ProcessedDateTime)?;
    let sold = count(r, F::LicensesSold)?;
    let (key, percent) = if is_usage {
        let k = match text_checked(r, F::WorkloadName)? {
            Some(w) => Some(w),
            None => text_checked(r, F::ServiceName)?,
        };
        (k, float(r, F::ProratedUsagePercent)?)
    } else {
        (
            text_checked(r, F::ServiceName)?,
            float(r, F::ProratedDeploymentPercent)?,
        )
    };
    if let Some(d) = processed {
        b.saw_date(d);
    }
    b.partner_total(PartnerTotal {
        kind: if is_usage { "usage" } else { "deployment" },
        key: key.map(|k| k.into_owned()).unwrap_or_default(),
        licenses_sold: sold,
        percent,
        month: processed.map(Month::of),
    });
    Ok(Outcome::Used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri() {
        assert_eq!(
            customer_from_uri("/customers/ABC/subscriptions/123"),
            Some("ABC")
        );
        assert_eq!(
            customer_from_uri(
                "https://api.partnercenter.microsoft.com/v1/Customers/x-1/Subscriptions/s"
            ),
            Some("x-1")
        );
        assert_eq!(customer_from_uri("/customers//subscriptions/1"), None);
        assert_eq!(customer_from_uri("/customers/abc"), None);
        assert_eq!(customer_from_uri("é/customers/é/subscriptions"), Some("é"));
        assert_eq!(customer_from_uri(""), None);
    }
}
