//! The world map: countries filled by colour class of the chosen metric on a HiDPI canvas
//! (plotters), a tooltip on hover, a click selects a country (zoom to its main territory), a
//! home button restores the world view, and an HTML legend of the classes.

use super::present::{self, Metric, Scale, CLASSES};
use super::section::GeoData;
use crate::charts::canvas::{context, dpr, use_size, use_visible, Surface, Theme};
use crate::charts::frame::tip_card;
use crate::state::Dashboard;
use leptos::html;
use leptos::prelude::*;
use plotters::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use web_sys::{HtmlCanvasElement, Path2d};
use worldmap::{Viewport, World};

/// Padding around the world view and around a zoomed country, in CSS pixels.
const WORLD_PAD: f64 = 8.0;
const ZOOM_PAD: f64 = 40.0;

/// The view drawn last (device pixels) and its pixel ratio, for hit testing.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Drawn {
    view: Viewport,
    dpr: f64,
    /// Whether the view is zoomed to a country (else the world).
    zoomed: bool,
}

/// The shading of the map: the scale of the chosen metric over the countries with a code.
fn scale_of(d: &GeoData, m: Metric) -> Scale {
    Scale::of(
        d.rows
            .iter()
            .filter(|r| r.country.is_some())
            .filter_map(|r| m.value(r)),
    )
}

/// Each country's shade of `m` on the scale `s` (1..=CLASSES), by code; countries without a value
/// (and the unknown-country row) are left out.
fn shades_of(d: &GeoData, s: &Scale, m: Metric) -> BTreeMap<String, usize> {
    d.rows
        .iter()
        .filter_map(|r| {
            let k = s.class_of(m.value(r))?;
            Some((r.country.clone()?, s.shade(k)))
        })
        .collect()
}

#[component]
#[allow(clippy::too_many_arguments)]
pub fn GeoMap(
    #[prop(into)] world: Signal<Option<Arc<World>>>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(into)] data: Signal<GeoData>,
    #[prop(into)] metric: Signal<Metric>,
    #[prop(into)] selected: Signal<Option<String>>,
    /// The countries the page is filtered by.
    #[prop(into)]
    filtered_by: Signal<Vec<String>>,
    on_select: Callback<Option<String>>,
    on_filter: Callback<String>,
) -> impl IntoView {
    let dash = expect_context::<Dashboard>();
    let canvas = NodeRef::<html::Canvas>::new();
    let plot = NodeRef::<html::Div>::new();
    let size = use_size(plot);
    let visible = use_visible(plot);
    // the countries' outlines as canvas paths for the view drawn last
    let paths = StoredValue::new_local(None::<Paths>);
    let overlay = NodeRef::<html::Canvas>::new();
    // the country under the pointer and the pointer in CSS pixels of the plot
    let hover = RwSignal::new(None::<(String, f64, f64)>);
    let hover_code = Memo::new(move |_| hover.with(|h| h.as_ref().map(|h| h.0.clone())));
    let scale = Memo::new(move |_| data.with(|d| scale_of(d, metric.get())));
    // each country's shade (1..=CLASSES; a country not listed has no value): all the map draws
    // of the data, so a report that keeps every shade (a later start of the range keeps the
    // current customers) does not redraw it
    let shades = Memo::new(move |_| {
        let m = metric.get();
        scale.with(|s| data.with(|d| shades_of(d, s, m)))
    });
    // the view: pure maths of the size, the pixel ratio and the selection, shared by the two
    // canvases and the hit test
    let drawn = Memo::new(move |_| {
        let (w, h) = size.get();
        let ratio = dpr();
        let sel = selected.get();
        world.with(|wd| view_of(wd.as_deref()?, sel.as_deref(), w, h, ratio))
    });

    // the map itself: redrawn when the shades, the selection or the size change (while on
    // screen; off screen when scrolled into view)
    Effect::new(move |_| {
        // the theme's colours are read when drawing
        dash.repaint.track();
        let (w, h) = size.get();
        if !visible.get() {
            return;
        }
        let (Some(world), Some(c), Some(d)) = (world.get(), canvas.get(), drawn.get()) else {
            return;
        };
        let sel = selected.get();
        paths.update_value(|p| {
            if p.as_ref().is_none_or(|p| p.drawn != d) {
                *p = Some(Paths::of(&world, d));
            }
        });
        paths.with_value(|p| {
            let Some(p) = p else { return };
            shades.with(|sh| draw(&c, w, h, &world, p, sh, sel.as_deref()));
        });
    });
    // the hovered country's outline on a canvas of its own, so hovering never redraws the map
    Effect::new(move |_| {
        let (w, h) = size.get();
        let (Some(world), Some(c), Some(d)) = (world.get(), overlay.get(), drawn.get()) else {
            return;
        };
        let code = hover_code.get();
        draw_hover(&c, w, h, &world, code.as_deref(), d);
    });

    let hit = move |x: f64, y: f64| -> Option<String> {
        let d = drawn.get_untracked()?;
        world.with_untracked(|w| {
            w.as_ref()?
                .code_at_pixel(&d.view, x * d.dpr, y * d.dpr)
                .map(str::to_string)
        })
    };
    let local = move |ev: &web_sys::MouseEvent| -> Option<(f64, f64)> {
        let c: HtmlCanvasElement = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        Some((
            f64::from(ev.client_x()) - r.left(),
            f64::from(ev.client_y()) - r.top(),
        ))
    };
    let on_move = move |ev: leptos::ev::PointerEvent| {
        let Some((x, y)) = local(&ev) else { return };
        match hit(x, y) {
            Some(code) => hover.set(Some((code, x, y))),
            None if hover.with_untracked(Option::is_some) => hover.set(None),
            None => {}
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if let Some(code) = local(&ev).and_then(|(x, y)| hit(x, y)) {
            on_select.run(Some(code));
        }
    };

    let tip = Memo::new(move |_| {
        let code = hover_code.get()?;
        let name = present::country_name(Some(&code));
        Some(data.with(|d| present::tip(name, d.row(&code))))
    });
    let tip_view = move || {
        let t = tip.get()?;
        let (_, x, y) = hover.get()?;
        let (w, _) = size.get();
        Some(tip_card(t, x, Some(y), x > w * 0.5))
    };

    let selection = move || {
        let code = selected.get()?;
        let name = present::country_name(Some(&code));
        let on_map = world.with(|w| w.as_ref().map(|w| w.country(&code).is_some()));
        let row = data.with(|d| d.row(&code).cloned());
        let figure = match &row {
            Some(r) => {
                let (value, share) = present::cell(Metric::Customers, r);
                crate::tr!(geo.figure, value, share).to_string()
            }
            None => crate::tr!(geo.no_customers).to_string(),
        };
        let note = (on_map == Some(false)).then_some(crate::tr!(geo.not_drawn));
        let filtered = filtered_by.with(|f| f.iter().any(|v| v.eq_ignore_ascii_case(&code)));
        let offer = (row.is_some() && !filtered).then(|| {
            let label = crate::tr!(geo.filter_by, name = &name).to_string();
            let code = code.clone();
            view! {
                <button type="button" class="pi-button pi-button--quiet pi-geo__filter" data-testid="geo-filter" on:click=move |_| on_filter.run(code.clone())>
                    {label}
                </button>
            }
        });
        Some(view! {
            <p class="pi-geo__selected" aria-live="polite">
                <strong>{name}</strong>
                <span class="pi-muted">{figure}</span>
                {note.map(|n| view! { <span class="pi-muted">{n}</span> })}
            </p>
            {offer}
        })
    };

    let legend = move || {
        let m = metric.get();
        let labels = scale.with(Scale::labels);
        let shades: Vec<usize> = scale.with(|s| (0..s.classes.len()).map(|k| s.shade(k)).collect());
        let off_map: Vec<String> = world.with(|w| {
            let Some(w) = w.as_ref() else { return vec![] };
            data.with(|d| {
                d.rows
                    .iter()
                    .zip(&d.names)
                    .filter(|(r, _)| m.value(r).is_some_and(|v| v > 0))
                    .filter(|(r, _)| r.country.as_deref().is_some_and(|c| w.country(c).is_none()))
                    .map(|(_, n)| n.clone())
                    .collect()
            })
        });
        view! {
            <div class="pi-geo__legend" role="list" aria-label=crate::tr!(geo.legend, what = m.words()).to_string()>
                <span class="pi-geo__legend-title" role="listitem">{m.title()}</span>
                {labels
                    .into_iter()
                    .zip(shades)
                    .map(|(l, s)| {
                        view! {
                            <span class="pi-geo__key" role="listitem">
                                <span class=format!("pi-geo__swatch pi-geo__swatch--{s}") aria-hidden="true"></span>
                                {l}
                            </span>
                        }
                    })
                    .collect_view()}
                <span class="pi-geo__key" role="listitem">
                    <span class="pi-geo__swatch pi-geo__swatch--none" aria-hidden="true"></span>
                    {crate::tr!(geo.none_key)}
                </span>
            </div>
            // the note's line stays when no country is too small: a filter does not move
            // what is below the map
            <p class="pi-geo__note pi-muted">
                {(!off_map.is_empty())
                    .then(|| crate::tr!(geo.too_small, list = off_map.join(", ")).to_string())}
            </p>
        }
    };

    view! {
        <div class="pi-geo__map">
            <div class="pi-geo__toolbar">
                <div class="pi-geo__status">
                    {move || {
                        selection()
                            .map(|v| v.into_any())
                            .unwrap_or_else(|| {
                                view! {
                                    <p class="pi-geo__hint pi-muted">
                                        {crate::tr!(geo.select_hint)}
                                    </p>
                                }
                                    .into_any()
                            })
                    }}
                </div>
                <button
                    type="button"
                    class="pi-button pi-button--quiet pi-geo__home"
                    data-testid="geo-home"
                    disabled=move || selected.with(Option::is_none)
                    on:click=move |_| on_select.run(None)
                >
                    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
                        <path d="M2 7.5 8 2l6 5.5M3.5 6.5V14h3.5v-4h2v4h3.5V6.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"></path>
                    </svg>
                    {crate::tr!(geo.world_view)}
                </button>
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="pi-chart__empty pi-muted">
                    {move || {
                        let why = error.get().unwrap_or_default();
                        crate::tr!(geo.map_error, why).to_string()
                    }}
                </p>
            </Show>
            <div
                class="pi-geo__plot"
                class:pi-geo__plot--hit=move || hover.with(Option::is_some)
                class:pi-geo__plot--tip-up=move || {
                    let (_, h) = size.get();
                    hover.with(|p| p.as_ref().is_some_and(|p| p.2 > h * 0.5))
                }
                class:pi-hidden=move || error.with(Option::is_some)
                node_ref=plot
                on:pointermove=on_move
                on:pointerleave=move |_| hover.set(None)
                on:click=on_click
            >
                <canvas
                    class="pi-chart__canvas"
                    node_ref=canvas
                    role="img"
                    aria-label=move || {
                        let zoomed = selected
                            .get()
                            .filter(|c| world.with(|w| w.as_ref().is_some_and(|w| w.country(c).is_some())));
                        let words = metric.get().words();
                        match zoomed {
                            Some(c) => {
                                let name = present::country_name(Some(&c));
                                crate::tr!(geo.map_zoomed, what = words, name).to_string()
                            }
                            None => {
                                crate::tr!(geo.map_world, what = words).to_string()
                            }
                        }
                    }
                    aria-describedby="geo-summary"
                ></canvas>
                <canvas class="pi-geo__overlay" node_ref=overlay aria-hidden="true"></canvas>
                {tip_view}
            </div>
            {legend}
        </div>
    }
}

/// The view of the map on a canvas of `w` x `h` CSS pixels at pixel ratio `ratio`: the selected
/// country framed with padding, else the world. `None` before the canvas has a size.
fn view_of(world: &World, sel: Option<&str>, w: f64, h: f64, ratio: f64) -> Option<Drawn> {
    if w < 10.0 || h < 10.0 {
        return None;
    }
    let (vw, vh) = (w * ratio, h * ratio);
    let zoomed = sel.and_then(|c| world.country_viewport(c, vw, vh, ZOOM_PAD * ratio));
    Some(Drawn {
        view: zoomed.unwrap_or_else(|| world.world_viewport(vw, vh, WORLD_PAD * ratio)),
        dpr: ratio,
        zoomed: zoomed.is_some(),
    })
}

/// The countries of one view as canvas paths (device pixels), built once per view so that a new
/// report only refills them: one fill per country and one stroke for every border, instead of a
/// canvas call per point.
struct Paths {
    drawn: Drawn,
    /// In paint order: each country's code and its filled rings (holes left out).
    fills: Vec<(String, Path2d)>,
    /// Every ring of every country, stroked once as the borders.
    borders: Option<Path2d>,
}

/// Appends `points` as a closed SVG subpath (`M x y L x y ... Z`).
fn subpath(out: &mut String, points: &[(i32, i32)]) {
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(out, "{}{x} {y}", if i == 0 { 'M' } else { 'L' });
    }
    out.push('Z');
}

impl Paths {
    fn of(world: &World, drawn: Drawn) -> Paths {
        let mut all = String::new();
        let fills = world
            .paint_order()
            .filter_map(|c| {
                let rings = c.pixel_rings(&drawn.view);
                let mut filled = String::new();
                for r in &rings {
                    subpath(&mut all, &r.points);
                    if !r.hole {
                        subpath(&mut filled, &r.points);
                    }
                }
                if filled.is_empty() {
                    return None;
                }
                let path = Path2d::new_with_path_string(&filled).ok()?;
                Some((c.code().to_string(), path))
            })
            .collect();
        Paths {
            drawn,
            fills,
            borders: Path2d::new_with_path_string(&all).ok(),
        }
    }
}

/// A CSS colour for the canvas's fill and stroke styles.
fn css(c: RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

/// A closed ring's outline with a halo in the surface colour under it, so it shows on the
/// darkest shade.
fn outline(s: &Surface, points: &[(i32, i32)], color: RGBColor, halo: RGBColor, css_px: f64) {
    let mut path = points.to_vec();
    if let Some(first) = points.first() {
        path.push(*first);
    }
    let px = |w: f64| ((w * s.dpr).round() as u32).max(1);
    let _ = s.root.draw(&PathElement::new(
        path.clone(),
        halo.stroke_width(px(css_px + 2.0)),
    ));
    let _ = s
        .root
        .draw(&PathElement::new(path, color.stroke_width(px(css_px))));
}

/// The overlay: only the hovered country's outline (cleared when nothing is hovered).
fn draw_hover(
    canvas: &HtmlCanvasElement,
    w: f64,
    h: f64,
    world: &World,
    code: Option<&str>,
    d: Drawn,
) {
    let Some(s) = Surface::direct(canvas, w, h) else {
        return;
    };
    if let Some(c) = code.and_then(|c| world.country(c)) {
        let theme = Theme::of(canvas);
        let color = theme.color("--pi-geo-hover", (245, 158, 11));
        for r in c.pixel_rings(&d.view) {
            outline(&s, &r.points, color, theme.surface, 1.5);
        }
    }
    s.present();
}

/// Draws the map in the view of `paths`: the sea, every country filled by its shade (`shades`,
/// by country code), the borders, and the selected country's outline.
fn draw(
    canvas: &HtmlCanvasElement,
    w: f64,
    h: f64,
    world: &World,
    paths: &Paths,
    shades: &BTreeMap<String, usize>,
    sel: Option<&str>,
) {
    let Some(s) = Surface::direct(canvas, w, h) else {
        return;
    };
    let Some(ctx) = context(canvas) else {
        return;
    };
    let theme = Theme::of(canvas);
    let d = paths.drawn;
    let view = d.view;
    let ramp: Vec<RGBColor> = (1..=CLASSES)
        .map(|i| theme.color(&format!("--pi-geo-{i}"), (37, 99, 235)))
        .collect();
    let none = theme.color("--pi-geo-none", (226, 232, 240));
    let ocean = theme.color("--pi-geo-ocean", (246, 249, 253));
    let border = theme.color("--pi-geo-border", (255, 255, 255));
    let sel_c = theme.color("--pi-geo-selected", (15, 23, 42));
    let width = |css: f64| ((css * s.dpr).round() as u32).max(1);

    if d.zoomed {
        // zoomed in: the sea everywhere (the canvas may reach beyond the pole)
        s.rect(0.0, 0.0, w, h, ocean.filled());
    } else {
        // the world: the globe's outline (the meridians ±180° from 60°S, below every country,
        // to the pole line)
        let mut outline: Vec<(i32, i32)> = Vec::with_capacity(152);
        for i in 0..=75 {
            let (x, y) = view.project(180.0, -60.0 + 2.0 * f64::from(i));
            outline.push((x.round() as i32, y.round() as i32));
        }
        for i in 0..=75 {
            let (x, y) = view.project(-180.0, 90.0 - 2.0 * f64::from(i));
            outline.push((x.round() as i32, y.round() as i32));
        }
        let _ = s.root.draw(&Polygon::new(outline, ocean.filled()));
    }

    // the fills in paint order (an enclave after the country around it), the fill style set
    // only when the colour changes; then every border in one stroke
    // (each colour written as CSS once, not at every change of colour)
    let ramp_css: Vec<String> = ramp.iter().map(|c| css(*c)).collect();
    let none_css = css(none);
    let mut current = None;
    for (code, path) in &paths.fills {
        let fill = shades
            .get(code)
            .and_then(|k| ramp_css.get(k.checked_sub(1)?))
            .unwrap_or(&none_css);
        if current != Some(fill) {
            ctx.set_fill_style_str(fill);
            current = Some(fill);
        }
        ctx.fill_with_path_2d(path);
    }
    if let Some(b) = &paths.borders {
        ctx.set_stroke_style_str(&css(border));
        ctx.set_line_width(f64::from(width(0.6)));
        ctx.set_line_join("round");
        ctx.stroke_with_path(b);
    }
    if let Some(c) = sel.and_then(|c| world.country(c)) {
        for r in c.pixel_rings(&view) {
            outline(&s, &r.points, sel_c, theme.surface, 2.0);
        }
    }
    s.present();
}

#[cfg(test)]
mod tests {
    use super::*;
    use metrics::report::GeoRow;

    fn world() -> World {
        World::decode(include_bytes!("../../data/world.json")).expect("the committed asset decodes")
    }

    #[test]
    fn the_view_zooms_to_a_selected_country_on_the_map_else_shows_the_world() {
        let w = world();
        let (cw, ch, ratio) = (600.0, 300.0, 2.0);
        let fr = view_of(&w, Some("FR"), cw, ch, ratio).expect("a sized canvas has a view");
        assert!(fr.zoomed);
        assert_eq!(fr.dpr, ratio);
        // Paris is on the canvas (device pixels) and the hit test finds France there
        let (px, py) = fr.view.project(2.35, 48.86);
        assert!((0.0..cw * ratio).contains(&px) && (0.0..ch * ratio).contains(&py));
        assert_eq!(w.code_at_pixel(&fr.view, px, py), Some("FR"));
        // framed with the padding: the frame's corners are at least ZOOM_PAD CSS px inside
        let frame = w.country("FR").expect("France is on the map").frame();
        let (x0, y0) = fr
            .view
            .to_pixel(worldmap::Point::new(frame.min_x, frame.max_y));
        let (x1, y1) = fr
            .view
            .to_pixel(worldmap::Point::new(frame.max_x, frame.min_y));
        let pad = ZOOM_PAD * ratio - 0.5;
        assert!(x0 >= pad && y0 >= pad && x1 <= cw * ratio - pad && y1 <= ch * ratio - pad);
        // Rio de Janeiro is off a zoom to France
        let (rx, ry) = fr.view.project(-43.2, -22.9);
        assert!(!((0.0..cw * ratio).contains(&rx) && (0.0..ch * ratio).contains(&ry)));

        let home = view_of(&w, None, cw, ch, ratio).expect("a sized canvas has a view");
        assert!(!home.zoomed);
        assert_eq!(
            home.view,
            w.world_viewport(cw * ratio, ch * ratio, WORLD_PAD * ratio)
        );
        // a country too small for the map (Singapore) keeps the world view
        assert_eq!(view_of(&w, Some("SG"), cw, ch, ratio), Some(home));
        // no size yet: nothing to draw or hit
        assert_eq!(view_of(&w, Some("FR"), 0.0, 300.0, ratio), None);
    }

    #[test]
    fn the_scale_ignores_the_unknown_country_row() {
        let row = |c: Option<&str>, n: i64| GeoRow {
            country: c.map(str::to_string),
            customers: n,
            customers_pct: None,
            active: None,
            active_pct: None,
            new: n,
            new_pct: None,
        };
        let d = GeoData::of(&[row(Some("FR"), 5), row(None, 900), row(Some("DE"), 40)]);
        let s = scale_of(&d, Metric::Customers);
        assert_eq!(s.classes.first().map(|c| c.0), Some(5));
        assert_eq!(s.classes.last().map(|c| c.1), Some(40));
        assert!(scale_of(&d, Metric::Active).classes.is_empty());
    }

    #[test]
    fn shades_are_what_the_map_fills_and_change_only_with_the_drawn_metric() {
        let row = |c: Option<&str>, customers: i64, new: i64| GeoRow {
            country: c.map(str::to_string),
            customers,
            customers_pct: None,
            active: None,
            active_pct: None,
            new,
            new_pct: None,
        };
        let at = |new: i64| {
            GeoData::of(&[
                row(Some("FR"), 5, new),
                row(None, 900, 3),
                row(Some("DE"), 40, 4),
                row(Some("US"), 0, 0),
            ])
        };
        let (a, b) = (at(2), at(7));
        let shades = |d: &GeoData, m| shades_of(d, &scale_of(d, m), m);
        let s = shades(&a, Metric::Customers);
        // the unknown-country row is never a shade; a country with 0 customers is the "none" fill
        assert_eq!(
            s.keys().map(String::as_str).collect::<Vec<_>>(),
            ["DE", "FR"]
        );
        assert!(s["DE"] > s["FR"] && s["FR"] >= 1);
        assert!(s.values().all(|&k| (1..=CLASSES).contains(&k)));
        // new customers changed, the customers map did not: the same shades (no redraw)
        assert_eq!(shades(&b, Metric::Customers), s);
        assert_ne!(shades(&b, Metric::New), shades(&a, Metric::New));
    }
}
