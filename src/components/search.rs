//! The search box of a table: a visible label above a search input, the label naming it for
//! screen readers too (the name stays visible while the user types).

use leptos::prelude::*;

#[component]
pub fn SearchField(
    /// The visible label, e.g. "Search countries".
    label: &'static str,
    /// A longer accessible description (what is searched).
    hint: &'static str,
    testid: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    /// The id of the table the search filters.
    #[prop(optional)]
    controls: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{testid}-hint");
    view! {
        <label class="pi-field pi-search-field">
            <span class="pi-field__label">{label}</span>
            <input
                class="pi-search"
                type="search"
                autocomplete="off"
                aria-describedby=hint_id.clone()
                aria-controls=controls
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |e| on_input.run(event_target_value(&e))
            />
            <span class="pi-sr" id=hint_id>{hint}</span>
        </label>
    }
}
