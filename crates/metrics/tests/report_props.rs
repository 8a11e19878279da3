//! The identities of metrics.md, and "a filter never increases a count", over random books.

use metrics::model::{ActivityRow, CustomerAttrs, CustomerKey, DatasetBuilder, End, UsageRow};
use metrics::{report, Dataset, Dim, Month, Query};
use proptest::prelude::*;

const PRODUCTS: [&str; 3] = ["Azure", "Microsoft 365", "Dynamics 365"];
const COUNTRIES: [&str; 4] = ["FR", "DE", "US", ""];
const LOCATIONS: [&str; 3] = ["FR-Paris", "US-Seattle", ""];

#[derive(Clone, Debug)]
struct Fact {
    customer: u8,
    product: usize,
    location: usize,
    sub: Option<u8>,
    start: i32,
    len: Option<i32>,
}

#[derive(Clone, Debug)]
struct Use {
    customer: u8,
    month: i32,
    active: i64,
    entitled: i64,
    sold: i64,
    assigned: i64,
}

fn fact() -> impl Strategy<Value = Fact> {
    (
        0u8..12,
        0..3usize,
        0..3usize,
        proptest::option::of(0u8..20),
        0..24i32,
        proptest::option::of(0..12i32),
    )
        .prop_map(|(customer, product, location, sub, start, len)| Fact {
            customer,
            product,
            location,
            sub,
            start,
            len,
        })
}

fn usage() -> impl Strategy<Value = Use> {
    (0u8..12, 0..24i32, 0..50i64, 0..50i64, 0..50i64, 0..50i64).prop_map(
        |(customer, month, active, entitled, sold, assigned)| Use {
            customer,
            month,
            active,
            entitled,
            sold,
            assigned,
        },
    )
}

fn build(facts: &[Fact], uses: &[Use]) -> Dataset {
    let t0 = Month::new(2023, 1).0;
    let mut b = DatasetBuilder::new();
    b.begin_file("random");
    for (i, f) in facts.iter().enumerate() {
        let id = format!("c{}", f.customer);
        let attrs = CustomerAttrs {
            name: Some(&id),
            country: Some(COUNTRIES[f.customer as usize % 4]),
            segment: Some(if f.customer % 2 == 0 {
                "SMB"
            } else {
                "Enterprise"
            }),
            ..Default::default()
        };
        let c = b.customer(CustomerKey::Id(&id), attrs).unwrap();
        let sub = f.sub.map(|s| format!("s{s}"));
        b.activity(
            c,
            i as u64 + 1,
            ActivityRow {
                product: PRODUCTS[f.product],
                sku: Some(PRODUCTS[f.product]),
                partner_location: Some(LOCATIONS[f.location]),
                attribution: None,
                sales_channel: None,
                subscription: sub.as_deref(),
                start: Month(t0 + f.start),
                end: f
                    .len
                    .map_or(End::Open, |l| End::At(Month(t0 + f.start + l))),
            },
        );
    }
    for u in uses {
        let id = format!("c{}", u.customer);
        let c = b
            .customer(CustomerKey::Id(&id), CustomerAttrs::default())
            .unwrap();
        b.usage(
            c,
            UsageRow {
                month: Some(Month(t0 + u.month)),
                product: Some(PRODUCTS[u.customer as usize % 3]),
                workload: Some("Exchange"),
                active: Some(u.active),
                entitled: Some(u.entitled),
                sold: Some(u.sold),
                assigned: Some(u.assigned),
                ..Default::default()
            },
        );
    }
    b.saw_month(Month(t0 + 23));
    b.finish()
}

fn range_query(from: i32, len: i32) -> Query {
    let t0 = Month::new(2023, 1).0;
    Query {
        from: Some(Month(t0 + from)),
        to: Some(Month(t0 + from + len)),
        ..Query::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn monthly_identities(facts in proptest::collection::vec(fact(), 0..40), uses in proptest::collection::vec(usage(), 0..20)) {
        let ds = build(&facts, &uses);
        // the whole timeline, so m - 1 is always in the report
        let r = report(&ds, &Query { from: Some(Month(0)), ..Query::default() });
        let totals: Vec<i64> = r.active_trend.iter().map(|x| x.total).collect();
        for (k, x) in r.adds_churn.iter().enumerate() {
            prop_assert_eq!(totals[k], x.existing + x.new + x.returning);
            if k > 0 {
                prop_assert_eq!(totals[k - 1], x.existing + x.churned);
            } else {
                prop_assert_eq!((x.new, x.returning, x.churned), (0, 0, 0));
            }
            if let Some(a) = r.active_trend[k].active {
                prop_assert!(a <= totals[k]);
            }
        }
        let n = r.months.len();
        prop_assert_eq!(r.summary.customers.spark.len(), n);
        prop_assert_eq!(r.summary.active_customers.spark.len(), n);
        prop_assert_eq!(r.summary.subscriptions.spark.len(), n);
        // geo rows add up to the current customers
        let cur = r.summary.customers.value.unwrap_or(0);
        prop_assert_eq!(r.geo.iter().map(|g| g.customers).sum::<i64>(), cur);
        // customer dimensions partition the customers; fact dimensions may count a customer twice
        prop_assert_eq!(r.distribution.segment.iter().map(|k| k.customers).sum::<i64>(), cur);
        prop_assert!(r.distribution.partner_location.iter().map(|k| k.customers).sum::<i64>() >= cur);
        for k in &r.summary.by_product {
            prop_assert!(k.customers <= cur);
        }
    }

    #[test]
    fn net_added_is_the_change_in_customers(facts in proptest::collection::vec(fact(), 0..40), from in 1..20i32, len in 0..4i32) {
        let ds = build(&facts, &[]);
        let r = report(&ds, &range_query(from, len));
        // sum(new + returning - churned) over [a, b] = total(b) - total(a - 1)
        let full = report(&ds, &Query { from: Some(Month(0)), ..Query::default() });
        if let (Some(range), Some(tl)) = (r.range, r.timeline) {
            let k_a = (range.from.0 - tl.from.0) as usize;
            let k_b = (range.to.0 - tl.from.0) as usize;
            let totals: Vec<i64> = full.active_trend.iter().map(|x| x.total).collect();
            let before = if k_a > 0 { totals[k_a - 1] } else { totals[0] };
            let net = r.summary.net_added.value.unwrap();
            if k_a > 0 {
                prop_assert_eq!(net, totals[k_b] - before);
            }
        }
    }

    #[test]
    fn a_filter_never_increases_a_count(
        facts in proptest::collection::vec(fact(), 0..40),
        uses in proptest::collection::vec(usage(), 0..20),
        dim in 0..4usize,
        pick in 0..3usize,
    ) {
        let ds = build(&facts, &uses);
        let all = report(&ds, &Query::default());
        let (d, v) = match dim {
            0 => (Dim::Product, PRODUCTS[pick]),
            1 => (Dim::Country, ["FR", "Unknown", "US"][pick]),
            2 => (Dim::PartnerLocation, ["FR-Paris", "Unknown", "US-Seattle"][pick]),
            _ => (Dim::Segment, ["SMB", "Enterprise", "Nope"][pick]),
        };
        let mut q = Query::default();
        q.filters.insert(d, vec![v.to_string()]);
        let some = report(&ds, &q);
        prop_assert_eq!(all.months.len(), some.months.len());
        let pairs = [
            (&all.summary.customers.spark, &some.summary.customers.spark),
            (&all.summary.active_customers.spark, &some.summary.active_customers.spark),
            (&all.summary.subscriptions.spark, &some.summary.subscriptions.spark),
        ];
        for (x, y) in pairs {
            for (a, b) in x.iter().zip(y.iter()) {
                prop_assert!(b.unwrap_or(0) <= a.unwrap_or(0));
            }
        }
        for (x, y) in all.adds_churn.iter().zip(&some.adds_churn) {
            prop_assert!(y.new + y.returning <= x.new + x.returning + x.existing);
        }
        for g in &some.geo {
            let before = all.geo.iter().find(|h| h.country == g.country).map_or(0, |h| h.customers);
            prop_assert!(g.customers <= before);
        }
    }
}
