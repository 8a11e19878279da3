//! A sparkline drawn with plotters on a canvas sized by `devicePixelRatio` (crisp on HiDPI
//! screens) and redrawn when its box changes size (ResizeObserver). Colours come from the CSS custom properties
//! `--pi-spark-line`, `--pi-spark-fill` and `--pi-spark-zero`, so a host can theme it.

use crate::charts::canvas::{css_color, dpr, use_size, use_visible};
use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;

/// The value range to plot: padded so a flat line sits in the middle and the stroke is not
/// clipped; `None` when there is nothing to draw.
pub fn domain(values: &[Option<i64>]) -> Option<(f64, f64)> {
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold(None, |acc: Option<(i64, i64)>, &v| match acc {
            None => Some((v, v)),
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
        })?;
    let (lo, hi) = (lo as f64, hi as f64);
    if lo == hi {
        let pad = (lo.abs() * 0.1).max(1.0);
        return Some((lo - pad, hi + pad));
    }
    let pad = (hi - lo) * 0.08;
    Some((lo - pad, hi + pad))
}

/// Runs of consecutive known values as `(index, value)` points (a null month breaks the line).
pub fn segments(values: &[Option<i64>]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut run = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push((i as f64, *v as f64)),
            None if !run.is_empty() => out.push(std::mem::take(&mut run)),
            None => {}
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Draws on `canvas` of `w` x `h` CSS pixels (the size its frame's observer reported: reading
/// the canvas's own size here would force a layout in the middle of the page's update).
fn draw(canvas: &HtmlCanvasElement, w: f64, h: f64, values: &[Option<i64>]) {
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let dpr = dpr();
    // resized only when the size changes (setting it dirties the layout), else cleared
    crate::charts::canvas::fit(canvas, (w * dpr).round() as u32, (h * dpr).round() as u32);
    let Some((lo, hi)) = domain(values) else {
        return;
    };
    let el: &web_sys::Element = canvas.unchecked_ref();
    let line = css_color(el, "--pi-spark-line", (37, 99, 235));
    let fill = css_color(el, "--pi-spark-fill", (37, 99, 235));
    let zero = css_color(el, "--pi-spark-zero", (203, 213, 225));
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let root = backend.into_drawing_area();
    let stroke = (2.0 * dpr).round().max(1.0) as u32;
    let pad = (3.0 * dpr).round() as u32;
    let x_max = (values.len().max(2) - 1) as f64;
    let Ok(mut chart) = ChartBuilder::on(&root)
        .margin(pad)
        .build_cartesian_2d(0f64..x_max, lo..hi)
    else {
        return;
    };
    if lo < 0.0 && hi > 0.0 {
        let _ = chart.draw_series(LineSeries::new(
            [(0.0, 0.0), (x_max, 0.0)],
            zero.stroke_width((dpr.round() as u32).max(1)),
        ));
    }
    let base = if lo < 0.0 && hi > 0.0 { 0.0 } else { lo };
    for seg in segments(values) {
        if seg.len() > 1 {
            let _ = chart.draw_series(
                AreaSeries::new(seg.iter().copied(), base, fill.mix(0.12))
                    .border_style(line.stroke_width(stroke)),
            );
        }
    }
    if let Some(&(x, y)) = segments(values).last().and_then(|s| s.last()) {
        let r = (3.0 * dpr).round() as i32;
        let _ = chart.draw_series(std::iter::once(Circle::new((x, y), r, line.filled())));
    }
    let _ = root.present();
}

#[component]
pub fn Sparkline(
    #[prop(into)] values: Signal<Vec<Option<i64>>>,
    #[prop(into)] label: Signal<String>,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let frame = NodeRef::<html::Div>::new();
    let size = use_size(frame);
    let visible = use_visible(frame);
    // Synchronises the canvas (outside the reactive world) with the values and its size (a
    // ResizeObserver, which also sees a change of layout that is not a window resize) and the
    // theme's colours.
    let repaint = use_context::<crate::state::Dashboard>().map(|d| d.repaint);
    Effect::new(move |_| {
        if let Some(r) = repaint {
            r.track();
        }
        let (w, h) = size.get();
        if !visible.get() {
            return;
        }
        let v = values.get();
        if let Some(c) = canvas.get() {
            draw(&c, w, h, &v);
        }
    });
    view! {
        <div class="pi-spark" node_ref=frame>
            <canvas class="pi-spark__canvas" node_ref=canvas role="img" aria-label=label></canvas>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_padded() {
        assert_eq!(domain(&[]), None);
        assert_eq!(domain(&[None, None]), None);
        assert_eq!(domain(&[Some(5), Some(5)]), Some((4.0, 6.0)));
        let (lo, hi) = domain(&[Some(0), Some(100), None]).unwrap();
        assert!(lo < 0.0 && hi > 100.0);
    }

    #[test]
    fn nulls_break_the_line() {
        let s = segments(&[Some(1), Some(2), None, Some(4), None]);
        assert_eq!(s, vec![vec![(0.0, 1.0), (1.0, 2.0)], vec![(3.0, 4.0)]]);
        assert!(segments(&[None]).is_empty());
    }
}
