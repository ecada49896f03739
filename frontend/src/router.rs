//! The client-side router of both apps, in place of leptos_router: that crate was about 40 KB
//! (q11 brotli) of each first load — as much as all of the portal's own code (docs/BENCH.md) —
//! for features neither app uses (nested matching, ranking, forms, SSR, transitions).
//!
//! What it does: one flat route table per app, matched in order (so `/customers/new` is listed
//! before `/customers/:id`); routes marked `in_shell` render inside the app's shell, which stays
//! mounted while its pages change ([`Outlet`]); clicks on same-origin links the app owns become
//! History API navigations (as leptos_router did for every `<a>`); Back and Forward re-render.
//! A page is rebuilt only when another route matches: a page whose parameters change (one
//! customer to another) keeps its view and sees the new values through [`use_params_map`], as
//! before.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

/// One row of an app's route table.
pub struct Route {
    /// `/customers/:id/edit`: literal segments and `:name` parameters.
    pub path: &'static str,
    /// Built untracked, under an owner that is dropped when another route matches.
    pub view: fn() -> AnyView,
    /// Rendered inside the shell's [`Outlet`] (signed-in pages), or on its own (sign-in).
    pub in_shell: bool,
}

/// Path parameters or query values, decoded.
#[derive(Clone, Default, PartialEq, Debug)]
pub struct ParamsMap(Vec<(String, String)>);

impl ParamsMap {
    pub fn get(&self, key: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

#[derive(Clone, Default, PartialEq)]
struct Url {
    /// Without a trailing slash (except `/` itself).
    path: String,
    query: ParamsMap,
}

#[derive(Clone, PartialEq)]
struct Match {
    index: usize,
    params: ParamsMap,
}

#[derive(Clone, Copy)]
struct RouterCtx {
    url: RwSignal<Url>,
    matched: Memo<Option<Match>>,
    routes: &'static [Route],
    owns: fn(&str) -> bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Top {
    Shell,
    Page(usize),
    NotFound,
}

/// The app's router: matches the address against `routes`, renders the page (inside `shell`
/// for `in_shell` routes, `fallback` when nothing matches) and keeps following the address.
/// `owns` says which paths are this app's: a link elsewhere (the portal from the staff app, the
/// Worker's tracking pages) is left to the browser.
#[component]
pub fn Router(
    routes: &'static [Route],
    owns: fn(&str) -> bool,
    shell: fn() -> AnyView,
    fallback: fn() -> AnyView,
) -> impl IntoView {
    let url = RwSignal::new(current_url());
    let matched = Memo::new(move |_| url.with(|u| find(routes, &u.path)));
    let ctx = RouterCtx { url, matched, routes, owns };
    provide_context(ctx);
    listen(ctx);
    let top = Memo::new(move |_| match matched.with(|m| m.as_ref().map(|m| m.index)) {
        Some(i) if routes[i].in_shell => Top::Shell,
        Some(i) => Top::Page(i),
        None => Top::NotFound,
    });
    move || {
        let now = top.get();
        untrack(|| match now {
            Top::Shell => shell(),
            Top::Page(i) => (routes[i].view)(),
            Top::NotFound => fallback(),
        })
    }
}

/// Where the shell shows the current page.
#[component]
pub fn Outlet() -> impl IntoView {
    let r = router();
    let index = Memo::new(move |_| r.matched.with(|m| m.as_ref().map(|m| m.index)));
    move || {
        let i = index.get().filter(|i| r.routes[*i].in_shell);
        untrack(|| i.map(|i| (r.routes[i].view)()))
    }
}

/// A link. With `exact`, marked `aria-current="page"` while its path is the address (the
/// navigation bars); the click itself is handled by the router like any other `<a>`.
#[component]
pub fn A(#[prop(into)] href: String, #[prop(optional)] exact: bool, children: Children) -> impl IntoView {
    let r = router();
    let current = href.clone();
    let aria_current = move || (exact && r.url.with(|u| u.path == current)).then_some("page");
    view! { <a href=href aria-current=aria_current>{children()}</a> }
}

/// Goes to `path` as soon as it is rendered, replacing the current history entry (so Back does
/// not return to a page that only redirects).
#[component]
pub fn Redirect(path: &'static str) -> impl IntoView {
    let r = router();
    leptos::task::spawn_local(async move { go(r, path, true) });
}

/// A function that goes to a path of this app (a new history entry), as a link would.
pub fn use_navigate() -> impl Fn(&str) + Copy + 'static {
    let r = router();
    move |to: &str| go(r, to, false)
}

/// The current page's path parameters. They follow the address only while this page's route is
/// the one matched, so a page being left never sees the next page's values.
pub fn use_params_map() -> Memo<ParamsMap> {
    let r = router();
    let mine = r.matched.with_untracked(|m| m.as_ref().map(|m| m.index));
    Memo::new(move |prev: Option<&ParamsMap>| {
        r.matched.with(|m| match m {
            Some(m) if Some(m.index) == mine => m.params.clone(),
            _ => prev.cloned().unwrap_or_default(),
        })
    })
}

/// The address's query values, under the same rule as [`use_params_map`].
pub fn use_query_map() -> Memo<ParamsMap> {
    let r = router();
    let mine = r.matched.with_untracked(|m| m.as_ref().map(|m| m.index));
    Memo::new(move |prev: Option<&ParamsMap>| {
        let here = r.matched.with(|m| m.as_ref().map(|m| m.index)) == mine;
        match (here, prev) {
            (false, Some(p)) => p.clone(),
            _ => r.url.with(|u| u.query.clone()),
        }
    })
}

fn router() -> RouterCtx {
    // Every caller is a page or component rendered under `Router`.
    #[allow(clippy::expect_used)]
    use_context::<RouterCtx>().expect("rendered under Router")
}

fn go(r: RouterCtx, to: &str, replace: bool) {
    let Some(window) = web_sys::window() else { return };
    let path = to.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || !(r.owns)(path) {
        let _ = window.location().set_href(to);
        return;
    }
    if let Ok(history) = window.history() {
        let _ = if replace {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        } else {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
        };
    }
    r.url.set(current_url());
    if !to.contains('#') {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// Back and Forward, and clicks on links: installed once, for the app's lifetime.
fn listen(r: RouterCtx) {
    let Some(window) = web_sys::window() else { return };
    let popstate = Closure::<dyn Fn()>::new(move || r.url.set(current_url()));
    let _ = window.add_event_listener_with_callback("popstate", popstate.as_ref().unchecked_ref());
    popstate.forget();
    let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| on_click(r, ev));
    let _ = window.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    click.forget();
}

/// A plain left click on a same-origin link this app owns, without `target`, `download` or
/// `rel="external"`, navigates in place (the rules leptos_router applied).
fn on_click(r: RouterCtx, ev: web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(a) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a[href]").ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external =
        a.get_attribute("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|p| p == "external"));
    if !a.target().is_empty() || a.has_attribute("download") || external {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    if window.location().origin().ok().as_deref() != Some(a.origin().as_str()) {
        return;
    }
    let to = format!("{}{}{}", a.pathname(), a.search(), a.hash());
    if !(r.owns)(&a.pathname()) {
        return;
    }
    ev.prevent_default();
    go(r, &to, false);
}

fn current_url() -> Url {
    let Some(location) = web_sys::window().map(|w| w.location()) else { return Url::default() };
    let raw = location.pathname().unwrap_or_default();
    let trimmed = raw.trim_end_matches('/');
    let path = if trimmed.is_empty() { "/".to_owned() } else { trimmed.to_owned() };
    let search = location.search().unwrap_or_default();
    Url { path, query: parse_query(search.trim_start_matches('?')) }
}

/// The first route whose pattern matches `path`, with its parameters.
fn find(routes: &[Route], path: &str) -> Option<Match> {
    routes.iter().enumerate().find_map(|(index, route)| {
        let mut params = Vec::new();
        let mut want = route.path.split('/');
        let mut got = path.split('/');
        loop {
            match (want.next(), got.next()) {
                (None, None) => return Some(Match { index, params: ParamsMap(params) }),
                (Some(w), Some(g)) => match w.strip_prefix(':') {
                    Some(name) if !g.is_empty() => params.push((name.to_owned(), decode(g, false))),
                    None if w == g => {}
                    _ => return None,
                },
                _ => return None,
            }
        }
    })
}

fn parse_query(search: &str) -> ParamsMap {
    ParamsMap(
        search
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(k, true), decode(v, true))
            })
            .collect(),
    )
}

/// Percent-decoding; `+` is a space only in a query (form encoding), not in a path.
fn decode(s: &str, query: bool) -> String {
    let s = if query { s.replace('+', " ") } else { s.to_owned() };
    js_sys::decode_uri_component(&s).map(String::from).unwrap_or(s)
}

/// `path` is `prefix` or below it (`/portal`, `/portal/x`; not `/portals`).
pub fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}
