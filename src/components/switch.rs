//! A labelled group of buttons of which one is pressed (`aria-pressed`): the header's language
//! and theme switches.

use leptos::prelude::*;

/// One button of a [`Switch`]: its value, its text, and the language of that text when it is
/// not the page's (a language's own name).
pub struct Choice<T> {
    pub value: T,
    pub text: Signal<String>,
    pub lang: Option<&'static str>,
}

#[component]
pub fn Switch<T>(
    /// The group's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Added to `pi-theme`, the switch's look.
    #[prop(optional)]
    class: &'static str,
    choices: Vec<Choice<T>>,
    #[prop(into)] current: Signal<T>,
    #[prop(into)] on_pick: Callback<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    view! {
        <div class=format!("pi-theme {class}") role="group" aria-label=label>
            {choices
                .into_iter()
                .map(|c| {
                    let value = c.value;
                    view! {
                        <button
                            type="button"
                            class="pi-theme__option"
                            lang=c.lang
                            aria-pressed=move || (current.get() == value).to_string()
                            on:click=move |_| on_pick.run(value)
                        >
                            {c.text}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
