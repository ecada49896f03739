//! Import throughput for `scripts/bench`: reads a CSV the way the browser does (UTF-8, else
//! GBK/GB18030), maps the columns by their headers, and sends it in chunks as the import page
//! does — one request at a time — against the `wrangler dev` at `WAYPOST_URL`, as the demo sales
//! rep. Prints one Markdown table row.
//!
//! `cargo run --release -p waypost-http-tests --bin import_bench -- FILE.csv`

use std::time::Instant;

use schema::import::{CHUNK_ROWS, ImportReport, ImportRow, guess_field, mapped_rows, parse_csv};
use waypost_http_tests::Client;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: import_bench FILE.csv");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("import_bench: {path}: {e}");
        std::process::exit(2)
    });
    let (text, encoding) = match String::from_utf8(bytes.clone()) {
        Ok(t) => (t, "UTF-8"),
        Err(_) => (encoding_rs::GB18030.decode(&bytes).0.into_owned(), "GB18030"),
    };
    let rows = parse_csv(&text);
    let Some((_, header)) = rows.first() else {
        eprintln!("import_bench: empty file");
        std::process::exit(2)
    };
    let map: Vec<String> = header.iter().map(|h| guess_field(h).unwrap_or("").to_string()).collect();
    let data: Vec<ImportRow> = mapped_rows(&rows, &map);
    let client = Client::as_role("sales_rep");
    let id = format!("bench-{}", std::process::id());
    let start = Instant::now();
    let mut total = ImportReport::default();
    let mut chunks = 0;
    for (n, chunk) in data.chunks(CHUNK_ROWS).enumerate() {
        let body = serde_json::json!({"import_id": id, "chunk": n, "mode": "skip", "rows": chunk});
        let r = client.post("/api/v1/customers/import", &body);
        if r.status != 200 {
            eprintln!("import_bench: chunk {n}: HTTP {}: {}", r.status, r.raw);
            std::process::exit(1);
        }
        let part: ImportReport = r.json();
        for row in part.rows {
            total.push(row);
        }
        chunks += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "| import {} rows ({encoding} CSV, {chunks} chunks of ≤ {CHUNK_ROWS}, one at a time) | {secs:.1} s | {:.0} rows/s | created {}, invalid {}, skipped {} |",
        data.len(),
        data.len() as f64 / secs,
        total.created,
        total.invalid,
        total.skipped
    );
}
