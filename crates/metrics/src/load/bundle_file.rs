//! Loading the project's own bundle ([`crate::bundle`]).

use super::Counters;
use crate::bundle::{Bundle, FORMAT, VERSION};
use crate::date::Month;
use crate::family;
use crate::model::{ActivityRow, CustomerAttrs, CustomerKey, DatasetBuilder, End, UsageRow};
use serde::Deserialize;
use std::borrow::Cow;

/// True when the bundle's format name occurs in the first 4 KiB (where the engine writes it).
pub(crate) fn is_bundle_head(bytes: &[u8]) -> bool {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    memchr::memmem::find(head, FORMAT.as_bytes()).is_some()
}

/// True when the document is a JSON object whose `format` is the bundle's. Cheap for everything
/// else: the full check only runs when the marker occurs in the bytes.
pub(crate) fn is_bundle(bytes: &[u8]) -> bool {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow, default)]
        format: Option<Cow<'a, str>>,
    }
    if memchr::memmem::find(bytes, FORMAT.as_bytes()).is_none() {
        return false;
    }
    matches!(
        serde_json::from_slice::<Probe<'_>>(bytes),
        Ok(Probe { format: Some(f) }) if f == FORMAT
    )
}

/// The family constant of a bundle's product (bundles written by this engine only hold family
/// names; anything else goes through the name rules).
fn product(p: &str) -> &'static str {
    family::FAMILIES
        .iter()
        .find(|f| f.eq_ignore_ascii_case(p.trim()))
        .copied()
        .unwrap_or_else(|| family::from_name(p))
}

fn month(s: &str) -> Option<Month> {
    let t = s.trim();
    // a bundle month is `YYYY-MM`; any date form is tolerated
    Month::parse(t)
}

/// Parses and feeds a bundle. `Err` refuses the whole file (nothing was fed).
pub(crate) fn load(
    b: &mut DatasetBuilder,
    bytes: &[u8],
    file: &str,
    n: &mut Counters,
) -> Result<(), String> {
    let bundle: Bundle = serde_json::from_slice(bytes).map_err(|e| format!("invalid: {e}"))?;
    if bundle.format != FORMAT {
        return Err(format!("`format` is not {FORMAT}"));
    }
    if bundle.version != VERSION {
        return Err(format!(
            "version {} is not supported (expected {VERSION})",
            bundle.version
        ));
    }
    let mut latest: Option<Month> = None;
    let mut note = |m: Month| {
        if latest.is_none_or(|l| m > l) {
            latest = Some(m);
        }
    };
    let mut row = 0u64;
    for c in &bundle.customers {
        row += 1;
        n.rows_read += 1;
        let attrs = CustomerAttrs {
            name: c.name.as_deref(),
            country: c.country.as_deref(),
            market: c.market.as_deref(),
            segment: c.segment.as_deref(),
            top_segment: None,
        };
        match b.customer(CustomerKey::Id(&c.id), attrs) {
            Some(_) => n.rows_used += 1,
            None => n.problem(file, row, "customers.id", "missing".into()),
        }
    }
    for (i, s) in bundle.subscriptions.iter().enumerate() {
        row += 1;
        n.rows_read += 1;
        let Some(start) = month(&s.start) else {
            let msg = format!(
                "subscriptions[{i}]: not a month: {}",
                super::value::quote(&s.start)
            );
            n.problem(file, row, "start", msg);
            continue;
        };
        let end_month = match s.end.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            None => None,
            Some(e) => match month(e) {
                Some(m) => Some(m),
                None => {
                    let msg = format!(
                        "subscriptions[{i}]: not a month: {}",
                        super::value::quote(e)
                    );
                    n.problem(file, row, "end", msg);
                    continue;
                }
            },
        };
        let end = if s.end_unknown || s.commitment_end.is_some() {
            End::Resolve {
                known: end_month,
                commitment: s.commitment_end,
            }
        } else {
            end_month.map_or(End::Open, End::At)
        };
        let Some(c) = b.customer(CustomerKey::Id(&s.customer_id), CustomerAttrs::default()) else {
            n.problem(
                file,
                row,
                "customer_id",
                format!("subscriptions[{i}]: missing"),
            );
            continue;
        };
        note(start);
        b.activity(
            c,
            row,
            ActivityRow {
                product: product(&s.product),
                sku: s.sku.as_deref(),
                partner_location: s.partner_location.as_deref(),
                attribution: s.attribution.as_deref(),
                sales_channel: s.sales_channel.as_deref(),
                subscription: s.id.as_deref(),
                start,
                end,
            },
        );
        n.rows_used += 1;
    }
    for (i, u) in bundle.usage.iter().enumerate() {
        row += 1;
        n.rows_read += 1;
        let Some(from) = month(&u.from) else {
            let msg = format!("usage[{i}]: not a month: {}", super::value::quote(&u.from));
            n.problem(file, row, "from", msg);
            continue;
        };
        let Some(c) = b.customer(CustomerKey::Id(&u.customer_id), CustomerAttrs::default()) else {
            n.problem(file, row, "customer_id", format!("usage[{i}]: missing"));
            continue;
        };
        let len = u
            .sold
            .len()
            .max(u.assigned.len())
            .max(u.active.len())
            .max(u.entitled.len());
        let at = |v: &[Option<i64>], k: usize| v.get(k).copied().flatten();
        let fam = u.product.as_deref().map(product);
        for k in 0..len {
            let (sold, assigned, active, entitled) = (
                at(&u.sold, k),
                at(&u.assigned, k),
                at(&u.active, k),
                at(&u.entitled, k),
            );
            if sold.is_none() && assigned.is_none() && active.is_none() && entitled.is_none() {
                continue;
            }
            let Ok(k32) = i32::try_from(k) else { break };
            let m = Month(from.0.saturating_add(k32));
            note(m);
            b.usage(
                c,
                UsageRow {
                    month: Some(m),
                    product: fam,
                    sku: u.sku.as_deref(),
                    workload: u.workload.as_deref(),
                    sold,
                    assigned,
                    active,
                    entitled,
                },
            );
        }
        n.rows_used += 1;
    }
    for (i, k) in bundle.consumption.iter().enumerate() {
        row += 1;
        n.rows_read += 1;
        let mut months = Vec::with_capacity(k.months.len());
        for m in &k.months {
            match month(m) {
                Some(m) => months.push(m),
                None => {
                    let msg = format!("consumption[{i}]: not a month: {}", super::value::quote(m));
                    n.problem(file, row, "months", msg);
                    break;
                }
            }
        }
        if months.len() != k.months.len() {
            continue;
        }
        let Some(c) = b.customer(CustomerKey::Id(&k.customer_id), CustomerAttrs::default()) else {
            n.problem(
                file,
                row,
                "customer_id",
                format!("consumption[{i}]: missing"),
            );
            continue;
        };
        let fam = product(&k.product);
        for m in months {
            note(m);
            b.consumption(c, m, fam);
        }
        n.rows_used += 1;
    }
    // The as-of date: the bundle's own, else its latest month (start or usage month).
    match bundle.as_of {
        Some(d) => b.saw_date(d),
        None => {
            if let Some(m) = latest {
                b.saw_month(m);
            }
        }
    }
    Ok(())
}
