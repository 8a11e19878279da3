//! Each metric of metrics.md against a small book computed by hand.
//!
//! The book (T0 = 2024-01, as-of 2024-06-30):
//!
//! ```text
//!          Jan Feb Mar Apr May Jun
//! A (FR)    1   1   1   1   1   1   s1 Microsoft 365, open
//! B (DE)    1   1   .   .   1   1   s2 Azure [Jan, Mar), s3 Azure [May, open): returns in May
//! C (??)    .   .   1   .   .   .   CustomersAndTenants snapshot Active in Mar, Inactive in Apr
//! D (FR)    .   1   1   1   1   .   s4 Dynamics suspended, no end date: ends in the as-of month
//! total     2   3   3   2   3   2
//! new       0   1   1   0   0   0
//! returning 0   0   0   0   1   0
//! existing  2   2   2   2   2   2
//! churned   0   0   1   1   0   1
//! ```

use chrono::NaiveDate;
use metrics::model::{ActivityRow, CustomerAttrs, CustomerKey, DatasetBuilder, End, UsageRow};
use metrics::{report, Dataset, Dim, Month, Query};

fn m(y: i32, mo: u32) -> Month {
    Month::new(y, mo)
}

fn sub<'a>(
    product: &'static str,
    sku: &'a str,
    id: Option<&'a str>,
    start: Month,
    end: End,
    loc: &'a str,
) -> ActivityRow<'a> {
    ActivityRow {
        product,
        sku: Some(sku),
        partner_location: Some(loc),
        attribution: Some("DPOR"),
        sales_channel: Some("Direct"),
        subscription: id,
        start,
        end,
    }
}

fn attrs<'a>(name: &'a str, country: &'a str, segment: &'a str) -> CustomerAttrs<'a> {
    CustomerAttrs {
        name: Some(name),
        country: Some(country),
        segment: Some(segment),
        ..Default::default()
    }
}

fn book() -> Dataset {
    let mut b = DatasetBuilder::new();
    b.begin_file("book.json");
    let a = b
        .customer(CustomerKey::Id("A"), attrs("Alpha", "FR", "SMB"))
        .unwrap();
    let bb = b
        .customer(CustomerKey::Id("B"), attrs("Beta", "DE", "Corporate"))
        .unwrap();
    let c = b
        .customer(CustomerKey::Id("C"), attrs("Gamma", "", "SMB"))
        .unwrap();
    let d = b
        .customer(CustomerKey::Id("D"), attrs("Delta", "fr", "SMB"))
        .unwrap();
    b.activity(
        a,
        1,
        sub(
            "Microsoft 365",
            "Microsoft 365 E3",
            Some("s1"),
            m(2024, 1),
            End::Open,
            "FR-Paris",
        ),
    );
    b.activity(
        bb,
        2,
        sub(
            "Azure",
            "Azure plan",
            Some("S2"),
            m(2024, 1),
            End::At(m(2024, 3)),
            "DE-Munich",
        ),
    );
    b.activity(
        bb,
        3,
        sub(
            "Azure",
            "Azure plan",
            Some("s3"),
            m(2024, 5),
            End::Open,
            "DE-Munich",
        ),
    );
    b.activity(
        c,
        4,
        sub(
            "Microsoft 365",
            "Microsoft 365 Business Basic",
            None,
            m(2024, 3),
            End::At(m(2024, 4)),
            "FR-Paris",
        ),
    );
    b.activity(
        d,
        5,
        sub(
            "Dynamics 365",
            "Dynamics 365 Sales",
            Some("s4"),
            m(2024, 2),
            End::Resolve {
                known: None,
                commitment: None,
            },
            "FR-Lyon",
        ),
    );
    let usage = |month, product, workload, counts: [Option<i64>; 4]| UsageRow {
        month: Some(month),
        product,
        sku: None,
        workload,
        sold: counts[0],
        assigned: counts[1],
        active: counts[2],
        entitled: counts[3],
    };
    b.usage(
        a,
        usage(
            m(2024, 6),
            None,
            Some("Exchange"),
            [None, None, Some(8), Some(10)],
        ),
    );
    b.usage(
        a,
        usage(
            m(2024, 6),
            None,
            Some("Teams"),
            [None, None, Some(12), Some(10)],
        ),
    );
    b.usage(
        a,
        usage(
            m(2024, 6),
            Some("Microsoft 365"),
            None,
            [Some(20), Some(15), None, None],
        ),
    );
    b.usage(
        bb,
        usage(
            m(2024, 6),
            Some("Azure"),
            None,
            [Some(10), Some(3), None, None],
        ),
    );
    b.usage(
        bb,
        usage(m(2024, 6), None, None, [None, None, Some(1), Some(10)]),
    );
    b.usage(
        d,
        usage(
            m(2024, 5),
            None,
            Some("Exchange"),
            [None, None, Some(5), Some(5)],
        ),
    );
    b.saw_month(m(2024, 6));
    b.finish()
}

fn q() -> Query {
    Query::default()
}

fn range(from: Month, to: Month) -> Query {
    Query {
        from: Some(from),
        to: Some(to),
        ..Query::default()
    }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn timeline_range_and_as_of() {
    let r = report(&book(), &q());
    assert_eq!(r.as_of, NaiveDate::from_ymd_opt(2024, 6, 30));
    let t = r.timeline.unwrap();
    assert_eq!((t.from, t.to), (m(2024, 1), m(2024, 6)));
    let g = r.range.unwrap();
    // the default range is the last 12 months, fewer when the timeline is shorter
    assert_eq!((g.from, g.to), (m(2024, 1), m(2024, 6)));
    assert_eq!(r.months.len(), 6);
}

#[test]
fn monthly_counts_and_identities() {
    let r = report(&book(), &q());
    let got: Vec<[i64; 4]> = r
        .adds_churn
        .iter()
        .map(|x| [x.new, x.returning, x.existing, x.churned])
        .collect();
    assert_eq!(
        got,
        vec![
            [0, 0, 2, 0],
            [1, 0, 2, 0],
            [1, 0, 2, 1],
            [0, 0, 2, 1],
            [0, 1, 2, 0],
            [0, 0, 2, 1]
        ]
    );
    let total: Vec<i64> = r.active_trend.iter().map(|x| x.total).collect();
    assert_eq!(total, vec![2, 3, 3, 2, 3, 2]);
}

#[test]
fn summary_over_the_whole_timeline() {
    let r = report(&book(), &q());
    let s = &r.summary;
    assert_eq!(s.customers.value, Some(2));
    // base = T0 when the range starts at T0
    close(s.customers.change_pct, 0.0);
    assert_eq!(s.customers.spark, [2, 3, 3, 2, 3, 2].map(Some).to_vec());
    assert_eq!(s.net_added.value, Some(0));
    assert_eq!(s.net_added.change_pct, None, "a - L < T0");
    assert_eq!(s.net_added.spark, [0, 1, 0, -1, 1, -1].map(Some).to_vec());
    assert_eq!(s.last_month_churn.value, Some(1));
    close(s.last_month_churn.churn_pct, 150.0); // 3 churned / total(base = Jan) 2
    assert_eq!(s.subscriptions.value, Some(2));
    assert_eq!(s.subscriptions.spark, [2, 3, 2, 2, 3, 2].map(Some).to_vec());
    assert_eq!(
        s.active_customers.spark,
        [0, 0, 0, 0, 1, 2].map(Some).to_vec()
    );
    assert_eq!(s.active_customers.change_pct, None, "active(base) = 0");
    let bp: Vec<(&str, i64)> = s
        .by_product
        .iter()
        .map(|k| (k.key.as_str(), k.customers))
        .collect();
    assert_eq!(bp, vec![("Azure", 1), ("Microsoft 365", 1)]);
}

#[test]
fn summary_of_a_later_range_uses_the_previous_month_as_baseline() {
    let r = report(&book(), &range(m(2024, 3), m(2024, 6)));
    let s = &r.summary;
    close(s.customers.change_pct, (2.0 - 3.0) / 3.0 * 100.0);
    assert_eq!(s.net_added.value, Some(-1));
    assert_eq!(s.net_added.change_pct, None);
    close(s.last_month_churn.churn_pct, 100.0); // (1 + 1 + 0 + 1) / total(Feb) 3
    let r = report(&book(), &range(m(2024, 4), m(2024, 5)));
    // net over [Apr, May] = 0; over [Feb, Mar] = 1
    assert_eq!(r.summary.net_added.value, Some(0));
    close(r.summary.net_added.change_pct, -100.0);
    assert_eq!(r.summary.customers.value, Some(3));
    close(r.summary.customers.change_pct, 0.0); // total(May) 3 vs total(Mar) 3
}

#[test]
fn geo_rows_and_shares() {
    let r = report(&book(), &q());
    let rows: Vec<(Option<&str>, i64, Option<i64>, i64)> = r
        .geo
        .iter()
        .map(|g| (g.country.as_deref(), g.customers, g.active, g.new))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("DE"), 1, Some(1), 0),
            (Some("FR"), 1, Some(1), 1),
            (None, 0, Some(0), 1)
        ]
    );
    close(r.geo[0].customers_pct, 50.0);
    close(r.geo[1].new_pct, 50.0);
    close(r.geo[2].new_pct, 50.0);
    assert_eq!(r.geo[0].new_pct, Some(0.0));
}

#[test]
fn distribution_products_and_trend() {
    let r = report(&book(), &q());
    let pl: Vec<(&str, i64)> = r
        .distribution
        .partner_location
        .iter()
        .map(|k| (k.key.as_str(), k.customers))
        .collect();
    assert_eq!(pl, vec![("DE-Munich", 1), ("FR-Paris", 1)]);
    let seg: Vec<(&str, i64)> = r
        .distribution
        .segment
        .iter()
        .map(|k| (k.key.as_str(), k.customers))
        .collect();
    assert_eq!(seg, vec![("Corporate", 1), ("SMB", 1)]);
    assert_eq!(r.products[1].skus[0].key, "Microsoft 365 E3");
    // March: A (FR, M365), C (unknown country, M365), D (FR, Dynamics)
    let mar = &r.distribution_trend.market[2];
    assert_eq!(mar.month, m(2024, 3));
    assert_eq!(mar.counts.get("FR"), Some(&2));
    assert_eq!(mar.counts.get("Unknown"), Some(&1));
    let prod = &r.distribution_trend.product[2].counts;
    assert_eq!(prod.get("Microsoft 365"), Some(&2));
    assert_eq!(prod.get("Dynamics 365"), Some(&1));
    let loc = &r.distribution_trend.partner_location[2].counts;
    assert_eq!(loc.get("FR-Paris"), Some(&2));
    assert_eq!(loc.get("FR-Lyon"), Some(&1));
}

#[test]
fn unknown_end_falls_back_to_the_as_of_month_with_a_warning() {
    let r = report(&book(), &q());
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(
        (r.warnings[0].row, r.warnings[0].field.as_str()),
        (5, "status")
    );
    // a later as-of date moves the end of that subscription
    let later = Query {
        as_of: NaiveDate::from_ymd_opt(2024, 8, 31),
        ..Query::default()
    };
    let r = report(&book(), &later);
    assert_eq!(r.timeline.unwrap().to, m(2024, 8));
    let jun = &r.adds_churn[5];
    assert_eq!(jun.month, m(2024, 6));
    assert_eq!(jun.churned, 0, "D is now active until July");
}

#[test]
fn filters() {
    let mut f = Query::default();
    f.filters.insert(Dim::Product, vec!["azure".into()]);
    let r = report(&book(), &f);
    assert_eq!(
        r.summary.customers.spark,
        [1, 1, 0, 0, 1, 1].map(Some).to_vec()
    );
    assert_eq!(r.filters.get("product"), Some(&vec!["azure".to_string()]));
    // usage facts with no product survive a product filter; A is not a customer under it
    let ad = r.adoption.unwrap();
    assert_eq!(ad.customers.len(), 2);
    assert_eq!(r.summary.active_customers.value, Some(1));

    let mut f = Query::default();
    f.filters
        .insert(Dim::Country, vec!["FR".into(), "DE".into()]);
    f.filters.insert(Dim::Segment, vec!["smb".into()]);
    let r = report(&book(), &f);
    assert_eq!(
        r.summary.customers.spark,
        [1, 2, 2, 2, 2, 1].map(Some).to_vec()
    );

    let mut f = Query::default();
    f.filters.insert(Dim::Country, vec!["Unknown".into()]);
    let r = report(&book(), &f);
    assert_eq!(
        r.summary.customers.spark,
        [0, 0, 1, 0, 0, 0].map(Some).to_vec()
    );
}

#[test]
fn adoption() {
    let r = report(&book(), &q());
    let ad = r.adoption.unwrap();
    assert_eq!(ad.month, m(2024, 6));
    let p = &ad.portfolio;
    assert_eq!((p.sold, p.assigned, p.active, p.entitled), (30, 18, 21, 30));
    close(p.deployment_pct, 60.0);
    close(p.usage_pct, 70.0);
    let w: Vec<(&str, i64, i64, bool)> = p
        .by_workload
        .iter()
        .map(|w| (w.key.as_str(), w.active, w.entitled, w.over_100))
        .collect();
    assert_eq!(w, vec![("Exchange", 8, 10, false), ("Teams", 12, 10, true)]);
    let names: Vec<&str> = ad.customers.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, vec!["Alpha", "Beta"], "D's usage is in May");
    let a = &ad.customers[0];
    close(a.deployment_pct, 75.0);
    close(a.usage_pct, 100.0);
    assert!(!a.over_100, "exactly 100 is not above 100");
    assert!(a.workloads[1].over_100);
    let b = &ad.customers[1];
    close(b.usage_pct, 10.0); // a usage fact with no workload counts in the customer total
    assert!(b.workloads.is_empty());
    assert_eq!(ad.opportunities.len(), 1);
    let o = &ad.opportunities[0];
    assert_eq!((o.name.as_str(), o.unassigned, o.inactive), ("Beta", 7, 9));
    assert_eq!(o.reasons, vec!["low_deployment", "low_usage"]);

    let strict = Query {
        deployment_threshold: 80.0,
        ..Query::default()
    };
    let ad = report(&book(), &strict).adoption.unwrap();
    let o: Vec<(&str, i64, Vec<&str>)> = ad
        .opportunities
        .iter()
        .map(|o| (o.name.as_str(), o.unassigned, o.reasons.clone()))
        .collect();
    assert_eq!(
        o,
        vec![
            ("Beta", 7, vec!["low_deployment", "low_usage"]),
            ("Alpha", 5, vec!["low_deployment"])
        ]
    );

    // the month is the latest <= the range end that has usage facts
    let r = report(&book(), &range(m(2024, 1), m(2024, 5)));
    let ad = r.adoption.unwrap();
    assert_eq!(ad.month, m(2024, 5));
    assert_eq!(ad.customers.len(), 1);
    assert!(report(&book(), &range(m(2024, 1), m(2024, 4)))
        .adoption
        .is_none());
}

#[test]
fn nulls_when_nothing_was_loaded() {
    let mut b = DatasetBuilder::new();
    b.begin_file("x");
    let c = b
        .customer(CustomerKey::Id("A"), CustomerAttrs::default())
        .unwrap();
    b.activity(
        c,
        1,
        sub("Azure", "Azure plan", None, m(2024, 1), End::Open, "X"),
    );
    b.saw_month(m(2024, 3));
    let r = report(&b.finish(), &q());
    assert_eq!(r.summary.subscriptions.value, None);
    assert_eq!(r.summary.subscriptions.spark, vec![None, None, None]);
    assert_eq!(r.summary.active_customers.value, None);
    assert_eq!(r.summary.active_customers.spark, vec![None, None, None]);
    assert_eq!(r.geo[0].active, None);
    assert!(r.adoption.is_none());
    // a filter that leaves no subscription gives 0, not null
    let mut f = Query::default();
    f.filters.insert(Dim::Product, vec!["Windows".into()]);
    let r = report(&book(), &f);
    assert_eq!(r.summary.subscriptions.value, Some(0));
}

#[test]
fn empty_and_degenerate_inputs_do_not_panic() {
    let r = report(&Dataset::default(), &q());
    assert!(r.timeline.is_none() && r.months.is_empty());
    // a range outside the timeline is clamped into it
    let r = report(&book(), &range(m(2020, 1), m(2030, 1)));
    let g = r.range.unwrap();
    assert_eq!((g.from, g.to), (m(2024, 1), m(2024, 6)));
    // from after to
    let r = report(&book(), &range(m(2024, 6), m(2024, 2)));
    let g = r.range.unwrap();
    assert_eq!((g.from, g.to), (m(2024, 2), m(2024, 2)));
    // an as-of before every fact
    let early = Query {
        as_of: NaiveDate::from_ymd_opt(2020, 1, 1),
        ..Query::default()
    };
    assert!(report(&book(), &early).timeline.is_none());
}

#[test]
fn report_is_deterministic_json() {
    let a = serde_json::to_string(&report(&book(), &q())).unwrap();
    let b = serde_json::to_string(&report(&book(), &q())).unwrap();
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    for k in [
        "as_of",
        "timeline",
        "range",
        "filters",
        "months",
        "summary",
        "adds_churn",
        "geo",
        "distribution",
        "products",
        "distribution_trend",
        "active_trend",
        "adoption",
        "warnings",
    ] {
        assert!(v.get(k).is_some(), "{k}");
    }
    assert_eq!(v["as_of"], "2024-06-30");
    assert_eq!(v["months"][0], "2024-01");
    assert_eq!(v["geo"][2]["country"], serde_json::Value::Null);
}
