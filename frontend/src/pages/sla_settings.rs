//! `/settings/sla` (admins): the SLA policy table (targets per kind × customer tier, in business
//! minutes) and the business calendars (the firm's default and orgs' own: working hours per
//! weekday, holidays, make-up working days), and the claim approval limit of agents. Each list is
//! checked with the server's own rules before it is sent, and saved as a whole.

use leptos::prelude::*;
use schema::complaint::ComplaintCause;
use schema::customer::Tier;
use schema::request::RequestKind;
use schema::routing::RoutingRule;
use schema::sla::{CalendarSpec, SlaPolicy};
use schema::staff::ADMIN_ONLY;

use crate::api;
use crate::components::form::parse_enum;
use crate::components::layout::RequireRole;
use crate::components::list_editor::ListEditor;
use crate::i18n::{Admin, StaffUi, Text, tr, use_i18n};

#[component]
pub fn SlaSettingsPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><h1>{StaffUi::tr(|c| c.sla_settings)}</h1><Policies/><Calendars/><Routing/><AutoRequests/><ClaimLimit/><Causes/></RequireRole> }
}

type Banner = RwSignal<Option<(bool, String)>>;

fn banner(b: Banner) -> impl IntoView {
    move || {
        b.get().map(|(ok, m)| {
            view! {
                <div class=if ok { "banner banner-ok" } else { "banner banner-error" } role="status">{m}</div>
            }
        })
    }
}

#[derive(Clone, Copy)]
struct PolicyRow {
    kind: RwSignal<String>,
    tier: RwSignal<String>,
    mins: [RwSignal<String>; 4],
}

impl PolicyRow {
    fn new(p: &SlaPolicy) -> PolicyRow {
        let m = |v: i64| RwSignal::new(v.to_string());
        PolicyRow {
            kind: RwSignal::new(p.kind.as_str().into()),
            tier: RwSignal::new(p.tier.map(|t| t.as_str().to_string()).unwrap_or_default()),
            mins: [m(p.first_response_min), m(p.resolve_min), m(p.warn_before_min), m(p.escalate_after_min)],
        }
    }

    fn value(&self) -> Option<SlaPolicy> {
        let n = |i: usize| self.mins[i].get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let tier = self.tier.get_untracked();
        Some(SlaPolicy {
            kind: parse_enum(&self.kind.get_untracked())?,
            tier: if tier.is_empty() { None } else { Some(parse_enum(&tier)?) },
            first_response_min: n(0),
            resolve_min: n(1),
            warn_before_min: n(2),
            escalate_after_min: n(3),
        })
    }
}

#[component]
fn Policies() -> impl IntoView {
    let i18n = use_i18n();
    let list = ListEditor::new(PolicyRow::new, api::sla_policies());
    let save = move |_| {
        let body = list.values(PolicyRow::value);
        let checked = schema::sla::validate_policies(&body);
        list.save(i18n, checked, async move { api::save_sla_policies(&body).await });
    };
    let add = move |_| {
        let p = SlaPolicy {
            kind: RequestKind::Inquiry,
            tier: Some(Tier::Key),
            first_response_min: 60,
            resolve_min: 540,
            warn_before_min: 60,
            escalate_after_min: 240,
        };
        list.add(&p);
    };
    let labels: [Text; 4] = [
        |l| Admin::get(l).sla_fr_min,
        |l| Admin::get(l).sla_resolve_min,
        |l| Admin::get(l).sla_warn_min,
        |l| Admin::get(l).sla_escalate_min,
    ];
    view! {
        <h2>{Admin::tr(|c| c.sla_policies)}</h2>
        {list.banner()}
        <ul class="cards" data-testid="sla-policies">
            {move || list.rows.get().into_iter().enumerate().map(|(i, r)| {
                let l = i18n.locale();
                view! {
                    <li class="card policy-row">
                        <select aria-label=tr(|c| c.request_kind) on:change=move |ev| r.kind.set(event_target_value(&ev))>
                            {RequestKind::ALL.iter().map(|k| view! {
                                <option value=k.as_str() selected=r.kind.get_untracked() == k.as_str()>{k.label(l)}</option>
                            }).collect_view()}
                        </select>
                        <select aria-label=StaffUi::tr(|c| c.tier) on:change=move |ev| r.tier.set(event_target_value(&ev))>
                            <option value="" selected=r.tier.get_untracked().is_empty()>{Admin::tr(|c| c.sla_any_tier)}</option>
                            {Tier::ALL.iter().map(|t| view! {
                                <option value=t.as_str() selected=r.tier.get_untracked() == t.as_str()>{t.label(l)}</option>
                            }).collect_view()}
                        </select>
                        {r.mins.iter().zip(labels).map(|(m, label)| view! {
                            <label class="field">{move || label(i18n.locale())}<input type="number" min="0" inputmode="numeric" bind:value=*m/></label>
                        }).collect_view()}
                        <button type="button" class="btn-link" on:click=move |_| list.remove(i)>{StaffUi::tr(|c| c.remove)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="card-actions">
            <button type="button" class="btn" on:click=add>{Admin::tr(|c| c.sla_add_policy)}</button>
            <button type="button" class="btn btn-primary" data-testid="save-policies" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}

#[derive(Clone, Copy)]
struct CalendarRow {
    org_id: RwSignal<String>,
    offset: RwSignal<String>,
    week: [RwSignal<String>; 7],
    holidays: RwSignal<String>,
    workdays: RwSignal<String>,
}

impl CalendarRow {
    fn new(c: &CalendarSpec) -> CalendarRow {
        let day = |i: usize| RwSignal::new(c.week.get(i).cloned().unwrap_or_default());
        CalendarRow {
            org_id: RwSignal::new(c.org_id.map(|o| o.to_string()).unwrap_or_default()),
            offset: RwSignal::new(c.utc_offset_min.to_string()),
            week: [day(0), day(1), day(2), day(3), day(4), day(5), day(6)],
            holidays: RwSignal::new(c.holidays.join("\n")),
            workdays: RwSignal::new(c.workdays.join("\n")),
        }
    }

    fn value(&self) -> CalendarSpec {
        let lines = |s: RwSignal<String>| -> Vec<String> {
            s.get_untracked()
                .split([',', '\n', ' ', '，'])
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(String::from)
                .collect()
        };
        CalendarSpec {
            org_id: self.org_id.get_untracked().parse().ok(),
            org_name: None,
            utc_offset_min: self.offset.get_untracked().trim().parse().unwrap_or(i64::MAX),
            week: self.week.iter().map(|d| d.get_untracked().trim().to_string()).collect(),
            holidays: lines(self.holidays),
            workdays: lines(self.workdays),
        }
    }
}

#[component]
fn Calendars() -> impl IntoView {
    let i18n = use_i18n();
    let list = ListEditor::new(CalendarRow::new, api::sla_calendars());
    let orgs = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(all) = api::all_orgs().await {
            orgs.set(all.into_iter().filter(|o| o.active).map(|o| (o.id.to_string(), o.name)).collect());
        }
    });
    let save = move |_| {
        let body = list.values(|r| Some(r.value()));
        let checked = schema::sla::validate_calendars(&body);
        list.save(i18n, checked, async move { api::save_sla_calendars(&body).await });
    };
    let add = move |_| {
        let first = orgs.get_untracked().first().and_then(|o| o.0.parse().ok());
        list.add(&CalendarSpec { org_id: first, ..CalendarSpec::standard() });
    };
    view! {
        <h2>{Admin::tr(|c| c.sla_calendars)}</h2>
        {list.banner()}
        <ul class="cards" data-testid="sla-calendars">
            {move || list.rows.get().into_iter().enumerate().map(|(i, r)| {
                let firm = r.org_id.get_untracked().is_empty();
                let days: Vec<&'static str> = Admin::get(i18n.locale()).sla_weekdays.split(',').collect();
                view! {
                    <li class="card form">
                        {if firm {
                            view! { <strong>{Admin::tr(|c| c.sla_firm_default)}</strong> }.into_any()
                        } else {
                            view! {
                                <select aria-label=StaffUi::tr(|c| c.request_org) on:change=move |ev| r.org_id.set(event_target_value(&ev))>
                                    {move || orgs.get().into_iter().map(|(id, name)| {
                                        let on = r.org_id.get_untracked() == id;
                                        view! { <option value=id selected=on>{name}</option> }
                                    }).collect_view()}
                                </select>
                            }.into_any()
                        }}
                        <label class="field">{Admin::tr(|c| c.sla_utc_offset)}<input type="number" bind:value=r.offset/></label>
                        <p class="hint">{Admin::tr(|c| c.sla_hours_hint)}</p>
                        <div class="week-grid">
                            {r.week.iter().enumerate().map(|(d, w)| view! {
                                <label class="field">{days.get(d).copied().unwrap_or_default()}
                                    <input data-testid=format!("week-{i}-{d}") bind:value=*w placeholder="09:00-18:00"/></label>
                            }).collect_view()}
                        </div>
                        <label class="field">{Admin::tr(|c| c.sla_holidays)}<textarea rows="3" data-testid=format!("holidays-{i}") bind:value=r.holidays></textarea></label>
                        <label class="field">{Admin::tr(|c| c.sla_workdays)}<textarea rows="2" bind:value=r.workdays></textarea></label>
                        {(!firm).then(|| view! {
                            <button type="button" class="btn-link" on:click=move |_| list.remove(i)>{StaffUi::tr(|c| c.remove)}</button>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="card-actions">
            <button type="button" class="btn" on:click=add>{Admin::tr(|c| c.sla_add_calendar)}</button>
            <button type="button" class="btn btn-primary" data-testid="save-calendars" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}

/// The amount (yuan) up to which agents approve claims themselves.
#[component]
fn ClaimLimit() -> impl IntoView {
    let i18n = use_i18n();
    let limit = RwSignal::new(String::new());
    let message: Banner = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        if let Ok(s) = api::claim_settings().await {
            limit.set(schema::customer::fen_to_yuan(s.agent_limit));
        }
    });
    let save = move |_| {
        let Some(agent_limit) = schema::customer::parse_yuan(&limit.get_untracked()) else {
            message.set(Some((false, schema::FieldIssue::InvalidNumber.message(i18n.locale()))));
            return;
        };
        leptos::task::spawn_local(async move {
            match api::save_claim_settings(&schema::claim::ClaimSettings { agent_limit }).await {
                Ok(s) => {
                    limit.set(schema::customer::fen_to_yuan(s.agent_limit));
                    message.set(Some((true, i18n.t().saved.to_string())));
                }
                Err(e) => message.set(Some((false, e.message()))),
            }
        });
    };
    view! {
        <h2>{Admin::tr(|c| c.claim_limit)}</h2>
        {banner(message)}
        <div class="card form">
            <label class="field">{Admin::tr(|c| c.claim_limit_yuan)}<input inputmode="decimal" data-testid="claim-limit" bind:value=limit/></label>
            <button type="button" class="btn btn-primary" data-testid="save-claim-limit" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}

/// Which shipment events open an inquiry by themselves (VIP and contracted customers).
#[component]
fn AutoRequests() -> impl IntoView {
    let i18n = use_i18n();
    let on_exception = RwSignal::new(false);
    let on_overdue = RwSignal::new(false);
    let message: Banner = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        if let Ok(s) = api::auto_requests().await {
            on_exception.set(s.on_exception);
            on_overdue.set(s.on_overdue);
        }
    });
    let save = move |_| {
        let body = schema::request::AutoRequestSettings {
            on_exception: on_exception.get_untracked(),
            on_overdue: on_overdue.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::save_auto_requests(&body).await {
                Ok(_) => message.set(Some((true, i18n.t().saved.to_string()))),
                Err(e) => message.set(Some((false, e.message()))),
            }
        });
    };
    view! {
        <h2>{Admin::tr(|c| c.auto_requests)}</h2>
        {banner(message)}
        <div class="card form">
            <label class="field-check"><input type="checkbox" data-testid="auto-exception" bind:checked=on_exception/>" "{Admin::tr(|c| c.auto_on_exception)}</label>
            <label class="field-check"><input type="checkbox" data-testid="auto-overdue" bind:checked=on_overdue/>" "{Admin::tr(|c| c.auto_on_overdue)}</label>
            <button type="button" class="btn btn-primary" data-testid="save-auto" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}

/// The firm's complaint causes (code, Chinese and English labels, in use or not).
#[component]
fn Causes() -> impl IntoView {
    #[derive(Clone, Copy)]
    struct Row {
        code: RwSignal<String>,
        zh: RwSignal<String>,
        en: RwSignal<String>,
        active: RwSignal<bool>,
    }
    let i18n = use_i18n();
    let row = |c: &ComplaintCause| Row {
        code: RwSignal::new(c.code.clone()),
        zh: RwSignal::new(c.label_zh.clone()),
        en: RwSignal::new(c.label_en.clone()),
        active: RwSignal::new(c.active),
    };
    let list = ListEditor::new(row, api::complaint_causes());
    let save = move |_| {
        let body = list.values(|r| {
            Some(ComplaintCause {
                code: r.code.get_untracked(),
                label_zh: r.zh.get_untracked(),
                label_en: r.en.get_untracked(),
                active: r.active.get_untracked(),
            })
        });
        let checked = schema::complaint::validate_causes(&body);
        list.save(i18n, checked, async move { api::save_complaint_causes(&body).await });
    };
    let add = move |_| list.add(&ComplaintCause { active: true, ..Default::default() });
    view! {
        <h2>{Admin::tr(|c| c.complaint_causes)}</h2>
        {list.banner()}
        <ul class="cards" data-testid="complaint-causes">
            {move || list.rows.get().into_iter().map(|r| view! {
                <li class="card policy-row">
                    <input aria-label="code" bind:value=r.code/>
                    <input aria-label=StaffUi::tr(|c| c.complaint_cause) bind:value=r.zh/>
                    <input aria-label="English" bind:value=r.en/>
                    <label class="field-check"><input type="checkbox" bind:checked=r.active/>" "{StaffUi::tr(|c| c.active)}</label>
                </li>
            }).collect_view()}
        </ul>
        <div class="card-actions">
            <button type="button" class="btn" on:click=add>{Admin::tr(|c| c.complaint_add_cause)}</button>
            <button type="button" class="btn btn-primary" data-testid="save-causes" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}

/// Routing rules: conditions (kind, region, current location) and the org that takes the request.
#[component]
fn Routing() -> impl IntoView {
    #[derive(Clone, Copy)]
    struct Row {
        kind: RwSignal<String>,
        region: RwSignal<String>,
        location: RwSignal<String>,
        org: RwSignal<String>,
    }
    let i18n = use_i18n();
    let row = |r: &RoutingRule| Row {
        kind: RwSignal::new(r.kind.map(|k| k.as_str().to_string()).unwrap_or_default()),
        region: RwSignal::new(r.region.clone()),
        location: RwSignal::new(r.location.clone()),
        org: RwSignal::new(r.org_id.to_string()),
    };
    let list = ListEditor::new(row, api::routing_rules());
    let orgs = RwSignal::new(Vec::<(String, String)>::new());
    leptos::task::spawn_local(async move {
        if let Ok(all) = api::all_orgs().await {
            orgs.set(all.into_iter().filter(|o| o.active).map(|o| (o.id.to_string(), o.name)).collect());
        }
    });
    let save = move |_| {
        let body = list.values(|r| {
            Some(RoutingRule {
                kind: parse_enum(&r.kind.get_untracked()),
                region: r.region.get_untracked(),
                location: r.location.get_untracked(),
                org_id: r.org.get_untracked().parse().unwrap_or(0),
                org_name: None,
            })
        });
        let checked = schema::routing::validate_rules(&body);
        list.save(i18n, checked, async move { api::save_routing_rules(&body).await });
    };
    let add = move |_| {
        let first = orgs.get_untracked().first().and_then(|o| o.0.parse().ok()).unwrap_or(0);
        let r = RoutingRule {
            kind: None,
            region: String::new(),
            location: String::new(),
            org_id: first,
            org_name: None,
        };
        list.add(&r);
    };
    view! {
        <h2>{Admin::tr(|c| c.routing_title)}</h2>
        <p class="hint">{Admin::tr(|c| c.routing_hint)}</p>
        {list.banner()}
        <ul class="cards" data-testid="routing-rules">
            {move || list.rows.get().into_iter().enumerate().map(|(i, r)| {
                let l = i18n.locale();
                view! {
                    <li class="card policy-row">
                        <select aria-label=tr(|c| c.request_kind) on:change=move |ev| r.kind.set(event_target_value(&ev))>
                            <option value="" selected=r.kind.get_untracked().is_empty()>{tr(|c| c.filter_all)}</option>
                            {RequestKind::ALL.iter().map(|k| view! {
                                <option value=k.as_str() selected=r.kind.get_untracked() == k.as_str()>{k.label(l)}</option>
                            }).collect_view()}
                        </select>
                        <label class="field">{Admin::tr(|c| c.routing_region)}<input data-testid=format!("routing-region-{i}") bind:value=r.region/></label>
                        <label class="field">{Admin::tr(|c| c.routing_location)}<input bind:value=r.location/></label>
                        <select aria-label=StaffUi::tr(|c| c.request_org) data-testid=format!("routing-org-{i}") on:change=move |ev| r.org.set(event_target_value(&ev))>
                            {move || orgs.get().into_iter().map(|(id, name)| {
                                let on = r.org.get_untracked() == id;
                                view! { <option value=id selected=on>{name}</option> }
                            }).collect_view()}
                        </select>
                        <button type="button" class="btn-link" on:click=move |_| list.remove(i)>{StaffUi::tr(|c| c.remove)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
        <div class="card-actions">
            <button type="button" class="btn" data-testid="add-routing" on:click=add>{Admin::tr(|c| c.routing_add)}</button>
            <button type="button" class="btn btn-primary" data-testid="save-routing" on:click=save>{tr(|c| c.save)}</button>
        </div>
    }
}
