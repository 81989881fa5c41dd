//! Rebuilds the crate when a migration folder is added or removed: `embed_migrations!`
//! reads the folders at compile time, and cargo would not notice a new one otherwise.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations/sqlite");
    println!("cargo:rerun-if-changed=../../migrations/postgres");
}
