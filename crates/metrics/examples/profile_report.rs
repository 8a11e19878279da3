//! Runs the report many times on a generated book, for a profiler:
//! `cargo run --release -p pi-metrics --example profile_report -- 10000 50`
use metrics::generate::{generate, Format, Params};
use metrics::{load, report, report_with, Input, Query};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let customers = args.next().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let runs: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(50);
    let p = Params {
        customers,
        months: 30,
        seed: 7,
        ..Params::default()
    };
    let Ok(files) = generate(&p, Format::Bundle) else {
        return;
    };
    let inputs: Vec<Input> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    let ds = load(&inputs).dataset;
    println!(
        "facts {} usage {} customers {}",
        ds.activity.len(),
        ds.usage.len(),
        ds.customers.len()
    );
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(report(&ds, &Query::default()));
    }
    println!(
        "{:.2} ms per report",
        t.elapsed().as_secs_f64() * 1e3 / f64::from(runs)
    );
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(report_with(&ds, &Query::default(), false));
    }
    println!(
        "{:.2} ms per report without adoption (the customers view's)",
        t.elapsed().as_secs_f64() * 1e3 / f64::from(runs)
    );
}
