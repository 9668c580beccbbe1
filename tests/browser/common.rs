//! What the browser component tests share: mounting the app, reading or driving its DOM, and
//! waiting for a condition (`until`) instead of counting the turns the app takes to react.

use jianpai_web::app::App;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, HtmlElement, HtmlInputElement};

/// The browser's local storage.
pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Mounts the app in a fresh container, with nothing saved in this browser.
pub async fn mount() -> HtmlElement {
    storage().clear().unwrap();
    mount_keeping_storage().await
}

/// Mounts the app as a reload would: with what this browser has saved. Returns once the views
/// built after the first paint are there too (the summary, the printout and the coefficient
/// library, app.rs; the library is the last of them), as a user sees the page.
pub async fn mount_keeping_storage() -> HtmlElement {
    let doc = document();
    let div: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&div).unwrap();
    // The app a previous test mounted is unmounted and removed, as a reload would: tests share
    // one page, and apps left running would each react to every later test's storage and keys.
    let handle = leptos::mount::mount_to(div.clone(), App);
    if let Some((old, old_div)) = MOUNTED.with(|m| m.replace(Some((Box::new(handle), div.clone()))))
    {
        drop(old);
        old_div.remove();
    }
    until(|| find(&div, "#coefficients-title").is_some()).await;
    div
}

thread_local! {
    /// The app mounted last and its element (what the next mount unmounts).
    static MOUNTED: std::cell::RefCell<Option<(Box<dyn std::any::Any>, HtmlElement)>> =
        const { std::cell::RefCell::new(None) };
}

/// How long [`until`] waits for its condition before it fails the test.
pub const UNTIL_MS: f64 = 5_000.0;

/// Waits until `cond` holds. It first gives the app the turn a reactive update takes (the
/// executor's tick), so a condition that was already true before the action still sees the
/// action's effect; then checks `cond`, and between checks lets a frame and a task pass (effects,
/// timers, views built after a paint; a few ticks first, which is all most conditions need). Panics, naming the line that waited, when `cond` is still
/// false after [`UNTIL_MS`].
#[track_caller]
pub fn until(mut cond: impl FnMut() -> bool) -> impl std::future::Future<Output = ()> {
    let at = std::panic::Location::caller();
    async move {
        leptos::task::tick().await;
        let start = js_sys::Date::now();
        let mut tries = 0;
        while !cond() {
            tries += 1;
            if js_sys::Date::now() - start > UNTIL_MS {
                panic!("the condition awaited at {at} is still false after {UNTIL_MS} ms ({tries} checks)");
            }
            // A few executor ticks first (an effect a turn later), then frames and tasks.
            if tries <= 3 {
                leptos::task::tick().await;
            } else {
                next_turn().await;
            }
        }
    }
}

/// A frame, then a task, then the executor's turn.
async fn next_turn() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let later = Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0)
                .unwrap();
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(later.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

/// The element matching `selector` inside `root`, if any.
pub fn find(root: &HtmlElement, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector)
        .unwrap()
        .map(JsCast::unchecked_into)
}

/// The element matching `selector` inside `root`, as the DOM type the test needs.
pub fn element<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .unchecked_into()
}

/// The text of the element matching `selector`.
pub fn text(root: &HtmlElement, selector: &str) -> String {
    element::<HtmlElement>(root, selector)
        .text_content()
        .unwrap_or_default()
}

/// A number as the interface shows it ("1,234.5" → 1234.5); NaN when it is not one.
pub fn number(s: &str) -> f64 {
    s.replace(',', "").trim().parse().unwrap_or(f64::NAN)
}

/// The text of the element matching `selector` now, empty while there is none: for conditions.
pub fn text_now(root: &HtmlElement, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The `value` of the input, select or textarea matching `selector` now, empty while there is
/// none: for conditions.
pub fn value_now(root: &HtmlElement, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| js_sys::Reflect::get(&e, &"value".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The number the element matching `selector` shows.
pub fn shown(root: &HtmlElement, selector: &str) -> f64 {
    number(&text(root, selector))
}

/// Types into an input or a textarea (both have `value`) and tells the page.
pub fn type_into(root: &HtmlElement, selector: &str, value: &str) {
    let input: HtmlInputElement = element(root, selector);
    input.set_value(value);
    input.dispatch_event(&Event::new("input").unwrap()).unwrap();
}

/// The sample's wastewater project (data/sample.json p01) typed into the blank form, as an
/// applicant types it: 10,000 m³/d, load 0.8, 365 d, COD 250 → 50, NH₃-N 30 → 5 mg/L (its start
/// month, July, is a select: estimate.rs chooses it).
pub const SAMPLE_WASTEWATER: [(&str, &str); 7] = [
    ("flow_m3_per_day", "10000"),
    ("load_rate", "0.8"),
    ("days", "365"),
    ("cod_before_mg_l", "250"),
    ("cod_after_mg_l", "50"),
    ("nh3n_before_mg_l", "30"),
    ("nh3n_after_mg_l", "5"),
];
