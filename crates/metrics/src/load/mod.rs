//! Loading: detect each file's format by content, parse it from bytes, validate rows and feed
//! the facts to a [`DatasetBuilder`]. (Being written: the interface below is fixed.)

use crate::model::{Dataset, DatasetBuilder};
use serde::Serialize;

/// One input file.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What was loaded from one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileReport {
    pub name: String,
}

/// The dataset and a report per file.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub files: Vec<FileReport>,
}

/// Loads any number of files into one dataset.
pub fn load(inputs: &[Input<'_>]) -> Loaded {
    let mut b = DatasetBuilder::new();
    let files = inputs
        .iter()
        .map(|i| {
            b.begin_file(i.name);
            FileReport {
                name: i.name.to_string(),
            }
        })
        .collect();
    Loaded {
        dataset: b.finish(),
        files,
    }
}
