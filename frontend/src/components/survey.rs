//! The satisfaction survey: the form the customer fills in (portal or link) and the answers as
//! staff and the customer see them afterwards.

use leptos::prelude::*;
use schema::survey::{Survey, SurveyInput};

use crate::i18n::{Common, tr, use_i18n};

type Label = fn(&Common) -> &'static str;
const SCORES: [(&str, Label); 4] = [
    ("overall", |c| c.survey_overall),
    ("speed", |c| c.survey_speed),
    ("attitude", |c| c.survey_attitude),
    ("outcome", |c| c.survey_outcome),
];

fn stars(n: Option<i64>) -> String {
    n.map(|n| "★".repeat(n.clamp(0, 5) as usize) + &"☆".repeat(5 - n.clamp(0, 5) as usize))
        .unwrap_or_default()
}

/// The answers (or "waiting for the customer" before they come).
#[component]
pub fn SurveyResult(survey: Survey) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t();
    if survey.answered_at.is_none() {
        return view! { <p class="hint" data-testid="survey-pending">{t.survey_pending}</p> }.into_any();
    }
    let scores = [survey.overall, survey.speed, survey.attitude, survey.outcome];
    view! {
        <dl class="card facts" data-testid="survey-result">
            {SCORES.iter().zip(scores).filter(|(_, v)| v.is_some()).map(|((_, label), v)| view! {
                <dt>{label(t)}</dt><dd>{stars(v)}" "{v.unwrap_or_default()}</dd>
            }).collect_view()}
            {(!survey.comment.is_empty()).then(|| view! { <dt>{t.survey_comment}</dt><dd>{survey.comment.clone()}</dd> })}
        </dl>
    }
    .into_any()
}

/// The form: four 1–5 ratings (overall required) and a comment; `submit` sends it.
#[component]
pub fn SurveyForm(submit: Callback<SurveyInput>, pending: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let values: [RwSignal<Option<i64>>; 4] = std::array::from_fn(|_| RwSignal::new(None));
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SurveyInput {
            overall: values[0].get_untracked(),
            speed: values[1].get_untracked(),
            attitude: values[2].get_untracked(),
            outcome: values[3].get_untracked(),
            comment: comment.get_untracked(),
        };
        match body.validate() {
            Ok(_) => {
                error.set(None);
                submit.run(body);
            }
            Err(e) => {
                error.set(Some(e.values().map(|i| i.message(i18n.locale())).collect::<Vec<_>>().join(" ")))
            }
        }
    };
    view! {
        <form class="card form" on:submit=send novalidate data-testid="survey-form">
            <h2>{tr(|c| c.survey_title)}</h2>
            {SCORES.iter().zip(values).map(|((key, label), v)| view! {
                <div class="field" role="radiogroup" aria-label=move || label(i18n.t())>
                    <span>{move || label(i18n.t())}</span>
                    <div class="stars">
                        {(1..=5).map(|n| view! {
                            <button type="button" class="star" data-testid=format!("{key}-{n}")
                                class:star-on=move || v.get().is_some_and(|s| s >= n)
                                aria-pressed=move || (v.get() == Some(n)).to_string()
                                on:click=move |_| v.set(Some(n))>"★"</button>
                        }).collect_view()}
                    </div>
                </div>
            }).collect_view()}
            <div class="field"><label for="f-comment">{tr(|c| c.survey_comment)}</label>
                <textarea id="f-comment" rows="2" bind:value=comment></textarea></div>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{tr(|c| c.survey_submit)}</button>
        </form>
    }
}
