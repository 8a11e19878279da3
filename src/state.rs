//! Page state shared by the components: a small `Copy` struct of signals, provided by context.

use leptos::prelude::*;
use metrics::{Filters, Month, Query};

/// What the user chose. `None` means "the engine's default" (the last 12 months).
#[derive(Clone, Copy)]
pub struct Dashboard {
    pub from: RwSignal<Option<Month>>,
    pub to: RwSignal<Option<Month>>,
    /// The page-level filters (spec/page.md: `country`, `market`, ... one parameter per
    /// dimension); they apply to every section.
    pub filters: RwSignal<Filters>,
    /// Bumped when the colours change (the theme), so canvases redraw: they read the colour
    /// tokens when they draw. (Size changes reach each canvas through its ResizeObserver.)
    pub repaint: RwSignal<u32>,
    /// The theme chosen (`theme` URL parameter, `pi:set-theme`, the header's switch).
    pub theme: RwSignal<crate::theme::Choice>,
    /// The view shown (`view` URL parameter).
    pub view: RwSignal<View>,
    /// Adoption opportunities: deployment % and usage % below these (default 50).
    pub deployment_threshold: RwSignal<f64>,
    pub usage_threshold: RwSignal<f64>,
}

/// The page's views (spec/page.md, `view`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Customers,
    Adoption,
}

impl Dashboard {
    pub fn new(from: Option<Month>, to: Option<Month>) -> Self {
        Dashboard {
            from: RwSignal::new(from),
            to: RwSignal::new(to),
            filters: RwSignal::new(Filters::new()),
            repaint: RwSignal::new(0),
            theme: RwSignal::new(crate::theme::Choice::default()),
            view: RwSignal::new(View::default()),
            deployment_threshold: RwSignal::new(50.0),
            usage_threshold: RwSignal::new(50.0),
        }
    }

    /// The engine query for the current choices (reactive).
    pub fn query(&self) -> Query {
        Query {
            from: self.from.get(),
            to: self.to.get(),
            filters: self.filters.get(),
            deployment_threshold: self.deployment_threshold.get(),
            usage_threshold: self.usage_threshold.get(),
            ..Query::default()
        }
    }

    /// Sets the range, ordering the two ends so that `from <= to`.
    pub fn set_range(&self, a: Month, b: Month) {
        let (a, b) = ordered(a, b);
        self.from.set(Some(a));
        self.to.set(Some(b));
    }
}

/// Swaps the ends of a range when they are reversed.
pub fn ordered(a: Month, b: Month) -> (Month, Month) {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reversed_ranges_are_swapped() {
        let (a, b) = (Month::new(2025, 3), Month::new(2026, 1));
        assert_eq!(ordered(a, b), (a, b));
        assert_eq!(ordered(b, a), (a, b));
        assert_eq!(ordered(a, a), (a, a));
    }
}
