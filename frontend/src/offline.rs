//! Working without signal (couriers in basements and lifts): what the device remembers, and the
//! writes it holds until the connection returns.
//!
//! - **Copies** of what was last read (the day's pickup list, each pickup opened) in IndexedDB,
//!   shown with the time of the last sync when the server cannot be reached.
//! - **Queued writes** ("collected", "could not collect", a tracking event): each gets a
//!   client-made id when the courier taps, is kept in IndexedDB, shown as pending, and sent in
//!   order when the browser is back online — always with that id as `Idempotency-Key` (and as the
//!   event's `event_id`), so a retry whose first answer was lost in a lift never writes twice.
//!   A write the server refuses (someone else collected it, the record changed) stays on the
//!   list as refused, with the server's own message, until the courier dismisses it.
//!
//! IndexedDB is reached through a few lines of JavaScript (`inline_js`): its request/event API is
//! far shorter in JS than through web-sys callbacks, and the Rust side sees plain promises.

use leptos::prelude::*;
use schema::pickup::{CollectRequest, PickupDetail, ReasonRequest};
use schema::shipment::{EventInput, ShipmentDetail};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};

#[wasm_bindgen(inline_js = r#"
let db;
function open() {
  if (!db) db = new Promise((resolve, reject) => {
    const req = indexedDB.open("waypost", 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore("writes", { keyPath: "id" });
      req.result.createObjectStore("copies");
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => { db = undefined; reject(req.error); };
  });
  return db;
}
function run(store, mode, f) {
  return open().then(d => new Promise((resolve, reject) => {
    const tx = d.transaction(store, mode);
    const req = f(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = tx.onabort = () => reject(tx.error);
  }));
}
export function idb_put(store, key, text) {
  return run(store, "readwrite", s => key === undefined ? s.put(JSON.parse(text)) : s.put(text, key));
}
export function idb_get(store, key) { return run(store, "readonly", s => s.get(key)); }
export function idb_all(store) {
  return run(store, "readonly", s => s.getAll()).then(v => JSON.stringify(v));
}
export function idb_delete(store, key) { return run(store, "readwrite", s => s.delete(key)); }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn idb_put(store: &str, key: JsValue, text: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn idb_get(store: &str, key: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn idb_all(store: &str) -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(catch)]
    fn idb_delete(store: &str, key: &str) -> Result<js_sys::Promise, JsValue>;
}

async fn done(p: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(p?).await
}

/// A copy of something read while online, with when it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Copy<T> {
    pub synced_at: String,
    pub value: T,
}

/// Keeps `value` under `key` (best effort: a full or private-mode store just keeps nothing).
pub async fn keep<T: Serialize>(key: &str, value: &T) {
    let copy = Copy { synced_at: now(), value };
    if let Ok(text) = serde_json::to_string(&copy) {
        let _ = done(idb_put("copies", key.into(), &text)).await;
    }
}

/// The copy kept under `key`, if any.
pub async fn kept<T: for<'de> Deserialize<'de>>(key: &str) -> Option<Copy<T>> {
    let v = done(idb_get("copies", key)).await.ok()?;
    serde_json::from_str(&v.as_string()?).ok()
}

/// Reads through `fetch`: an answer is kept under `key` (and `copy_from` cleared); with no
/// connection the kept copy answers instead and `copy_from` says when it was synced.
pub async fn read_through<T, F>(
    key: &str,
    copy_from: RwSignal<Option<String>>,
    fetch: F,
) -> Result<T, ApiError>
where
    T: Serialize + for<'de> Deserialize<'de>,
    F: std::future::Future<Output = Result<T, ApiError>>,
{
    let r = fetch.await;
    match &r {
        Ok(v) => {
            keep(key, v).await;
            copy_from.set(None);
        }
        Err(ApiError::Offline) => {
            if let Some(c) = kept::<T>(key).await {
                copy_from.set(Some(c.synced_at));
                return Ok(c.value);
            }
        }
        Err(_) => {}
    }
    r
}

/// The day list's key.
pub fn day_key(day: &str) -> String {
    format!("pickups-today:{day}")
}

/// A pickup's key.
pub fn pickup_key(id: i64) -> String {
    format!("pickup:{id}")
}

/// What a queued write does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    Collect { pickup: i64, body: CollectRequest },
    Fail { pickup: i64, body: ReasonRequest },
    Event { shipment: i64, body: EventInput },
}

/// One write waiting for the connection (or refused by the server).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Write {
    /// Client-made, sent as `Idempotency-Key`.
    pub id: String,
    pub action: Action,
    /// What the courier sees in the list (the pickup number, the waybill).
    pub label: String,
    pub created_at: String,
    /// The server's message when it refused the write.
    #[serde(default)]
    pub refused: Option<String>,
}

impl Write {
    /// The pickup this write is about, if any.
    pub fn pickup(&self) -> Option<i64> {
        match self.action {
            Action::Collect { pickup, .. } | Action::Fail { pickup, .. } => Some(pickup),
            Action::Event { .. } => None,
        }
    }
}

/// What became of a write handed to [`Queue::send`].
#[derive(Debug, Clone)]
pub enum Sent {
    Pickup(PickupDetail),
    Shipment(ShipmentDetail),
    /// No connection: kept on the device, shown as pending, sent when the signal returns.
    Queued,
}

/// The queue as the pages see it (context, provided by the staff app).
#[derive(Clone, Copy)]
pub struct Queue {
    pub writes: RwSignal<Vec<Write>>,
    /// A flush is running.
    pub sending: RwSignal<bool>,
    /// Counts writes delivered from the queue: pages showing a copy read again when it moves.
    pub delivered: RwSignal<u32>,
}

pub fn use_queue() -> Queue {
    expect_context::<Queue>()
}

/// A fresh client-made id (random, 128 bits, URL-safe).
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn now() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

impl Queue {
    /// Loads the stored queue, sends it when the browser comes back online (and now), and
    /// provides it to the pages.
    pub fn start() -> Queue {
        let q = Queue {
            writes: RwSignal::new(Vec::new()),
            sending: RwSignal::new(false),
            delivered: RwSignal::new(0),
        };
        provide_context(q);
        leptos::task::spawn_local(async move {
            q.reload().await;
            q.flush().await;
        });
        let on_online =
            Closure::<dyn FnMut()>::new(move || leptos::task::spawn_local(async move { q.flush().await }));
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        }
        on_online.forget();
        // `online` is not fired everywhere a connection comes back (captive Wi-Fi, some webviews):
        // while writes wait, try again every 20 seconds as well.
        let tick = Closure::<dyn FnMut()>::new(move || {
            if q.writes.with_untracked(|w| w.iter().any(|x| x.refused.is_none())) {
                leptos::task::spawn_local(async move { q.flush().await });
            }
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                20_000,
            );
        }
        tick.forget();
        q
    }

    async fn reload(self) {
        let all = match done(idb_all("writes")).await.ok().and_then(|v| v.as_string()) {
            Some(text) => serde_json::from_str::<Vec<Write>>(&text).unwrap_or_default(),
            None => Vec::new(),
        };
        let mut all = all;
        all.sort_by(|a, b| a.created_at.cmp(&b.created_at));
        self.writes.set(all);
    }

    /// Sends `action` now; if there is no connection, keeps it for later. Either way the same id
    /// goes with it, so nothing is done twice. Returns the server's answer when there was one.
    pub async fn send(self, label: String, action: Action) -> Result<Sent, ApiError> {
        let write = Write { id: new_id(), action, label, created_at: now(), refused: None };
        match deliver::<PickupDetail, ShipmentDetail>(&write).await {
            Ok(Answer::Pickup(d)) => Ok(Sent::Pickup(d)),
            Ok(Answer::Shipment(d)) => Ok(Sent::Shipment(d)),
            Err(ApiError::Offline) => {
                self.store(&write).await;
                self.writes.update(|w| w.push(write));
                Ok(Sent::Queued)
            }
            Err(e) => Err(e),
        }
    }

    async fn store(self, write: &Write) {
        if let Ok(text) = serde_json::to_string(write) {
            let _ = done(idb_put("writes", JsValue::UNDEFINED, &text)).await;
        }
    }

    /// Sends the waiting writes in the order they were made; stops at the first that finds no
    /// connection (the rest keep their order for the next try).
    pub async fn flush(self) {
        if self.sending.get_untracked() {
            return;
        }
        self.sending.set(true);
        let waiting: Vec<Write> =
            self.writes.get_untracked().into_iter().filter(|w| w.refused.is_none()).collect();
        for w in waiting {
            match deliver::<IgnoredAny, IgnoredAny>(&w).await {
                Ok(_) => {
                    let _ = done(idb_delete("writes", &w.id)).await;
                    self.writes.update(|all| all.retain(|x| x.id != w.id));
                    self.delivered.update(|n| *n += 1);
                }
                Err(ApiError::Offline) | Err(ApiError::Unauthenticated) | Err(ApiError::Server(_)) => break,
                Err(e) => {
                    let refused = Write { refused: Some(reason(&e)), ..w.clone() };
                    self.store(&refused).await;
                    self.writes.update(|all| {
                        if let Some(x) = all.iter_mut().find(|x| x.id == w.id) {
                            *x = refused.clone();
                        }
                    });
                }
            }
        }
        self.sending.set(false);
    }

    /// Runs `reload` each time writes from the queue were delivered (the page's copy is stale).
    pub fn on_delivered(self, reload: impl Fn() + 'static) {
        Effect::new(move |seen: Option<u32>| {
            let n = self.delivered.get();
            if seen.is_some_and(|s| s != n) {
                reload();
            }
            n
        });
    }

    /// Whether a write for `pickup` is still waiting (its actions are hidden meanwhile, so a
    /// second tap cannot queue a second, conflicting write).
    pub fn waiting_for(self, pickup: i64) -> bool {
        self.writes.with(|all| all.iter().any(|w| w.pickup() == Some(pickup) && w.refused.is_none()))
    }

    /// Forgets a refused write once the courier has read why.
    pub async fn dismiss(self, id: String) {
        let _ = done(idb_delete("writes", &id)).await;
        self.writes.update(|all| all.retain(|x| x.id != id));
    }
}

/// The server's words for a refusal (its localized message, and the fields it named).
fn reason(e: &ApiError) -> String {
    let c = crate::i18n::Common::get(crate::i18n::saved_locale());
    match e {
        ApiError::Conflict(b) | ApiError::Rejected(b) => {
            let fields: Vec<&str> = b.fields.iter().flat_map(|f| f.values()).map(String::as_str).collect();
            if fields.is_empty() { b.message.clone() } else { format!("{} {}", b.message, fields.join(" ")) }
        }
        ApiError::NotFound => c.not_found_title.to_string(),
        ApiError::Forbidden => c.forbidden_title.to_string(),
        other => other.message(),
    }
}

/// The server's answer to a write: a pickup's (`P`) or a shipment's (`S`).
enum Answer<P, S> {
    Pickup(P),
    Shipment(S),
}

/// Sends a write, its answer read as `P` or `S`. [`Queue::send`] reads the details the page shows;
/// [`Queue::flush`] reads nothing (`IgnoredAny`), so the details' parsers travel with the pages
/// in their chunk instead of the staff app's first load, which flushes on start.
async fn deliver<P: DeserializeOwned, S: DeserializeOwned>(w: &Write) -> Result<Answer<P, S>, ApiError> {
    match &w.action {
        Action::Collect { pickup, body } => {
            api::collect_pickup(*pickup, body, &w.id).await.map(Answer::Pickup)
        }
        Action::Fail { pickup, body } => {
            api::close_pickup(*pickup, "fail", body, Some(&w.id)).await.map(Answer::Pickup)
        }
        Action::Event { shipment, body } => {
            let body = EventInput { event_id: Some(w.id.clone()), ..body.clone() };
            api::add_event(*shipment, &body, Some(&w.id)).await.map(Answer::Shipment)
        }
    }
}
