//! Engine benchmarks: loading Insights JSON (MB/s) and recomputing the report after load (a new
//! range or filter), on generated books of 2k, 10k and 50k customers over 30 months.
//!
//! `cargo bench -p pi-metrics --bench engine` (set `PI_BENCH_SIZES=2000,10000` to choose sizes).
//! Figures are recorded in BENCHMARKS.md; no test asserts a timing.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use metrics::generate::{generate, Format, Params};
use metrics::{load, report, Dim, Input, Month, Query};
use std::hint::black_box;
use std::time::Duration;

fn sizes() -> Vec<u32> {
    std::env::var("PI_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![2_000, 10_000, 50_000])
}

fn params(customers: u32) -> Params {
    Params {
        customers,
        months: 30,
        seed: 7,
        ..Params::default()
    }
}

fn inputs(files: &[(String, Vec<u8>)]) -> Vec<Input<'_>> {
    files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect()
}

fn bench_load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load_insights_json");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    // 50k customers of Insights JSON is several GB: loading is measured up to 10k here and by
    // `insights report` timings beyond (BENCHMARKS.md).
    for n in sizes().into_iter().filter(|n| *n <= 10_000) {
        let Ok(files) = generate(&params(n), Format::InsightsJson) else {
            continue;
        };
        let bytes: usize = files.iter().map(|f| f.1.len()).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &files, |b, files| {
            b.iter(|| black_box(load(&inputs(files))))
        });
    }
    g.finish();
}

fn bench_report(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(20);
    for n in sizes() {
        let Ok(files) = generate(&params(n), Format::Bundle) else {
            continue;
        };
        let ds = load(&inputs(&files)).dataset;
        let default = Query::default();
        let mut filtered = Query {
            from: Some(Month::new(2025, 1)),
            to: Some(Month::new(2025, 12)),
            ..Query::default()
        };
        filtered
            .filters
            .insert(Dim::Product, vec!["Microsoft 365".into(), "Azure".into()]);
        filtered
            .filters
            .insert(Dim::Country, vec!["US".into(), "FR".into(), "DE".into()]);
        g.bench_with_input(BenchmarkId::new("default_range", n), &ds, |b, ds| {
            b.iter(|| black_box(report(ds, &default)))
        });
        g.bench_with_input(BenchmarkId::new("range_and_filters", n), &ds, |b, ds| {
            b.iter(|| black_box(report(ds, &filtered)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_load, bench_report);
criterion_main!(benches);
