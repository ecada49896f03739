//! A settings list edited as a whole (canned replies, committed times, SLA policies, business
//! calendars, routing rules, complaint causes): its rows as signals, loaded once; saving checks
//! the list with the server's own rule first, replaces it, and shows the rows the server kept
//! with a banner saying so. Each page keeps only its row type and its table.

use std::future::Future;

use leptos::prelude::*;
use schema::FieldErrors;

use crate::api::ApiError;
use crate::i18n::I18n;

/// The rows of one list (`R`, made from entries `T`) and what the last save said.
pub struct ListEditor<T: 'static, R: 'static> {
    pub rows: RwSignal<Vec<R>>,
    message: RwSignal<Option<(bool, String)>>,
    row: fn(&T) -> R,
}

impl<T, R> Clone for ListEditor<T, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T, R> Copy for ListEditor<T, R> {}

impl<T: 'static, R: Copy + Send + Sync + 'static> ListEditor<T, R> {
    /// The list `load` answers, each entry made a row by `row`.
    pub fn new(row: fn(&T) -> R, load: impl Future<Output = Result<Vec<T>, ApiError>> + 'static) -> Self {
        let editor = ListEditor { rows: RwSignal::new(Vec::new()), message: RwSignal::new(None), row };
        leptos::task::spawn_local(async move {
            if let Ok(list) = load.await {
                editor.show(&list);
            }
        });
        editor
    }

    fn show(self, list: &[T]) {
        self.rows.set(list.iter().map(self.row).collect());
    }

    /// The entries the rows hold; a row `value` cannot read (an unknown choice) is left out.
    pub fn values<V>(self, value: impl Fn(&R) -> Option<V>) -> Vec<V> {
        self.rows.get_untracked().iter().filter_map(value).collect()
    }

    /// Saves the whole list: `checked` is the server's own rule run here first (a refusal is
    /// shown and nothing is sent); `send` replaces the list, and the rows become its answer.
    pub fn save<C>(
        self,
        i18n: I18n,
        checked: Result<C, FieldErrors>,
        send: impl Future<Output = Result<Vec<T>, ApiError>> + 'static,
    ) {
        if let Err(e) = checked {
            self.message.set(Some((false, problems(&e, i18n))));
            return;
        }
        leptos::task::spawn_local(async move {
            match send.await {
                Ok(list) => {
                    self.show(&list);
                    self.message.set(Some((true, i18n.t().saved.to_string())));
                }
                Err(e) => self.message.set(Some((false, e.message()))),
            }
        });
    }

    pub fn add(self, entry: &T) {
        self.rows.update(|r| r.push((self.row)(entry)));
    }

    pub fn remove(self, i: usize) {
        self.rows.update(|r| {
            r.remove(i);
        });
    }

    /// What the last save said (saved, or why not).
    pub fn banner(self) -> impl IntoView {
        banner(self.message)
    }
}

// Not generic, so each list's editor does not carry its own copy.
fn problems(e: &FieldErrors, i18n: I18n) -> String {
    let l = i18n.locale();
    e.iter().map(|(k, v)| format!("{k}: {}", v.message(l))).collect::<Vec<_>>().join(" ")
}

fn banner(message: RwSignal<Option<(bool, String)>>) -> AnyView {
    (move || {
        message.get().map(|(ok, m)| {
            view! {
                <div class=if ok { "banner banner-ok" } else { "banner banner-error" } role="status">{m}</div>
            }
        })
    })
    .into_any()
}
