//! `/settings/value` (admins): the value rules — the four steps of each RFM score, what reaches
//! VIP, key and regular (the rest are potential), and when a customer turns at risk or lost. The
//! whole set is checked with the server's own rules (steps ascending, no tier overlapping the
//! one above) before it is sent; the nightly pass applies it. Below it, the credit policy: what
//! bookings do about customers in arrears or over their credit limit.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use schema::customer::{fen_to_yuan, parse_yuan};
use schema::staff::ADMIN_ONLY;
use schema::value::{TierRule, ValueRules};

use crate::api;
use crate::components::form::{FormState, banner_view};
use crate::components::layout::RequireRole;
use crate::i18n::{Admin, tr, use_i18n};

#[component]
pub fn ValueRulesPage() -> impl IntoView {
    view! { <RequireRole roles=ADMIN_ONLY><h1>{Admin::tr(|c| c.value_rules)}</h1><RulesForm/><CreditForm/></RequireRole> }
}

/// One number as typed; money in yuan.
type Cell = RwSignal<String>;
/// Picks a string of the admin area.
type AdminText = fn(&Admin) -> &'static str;

#[derive(Clone, Copy)]
struct Fields {
    recency: [Cell; 4],
    frequency: [Cell; 4],
    monetary: [Cell; 4],
    /// VIP, key, regular: (minimum score, minimum 365-day freight in yuan).
    tiers: [(Cell, Cell); 3],
    at_risk_days: Cell,
    drop_percent: Cell,
    drop_min_prior: Cell,
    lost_days: Cell,
    version: RwSignal<i64>,
}

fn cells() -> [Cell; 4] {
    [
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    ]
}

impl Fields {
    fn fill(&self, r: &ValueRules) {
        for (cells, steps, money) in [
            (self.recency, r.recency_days, false),
            (self.frequency, r.frequency, false),
            (self.monetary, r.monetary, true),
        ] {
            for (c, v) in cells.iter().zip(steps) {
                c.set(if money { fen_to_yuan(v) } else { v.to_string() });
            }
        }
        for ((score, freight), rule) in self.tiers.iter().zip([r.vip, r.key, r.regular]) {
            score.set(rule.min_score.to_string());
            freight.set(fen_to_yuan(rule.min_freight_365));
        }
        self.at_risk_days.set(r.at_risk_days.to_string());
        self.drop_percent.set(r.drop_percent.to_string());
        self.drop_min_prior.set(r.drop_min_prior.to_string());
        self.lost_days.set(r.lost_days.to_string());
        self.version.set(r.version);
    }

    /// The rules as typed; a number that does not read is -1, which the rules refuse by field.
    fn read(&self) -> ValueRules {
        let n = |c: Cell| c.get_untracked().trim().parse::<i64>().unwrap_or(-1);
        let y = |c: Cell| parse_yuan(&c.get_untracked()).unwrap_or(-1);
        let steps = |cs: [Cell; 4], f: &dyn Fn(Cell) -> i64| [f(cs[0]), f(cs[1]), f(cs[2]), f(cs[3])];
        let tier = |(s, f): (Cell, Cell)| TierRule { min_score: n(s), min_freight_365: y(f) };
        ValueRules {
            recency_days: steps(self.recency, &n),
            frequency: steps(self.frequency, &n),
            monetary: steps(self.monetary, &y),
            vip: tier(self.tiers[0]),
            key: tier(self.tiers[1]),
            regular: tier(self.tiers[2]),
            at_risk_days: n(self.at_risk_days),
            drop_percent: n(self.drop_percent),
            drop_min_prior: n(self.drop_min_prior),
            lost_days: n(self.lost_days),
            version: self.version.get_untracked(),
        }
    }
}

#[component]
fn RulesForm() -> impl IntoView {
    let i18n = use_i18n();
    let form = FormState::new();
    let f = Fields {
        recency: cells(),
        frequency: cells(),
        monetary: cells(),
        tiers: [0, 1, 2].map(|_| (RwSignal::new(String::new()), RwSignal::new(String::new()))),
        at_risk_days: RwSignal::new(String::new()),
        drop_percent: RwSignal::new(String::new()),
        drop_min_prior: RwSignal::new(String::new()),
        lost_days: RwSignal::new(String::new()),
        version: RwSignal::new(0),
    };
    leptos::task::spawn_local(async move {
        match api::value_rules().await {
            Ok(r) => f.fill(&r),
            Err(e) => form.fail(&e, i18n),
        }
    });
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let rules = f.read();
        if !form.accept(&rules.clone().validate(), i18n.locale()) {
            return;
        }
        form.pending.set(true);
        leptos::task::spawn_local(async move {
            match api::save_value_rules(&rules).await {
                Ok(r) => {
                    f.fill(&r);
                    form.banner.set(Some(crate::components::form::Banner::Ok(i18n.t().saved.to_string())));
                }
                Err(e) => form.fail(&e, i18n),
            }
            form.pending.set(false);
        });
    };
    let err = move |name: &'static str| move || form.errors.with(|e| e.get(name).cloned());
    let row = move |name: &'static str, label: Signal<&'static str>, cells: [Cell; 4]| {
        view! {
            <fieldset class="field" data-testid=format!("rule-{name}")>
                <legend>{label}</legend>
                <div class="row">
                    {cells.into_iter().enumerate().map(|(i, c)| view! {
                        <input inputmode="decimal" name=format!("{name}-{i}") aria-label=move || format!("{} {}", label.get(), i + 1) bind:value=c/>
                    }).collect_view()}
                </div>
                <p class="field-error" role="alert">{err(name)}</p>
            </fieldset>
        }
    };
    let tier_names: [(&'static str, AdminText); 3] =
        [("vip", |c| c.value_vip), ("key", |c| c.value_key), ("regular", |c| c.value_regular)];
    let one = move |name: &'static str, label: Signal<&'static str>, c: Cell| {
        view! {
            <div class="field">
                <label for=format!("f-{name}")>{label}</label>
                <input id=format!("f-{name}") inputmode="numeric" bind:value=c/>
                <p class="field-error" role="alert">{err(name)}</p>
            </div>
        }
    };
    view! {
        <form class="card form" on:submit=save novalidate data-testid="value-rules">
            {banner_view(form.banner)}
            <p class="hint">{Admin::tr(|c| c.value_rules_hint)}</p>
            {row("recency_days", Admin::tr(|c| c.value_recency), f.recency)}
            {row("frequency", Admin::tr(|c| c.value_frequency), f.frequency)}
            {row("monetary", Admin::tr(|c| c.value_monetary), f.monetary)}
            {tier_names.into_iter().zip(f.tiers).map(|((name, label), (score, freight))| view! {
                <fieldset class="field" data-testid=format!("rule-{name}")>
                    <legend>{Admin::tr(label)}</legend>
                    <div class="row">
                        <input inputmode="numeric" name=format!("{name}-score") aria-label=Admin::tr(|c| c.value_min_score) bind:value=score/>
                        <input inputmode="decimal" name=format!("{name}-freight") aria-label=Admin::tr(|c| c.value_min_freight) bind:value=freight/>
                    </div>
                    <p class="hint">{Admin::tr(|c| c.value_tier_hint)}</p>
                    <p class="field-error" role="alert">{err(name)}</p>
                </fieldset>
            }).collect_view()}
            {one("at_risk_days", Admin::tr(|c| c.value_at_risk_days), f.at_risk_days)}
            {one("drop_percent", Admin::tr(|c| c.value_drop_percent), f.drop_percent)}
            {one("drop_min_prior", Admin::tr(|c| c.value_drop_min_prior), f.drop_min_prior)}
            {one("lost_days", Admin::tr(|c| c.value_lost_days), f.lost_days)}
            <button type="submit" class="btn btn-primary" disabled=move || form.pending.get()>{tr(|c| c.save)}</button>
        </form>
    }
}

/// The credit policy: warn only, or refuse bookings over the limit / while anything is owed.
#[component]
fn CreditForm() -> impl IntoView {
    use schema::credit::{CreditPolicy, CreditSettings};
    let i18n = use_i18n();
    let form = FormState::new();
    let policy = RwSignal::new(String::new());
    leptos::task::spawn_local(async move {
        if let Ok(s) = api::credit_settings().await {
            policy.set(s.policy.as_str().to_string());
        }
    });
    let options = Signal::derive(move || {
        let l = i18n.locale();
        CreditPolicy::ALL.iter().map(|p| (p.as_str().to_string(), p.label(l).to_string())).collect::<Vec<_>>()
    });
    let save = move |ev: SubmitEvent| {
        ev.prevent_default();
        let chosen = CreditPolicy::ALL.into_iter().find(|p| p.as_str() == policy.get_untracked());
        let body = CreditSettings { policy: chosen.unwrap_or_default() };
        leptos::task::spawn_local(async move {
            match api::save_credit_settings(&body).await {
                Ok(_) => {
                    form.banner.set(Some(crate::components::form::Banner::Ok(i18n.t().saved.to_string())))
                }
                Err(e) => form.fail(&e, i18n),
            }
        });
    };
    view! {
        <form class="card form" on:submit=save novalidate data-testid="credit-policy">
            <h2>{Admin::tr(|c| c.credit_policy)}</h2>
            {banner_view(form.banner)}
            <crate::components::field::SelectField name="policy" label=Admin::tr(|c| c.credit_policy_label) value=policy
                errors=form.errors options=options placeholder=Admin::tr(|c| c.credit_policy)/>
            <button type="submit" class="btn btn-primary">{tr(|c| c.save)}</button>
        </form>
    }
}
