//! The report as CSV (RFC 4180, comma separated, UTF-8): the same published numbers as
//! the table, one row per area, line and column (each month, then `total`).

use super::labels;
use crate::console::Lang;
use nabij_store::report::{AreaTable, Month};
use std::fmt::Write as _;

/// One field, quoted when needed; a text a spreadsheet would read as a formula gets a
/// leading apostrophe.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The whole file. `name` gives each area's name.
pub(super) fn render(
    l: Lang,
    months: &[Month],
    tables: &[AreaTable],
    name: &dyn Fn(&AreaTable) -> String,
) -> String {
    let mut out = String::from("neighbourhood_id,neighbourhood,month,section,line,label,count\r\n");
    for t in tables {
        let area = name(t);
        for s in &t.sections {
            for line in &s.lines {
                let cols = months
                    .iter()
                    .map(|m| m.code())
                    .zip(line.months.iter().copied())
                    .chain(std::iter::once(("total".to_string(), line.total)));
                for (month, value) in cols {
                    let _ = write!(
                        out,
                        "{},{},{},{},{},{},{}\r\n",
                        field(&t.area.code()),
                        field(&area),
                        month,
                        s.section.code(),
                        line.key.code(),
                        field(&labels::line(l, line.key)),
                        field(&value.text()),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Pelt"), "Pelt");
        assert_eq!(field("Neerpelt, centrum"), "\"Neerpelt, centrum\"");
        assert_eq!(field("zeg \"ja\""), "\"zeg \"\"ja\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("<5"), "<5");
    }
}
