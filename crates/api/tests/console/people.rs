//! Console tests: people.
