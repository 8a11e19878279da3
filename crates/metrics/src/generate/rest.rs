//! Partner Center REST responses (formats.md section 2) for the same book:
//! `customers.json` (GET /v1/customers with company and billing profiles),
//! `subscriptions.json` (every customer's subscriptions in one collection; each item names its
//! customer only in `links.self.uri`), and the commercial analytics `license_deployment.json` and
//! `license_usage.json` processed on the last day of the end month.
//!
//! Quirks: tenant ids upper-case in some links and analytics records (ids match
//! case-insensitively), `licenseActive` (the documented sample's spelling) in some usage
//! records, `9999-12-14T00:00:00Z` as "no end" on some monthly subscriptions.

use super::book::{Book, Customer, Subscription};
use super::catalog::{self, Unit};
use super::rng::SplitMix64;
use super::{to_json, File};
use crate::date::Month;
use serde_json::{json, Value};

fn stamp(m: Month, day: u32, time: &str) -> String {
    format!("{m}-{day:02}T{time}Z")
}

fn quirks(book: &Book, c: usize) -> SplitMix64 {
    SplitMix64::stream(book.params.seed ^ 0x5245_5354, c as u64)
}

/// The tenant id as one file or another spells it.
fn tenant(c: &Customer, upper: bool) -> String {
    if upper {
        c.id.to_uppercase()
    } else {
        c.id.clone()
    }
}

fn collection(items: Vec<Value>, uri: &str) -> Value {
    json!({
        "totalCount": items.len(),
        "items": items,
        "links": {"self": {"uri": uri, "method": "GET", "headers": []}},
        "attributes": {"objectType": "Collection"}
    })
}

fn customer(c: &Customer, q: &mut SplitMix64) -> Value {
    let mut v = json!({
        "id": c.id,
        "commerceId": q.guid(),
        "companyProfile": {
            "tenantId": c.id,
            "domain": c.domain,
            "companyName": c.name,
            "attributes": {"objectType": "CustomerCompanyProfile"}
        },
        "relationshipToPartner": "reseller",
        "allowDelegatedAccess": true,
        "links": {"self": {"uri": format!("/customers/{}", c.id), "method": "GET", "headers": []}},
        "attributes": {"objectType": "Customer"}
    });
    if let (Some(country), Some(obj)) = (c.country, v.as_object_mut()) {
        obj.insert(
            "billingProfile".to_string(),
            json!({
                "id": q.guid(),
                "culture": "en-US",
                "language": "en",
                "companyName": c.name,
                "defaultAddress": {
                    "country": country,
                    "addressLine1": format!("{} Main Street", q.range(1, 999)),
                    "postalCode": format!("{:05}", q.range(1000, 99999)),
                },
                "attributes": {"objectType": "CustomerBillingProfile"}
            }),
        );
    }
    v
}

fn subscription(book: &Book, c: &Customer, s: &Subscription, q: &mut SplitMix64) -> Value {
    let months = book.months();
    let sku = s.sku();
    let start = book.month(s.start);
    let (status, end) = match s.end {
        None => {
            let term = if s.annual { 12 } else { 1 };
            let mut m = s.start + term;
            while m < months {
                m += term;
            }
            let end = if !s.annual && q.chance(200_000) {
                "9999-12-14T00:00:00Z".to_string()
            } else {
                stamp(book.month(m), s.start_day, "00:00:00")
            };
            ("active", end)
        }
        Some(e) => {
            let status = if e >= months - 2 {
                "suspended"
            } else {
                "deleted"
            };
            (status, stamp(book.month(e), s.end_day, "00:00:00"))
        }
    };
    let last = (s.stop(months) - 1).max(s.first());
    let quantity = match sku.unit {
        Unit::Plan => 1,
        _ => s
            .sold
            .get((last - s.first()) as usize)
            .copied()
            .map_or(1, |n| n),
    };
    let (unit, product_type) = match sku.unit {
        Unit::Seat => ("Licenses", "OnlineServicesNCE"),
        Unit::Plan => ("Usage-based", "Azure"),
        Unit::Instance => ("Instances", "Azure"),
    };
    let cid = tenant(c, q.chance(150_000));
    let mut v = json!({
        "id": s.id,
        "offerId": format!("{}:0001", sku.offer_id),
        "offerName": sku.name,
        "friendlyName": sku.name,
        "quantity": quantity,
        "unitType": unit,
        "creationDate": stamp(start, s.start_day, &format!("{:02}:{:02}:{:02}", q.range(0, 23), q.range(0, 59), q.range(0, 59))),
        "effectiveStartDate": stamp(start, s.start_day, "00:00:00"),
        "commitmentEndDate": end,
        "status": status,
        "autoRenewEnabled": s.auto_renew && s.end.is_none(),
        "isTrial": false,
        "billingType": "license",
        "billingCycle": if s.annual { "annual" } else { "monthly" },
        "termDuration": if s.annual { "P1Y" } else { "P1M" },
        "partnerId": if s.sales_channel == "Indirect reseller" { format!("{}", 4_000_000 + q.below(999_999)) } else { String::new() },
        "contractType": "subscription",
        "productType": {"id": product_type, "displayName": product_type},
        "links": {"self": {"uri": format!("/customers/{cid}/subscriptions/{}", s.id), "method": "GET", "headers": []}},
        "attributes": {"objectType": "Subscription"}
    });
    if status == "suspended" {
        if let Some(obj) = v.as_object_mut() {
            obj.insert(
                "suspensionReasons".to_string(),
                json!(["CustomerCancellation"]),
            );
        }
    }
    v
}

fn analytics(items: Vec<Value>) -> Value {
    json!({"Value": items, "@nextLink": null, "TotalCount": items.len()})
}

pub fn write(book: &Book) -> Vec<File> {
    let months = book.months();
    let last = months - 1;
    let processed = stamp(
        book.month(last),
        book.month(last)
            .last_day()
            .map_or(28, |d| chrono::Datelike::day(&d)),
        "03:15:42",
    );
    let mut customers = Vec::new();
    let mut subscriptions = Vec::new();
    let mut deployment = Vec::new();
    let mut usage = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci);
        customers.push(customer(c, q));
        for s in &c.subscriptions {
            subscriptions.push(subscription(book, c, s, q));
        }
        let upper = q.chance(250_000);
        // licence deployment: Office and Dynamics SKUs active in the last month
        for s in c.subscriptions.iter().filter(|s| s.active(last)) {
            let sku = s.sku();
            let (code, service) = match sku.family {
                crate::family::M365 => ("o365", "Office 365"),
                crate::family::DYNAMICS => ("crm", "Dynamics CRM"),
                _ => continue,
            };
            let (sold, assigned) = s.seats(last);
            deployment.push(json!({
                "processedDateTime": processed,
                "serviceCode": code,
                "serviceName": service,
                "channel": "Reseller",
                "customerTenantId": tenant(c, upper),
                "customerName": c.name,
                "productId": sku.offer_id,
                "productName": sku.name,
                "licensesDeployed": assigned,
                "licensesSold": sold,
            }));
        }
        // licence usage: workloads in the last month
        let main = c
            .subscriptions
            .iter()
            .find(|s| s.active(last) && s.sku().office)
            .map(|s| s.sku());
        for w in &c.usage {
            let (Some(sku), Some(Some((active, entitled)))) = (main, w.months.last()) else {
                continue;
            };
            let active_key = if q.chance(100_000) {
                "licenseActive"
            } else {
                "licensesActive"
            };
            let name = if w.workload == "OneDrive" {
                "OneDrive for Business"
            } else {
                w.workload
            };
            let mut v = json!({
                "processedDateTime": processed,
                "serviceCode": "o365",
                "serviceName": "Office 365",
                "channel": "Reseller",
                "customerTenantId": tenant(c, upper),
                "customerName": c.name,
                "productId": sku.offer_id,
                "productName": sku.name,
                "workloadCode": catalog::workload_code(w.workload),
                "workloadName": name,
                "licensesQualified": entitled,
            });
            if let Some(obj) = v.as_object_mut() {
                obj.insert(active_key.to_string(), json!(active));
            }
            usage.push(v);
        }
    }
    vec![
        (
            "customers.json".to_string(),
            to_json(&collection(customers, "/customers?size=500")),
        ),
        (
            "subscriptions.json".to_string(),
            to_json(&collection(subscriptions, "/customers/subscriptions")),
        ),
        (
            "license_deployment.json".to_string(),
            to_json(&analytics(deployment)),
        ),
        ("license_usage.json".to_string(), to_json(&analytics(usage))),
    ]
}
