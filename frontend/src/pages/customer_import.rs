//! `/customers/import`: CSV import. The file is read and decoded here — UTF-8, or GBK/GB18030
//! (what Excel writes in China) when it is not valid UTF-8 — then parsed; the user maps columns
//! (guessed from the header), picks what to do with duplicates, may check first, and imports.
//! Rows go to the server in chunks, each committed whole; progress and a per-row report show.

use leptos::prelude::*;
use schema::import::{
    CHUNK_ROWS, DuplicateMode, FIELDS, ImportReport, ImportRequest, ImportRow, MAX_ROWS, RowOutcome,
    field_label, guess_field, mapped_rows, parse_csv,
};
use schema::staff::CUSTOMER_ROLES;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::layout::RequireRole;
use crate::i18n::{Customers, use_i18n};

#[component]
pub fn CustomerImportPage() -> impl IntoView {
    view! { <RequireRole roles=CUSTOMER_ROLES><ImportView/></RequireRole> }
}

/// A parsed file: its name, the encoding it was read as, and its rows (header first).
#[derive(Clone)]
struct Sheet {
    name: String,
    encoding: &'static str,
    rows: Vec<(u32, Vec<String>)>,
}

/// Reads the chosen file and decodes it: UTF-8 if it is valid UTF-8, else GB18030 (a superset
/// of GBK and GB2312).
async fn read(file: web_sys::File) -> Result<(String, &'static str), String> {
    let buf =
        wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| "read".to_string())?;
    let buf: js_sys::Object = buf.unchecked_into();
    let strict = web_sys::TextDecoderOptions::new();
    strict.set_fatal(true);
    if let Ok(text) = web_sys::TextDecoder::new_with_label_and_options("utf-8", &strict)
        .and_then(|d| d.decode_with_buffer_source(&buf))
    {
        return Ok((text, "UTF-8"));
    }
    let text = web_sys::TextDecoder::new_with_label("gb18030")
        .and_then(|d| d.decode_with_buffer_source(&buf))
        .map_err(|_| "decode".to_string())?;
    Ok((text, "GB18030"))
}

/// A fresh id for one import run (its chunks' idempotency key).
fn new_import_id() -> String {
    let rand = (js_sys::Math::random() * 1e12) as u64;
    format!("imp-{:x}-{rand:x}", js_sys::Date::now() as u64)
}

#[component]
fn ImportView() -> impl IntoView {
    let i18n = use_i18n();
    let sheet = RwSignal::new(None::<Sheet>);
    let mapping = RwSignal::new(Vec::<String>::new());
    let mode = RwSignal::new("skip".to_string());
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new((0usize, 0usize));
    let running = RwSignal::new(false);
    let report = RwSignal::new(None::<(bool, ImportReport)>);
    // Custom fields import as `cf.<key>` columns.
    let defs = LocalResource::new(api::custom_fields);

    let on_file = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        let Some(file) = input.and_then(|i| i.files()).and_then(|f| f.get(0)) else { return };
        report.set(None);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let cat = Customers::get(i18n.locale());
            match read(file.clone()).await {
                Ok((text, encoding)) => {
                    let rows = parse_csv(&text);
                    if rows.len() < 2 {
                        problem.set(Some(cat.import_empty.into()));
                        sheet.set(None);
                    } else if rows.len() > MAX_ROWS + 1 {
                        problem.set(Some(format!("{} {MAX_ROWS}", cat.import_too_many)));
                        sheet.set(None);
                    } else {
                        // Known headers map to their fields; a custom field's label or key to `cf.<key>`.
                        let custom = defs.get_untracked().and_then(Result::ok).unwrap_or_default();
                        mapping.set(
                            rows[0]
                                .1
                                .iter()
                                .map(|h| {
                                    let h = h.trim();
                                    guess_field(h)
                                        .map(String::from)
                                        .or_else(|| {
                                            custom
                                                .iter()
                                                .find(|d| {
                                                    d.active
                                                        && (d.label_zh == h || d.label_en == h || d.key == h)
                                                })
                                                .map(|d| format!("cf.{}", d.key))
                                        })
                                        .unwrap_or_default()
                                })
                                .collect(),
                        );
                        sheet.set(Some(Sheet { name: file.name(), encoding, rows }));
                    }
                }
                Err(_) => problem.set(Some(cat.import_unreadable.into())),
            }
        });
    };

    let run = move |dry_run: bool| {
        let Some(s) = sheet.get_untracked() else { return };
        let map = mapping.get_untracked();
        if !map.iter().any(|m| m == "name") {
            problem.set(Some(Customers::get(i18n.locale()).import_map_name.into()));
            return;
        }
        problem.set(None);
        let mode: DuplicateMode =
            crate::components::form::parse_enum(&mode.get_untracked()).unwrap_or_default();
        let data: Vec<ImportRow> = mapped_rows(&s.rows, &map);
        running.set(true);
        progress.set((0, data.len()));
        report.set(Some((dry_run, ImportReport::default())));
        leptos::task::spawn_local(async move {
            let import_id = new_import_id();
            for (n, chunk) in data.chunks(CHUNK_ROWS).enumerate() {
                let req = ImportRequest {
                    import_id: import_id.clone(),
                    chunk: n as u32,
                    mode,
                    dry_run,
                    rows: chunk.to_vec(),
                };
                // A conflict means someone created a customer meanwhile: the chunk is resent as is.
                let mut tries = 0;
                let result = loop {
                    match api::import_customers(&req).await {
                        Err(ApiError::Conflict(_)) if tries < 3 => tries += 1,
                        other => break other,
                    }
                };
                match result {
                    Ok(part) => report.update(|r| {
                        if let Some((_, total)) = r {
                            for row in part.rows {
                                total.push(row);
                            }
                        }
                    }),
                    Err(e) => {
                        problem.set(Some(e.message()));
                        break;
                    }
                }
                progress.update(|p| p.0 = (p.0 + chunk.len()).min(p.1));
            }
            running.set(false);
        });
    };

    let field_options = move || {
        let l = i18n.locale();
        let mut all: Vec<(String, String)> =
            FIELDS.iter().map(|f| (f.0.to_string(), field_label(f.0, l).to_string())).collect();
        for d in defs.get().and_then(Result::ok).unwrap_or_default().into_iter().filter(|d| d.active) {
            all.push((format!("cf.{}", d.key), d.label(l).to_string()));
        }
        all
    };
    let label_of = move |f: &str| -> String {
        let l = i18n.locale();
        match f.strip_prefix("cf.") {
            Some(key) => defs
                .get_untracked()
                .and_then(Result::ok)
                .and_then(|ds| ds.into_iter().find(|d| d.key == key).map(|d| d.label(l).to_string()))
                .unwrap_or_else(|| key.to_string()),
            None => Some(field_label(f, l)).filter(|s| !s.is_empty()).unwrap_or(f).to_string(),
        }
    };

    view! {
        <section class="page" data-testid="import-page">
            <h1>{Customers::tr(|c| c.import_title)}</h1>
            <p class="muted">{Customers::tr(|c| c.import_hint)}</p>
            <div class="card">
                <label class="field" for="f-file">{Customers::tr(|c| c.import_file)}</label>
                <input id="f-file" type="file" accept=".csv,text/csv" data-testid="import-file" on:change=on_file/>
            </div>
            {move || problem.get().map(|p| view! { <div class="banner banner-error" role="alert" data-testid="import-problem">{p}</div> })}
            {move || sheet.get().map(|s| {
                let header = s.rows[0].1.clone();
                let sample = s.rows.get(1).map(|r| r.1.clone()).unwrap_or_default();
                let count = s.rows.len() - 1;
                view! {
                    <div class="card" data-testid="import-mapping">
                        <p>{s.name.clone()}" · "{s.encoding}" · "{count}" "{Customers::tr(|c| c.import_rows)}</p>
                        <table class="map-table">
                            <thead><tr><th>{Customers::tr(|c| c.import_column)}</th><th>{Customers::tr(|c| c.import_sample)}</th><th>{Customers::tr(|c| c.import_field)}</th></tr></thead>
                            <tbody>
                                {header.into_iter().enumerate().map(|(i, h)| {
                                    let example = sample.get(i).cloned().unwrap_or_default();
                                    view! {
                                        <tr>
                                            <td>{h.clone()}</td>
                                            <td class="muted">{example}</td>
                                            <td>
                                                <select aria-label=h data-col=i.to_string() on:change=move |ev| {
                                                    let v = event_target_value(&ev);
                                                    mapping.update(|m| if let Some(slot) = m.get_mut(i) { *slot = v });
                                                }>
                                                    <option value="">{Customers::tr(|c| c.import_ignore)}</option>
                                                    {move || field_options().into_iter().map(|(f, label)| {
                                                        let selected = mapping.with_untracked(|m| m.get(i).is_some_and(|x| *x == f));
                                                        view! { <option value=f selected=selected>{label}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        <div class="field">
                            <label for="f-mode">{Customers::tr(|c| c.import_duplicates)}</label>
                            <select id="f-mode" on:change=move |ev| mode.set(event_target_value(&ev)) prop:value=move || mode.get()>
                                <option value="skip">{Customers::tr(|c| c.import_skip)}</option>
                                <option value="merge">{Customers::tr(|c| c.import_merge)}</option>
                                <option value="create">{Customers::tr(|c| c.import_create)}</option>
                            </select>
                        </div>
                        <div class="card-actions">
                            <button class="btn" data-testid="import-check" disabled=move || running.get() on:click=move |_| run(true)>{Customers::tr(|c| c.import_check)}</button>
                            <button class="btn btn-primary" data-testid="import-start" disabled=move || running.get() on:click=move |_| run(false)>{Customers::tr(|c| c.import_start)}</button>
                        </div>
                    </div>
                }
            })}
            {move || report.get().map(|(dry, r)| {
                let (done, total) = progress.get();
                let cat = Customers::get(i18n.locale());
                let bad: Vec<_> = r.rows.iter().filter(|x| x.outcome != RowOutcome::Created && x.outcome != RowOutcome::Merged).cloned().collect();
                view! {
                    <div class="card" data-testid="import-report">
                        <progress max=total.to_string() value=done.to_string()></progress>
                        <p data-testid="import-progress">{done}" / "{total}{dry.then_some(cat.import_dry_note)}</p>
                        <p data-testid="import-counts">
                            {cat.import_created}" "{r.created}" · "{cat.import_merged}" "{r.merged}" · "
                            {cat.import_skipped}" "{r.skipped}" · "{cat.import_invalid}" "{r.invalid}
                        </p>
                        {(!bad.is_empty()).then(|| view! {
                            <table class="map-table" data-testid="import-problems">
                                <thead><tr><th>{cat.import_line}</th><th>{cat.import_outcome}</th><th>{cat.import_detail}</th></tr></thead>
                                <tbody>{bad.into_iter().map(|x| {
                                    let outcome = if x.outcome == RowOutcome::Invalid { cat.import_invalid } else { cat.import_skipped };
                                    let detail = if x.errors.is_empty() {
                                        x.duplicate_of.map(|d| format!("{} #{d}", cat.possible_duplicates)).unwrap_or_default()
                                    } else {
                                        x.errors.iter().map(|(f, m)| format!("{}: {m}", label_of(f))).collect::<Vec<_>>().join(";")
                                    };
                                    view! { <tr><td>{x.line}</td><td>{outcome}</td><td>{detail}</td></tr> }
                                }).collect_view()}</tbody>
                            </table>
                        })}
                    </div>
                }
            })}
        </section>
    }
}
