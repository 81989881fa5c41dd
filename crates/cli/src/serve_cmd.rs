//! `nabij serve`: run the API (and, on the embedded default, create, migrate and fill the
//! database with demo data on first start).

use crate::config::Globals;
use crate::seed;
use clap::Args;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "NABIJ_LISTEN")]
    listen: Option<String>,
    /// Refuse to start without configured signing keys; never generate them.
    #[arg(long, env = "NABIJ_PRODUCTION")]
    production: bool,
    /// Load the demo organisations when the database has none (the `make run` default).
    #[arg(long)]
    demo: bool,
}

pub fn run(g: &Globals, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let settings = g.settings(args.listen.clone(), args.production);
    if args.demo {
        let store = nabij_store::Store::open(&settings.database_url)?;
        store.migrate()?;
        let outcome = seed::demo(&store)?;
        seed::print_login_help(&outcome, &settings.listen);
    }
    actix_web::rt::System::new().block_on(async move {
        let app = nabij_api::Application::build(settings).await?;
        tracing::info!(port = app.port(), "nabij is listening");
        app.run_until_stopped().await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
