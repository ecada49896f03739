//! `xtask split-wasm IN.wasm OUT_DIR APP SHARED_TO_MAIN`: cuts an app's wasm (`staff`, `portal`)
//! into its main module and one chunk per `chunk!` of its binary (frontend/src/lazy.rs), with the
//! loader `__wasm_split.js` that fetches a chunk when its first page is opened. This is
//! `wasm_split_cli_support` as a library — the splitter cargo-leptos runs — so no tool has to be
//! `cargo install`ed for it; vendored with one patch (vendor/wasm_split_cli_support): code that
//! `SHARED_TO_MAIN` or more chunks need joins the main module instead of a shared chunk of its own.
//!
//! Writes `OUT_DIR/main.wasm` (for wasm-bindgen, which must keep the linker's exports that the
//! chunks import), the chunks and `__wasm_split.js` beside it; prints each area's files in load
//! order as JSON (the bench reads it).

use std::collections::BTreeMap;
use std::path::Path;

pub fn run(input: &Path, out_dir: &Path, app: &str, shared_to_main: usize) -> Result<String, String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let main_out = out_dir.join("main.wasm");
    let mut opts = wasm_split_cli_support::Options::new(&wasm);
    opts.output_dir = out_dir;
    opts.main_out_path = &main_out;
    // The loader imports `initSync` from the app's glue, which sits beside it.
    let main_module = format!("./{app}.js");
    opts.main_module = &main_module;
    opts.link_name = "./__wasm_split.js";
    opts.shared_to_main = shared_to_main;
    let split = wasm_split_cli_support::transform(opts)
        .map_err(|e| format!("splitting {}: {e:#}", input.display()))?;
    let areas: BTreeMap<String, Vec<String>> = split.prefetch_map.into_iter().collect();
    serde_json::to_string_pretty(&areas).map_err(|e| e.to_string())
}
