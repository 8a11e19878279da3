//! The generator: same seed, same bytes; different seeds, different books; and the book looks
//! like a partner's book (churn of 1-2 % a month, returning customers, add-ons, a few ratios
//! above 100 %, about 2 % of customers of unknown country, SKU names whose family follows the
//! name rules).

use metrics::date::Month;
use metrics::generate::{self, catalog, Format, Params};
use std::collections::{BTreeSet, HashMap};

fn small(seed: u64) -> Params {
    Params {
        customers: 50,
        months: 12,
        seed,
        ..Params::default()
    }
}

/// FNV-1a of all files, names included: a platform-independent fingerprint.
fn fingerprint(files: &[(String, Vec<u8>)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, b) in files {
        for &x in n.as_bytes().iter().chain(b.iter()) {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[test]
fn same_seed_same_bytes_in_every_format() {
    for f in Format::ALL {
        let a = generate::generate(&small(7), f).unwrap();
        let b = generate::generate(&small(7), f).unwrap();
        assert_eq!(a, b, "{f}");
        assert!(a.iter().all(|(_, bytes)| !bytes.is_empty()), "{f}");
    }
}

#[test]
fn different_seeds_differ() {
    for f in Format::ALL {
        let a = generate::generate(&small(1), f).unwrap();
        let b = generate::generate(&small(2), f).unwrap();
        assert_ne!(a, b, "{f}");
    }
}

#[test]
fn file_names_per_format() {
    let names = |f| -> Vec<String> {
        generate::generate(&small(1), f)
            .unwrap()
            .into_iter()
            .map(|x| x.0)
            .collect()
    };
    assert_eq!(names(Format::Bundle), ["bundle.json"]);
    let datasets = |ext: &str| -> Vec<String> {
        [
            "CustomersAndTenants",
            "SeatsSubscriptionsAndRevenue",
            "OfficeUsage",
            "EMSUsage",
            "DynamicsUsage",
            "PowerBIUsage",
            "AzureUsage",
        ]
        .iter()
        .map(|d| format!("{d}.{ext}"))
        .collect()
    };
    assert_eq!(names(Format::InsightsJson), datasets("json"));
    assert_eq!(names(Format::InsightsCsv), datasets("csv"));
    assert_eq!(names(Format::InsightsTsv), datasets("tsv"));
    assert_eq!(names(Format::InsightsDownload), datasets("csv"));
    assert_eq!(
        names(Format::Rest),
        [
            "customers.json",
            "subscriptions.json",
            "license_deployment.json",
            "license_usage.json"
        ]
    );
}

/// The committed sample is exactly what the generator writes for its documented parameters
/// (regenerate with `insights generate --customers 2000 --months 36 --seed 42 --end 2026-10
/// -o DIR` and copy `DIR/bundle.json` to `data/sample.json`).
#[test]
fn committed_sample_is_reproducible_and_small() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample.json");
    let committed = std::fs::read(path).unwrap();
    let files = generate::generate(&Params::default(), Format::Bundle).unwrap();
    assert!(
        files[0].1 == committed,
        "data/sample.json is not the generator's output for Params::default()"
    );
    // "about 3 MB" (the foundation issue): 3.02 MB with 13 months of Office usage, 3.33 MB since
    // the book also has EMS / Dynamics 365 / Power BI usage (0.20 MB) and Azure consumption
    // (0.11 MB)
    assert!(committed.len() < 3_400_000, "{} bytes", committed.len());
}

/// A fingerprint of a small book in every format: changes whenever the generator's output
/// changes, on any platform. Update it deliberately (the committed sample changes too).
#[test]
fn output_is_pinned() {
    let all: Vec<(String, Vec<u8>)> = Format::ALL
        .into_iter()
        .flat_map(|f| generate::generate(&small(3), f).unwrap())
        .collect();
    let fp = fingerprint(&all);
    assert_eq!(fp, PINNED, "generator output changed: {fp:#018x}");
}

// with the billing rendering (the other formats' bytes unchanged: see the committed sample)
const PINNED: u64 = 0x0473_7a62_f812_0cc0;

#[test]
fn bad_parameters_are_refused() {
    for p in [
        Params {
            months: 0,
            ..Params::default()
        },
        Params {
            months: 10_000,
            ..Params::default()
        },
        Params {
            customers: u32::MAX,
            ..Params::default()
        },
        Params {
            end: Month::new(9999, 1),
            ..Params::default()
        },
    ] {
        assert!(generate::build(&p).is_err(), "{p:?}");
    }
    // no customers is a valid, empty book
    let p = Params {
        customers: 0,
        ..Params::default()
    };
    assert!(generate::build(&p).unwrap().customers.is_empty());
}

fn is_guid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit() && !c.is_ascii_uppercase(),
        })
}

#[test]
fn the_default_book_looks_like_a_partner_book() {
    let book = generate::build(&Params::default()).unwrap();
    let m = book.months();
    assert_eq!(book.customers.len(), 2000);
    assert_eq!(book.start, Month::new(2023, 11));

    let mut ids = BTreeSet::new();
    let mut names = BTreeSet::new();
    for c in &book.customers {
        assert!(is_guid(&c.id), "{}", c.id);
        assert!(ids.insert(c.id.clone()));
        assert!(names.insert(c.name.to_lowercase()), "{}", c.name);
        for s in &c.subscriptions {
            assert!(is_guid(&s.id));
            assert!(ids.insert(s.id.clone()), "subscription ids are unique");
            assert!(s.end.is_none_or(|e| e > s.start), "never an empty interval");
            assert_eq!(s.sold.len(), (s.stop(m) - s.first()).max(0) as usize);
            assert_eq!(
                metrics::family::from_name(s.sku().name),
                s.sku().family,
                "{}",
                s.sku().name
            );
        }
    }

    // unknown country: about 2 %
    let unknown = book
        .customers
        .iter()
        .filter(|c| c.country.is_none())
        .count();
    assert!((20..=70).contains(&unknown), "{unknown}");
    // about forty countries, the US first
    let mut by_country: HashMap<&str, usize> = HashMap::new();
    for c in &book.customers {
        *by_country.entry(c.country.unwrap_or("??")).or_default() += 1;
    }
    assert!(by_country.len() >= 35, "{}", by_country.len());
    let top = by_country.iter().max_by_key(|x| x.1).unwrap();
    assert_eq!(*top.0, "US");

    // monthly customer churn between 1 and 2.5 % on average, some returning customers
    let is_customer = |c: &generate::Customer, i: i32| c.subscriptions.iter().any(|s| s.active(i));
    let (mut churned, mut base, mut returning) = (0usize, 0usize, 0usize);
    for i in 1..m {
        for c in &book.customers {
            let (before, now) = (is_customer(c, i - 1), is_customer(c, i));
            if before {
                base += 1;
                if !now {
                    churned += 1;
                }
            } else if now && (0..i - 1).any(|k| is_customer(c, k)) {
                returning += 1;
            }
        }
    }
    let churn_ppm = churned * 1_000_000 / base;
    assert!((10_000..=25_000).contains(&churn_ppm), "{churn_ppm} ppm");
    assert!(returning >= 20, "{returning}");
    // customers present when the window opens, and acquisitions spread over the window
    let at_start = book.customers.iter().filter(|c| is_customer(c, 0)).count();
    assert!((400..=800).contains(&at_start), "{at_start}");
    let at_end = book
        .customers
        .iter()
        .filter(|c| is_customer(c, m - 1))
        .count();
    assert!(at_end > at_start, "{at_end} <= {at_start}");

    // every family sold; customers adding products after their first month
    let families: BTreeSet<&str> = book
        .customers
        .iter()
        .flat_map(|c| c.subscriptions.iter().map(|s| s.sku().family))
        .collect();
    assert_eq!(
        families.len(),
        catalog::SKUS
            .iter()
            .map(|s| s.family)
            .collect::<BTreeSet<_>>()
            .len()
    );
    let added_later = book
        .customers
        .iter()
        .filter(|c| {
            let first = c.subscriptions.iter().map(|s| s.start).min().unwrap_or(0);
            c.subscriptions.iter().any(|s| s.start > first)
        })
        .count();
    assert!(added_later >= 100, "{added_later}");

    // deployment mostly 40-100 %, some low adoption, a few above 100 %
    let (mut low, mut over, mut normal) = (0, 0, 0);
    for c in &book.customers {
        let (sold, assigned) = c
            .subscriptions
            .iter()
            .map(|s| s.seats(m - 1))
            .fold((0, 0), |a, x| (a.0 + x.0, a.1 + x.1));
        if sold == 0 {
            continue;
        }
        let pct = assigned * 100 / sold;
        match pct {
            0..=39 => low += 1,
            40..=100 => normal += 1,
            _ => over += 1,
        }
    }
    assert!(normal > 5 * low, "{normal} {low}");
    assert!(low > 20, "{low}");
    assert!(over >= 1, "{over}");
    // workload usage: active mostly below entitled, a few above (trials)
    let (mut under, mut above) = (0, 0);
    for c in &book.customers {
        for w in &c.usage {
            for (a, e) in w.months.iter().flatten() {
                if a > e {
                    above += 1;
                } else {
                    under += 1;
                }
            }
        }
    }
    assert!(above > 0 && above * 20 < under, "{above} {under}");
}
