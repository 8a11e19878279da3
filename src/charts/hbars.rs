//! Horizontal bars drawn on a canvas: one row per category with its name on the left above the
//! bar and its value on the right, so every bar is named in words, not by colour alone. Names
//! too long for the width are shortened with an ellipsis (the table has them in full).

use super::canvas::{Surface, Theme};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, RGBColor};

/// One bar.
pub struct HBar {
    pub label: String,
    pub value: i64,
    /// Shown right of the value (`· 12.3%`), may be empty.
    pub note: String,
    pub color: RGBColor,
}

/// About how wide a character of the canvas font is, in CSS pixels.
const CHAR_W: f64 = 6.6;

/// `s` shortened to at most `max` characters, with an ellipsis when cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let keep = max.saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// The height of a row when `n` bars share the height `h` (at most 40 px).
pub fn row_height(h: f64, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        (h / n as f64).min(40.0)
    }
}

/// The bar under `(x, y)` when `n` bars are drawn in the box by [`draw`].
pub fn row_at((x0, y0, x1, y1): (f64, f64, f64, f64), n: usize, x: f64, y: f64) -> Option<usize> {
    let row = row_height(y1 - y0, n);
    if row <= 0.0 || !(x0..=x1).contains(&x) || !(y0..y1.max(y0)).contains(&y) {
        return None;
    }
    let i = ((y - y0) / row).floor() as usize;
    (i < n).then_some(i)
}

/// Draws `bars` in the box `(x0, y0)`–`(x1, y1)`, scaled to the largest value; rows are at most
/// 40 px high and start at the top.
pub fn draw(s: &Surface, theme: &Theme, (x0, y0, x1, y1): (f64, f64, f64, f64), bars: &[HBar]) {
    if bars.is_empty() || x1 - x0 < 20.0 {
        return;
    }
    let row = row_height(y1 - y0, bars.len());
    let bar_h = (row * 0.3).clamp(4.0, 10.0);
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let track = theme.color("--pi-bar-track", (237, 241, 247));
    let text = theme.color("--pi-text", (15, 23, 42));
    for (i, b) in bars.iter().enumerate() {
        let top = y0 + i as f64 * row;
        let bar_top = top + row - bar_h - 4.0;
        let text_y = bar_top - 3.0;
        let value = if b.note.is_empty() {
            crate::format::count(b.value)
        } else {
            format!("{} · {}", crate::format::count(b.value), b.note)
        };
        let value_w = value.chars().count() as f64 * CHAR_W;
        let room = ((x1 - x0 - value_w - 12.0) / CHAR_W).max(3.0) as usize;
        s.text(
            &fit(&b.label, room),
            x0,
            text_y,
            text,
            Pos::new(HPos::Left, VPos::Bottom),
        );
        s.text(
            &value,
            x1,
            text_y,
            theme.label,
            Pos::new(HPos::Right, VPos::Bottom),
        );
        s.rect(x0, bar_top, x1, bar_top + bar_h, track.filled());
        let w = (x1 - x0) * (b.value.max(0) as f64 / max);
        if w > 0.0 {
            s.rect(
                x0,
                bar_top,
                x0 + w.max(2.0),
                bar_top + bar_h,
                b.color.filled(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_find_the_row_drawn_there() {
        let b = (0.0, 0.0, 100.0, 400.0);
        // three rows of 40 px from the top
        assert_eq!(row_at(b, 3, 50.0, 0.0), Some(0));
        assert_eq!(row_at(b, 3, 50.0, 79.0), Some(1));
        assert_eq!(row_at(b, 3, 50.0, 119.0), Some(2));
        assert_eq!(row_at(b, 3, 50.0, 121.0), None);
        assert_eq!(row_at(b, 3, 150.0, 10.0), None);
        assert_eq!(row_at(b, 3, 50.0, f64::NAN), None);
        assert_eq!(row_at(b, 0, 50.0, 10.0), None);
        // twenty rows share the height
        assert_eq!(row_at(b, 20, 50.0, 399.0), Some(19));
    }

    #[test]
    fn long_names_are_cut_with_an_ellipsis() {
        assert_eq!(fit("Microsoft 365", 20), "Microsoft 365");
        assert_eq!(fit("Microsoft 365 Business Premium", 10), "Microsoft…");
        assert_eq!(fit("Zürich-Größe", 5), "Züri…");
        assert_eq!(fit("abc", 0), "…");
    }
}
