//! `/survey/:token`: the satisfaction survey by its link, without signing in.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use schema::survey::SurveyView;

use crate::api::{self, ApiError};
use crate::components::states::{ErrorState, Loading};
use crate::components::survey::{SurveyForm, SurveyResult};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with_untracked(|p| p.get("token")).unwrap_or_default();
    let state = RwSignal::new(None::<Result<SurveyView, ApiError>>);
    let load = move || leptos::task::spawn_local(async move { state.set(Some(api::survey(&token()).await)) });
    load();
    let pending = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let submit = Callback::new(move |body| {
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::answer_survey(&token(), &body).await {
                Ok(v) => state.set(Some(Ok(v))),
                Err(e) => failed.set(Some(e.message())),
            }
            pending.set(false);
        });
    });
    view! {
        <main class="content public-page">
            <h1>{tr(|c| c.survey_title)}</h1>
            {move || failed.get().map(|m| view! { <div class="banner banner-error" role="alert">{m}</div> })}
            {move || match state.get() {
                None => view! { <Loading/> }.into_any(),
                Some(Err(e)) => view! { <ErrorState error=e retry=move |_| load()/> }.into_any(),
                Some(Ok(v)) => {
                    let answered = v.survey.answered_at.is_some();
                    view! {
                        <p class="hint" data-testid="survey-request">{v.number.clone()}" · "{v.subject.clone()}</p>
                        {if answered {
                            view! { <div class="banner banner-ok" role="status">{i18n.t().survey_thanks}</div><SurveyResult survey=v.survey.clone()/> }.into_any()
                        } else {
                            view! { <SurveyForm submit=submit pending=pending/> }.into_any()
                        }}
                    }
                    .into_any()
                }
            }}
        </main>
    }
}
