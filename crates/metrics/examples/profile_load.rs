//! Loads generated Insights files many times, for a profiler:
//! `cargo run --release -p pi-metrics --example profile_load -- 2000 5 insights-json`
use metrics::generate::{generate, Format, Params};
use metrics::{load, Input};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let customers = args.next().and_then(|s| s.parse().ok()).unwrap_or(2_000);
    let runs: u32 = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    let format: Format = args
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or(Format::InsightsJson);
    let p = Params {
        customers,
        months: 30,
        seed: 7,
        ..Params::default()
    };
    let Ok(files) = generate(&p, format) else {
        return;
    };
    let inputs: Vec<Input> = files
        .iter()
        .map(|(n, b)| Input { name: n, bytes: b })
        .collect();
    let mb = files.iter().map(|f| f.1.len()).sum::<usize>() as f64 / 1e6;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(load(&inputs));
    }
    let s = t.elapsed().as_secs_f64() / f64::from(runs);
    println!("{mb:.1} MB in {:.1} ms: {:.0} MB/s", s * 1e3, mb / s);
}
