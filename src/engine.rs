//! The seam between the UI and the metrics engine.
//!
//! Components never call `metrics::load` or `metrics::report` themselves: they ask an [`Engine`]
//! handle, asynchronously. Today the engine runs on the page's thread; moving it into a Web
//! Worker later changes this file only (the handle would post the bytes and the query to the
//! worker and await its answer).

use metrics::load::FileReport;
use metrics::{Dataset, Dim, FilterOption, Filters, Input, Query, Report};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// One file's bytes, as fetched or picked by the user. Shared (`Arc`), so that keeping the files
/// of the current load (to add to them or remove one) never copies them.
#[derive(Clone, Debug, PartialEq)]
pub struct FileBytes {
    pub name: String,
    pub bytes: Arc<[u8]>,
}

/// What a load produced, for the page (the dataset itself stays inside the engine).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub files: Vec<FileReport>,
    /// Increases with every load, so that reports can depend on "the data changed".
    pub generation: u32,
}

impl Loaded {
    /// Why files were refused (each message names its file); empty when all loaded.
    pub fn refusals(&self) -> Vec<String> {
        self.files
            .iter()
            .filter_map(|f| f.refused.clone())
            .collect()
    }
}

/// A handle on the engine. Cheap to clone; all clones share the loaded dataset.
#[derive(Clone, Default)]
pub struct Engine {
    state: Rc<RefCell<State>>,
}

#[derive(Default)]
struct State {
    dataset: Option<Dataset>,
    generation: u32,
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the loaded data with `files`. A refused file does not stop the others: its
    /// report says why (`FileReport::refused`).
    pub async fn load(&self, files: Vec<FileBytes>) -> Loaded {
        let inputs: Vec<Input<'_>> = files
            .iter()
            .map(|f| Input {
                name: &f.name,
                bytes: &f.bytes[..],
            })
            .collect();
        let loaded = metrics::load(&inputs);
        let mut st = self.state.borrow_mut();
        st.dataset = Some(loaded.dataset);
        st.generation += 1;
        Loaded {
            files: loaded.files,
            generation: st.generation,
        }
    }

    /// The report of the loaded data for `query`; `None` before anything is loaded.
    pub async fn report(&self, query: Query) -> Option<Arc<Report>> {
        let st = self.state.borrow();
        st.dataset
            .as_ref()
            .map(|ds| Arc::new(metrics::report(ds, &query)))
    }

    /// The values of `dim` present in the loaded data with their customer counts, faceted by
    /// the other dimensions' `filters` (see [`metrics::filter_options`]); `None` before anything
    /// is loaded.
    pub async fn filter_options(
        &self,
        filters: Filters,
        dim: Dim,
    ) -> Option<Arc<Vec<FilterOption>>> {
        let st = self.state.borrow();
        st.dataset
            .as_ref()
            .map(|ds| Arc::new(metrics::dimension_options(ds, &filters, dim)))
    }
}
