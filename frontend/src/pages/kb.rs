//! `/kb` (search, categories, newest first), `/kb/:id` (an article) and `/kb/new`,
//! `/kb/:id/edit` (CS supervisors and managers, admins): the agents' knowledge base.

use crate::router::A;
use crate::router::{use_navigate, use_params_map};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::kb::{Article, ArticleInput};
use schema::request::RequestKind;
use schema::staff::KB_EDITORS;

use crate::api::{self, ApiError};
use crate::components::field::TextField;
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::components::layout::RequireRole;
use crate::components::paged::{Paged, PagedView, local_time};
use crate::components::states::{ErrorState, Loading};
use crate::i18n::{Service, StaffUi, tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn KbPage() -> impl IntoView {
    let q = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let categories = RwSignal::new(Vec::<String>::new());
    leptos::task::spawn_local(async move {
        if let Ok(c) = api::kb_categories().await {
            categories.set(c);
        }
    });
    let list = Paged::<Article>::new();
    let fetch = move |cursor: String| {
        let query =
            vec![("q", q.get_untracked()), ("category", category.get_untracked()), ("cursor", cursor)];
        async move { api::kb(&query).await }
    };
    Effect::new(move |_| {
        category.track();
        list.load(true, fetch);
    });
    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        list.load(true, fetch);
    };
    let editor = use_session().allows(KB_EDITORS);
    view! {
        <section class="page">
            <div class="page-head"><h1>{StaffUi::tr(|c| c.kb_title)}</h1>
                {editor.then(|| view! { <A href="/kb/new" attr:class="btn btn-primary">{Service::tr(|c| c.kb_new)}</A> })}</div>
            <form class="filters" on:submit=search data-testid="kb-search">
                <input type="search" aria-label=tr(|c| c.search) placeholder=Service::tr(|c| c.kb_search_hint) bind:value=q id="f-kb-q"/>
                <button type="submit" class="btn">{tr(|c| c.search)}</button>
            </form>
            <div class="chips-row">
                <button type="button" class="btn-link" on:click=move |_| category.set(String::new())>{tr(|c| c.filter_all)}</button>
                {move || categories.get().into_iter().map(|c| {
                    let v = c.clone();
                    view! { <button type="button" class="btn-link" on:click=move |_| category.set(v.clone())>{c}</button> }
                }).collect_view()}
            </div>
            <PagedView list=list load=move |reset| list.load(reset, fetch) testid="kb-list" render=move |a: Article| {
                let snippet: String = a.body.chars().take(60).collect();
                view! {
                    <li class="card card-link"><A href=format!("/kb/{}", a.id)>
                        <div class="card-title">{a.title.clone()}<span class="tag">{a.category.clone()}</span></div>
                        <div class="card-meta"><span>{snippet}</span></div>
                    </A></li>
                }
            }/>
        </section>
    }
}

#[component]
pub fn KbArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    let state = RwSignal::new(None::<Result<Article, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::kb_article(id()).await)) });
    Effect::new(move |_| {
        params.track();
        load();
    });
    let editor = use_session().allows(KB_EDITORS);
    move || match state.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
        Some(Ok(a)) => {
            let l = i18n.locale();
            let kinds: Vec<String> = a
                .kinds
                .iter()
                .filter_map(|k| parse_enum::<RequestKind>(k))
                .map(|k| k.label(l).to_string())
                .collect();
            view! {
                <article class="page" data-testid="kb-article">
                    <div class="page-head"><h1>{a.title.clone()}</h1>
                        {editor.then(|| view! { <A href=format!("/kb/{}/edit", a.id) attr:class="btn">{tr(|c| c.edit)}</A> })}</div>
                    <p class="hint"><span class="tag">{a.category.clone()}</span>" "{kinds.join("、")}" · "{a.updated_by.clone()}" "{local_time(&a.updated_at, l)}</p>
                    <div class="card kb-body">{a.body.clone()}</div>
                </article>
            }
            .into_any()
        }
    }
}

#[component]
pub fn KbEditPage() -> impl IntoView {
    view! { <RequireRole roles=KB_EDITORS><Editor/></RequireRole> }
}

#[component]
fn Editor() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id")).and_then(|s| s.parse::<i64>().ok());
    let form = FormState::new();
    let category = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let kinds = RwSignal::new(Vec::<RequestKind>::new());
    let active = RwSignal::new(true);
    let version = RwSignal::new(None::<i64>);
    if let Some(id) = id {
        leptos::task::spawn_local(async move {
            if let Ok(a) = api::kb_article(id).await {
                category.set(a.category);
                title.set(a.title);
                body.set(a.body);
                kinds.set(a.kinds.iter().filter_map(|k| parse_enum(k)).collect());
                active.set(a.active);
                version.set(Some(a.version));
            }
        });
    }
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = ArticleInput {
            category: category.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
            kinds: kinds.get_untracked(),
            active: active.get_untracked(),
            version: version.get_untracked(),
            ..Default::default()
        };
        if !form.accept(&input.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            let r = match id {
                Some(id) => api::update_kb_article(id, &input).await,
                None => api::create_kb_article(&input).await,
            };
            match r {
                Ok(a) => navigate(&format!("/kb/{}", a.id)),
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    view! {
        <section class="page">
            <h1>{move || if id.is_some() { i18n.t().edit } else { Service::get(i18n.locale()).kb_new }}</h1>
            {banner_view(form.banner)}
            <form class="card form" on:submit=save novalidate data-testid="kb-form">
                <TextField name="category" label=Service::tr(|c| c.kb_category) value=category errors=form.errors required=true/>
                <TextField name="title" label=Service::tr(|c| c.kb_article_title) value=title errors=form.errors required=true/>
                <div class="field"><label for="f-body">{Service::tr(|c| c.kb_body)}</label>
                    <textarea id="f-body" rows="10" bind:value=body></textarea>
                    <p class="field-error" role="alert">{move || form.errors.with(|e| e.get("body").cloned())}</p></div>
                <fieldset class="field"><legend>{Service::tr(|c| c.kb_kinds)}</legend>
                    {RequestKind::ALL.iter().map(|k| {
                        let k = *k;
                        view! { <label class="field-check"><input type="checkbox" prop:checked=move || kinds.with(|v| v.contains(&k))
                            on:change=move |_| kinds.update(|v| if let Some(i) = v.iter().position(|x| *x == k) { v.remove(i); } else { v.push(k); })/>
                            " "{move || k.label(i18n.locale())}</label> }
                    }).collect_view()}
                </fieldset>
                <label class="field-check"><input type="checkbox" bind:checked=active/>" "{StaffUi::tr(|c| c.active)}</label>
                <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
            </form>
        </section>
    }
}

/// Articles suggested for a request of `kind` (on the request page).
#[component]
pub fn KbSuggestions(kind: RequestKind) -> impl IntoView {
    let list = RwSignal::new(Vec::<Article>::new());
    leptos::task::spawn_local(async move {
        if let Ok(p) = api::kb(&[("kind", kind.as_str().to_string()), ("limit", "3".to_string())]).await {
            list.set(p.items);
        }
    });
    move || {
        (!list.with(Vec::is_empty)).then(|| {
            view! {
                <details class="card" data-testid="kb-suggestions" open>
                    <summary>{Service::tr(|c| c.kb_suggested)}</summary>
                    <ul class="plain">{list.get().into_iter().map(|a| view! {
                        <li><A href=format!("/kb/{}", a.id)>{a.title.clone()}</A></li>
                    }).collect_view()}</ul>
                </details>
            }
        })
    }
}
