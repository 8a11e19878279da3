//! The billing reconciliation files and the customer list (formats.md section 4): each line's
//! fields read and checked, then fed to the builder, which keeps per subscription what the
//! lines add up to across every file of the load (model.rs, `Billing`) and makes the activity
//! facts at the end.
//!
//! - Invoice reconciliation (new commerce, license-based): a charge line is a quantity in force
//!   over [ChargeStartDate, ChargeEndDate]; credits are negative quantities.
//! - Daily rated usage (new commerce, usage-based): a line with Quantity above 0 is a
//!   consumption fact in the month of its UsageDate and extends its subscription's span.
//! - The customer list: customers, no activity.
//!
//! A daily rated usage file is hundreds of MB a year: a line is a few field slices, a date, a
//! number and, when its subscription or customer is not the previous line's, a look-up.

use super::fields::F;
use super::map::Outcome;
use super::value::{date, family_of, float, text_checked, FieldError, FieldResult, RowView};
use crate::date::Month;
use crate::family;
use crate::model::{BillingRow, CustomerAttrs, CustomerKey, DatasetBuilder};
use rustc_hash::FxHashSet;
use std::borrow::Cow;

/// What a file's billing lines add up to, for its load report.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// Distinct InvoiceNumber values (lower-case).
    invoices: FxHashSet<Box<str>>,
    last_invoice: String,
    pub charge_lines: u64,
    pub consumption_lines: u64,
    customers: FxHashSet<u32>,
    last_customer: Option<u32>,
}

impl Tally {
    pub(crate) fn invoices(&self) -> u64 {
        self.invoices.len() as u64
    }

    pub(crate) fn customers_named(&self) -> u64 {
        self.customers.len() as u64
    }

    fn invoice(&mut self, number: Option<&str>) {
        let Some(n) = number else { return };
        if n == self.last_invoice {
            return;
        }
        self.last_invoice.clear();
        self.last_invoice.push_str(n);
        if !self.invoices.contains(n) && !self.invoices.contains(&*n.to_lowercase()) {
            self.invoices.insert(n.to_lowercase().into());
        }
    }

    fn customer(&mut self, c: u32) {
        if self.last_customer != Some(c) {
            self.last_customer = Some(c);
            self.customers.insert(c);
        }
    }
}

/// Skipped lines of the invoice reconciliation without a SubscriptionId.
pub(crate) const ONE_TIME: &str =
    "no SubscriptionId (a one-time purchase: marketplace or reservation): not used";

type Text<'r> = Option<Cow<'r, str>>;

fn missing(field: F) -> FieldError {
    FieldError {
        field,
        message: "missing".to_string(),
    }
}

/// The customer of a billing line: CustomerId (the tenant id), CustomerName, CustomerCountry,
/// and CustomerDomainName, which names the customer when CustomerName is empty.
struct Who<'r> {
    id: Cow<'r, str>,
    name: Text<'r>,
    domain: Text<'r>,
    country: Text<'r>,
}

impl<'r> Who<'r> {
    fn read<R: RowView>(r: &'r R) -> FieldResult<Who<'r>> {
        Ok(Who {
            id: text_checked(r, F::CustomerId)?.ok_or_else(|| missing(F::CustomerId))?,
            name: text_checked(r, F::CustomerName)?,
            domain: text_checked(r, F::CustomerDomainName)?,
            country: text_checked(r, F::CustomerCountry)?,
        })
    }

    fn register(&self, b: &mut DatasetBuilder, t: &mut Tally) -> FieldResult<u32> {
        let attrs = CustomerAttrs {
            name: self.name.as_deref().or(self.domain.as_deref()),
            country: self.country.as_deref(),
            ..Default::default()
        };
        let c = b
            .customer(CustomerKey::Id(&self.id), attrs)
            .ok_or_else(|| missing(F::CustomerId))?;
        t.customer(c);
        Ok(c)
    }
}

/// `Indirect` when the reseller's MPN id is set and not 0, else `Direct`.
fn channel(reseller: &Text<'_>) -> &'static str {
    match reseller.as_deref().map(str::trim) {
        Some(v) if !v.trim_start_matches('0').is_empty() => "Indirect",
        _ => "Direct",
    }
}

fn required_date<R: RowView>(r: &R, f: F) -> FieldResult<chrono::NaiveDate> {
    date(r, f)?.ok_or_else(|| missing(f))
}

/// A line of the invoice reconciliation: a charge (or credit) of a subscription.
pub(crate) fn invoice_line<R: RowView>(
    b: &mut DatasetBuilder,
    r: &R,
    row: u64,
    t: &mut Tally,
) -> FieldResult<Outcome> {
    let who = Who::read(r)?;
    let invoice = text_checked(r, F::InvoiceNumber)?;
    let Some(sid) = text_checked(r, F::SubscriptionId)? else {
        return Ok(Outcome::Skip(ONE_TIME));
    };
    let start = required_date(r, F::ChargeStartDate)?;
    let end = required_date(r, F::ChargeEndDate)?;
    let quantity = float(r, F::Quantity)?.ok_or_else(|| missing(F::Quantity))?;
    let product = text_checked(r, F::ProductName)?;
    let sku = text_checked(r, F::SkuName)?;
    let location = text_checked(r, F::MpnId)?;
    let reseller = text_checked(r, F::ResellerMpnId)?;
    let name = product.as_deref().or(sku.as_deref()).unwrap_or("");
    let fam = family_of(r, name, family::from_name);
    let c = who.register(b, t)?;
    b.saw_date(start);
    t.invoice(invoice.as_deref());
    t.charge_lines += 1;
    b.charge(
        c,
        row,
        BillingRow {
            subscription: &sid,
            product: fam,
            sku: sku.as_deref(),
            partner_location: location.as_deref(),
            sales_channel: Some(channel(&reseller)),
        },
        (start, end),
        quantity,
    );
    Ok(Outcome::Used)
}

/// A line of the daily rated usage: a meter's use on a day.
pub(crate) fn usage_line<R: RowView>(
    b: &mut DatasetBuilder,
    r: &R,
    row: u64,
    t: &mut Tally,
) -> FieldResult<Outcome> {
    let who = Who::read(r)?;
    let day = required_date(r, F::UsageDate)?;
    let quantity = float(r, F::Quantity)?.ok_or_else(|| missing(F::Quantity))?;
    let sid = text_checked(r, F::SubscriptionId)?;
    let product = text_checked(r, F::ProductName)?;
    let location = text_checked(r, F::MpnId)?;
    // the tier 2 reseller: Tier2MpnId where the file has it, else ResellerMPNID
    let reseller = if r.has(F::Tier2MpnId) {
        text_checked(r, F::Tier2MpnId)?
    } else {
        text_checked(r, F::ResellerMpnId)?
    };
    let c = who.register(b, t)?;
    b.saw_date(day);
    if quantity > 0.0 {
        let month = Month::of(day);
        t.consumption_lines += 1;
        b.consumption(c, month, family::AZURE);
        if let Some(sid) = sid.as_deref() {
            b.consumed(
                c,
                row,
                BillingRow {
                    subscription: sid,
                    product: family::AZURE,
                    sku: product.as_deref(),
                    partner_location: location.as_deref(),
                    sales_channel: Some(channel(&reseller)),
                },
                month,
            );
        }
    } else {
        b.billing_line_seen(sid.as_deref());
    }
    Ok(Outcome::Used)
}

/// A row of the customer list: Microsoft ID (the tenant id), Company name, Primary domain name
/// (the name when Company name is empty).
pub(crate) fn customer_row<R: RowView>(
    b: &mut DatasetBuilder,
    r: &R,
    t: &mut Tally,
) -> FieldResult<Outcome> {
    let id = text_checked(r, F::MicrosoftId)?.ok_or_else(|| missing(F::MicrosoftId))?;
    let name = text_checked(r, F::CompanyNameColumn)?;
    let domain = text_checked(r, F::PrimaryDomainName)?;
    let attrs = CustomerAttrs {
        name: name.as_deref().or(domain.as_deref()),
        ..Default::default()
    };
    let c = b
        .customer(CustomerKey::Id(&id), attrs)
        .ok_or_else(|| missing(F::MicrosoftId))?;
    t.customer(c);
    Ok(Outcome::Used)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reseller_mpn_id_zero_is_direct() {
        let t = |v: Option<&str>| channel(&v.map(Cow::Borrowed));
        assert_eq!(t(None), "Direct");
        assert_eq!(t(Some("0")), "Direct");
        assert_eq!(t(Some("000")), "Direct");
        assert_eq!(t(Some("4812345")), "Indirect");
        assert_eq!(t(Some("-1")), "Indirect");
    }
}
