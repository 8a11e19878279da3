//! Shared chart infrastructure: plotters draws the plot area on a canvas sized by
//! `devicePixelRatio`; the legend, the tooltip and the "view as table" alternative are HTML
//! ([`frame`]). Projection (data <-> pixels) is pure code with native tests ([`projection`]).

pub mod canvas;
pub mod donut;
pub mod frame;
pub mod group;
pub mod hbars;
pub mod hide;
pub mod png;
pub mod projection;
pub mod range_slider;
pub mod tabs;
