//! The cost of one mouse-move hit test on a 1200 × 600 canvas (world view), and of decoding the
//! asset and drawing paths. Run: cargo bench -p pi-worldmap --bench hit
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use worldmap::World;

const ASSET: &[u8] = include_bytes!("../../../data/world.json");

fn bench(c: &mut Criterion) {
    let world = World::decode(ASSET).expect("asset decodes");
    let view = world.world_viewport(1200.0, 600.0, 8.0);
    let paris = view.project(2.35, 48.86);
    let moscow = view.project(37.6, 55.75);
    let atlantic = view.project(-40.0, 30.0);
    // A 40 × 20 grid of pixels over the whole canvas: land and sea in map proportion.
    let grid: Vec<(f64, f64)> = (0..20)
        .flat_map(|j| (0..40).map(move |i| (15.0 + 30.0 * i as f64, 15.0 + 30.0 * j as f64)))
        .collect();

    c.bench_function("hit/paris", |b| {
        b.iter(|| world.code_at_pixel(&view, black_box(paris.0), black_box(paris.1)))
    });
    c.bench_function("hit/moscow (Russia: 446-point ring)", |b| {
        b.iter(|| world.code_at_pixel(&view, black_box(moscow.0), black_box(moscow.1)))
    });
    c.bench_function("hit/mid-atlantic (miss)", |b| {
        b.iter(|| world.code_at_pixel(&view, black_box(atlantic.0), black_box(atlantic.1)))
    });
    c.bench_function("hit/grid of 800 pixels", |b| {
        b.iter(|| {
            grid.iter()
                .filter(|&&(x, y)| {
                    world
                        .code_at_pixel(&view, black_box(x), black_box(y))
                        .is_some()
                })
                .count()
        })
    });
    c.bench_function("decode data/world.json", |b| {
        b.iter(|| World::decode(black_box(ASSET)))
    });
    c.bench_function("pixel paths, world view", |b| {
        b.iter(|| {
            world
                .paint_order()
                .map(|c| c.pixel_rings(&view).len())
                .sum::<usize>()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
