//! CSV import over HTTP (the decoding and column mapping happen in the browser; see the browser
//! suite): per-row reports, checks that write nothing, duplicate handling, idempotent replays,
//! and refusal of oversized or foreign chunks.

use schema::import::{DuplicateMode, ImportReport, ImportRequest, ImportRow, RowOutcome};
use serde_json::json;
use waypost_http_tests::{Client, unique};

fn row(line: u32, pairs: &[(&str, &str)]) -> ImportRow {
    ImportRow { line, fields: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
}

fn send(
    c: &Client,
    id: &str,
    chunk: u32,
    mode: DuplicateMode,
    dry: bool,
    rows: &[ImportRow],
) -> waypost_http_tests::Resp {
    let body = ImportRequest { import_id: id.into(), chunk, mode, dry_run: dry, rows: rows.to_vec() };
    c.imports_import(&body).resp
}

fn found(c: &Client, q: &str) -> usize {
    c.customers_list(&[("q", q)]).ok().items.len()
}

#[test]
fn a_chunk_reports_each_row_commits_the_good_ones_and_replays_harmlessly() {
    let rep = Client::as_role("sales_rep");
    let tag = format!("导{}", unique());
    let n = unique() % 9000 + 1000;
    let rows = vec![
        row(
            2,
            &[
                ("name", &format!("{tag}甲商贸有限公司")),
                ("contact_name", "王伟"),
                ("contact_phone", &format!("1371234{n}")),
            ],
        ),
        row(3, &[("name", ""), ("phone", "021-62345678")]),
        row(4, &[("name", &format!("{tag}乙电子有限公司")), ("tier", "金牌"), ("credit_limit", "1.234")]),
        row(5, &[("name", &format!("{tag}丙服饰有限公司")), ("tier", "VIP"), ("tags", "电商、月结")]),
    ];
    let id = format!("http-{}", unique());
    // A check writes nothing but reports everything.
    let check = send(&rep, &id, 0, DuplicateMode::Skip, true, &rows);
    assert_eq!(check.status, 200, "{}", check.raw);
    let r: ImportReport = check.json();
    assert_eq!((r.created, r.invalid), (2, 2));
    assert!(r.rows[1].errors.contains_key("name"));
    assert!(r.rows[2].errors.contains_key("tier") && r.rows[2].errors.contains_key("credit_limit"));
    assert_eq!(found(&rep, &tag), 0, "a check writes nothing");
    // The import commits the good rows only.
    let done: ImportReport = send(&rep, &id, 0, DuplicateMode::Skip, false, &rows).json();
    assert_eq!((done.created, done.invalid), (2, 2));
    assert!(done.rows[0].customer_id.is_some() && done.rows[3].customer_id.is_some());
    assert_eq!(found(&rep, &tag), 2);
    assert_eq!(found(&rep, &format!("1371234{n}")), 1, "the contact's phone finds it");
    // A retried request returns the same report and creates nothing more.
    let again: ImportReport = send(&rep, &id, 0, DuplicateMode::Skip, false, &rows).json();
    assert_eq!(again, done);
    assert_eq!(found(&rep, &tag), 2);
    // Someone else cannot reuse the import id.
    let other = send(&Client::as_role("cs_agent"), &id, 0, DuplicateMode::Skip, false, &rows);
    assert_eq!((other.status, other.body["fields"]["import_id"].is_string()), (409, true));
}

#[test]
fn duplicates_are_skipped_merged_or_created_as_asked() {
    let rep = Client::as_role("sales_rep");
    let tag = format!("重{}", unique());
    let name = format!("{tag}物流有限公司");
    let made: ImportReport = send(
        &rep,
        &format!("dup-a-{}", unique()),
        0,
        DuplicateMode::Skip,
        false,
        &[row(2, &[("name", &name)])],
    )
    .json();
    let existing = made.rows[0].customer_id.unwrap_or_default();
    // Same normalised name (有限责任公司 vs 有限公司), twice in one chunk.
    let twin = format!("{tag}物流有限责任公司");
    let rows = [row(2, &[("name", &twin), ("city", "杭州市")]), row(3, &[("name", &twin)])];
    let skip: ImportReport =
        send(&rep, &format!("dup-b-{}", unique()), 0, DuplicateMode::Skip, false, &rows).json();
    assert_eq!(skip.skipped, 2);
    assert_eq!(skip.rows[0].duplicate_of, Some(existing));
    let merge: ImportReport =
        send(&rep, &format!("dup-c-{}", unique()), 0, DuplicateMode::Merge, false, &rows).json();
    assert_eq!((merge.merged, merge.skipped), (1, 1), "one merge per customer per chunk");
    let d = rep.customers_get(existing).ok().customer;
    assert_eq!(d.city, "杭州市", "the blank city was filled");
    assert_eq!(d.name, name, "the stored name stays");
    let create: ImportReport =
        send(&rep, &format!("dup-d-{}", unique()), 0, DuplicateMode::Create, false, &rows[..1]).json();
    assert_eq!(create.created, 1);
    // Merging into a customer the rep cannot see is not allowed: skipped. (Demo customer 3 is
    // another rep's 华联商贸有限公司.)
    let foreign: ImportReport = send(
        &rep,
        &format!("dup-e-{}", unique()),
        0,
        DuplicateMode::Merge,
        false,
        &[row(2, &[("name", "华联商贸有限公司"), ("city", "x")])],
    )
    .json();
    assert_eq!(foreign.rows[0].outcome, RowOutcome::Skipped);
}

#[test]
fn bad_chunks_are_refused_whole() {
    let rep = Client::as_role("sales_rep");
    let many: Vec<ImportRow> = (0..201).map(|i| row(i + 2, &[("name", "x")])).collect();
    let r = send(&rep, &format!("big-{}", unique()), 0, DuplicateMode::Skip, false, &many);
    assert_eq!((r.status, r.body["fields"]["rows"].is_string()), (422, true));
    let r = send(&rep, "bad id!", 0, DuplicateMode::Skip, false, &[row(2, &[("name", "x")])]);
    assert_eq!((r.status, r.body["fields"]["import_id"].is_string()), (422, true));
    let r = send(&rep, &format!("none-{}", unique()), 0, DuplicateMode::Skip, false, &[]);
    assert_eq!(r.status, 422);
    let r = rep.send(
        "POST",
        "/api/v1/customers/import",
        &json!({"import_id": "abcdefgh", "chunk": 0, "rows": [{"line": 1}]}),
    );
    assert_eq!(r.status, 422, "a row without fields: {}", r.raw);
    let one = send(
        &Client::as_role("courier"),
        &format!("c-{}", unique()),
        0,
        DuplicateMode::Skip,
        false,
        &[row(2, &[("name", "x")])],
    );
    assert_eq!(one.status, 403);
}
