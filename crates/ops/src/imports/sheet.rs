//! A spreadsheet as rows of text: CSV (UTF-8, comma or semicolon, as Excel writes it in
//! Belgium) or the first worksheet of an XLSX workbook (read with `calamine`). The first
//! row holds the headers; rows are numbered as the spreadsheet shows them (headers on
//! row 1, the first person on row 2) so a coordinator finds them.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// Most data rows one file may hold.
pub const MAX_ROWS: usize = 20_000;
/// Most columns one file may hold.
pub const MAX_COLUMNS: usize = 100;
/// Longest cell, in characters (longer cells are a problem of their row, not a crash).
pub const MAX_CELL: usize = 2_000;

/// A file as headers and rows of trimmed text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    /// Data rows; `rows[i]` is spreadsheet row `i + 2`. Every row has as many cells as
    /// there are headers (missing cells are empty). Rows with nothing in them are left
    /// out (keeping the numbering of the others).
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is neither UTF-8 text (CSV) nor an XLSX workbook")]
    NotText,
    #[error("the file cannot be read as CSV: {0}")]
    Csv(String),
    #[error("the file cannot be read as an XLSX workbook: {0}")]
    Xlsx(String),
    #[error("the first row holds no column headers")]
    NoHeaders,
    #[error("two columns have the same header: {0}")]
    DuplicateHeader(String),
    #[error("at most {MAX_ROWS} rows and {MAX_COLUMNS} columns")]
    TooLarge,
}

impl SheetError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::Empty => "file_empty",
            SheetError::NotText | SheetError::Csv(_) | SheetError::Xlsx(_) => "file_unreadable",
            SheetError::NoHeaders => "file_no_headers",
            SheetError::DuplicateHeader(_) => "file_duplicate_header",
            SheetError::TooLarge => "file_too_large",
        }
    }
}

/// Whether the bytes are a ZIP container (an XLSX workbook is one).
pub fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a CSV or XLSX file.
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SheetError::Empty);
    }
    let (table, header_row) = if is_xlsx(bytes) {
        read_xlsx(bytes)?
    } else {
        (read_csv(bytes)?, 1)
    };
    from_table(table, header_row)
}

/// `header_row`: the spreadsheet's number of the first row of `table`.
fn from_table(mut table: Vec<Vec<String>>, header_row: usize) -> Result<Sheet, SheetError> {
    if table.is_empty() {
        return Err(SheetError::Empty);
    }
    let headers: Vec<String> = table.remove(0).iter().map(|h| clean(h)).collect();
    // Trailing empty header cells are no columns.
    let width = headers.iter().rposition(|h| !h.is_empty()).map_or(0, |i| i + 1);
    if width == 0 {
        return Err(SheetError::NoHeaders);
    }
    if width > MAX_COLUMNS || table.len() > MAX_ROWS {
        return Err(SheetError::TooLarge);
    }
    let headers: Vec<String> = headers.into_iter().take(width).collect();
    for (i, h) in headers.iter().enumerate() {
        if !h.is_empty() && headers[..i].iter().any(|o| o.to_lowercase() == h.to_lowercase()) {
            return Err(SheetError::DuplicateHeader(h.clone()));
        }
    }
    let rows = table
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut r)| {
            r.resize(width, String::new());
            let r: Vec<String> = r.iter().map(|c| clean(c)).collect();
            (!r.iter().all(String::is_empty)).then_some((header_row + 1 + i, r))
        })
        .collect();
    Ok(Sheet { headers, rows })
}

/// Trimmed, without a byte-order mark or surrounding non-breaking spaces.
fn clean(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
        .to_string()
}

fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let text = std::str::from_utf8(bytes).map_err(|_| SheetError::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    // Excel in Belgium writes semicolons; elsewhere commas; some tools tabs.
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Csv(e.to_string()))?;
        if out.len() > MAX_ROWS + 1 || record.len() > MAX_COLUMNS * 2 {
            return Err(SheetError::TooLarge);
        }
        out.push(record.iter().map(str::to_string).collect());
    }
    Ok(out)
}

/// The first worksheet's used cells, and the sheet's number of its first used row.
fn read_xlsx(bytes: &[u8]) -> Result<(Vec<Vec<String>>, usize), SheetError> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| SheetError::Xlsx(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| SheetError::Xlsx("the workbook has no worksheet".to_string()))?
        .map_err(|e| SheetError::Xlsx(e.to_string()))?;
    let (rows, cols) = range.get_size();
    if rows > MAX_ROWS + 1 || cols > MAX_COLUMNS * 2 {
        return Err(SheetError::TooLarge);
    }
    // The range starts at its first used cell: keep the sheet's own row numbers.
    let start_row = range.start().map_or(0, |(r, _)| r as usize);
    let start_col = range.start().map_or(0, |(_, c)| c as usize);
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows);
    for row in range.rows() {
        let mut cells = vec![String::new(); start_col];
        cells.extend(row.iter().map(cell_text));
        out.push(cells);
    }
    Ok((out, start_row + 1))
}

/// A cell as the coordinator sees it: whole numbers without `.0`, dates as
/// `yyyy-mm-dd`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()).unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (days since 1899-12-30) as `yyyy-mm-dd`.
fn excel_date(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let date = epoch.checked_add_signed(chrono::Duration::days(serial.floor() as i64))?;
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_csv_with_bom_and_numbers_rows_as_shown() {
        let s = read("\u{feff}Naam;GSM\nAn;0470 12 34 56\n;\nBert;\n".as_bytes()).unwrap_or_default();
        assert_eq!(s.headers, vec!["Naam", "GSM"]);
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.rows[0].0, 2);
        assert_eq!(s.rows[1], (4, vec!["Bert".to_string(), String::new()]));
    }

    #[test]
    fn refuses_what_is_no_table() {
        assert_eq!(read(b"   "), Err(SheetError::Empty));
        assert_eq!(read(&[0xff, 0xfe, 0x00]), Err(SheetError::NotText));
        assert_eq!(read(b";;\n1;2"), Err(SheetError::NoHeaders));
        assert!(matches!(read(b"a,A\n1,2"), Err(SheetError::DuplicateHeader(_))));
        assert!(matches!(read(b"PK\x03\x04garbage"), Err(SheetError::Xlsx(_))));
    }

    #[test]
    fn excel_dates() {
        assert_eq!(excel_date(46000.0).as_deref(), Some("2025-12-09"));
        assert_eq!(excel_date(f64::NAN), None);
    }
}
