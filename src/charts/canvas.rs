//! Canvas glue shared by the charts: the device pixel ratio, colours read from CSS custom
//! properties, a size signal kept by a `ResizeObserver`, and the axes of a column chart drawn
//! with plotters on a canvas sized by `devicePixelRatio`.

use super::projection::{Bands, Linear};
use crate::format;
use leptos::html;
use leptos::prelude::*;
use metrics::Month;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, IntersectionObserver, IntersectionObserverEntry, ResizeObserver};

/// The window's `devicePixelRatio` (1 when unknown).
pub fn dpr() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|d| d.is_finite() && *d > 0.0)
        .unwrap_or(1.0)
}

/// Parses `#rgb` or `#rrggbb` (as CSS custom properties hold them).
pub fn parse_hex(s: &str) -> Option<(u8, u8, u8)> {
    let h = s.trim().strip_prefix('#')?;
    let nib = |i: usize| u8::from_str_radix(h.get(i..i + 1)?, 16).ok();
    let byte = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
    match h.len() {
        3 => Some((nib(0)? * 17, nib(1)? * 17, nib(2)? * 17)),
        6 => Some((byte(0)?, byte(2)?, byte(4)?)),
        _ => None,
    }
}

/// A colour from a CSS custom property (`#rgb` / `#rrggbb`) of `el`, else `fallback`.
///
/// Every `--pi-*` property is defined on the root element and changes only with the theme
/// (`data-theme` on `<html>`), so the values are kept until the theme changes
/// ([`forget_colours`]): reading a computed style after the page changed forces the browser to
/// recompute the page's style, once per chart redraw otherwise (2 ms of every range change).
pub fn css_color(el: &web_sys::Element, name: &str, fallback: (u8, u8, u8)) -> RGBColor {
    let known = COLOURS.with(|c| c.borrow().get(name).copied());
    let (r, g, b) = match known {
        Some(v) => v,
        None => {
            let read = web_sys::window()
                .and_then(|w| w.get_computed_style(el).ok().flatten())
                .and_then(|s| s.get_property_value(name).ok())
                .and_then(|v| parse_hex(&v));
            if let Some(v) = read {
                COLOURS.with(|c| c.borrow_mut().insert(name.to_string(), v));
            }
            read.unwrap_or(fallback)
        }
    };
    RGBColor(r, g, b)
}

/// Drops the colours kept by [`css_color`]: called whenever `data-theme` is set
/// (`theme::install`).
pub fn forget_colours() {
    COLOURS.with(|c| c.borrow_mut().clear());
}

thread_local! {
    /// The colours read so far under the theme shown, by property name. See [`css_color`].
    static COLOURS: RefCell<HashMap<String, (u8, u8, u8)>> = RefCell::default();
}

/// The CSS size of an element, kept up to date by a `ResizeObserver` (which also fires when a
/// hidden chart is shown again). Disconnected when the owner is cleaned up.
pub fn use_size(node: NodeRef<html::Div>) -> ReadSignal<(f64, f64)> {
    let size = RwSignal::new((0.0, 0.0));
    let observer = StoredValue::new_local(None::<(ResizeObserver, Closure<dyn FnMut()>)>);
    node.on_load(move |el| {
        let cb = Closure::<dyn FnMut()>::new({
            let el = el.clone();
            move || {
                let r = el.get_bounding_client_rect();
                let next = (r.width().floor(), r.height().floor());
                if size.get_untracked() != next {
                    size.set(next);
                }
            }
        });
        if let Ok(o) = ResizeObserver::new(cb.as_ref().unchecked_ref()) {
            o.observe(&el);
            observer.set_value(Some((o, cb)));
        }
    });
    on_cleanup(move || {
        observer.try_update_value(|o| {
            if let Some((o, _)) = o.take() {
                o.disconnect();
            }
        });
    });
    size.read_only()
}

/// Whether an element is on screen or near it (within `DRAW_AHEAD` of the viewport), kept by an
/// `IntersectionObserver`. Canvases redraw only while it holds: a change of range or filter
/// redraws the charts the partner sees within the frame, and a chart below the fold draws when
/// it scrolls into view. True until the observer first reports, when there is no observer, and
/// from the moment the page is about to print (every chart is then drawn). Disconnected when the
/// owner is cleaned up.
pub fn use_visible(node: NodeRef<html::Div>) -> ReadSignal<bool> {
    use_in_view(node, DRAW_AHEAD)
}

/// As [`use_visible`], with `margin` (CSS, as an `IntersectionObserver`'s root margin) around
/// the viewport instead of `DRAW_AHEAD`.
pub fn use_in_view(node: NodeRef<html::Div>, margin: &'static str) -> ReadSignal<bool> {
    let visible = RwSignal::new(true);
    type Held = (
        IntersectionObserver,
        Closure<dyn FnMut(js_sys::Array)>,
        Closure<dyn FnMut()>,
    );
    let held = StoredValue::new_local(None::<Held>);
    node.on_load(move |el| {
        let seen = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // the last entry is the element's newest state
            let Some(e) = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok())
            else {
                return;
            };
            let now = e.is_intersecting();
            if visible.get_untracked() != now {
                visible.set(now);
            }
        });
        let print = Closure::<dyn FnMut()>::new(move || {
            if !visible.get_untracked() {
                visible.set(true);
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(margin);
        if let Ok(o) = IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init)
        {
            o.observe(&el);
            if let Some(w) = web_sys::window() {
                let _ = w.add_event_listener_with_callback(
                    "beforeprint",
                    print.as_ref().unchecked_ref(),
                );
            }
            held.set_value(Some((o, seen, print)));
        }
    });
    on_cleanup(move || {
        held.try_update_value(|h| {
            if let Some((o, _, print)) = h.take() {
                o.disconnect();
                if let Some(w) = web_sys::window() {
                    let _ = w.remove_event_listener_with_callback(
                        "beforeprint",
                        print.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    });
    visible.read_only()
}

/// How far outside the viewport a canvas still counts as visible (CSS margin of
/// [`use_visible`]'s observer), so that a chart just below the fold is ready when scrolled to.
const DRAW_AHEAD: &str = "200px 0px";

/// The colours of a chart, read once per draw from the canvas's computed style.
pub struct Theme {
    el: web_sys::Element,
    pub grid: RGBColor,
    pub axis: RGBColor,
    pub label: RGBColor,
    pub surface: RGBColor,
}

impl Theme {
    pub fn of(canvas: &HtmlCanvasElement) -> Self {
        let el: web_sys::Element = canvas.clone().unchecked_into();
        Theme {
            grid: css_color(&el, "--pi-chart-grid", (237, 241, 247)),
            axis: css_color(&el, "--pi-chart-axis", (148, 163, 184)),
            label: css_color(&el, "--pi-chart-label", (91, 102, 120)),
            surface: css_color(&el, "--pi-surface", (255, 255, 255)),
            el,
        }
    }

    pub fn color(&self, name: &str, fallback: (u8, u8, u8)) -> RGBColor {
        css_color(&self.el, name, fallback)
    }

    /// The colour of the `i`-th category (`--pi-cat-1` ... ; the palette repeats).
    pub fn category(&self, i: usize) -> RGBColor {
        let k = i % CATEGORY_FALLBACK.len();
        self.color(&format!("--pi-cat-{}", k + 1), CATEGORY_FALLBACK[k])
    }

    /// The colour of a grouped "Other".
    pub fn other(&self) -> RGBColor {
        self.color("--pi-chart-other", (148, 163, 184))
    }
}

/// The category palette when the CSS does not define it (same as style/sections.css).
const CATEGORY_FALLBACK: [(u8, u8, u8); super::group::PALETTE] = [
    (37, 99, 235),
    (14, 165, 164),
    (245, 158, 11),
    (139, 92, 246),
    (225, 29, 72),
    (22, 163, 74),
    (2, 132, 199),
    (161, 98, 7),
];

/// A canvas sized for drawing: CSS pixels `w` x `h` at ratio `dpr`. Draw in CSS pixels with
/// [`Surface::px`]; plotters draws in device pixels. [`Surface::present`] shows the picture.
pub struct Surface {
    pub root: DrawingArea<CanvasBackend, Shift>,
    pub dpr: f64,
    pub w: f64,
    pub h: f64,
    /// The canvas drawn on: a detached one for a [`Surface::new`], the page's for a
    /// [`Surface::direct`].
    drawn: HtmlCanvasElement,
    /// The page's canvas the picture is copied to, for a [`Surface::new`].
    shown: Option<HtmlCanvasElement>,
}

/// A canvas's 2D context.
pub fn context(canvas: &HtmlCanvasElement) -> Option<web_sys::CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
}

thread_local! {
    /// Detached canvases to draw on, one per backing-store size in use (see [`Surface::new`]).
    static SCRATCH: RefCell<Vec<HtmlCanvasElement>> = const { RefCell::new(Vec::new()) };
}

/// How many sizes of detached canvas are kept (each chart has one size until the window is
/// resized; the oldest size goes first).
const SCRATCH_KEPT: usize = 12;

/// A blank canvas outside the document of `w` x `h` device pixels.
fn scratch(w: u32, h: u32) -> Option<HtmlCanvasElement> {
    let kept = SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let i = s.iter().position(|c| c.width() == w && c.height() == h)?;
        // the most recently used last
        let c = s.remove(i);
        s.push(c.clone());
        Some(c)
    });
    if let Some(c) = kept {
        context(&c)?.clear_rect(0.0, 0.0, f64::from(w), f64::from(h));
        return Some(c);
    }
    let c: HtmlCanvasElement = web_sys::window()?
        .document()?
        .create_element("canvas")
        .ok()?
        .dyn_into()
        .ok()?;
    c.set_width(w);
    c.set_height(h);
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() >= SCRATCH_KEPT {
            s.remove(0);
        }
        s.push(c.clone());
    });
    Some(c)
}

/// Gives a canvas a blank backing store of `w` x `h` device pixels. The size is set only when it
/// changes (setting it dirties the page's layout, which the next size read then recomputes: one
/// forced layout per canvas and redraw); otherwise the canvas is cleared.
pub fn fit(canvas: &HtmlCanvasElement, w: u32, h: u32) {
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
        return;
    }
    match context(canvas) {
        Some(c) => c.clear_rect(0.0, 0.0, f64::from(w), f64::from(h)),
        // no 2d context to clear with: resetting the size clears the canvas
        None => canvas.set_width(w),
    }
}

impl Surface {
    /// Sizes the canvas backing store to its CSS box times `devicePixelRatio` (which clears it)
    /// and draws on a detached canvas of that size, copied onto the page's canvas by
    /// [`Surface::present`].
    ///
    /// Why not on the page's canvas: setting a font on a canvas in the document makes Chromium
    /// bring the page's style and layout up to date first. A chart that draws its labels while
    /// the report's update is still changing the page (other sections' text, the country grid's
    /// rows) forced a layout there (2.6–4.8 ms per change in traces), and the frame laid out the
    /// later changes once more. A detached canvas resolves its font on its own, and copying the
    /// picture (`drawImage`) needs no style.
    pub fn new(canvas: &HtmlCanvasElement, w: f64, h: f64) -> Option<Self> {
        let dpr = Surface::fit_to(canvas, w, h)?;
        let off = scratch(canvas.width(), canvas.height())?;
        let root = CanvasBackend::with_canvas_object(off.clone())?.into_drawing_area();
        Some(Surface {
            root,
            dpr,
            w,
            h,
            drawn: off,
            shown: Some(canvas.clone()),
        })
    }

    /// As [`Surface::new`], drawing on the page's canvas itself: for a picture that draws no text
    /// and also draws through the canvas's own context (the map's paths).
    pub fn direct(canvas: &HtmlCanvasElement, w: f64, h: f64) -> Option<Self> {
        let dpr = Surface::fit_to(canvas, w, h)?;
        let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
        Some(Surface {
            root,
            dpr,
            w,
            h,
            drawn: canvas.clone(),
            shown: None,
        })
    }

    /// Gives `canvas` a blank backing store of its CSS size `w` x `h` times `devicePixelRatio`;
    /// returns that ratio, or `None` for a canvas too small to draw on.
    fn fit_to(canvas: &HtmlCanvasElement, w: f64, h: f64) -> Option<f64> {
        if w < 10.0 || h < 10.0 {
            return None;
        }
        let dpr = dpr();
        fit(canvas, (w * dpr).round() as u32, (h * dpr).round() as u32);
        Some(dpr)
    }

    pub fn px(&self, x: f64, y: f64) -> (i32, i32) {
        ((x * self.dpr).round() as i32, (y * self.dpr).round() as i32)
    }

    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, style: ShapeStyle) {
        let _ = self
            .root
            .draw(&Rectangle::new([self.px(x0, y0), self.px(x1, y1)], style));
    }

    pub fn line(&self, points: &[(f64, f64)], color: RGBColor, width: f64) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| self.px(x, y)).collect();
        let w = (width * self.dpr).round().max(1.0) as u32;
        let _ = self
            .root
            .draw(&PathElement::new(pts, color.stroke_width(w)));
    }

    /// Horizontal stripes `gap` CSS pixels apart across each rectangle `(x0, top, x1, bottom)`,
    /// 1 CSS pixel wide, from 3 pixels below its top to 1 above its bottom: a hatch over a bar.
    /// Every stripe of every rectangle is one path, stroked once (a line per stripe through
    /// plotters would set the stroke's colour and width again for each).
    pub fn stripes(&self, rects: &[(f64, f64, f64, f64)], color: RGBColor, gap: f64) {
        let Some(ctx) = context(&self.drawn) else {
            return;
        };
        ctx.begin_path();
        for &(x0, top, x1, bottom) in rects {
            let (left, right) = (self.px(x0, 0.0).0, self.px(x1, 0.0).0);
            let mut y = top + 3.0;
            while y < bottom - 1.0 {
                // on whole device pixels, as plotters draws a path
                let py = f64::from(self.px(0.0, y).1);
                ctx.move_to(f64::from(left), py);
                ctx.line_to(f64::from(right), py);
                y += gap;
            }
        }
        let RGBColor(r, g, b) = color;
        ctx.set_stroke_style_str(&format!("rgb({r},{g},{b})"));
        ctx.set_line_width(self.dpr.round().max(1.0));
        ctx.stroke();
    }

    pub fn polygon(&self, points: &[(f64, f64)], color: RGBColor) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| self.px(x, y)).collect();
        let _ = self.root.draw(&Polygon::new(pts, color.filled()));
    }

    pub fn text(&self, s: &str, x: f64, y: f64, color: RGBColor, anchor: Pos) {
        self.text_sized(s, x, y, color, anchor, 11.5);
    }

    /// [`Surface::text`] at `size` CSS pixels.
    pub fn text_sized(&self, s: &str, x: f64, y: f64, color: RGBColor, anchor: Pos, size: f64) {
        let style = TextStyle::from(("sans-serif", size * self.dpr).into_font())
            .color(&color)
            .pos(anchor);
        let _ = self
            .root
            .draw(&Text::new(canvas_text(s), self.px(x, y), style));
    }

    /// Shows what was drawn on the page's canvas.
    pub fn present(&self) {
        let _ = self.root.present();
        if let Some(shown) = &self.shown {
            if let Some(ctx) = context(shown) {
                let _ = ctx.draw_image_with_html_canvas_element(&self.drawn, 0.0, 0.0);
            }
        }
    }
}

/// `s` as the canvas draws it: French digit groups are separated by a narrow no-break space
/// (U+202F, from `Intl`), which the canvas's sans-serif font may lack and draw as nothing
/// ("2000" for "2 000"); a no-break space (U+00A0), in every font, takes its place.
pub fn canvas_text(s: &str) -> String {
    s.replace('\u{202F}', "\u{A0}")
}

/// A short month label for an axis: `Mar 25`.
pub fn month_tick(m: Month) -> String {
    let long = format::month(m);
    match long.split_once(' ') {
        Some((name, year)) => format!("{name} {}", &year[year.len().saturating_sub(2)..]),
        None => long,
    }
}

/// Draws the grid, the y tick labels, the zero line and the month labels of a column chart
/// over `months` with y `ticks`; returns the bands and the y scale (in CSS pixels).
pub fn axes(s: &Surface, theme: &Theme, months: &[Month], ticks: &[f64]) -> (Bands, Linear) {
    let labels: Vec<String> = ticks.iter().map(|t| format::count(*t as i64)).collect();
    let widest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(1) as f64;
    let (left, right, top, bottom) = (widest * 7.0 + 14.0, 8.0, 10.0, 26.0);
    let (lo, hi) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let y = Linear::new((lo, hi), (s.h - bottom, top));
    let bands = Bands {
        n: months.len(),
        left,
        right: s.w - right,
    };
    for (t, label) in ticks.iter().zip(&labels) {
        let py = y.px(*t).round() + 0.5;
        let color = if *t == 0.0 { theme.axis } else { theme.grid };
        s.line(&[(left, py), (bands.right, py)], color, 1.0);
        s.text(
            label,
            left - 8.0,
            py,
            theme.label,
            Pos::new(HPos::Right, VPos::Center),
        );
    }
    // about one label per 56 px, always on a whole step of months
    let every = ((months.len() as f64 * 56.0) / (bands.right - left).max(1.0))
        .ceil()
        .max(1.0) as usize;
    for (i, m) in months.iter().enumerate() {
        if i % every == 0 {
            s.text(
                &month_tick(*m),
                bands.center(i),
                s.h - bottom + 8.0,
                theme.label,
                Pos::new(HPos::Center, VPos::Top),
            );
        }
    }
    (bands, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colours() {
        assert_eq!(parse_hex(" #2563eb"), Some((0x25, 0x63, 0xeb)));
        assert_eq!(parse_hex("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_hex("rgb(1,2,3)"), None);
        assert_eq!(parse_hex("#12345"), None);
    }

    #[test]
    fn french_digit_groups_keep_a_space_on_the_canvas() {
        assert_eq!(canvas_text("1\u{202F}545"), "1\u{A0}545");
        assert_eq!(canvas_text("12,5\u{A0}%"), "12,5\u{A0}%");
        assert_eq!(canvas_text("1,545"), "1,545");
    }
}
