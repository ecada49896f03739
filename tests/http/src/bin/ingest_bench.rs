//! Ingest throughput for `scripts/bench`: creates an integration key as the demo admin, then sends
//! `--batches` batches of 1,000 events (`--per` events per waybill, over the bulk shipments
//! `WPB…` that `xtask bulk-shipments` loaded), one request at a time, and prints a Markdown row.
//!
//! `WAYPOST_URL=… cargo run --release -p waypost-http-tests --bin ingest_bench -- --batches 10 --per 2`

use std::time::Instant;

use schema::shipment::IngestReport;
use serde_json::json;
use waypost_http_tests::{Client, ingest};

fn arg(name: &str, default: u64) -> u64 {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let batches = arg("--batches", 10);
    let per = arg("--per", 2).max(1);
    let admin = Client::as_role("admin");
    let r = admin.post("/api/v1/api-keys", &json!({"name": "bench"}));
    let key = r.body["key"].as_str().unwrap_or_default().to_string();
    if key.is_empty() {
        eprintln!("ingest_bench: no key: {}", r.raw);
        std::process::exit(1);
    }
    let kinds = ["picked_up", "in_transit", "at_hub", "out_for_delivery", "delivered"];
    let now = chrono::Utc::now();
    let start = Instant::now();
    let mut total = IngestReport::default();
    for b in 0..batches {
        let events: Vec<serde_json::Value> = (0..1000u64)
            .map(|i| {
                let n = b * 1000 + i;
                let waybill = n / per;
                let step = (n % per) as usize;
                let at = now - chrono::Duration::minutes(60 - step as i64);
                json!({"event_id": format!("bench-{n}"), "waybill_no": format!("WPB{:012}", waybill + 1),
                       "at": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true), "type": kinds[step % kinds.len()],
                       "location": "虹桥转运中心"})
            })
            .collect();
        let r = ingest(&key, &serde_json::Value::Array(events));
        if r.status != 200 {
            let head: String = r.raw.chars().take(300).collect();
            eprintln!("ingest_bench: batch {b}: HTTP {}: {head}", r.status);
            std::process::exit(1);
        }
        let part: IngestReport = r.json();
        total.accepted += part.accepted;
        total.duplicates += part.duplicates;
        total.rejected += part.rejected;
    }
    let secs = start.elapsed().as_secs_f64();
    let events = batches * 1000;
    println!(
        "| ingest {events} events ({batches} batches of 1,000, {per} per waybill, one at a time) | {secs:.1} s | {:.0} events/s | accepted {}, duplicates {}, rejected {} |",
        events as f64 / secs,
        total.accepted,
        total.duplicates,
        total.rejected
    );
}
