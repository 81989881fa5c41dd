//! The same as `nabij simulate --profile P --seeds N --json` (and `--sweep`) without
//! building the whole CLI: `cargo run --release -p nabij-sim --example seeds -- pelt 20
//! [sweep] [name=value ...]`.

use nabij_sim::params::ModelParams;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let profile = args.first().map_or("pelt", String::as_str);
    let seeds: u32 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20);
    let weights = nabij_engine::Weights::default();
    let started = std::time::Instant::now();
    let mut model = ModelParams::default();
    for a in args.iter().skip(2) {
        if let Some((k, v)) = a.split_once('=') {
            model.set(k, v.parse()?)?;
        }
    }
    if args.iter().any(|a| a == "sweep") {
        let rows = nabij_sim::sweep(profile, 12, seeds, None, &weights)?;
        println!("{}", serde_json::to_string(&rows)?);
    } else {
        let r = nabij_sim::simulate_seeds(profile, 12, 1, seeds, None, &weights, &model)?;
        println!("{}", serde_json::to_string(&r)?);
    }
    eprintln!(
        "{profile}: {seeds} seeds in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
