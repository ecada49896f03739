//! CSV for spreadsheets: RFC 4180 quoting, a UTF-8 byte-order mark so Excel (as used in China)
//! opens it as UTF-8, and a guard against formula injection (a cell starting `= + - @` is
//! prefixed with `'`, per OWASP's CSV-injection advice).

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{FEFF}";

/// One cell, quoted when needed and defused when it would start a formula.
pub fn cell(raw: &str) -> String {
    let defused =
        if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{raw}") } else { raw.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

/// One line (CRLF-terminated, as RFC 4180 and Excel expect).
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells.iter().map(|c| cell(c.as_ref())).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    out
}

/// A download: the text with its type and an attachment name `<stem>-<yyyymmdd>.csv`.
pub fn response(body: String, stem: &str) -> worker::Result<worker::Response> {
    let mut resp = worker::Response::ok(body)?;
    let h = resp.headers_mut();
    h.set("Content-Type", "text/csv; charset=utf-8")?;
    let day = chrono::Utc::now().format("%Y%m%d");
    h.set("Content-Disposition", &format!("attachment; filename=\"{stem}-{day}.csv\""))?;
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_and_formulas() {
        assert_eq!(cell("顺达物流"), "顺达物流");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(line(&["1", "a\nb"]), "1,\"a\nb\"\r\n");
    }
}
