//! nabij-api: the REST API of nabij (actix-web 4).
//!
//! Entry points for `nabij serve`: fill a [`Settings`] (e.g. from
//! [`Settings::for_data_dir`]), then `Application::build(settings).await?` and
//! `app.run_until_stopped().await`. For `nabij token` and `nabij keys rotate`:
//! [`auth::KeySet`] (`load`, `rotate`, `issue`). For `nabij user add` / `client add`:
//! [`auth::password::hash_password`].

pub mod audit_batch;
pub mod auth;
pub mod blocking;
pub mod console;
pub mod cors;
pub mod error;
pub mod extract;
pub mod idempotency;
pub mod limits;
pub mod metrics;
pub mod paging;
pub mod reasons;
pub mod request_log;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod state;

// The operations layer, under the paths the API's modules knew it by.
pub use nabij_ops::{access, index, notifications};

pub use error::{ApiError, ApiResult};
pub use settings::Settings;
pub use startup::Application;
