//! The question before the register is replaced (新建, 载入示例, opening another file) while it
//! has changes since it was last saved: a dialog over the page whose buttons say what they do —
//! save the project file and go on, go on without saving, or keep the register. The safe choice
//! has the focus; Escape keeps the register.

use crate::i18n::{tr, use_lang, Text};
use crate::platform;
use leptos::prelude::*;

#[component]
pub fn ConfirmDiscard(
    /// The text of the button that replaces the register without saving.
    proceed: Text,
    #[prop(into)] on_save: Callback<()>,
    #[prop(into)] on_proceed: Callback<()>,
    #[prop(into)] on_cancel: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    request_animation_frame(|| platform::focus("confirm-keep"));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_cancel.run(());
        }
    };
    view! {
        <div class="confirm-discard__backdrop">
            <div id="confirm-discard" class="confirm-discard" role="alertdialog" aria-modal="true"
                aria-labelledby="confirm-discard-title" aria-describedby="confirm-discard-intro"
                on:keydown=on_key>
                <h2 id="confirm-discard-title">{tr(lang, Text::ConfirmDiscardTitle)}</h2>
                <p id="confirm-discard-intro">{tr(lang, Text::ConfirmDiscardIntro)}</p>
                <div class="confirm-discard__actions">
                    <button id="confirm-save" class="button" type="button"
                        on:click=move |_| on_save.run(())>
                        {tr(lang, Text::SaveThenContinue)}
                    </button>
                    <button id="confirm-proceed" class="button button--outline button--danger" type="button"
                        on:click=move |_| on_proceed.run(())>
                        {tr(lang, proceed)}
                    </button>
                    <button id="confirm-keep" class="button button--outline" type="button"
                        on:click=move |_| on_cancel.run(())>
                        {tr(lang, Text::KeepRegister)}
                    </button>
                </div>
            </div>
        </div>
    }
}
