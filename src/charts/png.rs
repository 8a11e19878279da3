//! "Download PNG" of a chart: the plot as drawn (at the screen's pixel ratio) on the card's
//! background, under the chart's title, saved through a temporary link. Nothing leaves the
//! browser: the image is a `data:` URL.

use super::canvas::{css_color, dpr};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlAnchorElement, HtmlCanvasElement};

/// The file name of a chart's image: `partner-insights-adds-churn.png` for `section-adds-churn`.
pub fn file_name(testid: &str) -> String {
    let chart = testid.strip_prefix("section-").unwrap_or(testid);
    let safe: String = chart
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("partner-insights-{safe}.png")
}

/// Title band height in CSS pixels.
const TITLE: f64 = 40.0;
const PAD: f64 = 16.0;

/// Composes the image of `plot` with `title` and starts the download; `false` when the browser
/// refused (no 2D context, a tainted canvas).
pub fn download(plot: &HtmlCanvasElement, title: &str, testid: &str) -> bool {
    compose(plot, title)
        .and_then(|c| c.to_data_url_with_type("image/png").ok())
        .is_some_and(|url| save(&url, &file_name(testid)))
}

fn compose(plot: &HtmlCanvasElement, title: &str) -> Option<HtmlCanvasElement> {
    let doc = web_sys::window()?.document()?;
    let ratio = dpr();
    let (pad, band) = (PAD * ratio, TITLE * ratio);
    let out: HtmlCanvasElement = doc.create_element("canvas").ok()?.dyn_into().ok()?;
    let (w, h) = (f64::from(plot.width()), f64::from(plot.height()));
    out.set_width((w + 2.0 * pad).round() as u32);
    out.set_height((h + band + pad).round() as u32);
    let ctx: CanvasRenderingContext2d = out.get_context("2d").ok()??.dyn_into().ok()?;
    let el: &web_sys::Element = plot.unchecked_ref();
    let surface = css_color(el, "--pi-surface", (255, 255, 255));
    let text = css_color(el, "--pi-text", (15, 23, 42));
    ctx.set_fill_style_str(&format!("rgb({},{},{})", surface.0, surface.1, surface.2));
    ctx.fill_rect(0.0, 0.0, f64::from(out.width()), f64::from(out.height()));
    ctx.set_fill_style_str(&format!("rgb({},{},{})", text.0, text.1, text.2));
    ctx.set_font(&format!("600 {}px sans-serif", (16.0 * ratio).round()));
    ctx.set_text_baseline("middle");
    // fill_text draws the title as pixels: it is never parsed as markup
    let _ = ctx.fill_text(title, pad, band / 2.0 + pad / 2.0);
    ctx.draw_image_with_html_canvas_element(plot, pad, band)
        .ok()?;
    Some(out)
}

fn save(url: &str, name: &str) -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return false;
    };
    a.set_href(url);
    a.set_download(name);
    a.click();
    true
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_name_the_chart() {
        assert_eq!(
            file_name("section-adds-churn"),
            "partner-insights-adds-churn.png"
        );
        assert_eq!(file_name("geo map"), "partner-insights-geo-map.png");
    }
}
