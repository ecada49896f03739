//! A claim request's claim and every request's attachments. Staff file the claim (a delay or COD
//! claim starts from the waybill), decide it within their limit (the server says 403 above it)
//! and record the payment; the customer sees the same facts read-only. Amounts are typed in yuan
//! and travel in fen.

use leptos::prelude::*;
use schema::attachment::Attachment;
use schema::claim::{Claim, ClaimDecision, ClaimInput, ClaimPayment, ClaimStatus, ClaimType};
use schema::customer::{fen_to_yuan, parse_yuan};
use schema::request::RequestDetail;

use crate::api;
use crate::components::field::{SelectField, TextField};
use crate::components::form::{FormState, banner_view, parse_enum};
use crate::components::paged::local_time;
use crate::i18n::{tr, use_i18n};

/// What a claim says: type, status, amounts, decision, payment.
#[component]
pub fn ClaimFacts(claim: Claim) -> impl IntoView {
    let i18n = use_i18n();
    let (l, t) = (i18n.locale(), i18n.t());
    let at = |v: &Option<String>| v.as_deref().map(|v| local_time(v, l)).unwrap_or_default();
    view! {
        <dl class="card facts" data-testid="claim-facts">
            <dt>{t.claim_type}</dt><dd>{claim.claim_type.label(l)}</dd>
            <dt>{t.claim_status}</dt><dd><span class="tag" data-testid="claim-status">{claim.status.label(l)}</span></dd>
            <dt>{t.claim_amount}</dt><dd>"¥"{fen_to_yuan(claim.amount_claimed)}</dd>
            {claim.amount_approved.map(|a| view! { <dt>{t.claim_approved}</dt><dd data-testid="claim-approved">"¥"{fen_to_yuan(a)}</dd> })}
            {(!claim.decision_note.is_empty()).then(|| view! { <dt>{t.claim_note}</dt><dd>{claim.decision_note.clone()}</dd> })}
            {claim.decided_by.clone().map(|b| view! { <dt>{t.claim_decided}</dt><dd>{b}" "{at(&claim.decided_at)}</dd> })}
            {claim.paid_ref.clone().map(|r| view! { <dt>{t.claim_paid}</dt><dd>{r}" "{at(&claim.paid_at)}</dd> })}
        </dl>
    }
}

/// The staff's claim panel: file, decide, pay — whichever the claim's status allows.
#[component]
pub fn ClaimPanel(request: i64, claim: Option<Claim>, done: Callback<RequestDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let kind = RwSignal::new("damage".to_string());
    let amount = RwSignal::new(claim.as_ref().map(|c| fen_to_yuan(c.amount_claimed)).unwrap_or_default());
    let note = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let version = claim.as_ref().map_or(0, |c| c.version);
    let finish = move |r: Result<RequestDetail, api::ApiError>| {
        match r {
            Ok(d) => done.run(d),
            Err(e) => form.fail(&e, i18n),
        }
        form.pending.set(false);
    };
    let fen = move || parse_yuan(&amount.get_untracked());
    let file = move |_| {
        let body = ClaimInput {
            claim_type: parse_enum(&kind.get_untracked()),
            amount_claimed: fen(),
            version: None,
        };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move { finish(api::file_claim(request, &body).await) });
    };
    let prefill = move |_| {
        let k = kind.get_untracked();
        leptos::task::spawn_local(async move {
            match api::claim_prefill(request, &k).await {
                Ok(p) => amount.set(fen_to_yuan(p.amount_claimed)),
                Err(e) => form.fail(&e, i18n),
            }
        });
    };
    let decide = move |approve: bool| {
        let body = ClaimDecision {
            version,
            approve,
            amount: if approve { fen() } else { None },
            note: note.get_untracked(),
        };
        form.pending.set(true);
        leptos::task::spawn_local(async move { finish(api::decide_claim(request, &body).await) });
    };
    let pay = move |_| {
        let body = ClaimPayment { version, reference: reference.get_untracked() };
        if !form.accept(&body.validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move { finish(api::pay_claim(request, &body).await) });
    };
    let kinds = Signal::derive(move || {
        ClaimType::ALL.iter().map(|k| (k.as_str().to_string(), k.label(i18n.locale()).to_string())).collect()
    });
    let status = claim.as_ref().map(|c| c.status);
    view! {
        <h2>{tr(|c| c.claim_title)}</h2>
        {banner_view(form.banner)}
        {claim.clone().map(|c| view! { <ClaimFacts claim=c/> })}
        <div class="card form" data-testid="claim-panel">
            {match status {
                None => view! {
                    <SelectField name="claim_type" label=tr(|c| c.claim_type) value=kind errors=form.errors options=kinds placeholder=tr(|c| c.choose)/>
                    <TextField name="amount_claimed" label=tr(|c| c.claim_amount_yuan) value=amount errors=form.errors/>
                    <div class="card-actions">
                        <button type="button" class="btn" data-testid="claim-prefill" on:click=prefill>{tr(|c| c.claim_prefill)}</button>
                        <button type="button" class="btn btn-primary" data-testid="claim-file" disabled=move || form.pending.get() on:click=file>{tr(|c| c.claim_file)}</button>
                    </div>
                }.into_any(),
                Some(ClaimStatus::Review) => view! {
                    <TextField name="amount" label=tr(|c| c.claim_approve_yuan) value=amount errors=form.errors/>
                    <TextField name="note" label=tr(|c| c.claim_note) value=note errors=form.errors/>
                    <div class="card-actions">
                        <button type="button" class="btn btn-primary" data-testid="claim-approve" disabled=move || form.pending.get() on:click=move |_| decide(true)>{tr(|c| c.claim_approve)}</button>
                        <button type="button" class="btn" data-testid="claim-reject" disabled=move || form.pending.get() on:click=move |_| decide(false)>{tr(|c| c.claim_reject)}</button>
                    </div>
                }.into_any(),
                Some(ClaimStatus::Approved) => view! {
                    <TextField name="reference" label=tr(|c| c.claim_reference) value=reference errors=form.errors/>
                    <button type="button" class="btn btn-primary" data-testid="claim-pay" disabled=move || form.pending.get() on:click=pay>{tr(|c| c.claim_pay)}</button>
                }.into_any(),
                Some(_) => ().into_any(),
            }}
        </div>
    }
}

/// A request's files (links open them) and, where allowed, the upload button.
#[component]
pub fn Attachments(request: i64, portal: bool, initial: Vec<Attachment>) -> impl IntoView {
    let i18n = use_i18n();
    let list = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let input = NodeRef::<leptos::html::Input>::new();
    let upload = move |_| {
        let file = input.get_untracked().and_then(|i| i.files()).and_then(|f| f.get(0));
        let Some(file) = file else { return };
        if file.size() > schema::attachment::MAX_BYTES as f64 {
            error.set(Some(schema::ErrorCode::FileTooLarge.message(i18n.locale()).to_string()));
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::upload_attachment(portal, request, &file).await {
                Ok(v) => {
                    list.set(v);
                    error.set(None);
                    if let Some(i) = input.get_untracked() {
                        i.set_value("");
                    }
                }
                Err(e) => error.set(Some(e.message())),
            }
            pending.set(false);
        });
    };
    let base = api::attachments_path(portal, request);
    view! {
        <h2>{tr(|c| c.attachments_title)}</h2>
        <ul class="cards" data-testid="attachments">
            {move || list.get().into_iter().map(|a| view! {
                <li class="card"><a href=format!("{base}/{}", a.id) target="_blank" rel="noopener">{a.name.clone()}</a>
                    <span class="card-meta"><span>{format!("{} KB", (a.size + 1023) / 1024)}</span><span>{a.uploaded_by.clone()}</span>
                    <span>{local_time(&a.created_at, i18n.locale())}</span></span></li>
            }).collect_view()}
        </ul>
        <div class="card form">
            <label class="field">{tr(|c| c.attachments_add)}
                <input type="file" accept="image/jpeg,image/png,image/webp,application/pdf" node_ref=input data-testid="attachment-input"/></label>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <button type="button" class="btn" data-testid="upload-attachment" disabled=move || pending.get() on:click=upload>{tr(|c| c.attachments_upload)}</button>
        </div>
    }
}
