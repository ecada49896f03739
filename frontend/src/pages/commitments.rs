//! `/settings/commitments`: the committed-time table (承诺时限), edited as a whole (admins).

use leptos::prelude::*;
use schema::shipment::Commitment;
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::layout::RequireRole;
use crate::components::list_editor::ListEditor;
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
    let list = ListEditor::new(Row::new, api::commitments());
    let save = move |_| {
        let body = list.values(|r| Some(r.value()));
        let checked = schema::shipment::validate_commitments(&body);
        list.save(i18n, checked, async move { api::save_commitments(&body).await });
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
            {list.banner()}
            <table class="map-table" data-testid="commit-table">
                <thead><tr><th>{Admin::tr(|c| c.commit_service)}</th><th>{Admin::tr(|c| c.commit_origin)}</th><th>{Admin::tr(|c| c.commit_dest)}</th><th>{Admin::tr(|c| c.commit_days)}</th><th></th></tr></thead>
                <tbody>
                    {move || list.rows.get().into_iter().enumerate().map(|(i, r)| view! {
                        <tr>
                            <td><input aria-label=Admin::tr(|c| c.commit_service) bind:value=r.service/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_origin) bind:value=r.origin/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_dest) bind:value=r.dest/></td>
                            <td><input aria-label=Admin::tr(|c| c.commit_days) inputmode="numeric" bind:value=r.days/></td>
                            <td><button class="btn-link" on:click=move |_| list.remove(i)>{move || StaffUi::get(i18n.locale()).remove}</button></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <div class="card-actions">
                <button class="btn" on:click=move |_| list.add(&blank)>{StaffUi::tr(|c| c.add_row)}</button>
                <button class="btn btn-primary" data-testid="commit-save" on:click=save>{tr(|c| c.save)}</button>
            </div>
        </section>
    }
}
