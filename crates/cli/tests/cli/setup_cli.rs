//! Setting up a municipality through the real binary on SQLite: `nabij org create`.

use nabij_store::{audit, organisation, user, Store};
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn nabij(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nabij"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("NABIJ_DATABASE_URL")
        .env_remove("NABIJ_CONFIG")
        .env("NABIJ_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run nabij: {e}"))
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn store(dir: &Path) -> Store {
    Store::open(&dir.join("nabij.sqlite3").display().to_string()).unwrap()
}

#[test]
fn an_organisation_is_created_with_its_first_admin() {
    let dir = tempfile::tempdir().unwrap();
    let out = nabij(
        dir.path(),
        &[
            "org",
            "create",
            "--slug",
            "lommel",
            "--name",
            "Stad Lommel",
            "--admin-email",
            "Admin@Lommel.example",
            "--lang",
            "nl",
        ],
    );
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stdout} / {stderr}");
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Password (shown once): "))
        .expect("a one-time password")
        .to_string();
    assert_eq!(password.len(), 20);

    let s = store(dir.path());
    let (org, admin, audits) = s
        .read(|c| {
            let org = organisation::by_slug(c, "lommel")?;
            let admin = user::by_email(c, "admin@lommel.example")?;
            let audits = audit::list(c, org.id, None, 100)?;
            Ok((org, admin, audits))
        })
        .unwrap();
    assert_eq!(org.name, "Stad Lommel");
    assert_eq!(org.settings().unwrap().language, "nl");
    assert_eq!(admin.organisation_id, org.id);
    assert_eq!(admin.role, "admin");
    assert!(admin.password_hash.starts_with("$argon2id$"), "stored hashed");
    assert!(!admin.password_hash.contains(&password));
    assert!(nabij_api::auth::password::verify_password(
        &password,
        &admin.password_hash
    ));
    let actions: Vec<&str> = audits.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"organisation_created"), "{actions:?}");
    assert!(actions.contains(&"user_created"), "{actions:?}");

    // The same slug again: refused with its own exit code, nothing changed.
    let again = nabij(
        dir.path(),
        &["org", "create", "--slug", "lommel", "--name", "Nog eens"],
    );
    let (_, stderr) = text(&again);
    assert_eq!(again.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("exists already"), "{stderr}");
    let count = s.read(|c| Ok(organisation::list(c)?.len())).unwrap();
    assert_eq!(count, 1);
}

#[test]
fn bad_input_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (vec!["--slug", "Lommel", "--name", "X"], "not a valid slug"),
        (vec!["--slug=-lommel", "--name", "X"], "not a valid slug"),
        (vec!["--slug", "lommel-", "--name", "X"], "not a valid slug"),
        (vec!["--slug", "lommel", "--name", "  "], "name must be"),
        (
            vec!["--slug", "lommel", "--name", "X", "--lang", "de"],
            "language must be",
        ),
        (
            vec!["--slug", "lommel", "--name", "X", "--admin-email", "nobody"],
            "e-mail",
        ),
    ] {
        let mut all = vec!["org", "create"];
        all.extend(args.iter().copied());
        let out = nabij(dir.path(), &all);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {stderr}");
        assert!(stderr.contains(needle), "{all:?}: {stderr}");
    }
    // A refused admin leaves no organisation behind (one transaction).
    let count = store(dir.path())
        .read(|c| Ok(organisation::list(c)?.len()))
        .unwrap();
    assert_eq!(count, 0);
}

fn fixture(name: &str) -> String {
    format!("{}/../../fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn neighbourhoods_and_addresses_are_imported_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = nabij(
        dir.path(),
        &["org", "create", "--slug", "pelt", "--name", "Gemeente Pelt"],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let geo = fixture("pelt-neighbourhoods.geojson");

    let dry = nabij(
        dir.path(),
        &[
            "neighbourhoods",
            "import",
            "--org",
            "pelt",
            "--name-property",
            "naam",
            "--dry-run",
            &geo,
        ],
    );
    let (stdout, stderr) = text(&dry);
    assert!(dry.status.success(), "{stdout} / {stderr}");
    assert!(stdout.contains("Lindel") && stdout.contains("km²"), "{stdout}");
    assert!(stdout.contains("4 neighbourhood(s) would be created"), "{stdout}");
    let s = store(dir.path());
    let org = s.read(|c| organisation::by_slug(c, "pelt")).unwrap();
    let count = |s: &Store| {
        s.read(|c| Ok(nabij_store::neighbourhood::list(c, org.id)?.len()))
            .unwrap()
    };
    assert_eq!(count(&s), 0, "a dry run writes nothing");

    // The wrong name property: every feature lacks a name, nothing is imported.
    let bad = nabij(dir.path(), &["neighbourhoods", "import", "--org", "pelt", &geo]);
    let (stdout, stderr) = text(&bad);
    assert_eq!(bad.status.code(), Some(2), "{stdout} / {stderr}");
    assert!(stdout.contains("no name"), "{stdout}");
    assert_eq!(count(&s), 0);

    let real = nabij(
        dir.path(),
        &[
            "neighbourhoods",
            "import",
            "--org",
            "pelt",
            "--name-property",
            "naam",
            &geo,
        ],
    );
    let (stdout, stderr) = text(&real);
    assert!(real.status.success(), "{stdout} / {stderr}");
    assert!(stdout.contains("4 neighbourhood(s) were created"), "{stdout}");
    assert!(
        stdout.contains("0 neighbour(s) outside every neighbourhood"),
        "{stdout}"
    );
    assert_eq!(count(&s), 4);

    let csv = fixture("pelt-addresses.csv");
    let addr = nabij(dir.path(), &["addresses", "import", "--org", "pelt", &csv]);
    let (stdout, stderr) = text(&addr);
    assert!(addr.status.success(), "{stdout} / {stderr}");
    assert!(stdout.contains("367 address point(s) imported"), "{stdout}");
    assert_eq!(s.read(|c| nabij_store::address::count(c, org.id)).unwrap(), 367);

    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "street,number\nKerkstraat,1\n").unwrap();
    let refused = nabij(
        dir.path(),
        &["addresses", "import", "--org", "pelt", broken.to_str().unwrap()],
    );
    let (_, stderr) = text(&refused);
    assert_eq!(refused.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("EPSG:4326_lat"), "{stderr}");
    assert_eq!(
        s.read(|c| nabij_store::address::count(c, org.id)).unwrap(),
        367,
        "kept"
    );
}
