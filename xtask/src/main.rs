//! Developer commands.
//!
//! - `cargo run -p xtask -- demo`: SQL for the demo firm (orgs, one account per role, more staff).
//! - `cargo run -p xtask -- bulk --orgs N --staff N --audit N`: SQL for benchmark volumes.
//! - `cargo run --release -p xtask -- bulk-customers N`: N customers with 3 contacts each (bench).
//! - `cargo run -p xtask -- sample-csv --rows 500 --bad 3 --prefix 甲 [--gbk]`: a customer CSV as
//!   a firm's Excel would export it (GBK with `--gbk`), with `--bad` invalid rows, for the import
//!   tests and the bench.
//! - `cargo run -p xtask -- openapi`: the OpenAPI document (the build writes it into the static
//!   assets, where `GET /api/openapi.json` reads it).
//! - `cargo run --release -p xtask -- bulk-shipments N`: N shipments `WPB…` of the bulk customers.
//! - `cargo run --release -p xtask -- argon2`: native CPU time of one password hash (for the docs).
//! - `WAYPOST_ADMIN_PASSWORD=… cargo run -p xtask -- first-admin --firm 迅捷速运 --name 赵志强 --phone 138…`:
//!   SQL for a new firm's HQ and first administrator (for a real deployment's empty database).
//!
//! - `cargo run -p xtask -- split-wasm IN.wasm OUT_DIR APP SHARED_TO_MAIN`: an app cut into its
//!   first load and its chunks, code that `SHARED_TO_MAIN` or more chunks need in the first load
//!   (scripts/build-frontend); prints the files each chunk loads.
//!
//! Output is SQL on stdout for `wrangler d1 execute --file`, so the same data goes through the same
//! D1 as the app. Inserts use explicit ids with `INSERT OR IGNORE`: running it twice changes nothing.

mod data;
mod history;
mod seed;
mod split;

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let get = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let out: Vec<u8> = match args.first().map(String::as_str) {
        Some("sample-csv") => {
            let num = |name: &str, default: usize| get(name).and_then(|v| v.parse().ok()).unwrap_or(default);
            let prefix = get("--prefix").unwrap_or_else(|| "样例".into());
            let text = data::sample_csv(num("--rows", 500), num("--bad", 3), &prefix);
            if args.iter().any(|a| a == "--gbk") {
                encoding_rs::GBK.encode(&text).0.into_owned()
            } else {
                text.into_bytes()
            }
        }
        Some("demo") => data::demo().into_bytes(),
        Some("split-wasm") => match (args.get(1), args.get(2), args.get(3), args.get(4).map(|n| n.parse())) {
            (Some(input), Some(out), Some(app), Some(Ok(shared))) => {
                match split::run(input.as_ref(), out.as_ref(), app, shared) {
                    Ok(manifest) => manifest.into_bytes(),
                    Err(e) => {
                        eprintln!("xtask split-wasm: {e}");
                        std::process::exit(1);
                    }
                }
            }
            _ => {
                eprintln!("usage: xtask split-wasm IN.wasm OUT_DIR APP SHARED_TO_MAIN");
                std::process::exit(2);
            }
        },
        Some("openapi") => {
            let doc = waypost_worker::routes::openapi::document();
            serde_json::to_vec_pretty(&doc).unwrap_or_default()
        }
        Some("bulk") => {
            let get = |name: &str, default: usize| {
                args.iter()
                    .position(|a| a == name)
                    .and_then(|i| args.get(i + 1))
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(default)
            };
            data::bulk(get("--orgs", 200), get("--staff", 5000), get("--audit", 50_000)).into_bytes()
        }
        Some("argon2") => argon2_timing().into_bytes(),
        Some("bulk-shipments") => {
            let n = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(100_000);
            data::bulk_shipments(n).into_bytes()
        }
        Some("bulk-customers") => {
            let n = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(100_000);
            data::bulk_customers(n).into_bytes()
        }
        Some("first-admin") => {
            let get = |name: &str| {
                args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_default()
            };
            let password = std::env::var("WAYPOST_ADMIN_PASSWORD").unwrap_or_default();
            match data::first_admin(
                &get("--firm"),
                &get("--name"),
                &get("--phone"),
                &get("--email"),
                &password,
            ) {
                Ok(sql) => sql.into_bytes(),
                Err(e) => {
                    eprintln!("xtask first-admin: {e}");
                    std::process::exit(2);
                }
            }
        }
        _ => {
            eprintln!(
                "usage: xtask demo | xtask bulk [--orgs N] [--staff N] [--audit N] | xtask argon2\n       \
                 WAYPOST_ADMIN_PASSWORD=… xtask first-admin --firm NAME --name NAME --phone PHONE [--email EMAIL]"
            );
            std::process::exit(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(&out) {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

/// Times the password hash natively (the Worker's figure comes from `scripts/bench`).
fn argon2_timing() -> String {
    let n = 10;
    let start = std::time::Instant::now();
    for _ in 0..n {
        let _ = waypost_worker::auth::password::hash("Waypost-Demo-2026");
    }
    let per = start.elapsed().as_secs_f64() * 1000.0 / f64::from(n);
    format!("argon2id m=19456 KiB t=2 p=1: {per:.1} ms per hash (native, {n} runs)\n")
}
