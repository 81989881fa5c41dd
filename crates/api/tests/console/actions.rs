//! Console tests: actions.
