//! `/settings/commitments`: the committed-time table (承诺时限), edited as a whole (admins).

use leptos::prelude::*;
use schema::shipment::Commitment;
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::i18n::{Admin, StaffUi, tr, use_i18n};

#[component]
pub fn CommitmentsPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><Table/></RequireRole> }
}

/// One editable row.
#[derive(Clone, Copy)]
struct Row {
    service: RwSignal<String>,
    origin: RwSignal<String>,
    dest: RwSignal<String>,
    days: RwSignal<String>,
}

impl Row {
    fn new(c: &Commitment) -> Row {
        Row {
            service: RwSignal::new(c.service_code.clone()),
            origin: RwSignal::new(c.origin_zone.clone()),
            dest: RwSignal::new(c.dest_zone.clone()),
            days: RwSignal::new(c.days.to_string()),
        }
    }

    fn value(&self) -> Commitment {
        Commitment {
            service_code: self.service.get_untracked(),
            origin_zone: self.origin.get_untracked(),
            dest_zone: self.dest.get_untracked(),
            days: self.days.get_untracked().trim().parse().unwrap_or(-1),
        }
    }
}

#[component]
fn Table() -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new(Vec::<Row>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let fill = move |list: Vec<Commitment>| rows.set(list.iter().map(Row::new).collect());
    leptos::task::spawn_local(async move {
        if let Ok(list) = api::commitments().await {
            fill(list);
        }
    });
    let save = move |_| {
        let body: Vec<Commitment> = rows.get_untracked().iter().map(Row::value).collect();
        if let Err(e) = schema::shipment::validate_commitments(&body) {
            let l = i18n.locale();
            message.set(Some((false, e.values().map(|i| i.message(l)).collect::<Vec<_>>().join(" "))));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::save_commitments(&body).await {
                Ok(list) => {
                    fill(list);
                    message.set(Some((true, i18n.t().saved.into())));
                }
                Err(e) => message.set(Some((false, e.message()))),
            }
        });
    };
    let blank = Commitment {
        service_code: "standard".into(),
        origin_zone: "*".into(),
        dest_zone: "*".into(),
        days: 3,
    };
    view! {
        <section class="page">
            <h1>{StaffUi::tr(|c| c.commit_title)}</h1>
            <p class="muted">{Admin::tr(|c| c.commit_hint)}</p>
            {move || message.get().map(|(ok, m)| view! {
                <div class=if ok { "banner" } else { "banner banner-error" } role="status" data-testid="commit-message">{m}</div>
            })}
            <table class="map-table" data-testid="commit-table">
                <thead><tr><th>{Admin::tr(|c| c.commit_service)}</th><th>{Admin::tr(|c| c.commit_origin)}</th><th>{Admin::tr(|c| c.commit_dest)}</th><th>{Admin::tr(|c| c.commit_days)}</th><th></th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <td><input aria-label=Admin::tr(|c| c.commit_service) bind:value=r.service/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_origin) bind:value=r.origin/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_dest) bind:value=r.dest/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_days) inputmode="numeric" bind:value=r.days/></td>
                            <td><button class="btn-link" on:click=move |_| rows.update(|v| { v.remove(i); })>{move || StaffUi::get(i18n.locale()).remove}</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="card-actions">
                <button class="btn" on:click=move |_| rows.update(|v| v.push(Row::new(&blank)))>{StaffUi::tr(|c| c.add_row)}</button>
                <button class="btn btn-primary" data-testid="commit-save" on:click=save>{tr(|c| c.save)}</button>
            </div>
        </section>
    }
}
