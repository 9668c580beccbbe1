//! The benchmark's baseline page: the least a Leptos 0.8 CSR app can be (a counter and one
//! paragraph), built with the app's profile and inlined the same way, so that the app's load time
//! and size can be read against what Leptos itself costs on this machine.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;

#[component]
fn Baseline() -> impl IntoView {
    let (count, set_count) = signal(0u32);
    view! {
        <p id="baseline-text">"A bare Leptos page: the benchmark's baseline."</p>
        <button id="baseline-count" {..custom_attribute("elementtiming", "baseline-count")} on:click=move |_| set_count.update(|n| *n += 1)>
            {move || count.get().to_string()}
        </button>
    }
}

fn main() {
    leptos::mount::mount_to_body(Baseline);
}
