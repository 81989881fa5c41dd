//! Console tests: report.
