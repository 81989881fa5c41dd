//! `nabij-bench console`: how fast the coordinators' console answers, page by page, on
//! the demo data (the issue asks ≤ 100 ms).
//!
//! Starts a release `nabij serve --demo` on a fresh temporary data directory, logs in as
//! the coordinator of Pelt through the login form (CSRF cookie and field, then the
//! session cookie), finds a neighbour and an open request from the pages themselves,
//! and fetches each page `--samples` times one after the other (after a few warm-up
//! fetches, which also build the candidate index): median, p99 and maximum per page in
//! milliseconds, as JSON.

use crate::stats::{r3, Summary};
use anyhow::{bail, Context};
use clap::Args;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{redirect, Response, StatusCode};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The target of the issue: every page within this.
const LIMIT_MS: f64 = 100.0;

#[derive(Args)]
pub struct ConsoleArgs {
    /// Fetches per page.
    #[arg(long, default_value_t = 200)]
    pub(crate) samples: usize,
    /// Warm-up fetches per page (not measured).
    #[arg(long, default_value_t = 5)]
    pub(crate) warmup: usize,
    /// The nabij binary (default: target/release/nabij).
    #[arg(long)]
    pub(crate) nabij: Option<PathBuf>,
    /// One line of JSON instead of pretty-printed.
    #[arg(long)]
    pub(crate) json: bool,
}

/// The server process; killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A client that keeps cookies and follows no redirect.
struct Browser {
    base: String,
    client: reqwest::Client,
    jar: BTreeMap<String, String>,
}

impl Browser {
    fn keep(&mut self, resp: &Response) {
        for v in resp.headers().get_all(SET_COOKIE) {
            let Ok(v) = v.to_str() else { continue };
            let pair = v.split(';').next().unwrap_or_default();
            let Some((k, val)) = pair.split_once('=') else {
                continue;
            };
            if val.is_empty() || v.contains("Max-Age=0") {
                self.jar.remove(k);
            } else {
                self.jar.insert(k.to_string(), val.to_string());
            }
        }
    }

    fn cookies(&self) -> String {
        self.jar
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn get(&mut self, path: &str) -> anyhow::Result<(StatusCode, String)> {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookies())
            .send()
            .await?;
        self.keep(&resp);
        let status = resp.status();
        Ok((status, resp.text().await?))
    }

    async fn login(&mut self, email: &str, password: &str) -> anyhow::Result<()> {
        self.get("/login").await?;
        let csrf = self
            .jar
            .get("nabij_csrf")
            .cloned()
            .context("the login page set no CSRF cookie")?;
        let body = serde_urlencoded_form(&[("csrf", &csrf), ("email", email), ("password", password)]);
        let resp = self
            .client
            .post(format!("{}/login", self.base))
            .header(COOKIE, self.cookies())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await?;
        self.keep(&resp);
        let to = resp
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        if resp.status() != StatusCode::SEE_OTHER || to != "/" || !self.jar.contains_key("nabij_session") {
            bail!("login failed: {} → {to}", resp.status());
        }
        Ok(())
    }
}

/// `application/x-www-form-urlencoded` of a few pairs.
fn serde_urlencoded_form(pairs: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The first `href="{prefix}{digits}"` in a page.
fn first_link(html: &str, prefix: &str) -> Option<String> {
    let needle = format!("href=\"{prefix}");
    html.match_indices(&needle).find_map(|(i, _)| {
        let rest = &html[i + needle.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        (!digits.is_empty() && rest[digits.len()..].starts_with('"')).then(|| format!("{prefix}{digits}"))
    })
}

fn start(bin: &Path, data_dir: &Path, port: u16) -> anyhow::Result<Server> {
    let child = Command::new(bin)
        .arg("--data-dir")
        .arg(data_dir)
        .args([
            "serve",
            "--demo",
            "--no-mail-worker",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env("NABIJ_LOG", "warn")
        .env("NABIJ_RATE_LIMIT", "off")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .with_context(|| format!("starting {}", bin.display()))?;
    Ok(Server(child))
}

pub fn run(args: &ConsoleArgs) -> anyhow::Result<()> {
    let bin = args
        .nabij
        .clone()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/nabij"));
    if !bin.exists() {
        bail!(
            "{} not found: build it with `cargo build --release -p nabij`",
            bin.display()
        );
    }
    let dir = tempfile::tempdir()?;
    let port = crate::http_bench::free_port()?;
    let _server = start(&bin, dir.path(), port)?;
    let base = format!("http://127.0.0.1:{port}");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let report = rt.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .build()?;
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            match client.get(format!("{base}/ready")).send().await {
                Ok(r) if r.status().is_success() => break,
                _ if Instant::now() > deadline => bail!("nabij serve --demo did not become ready"),
                _ => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        let mut b = Browser {
            base: base.clone(),
            client,
            jar: BTreeMap::new(),
        };
        b.login("coordinator@pelt.example", "buurtgezel-demo").await?;
        let (_, today) = b.get("/").await?;
        let request = first_link(&today, "/requests/").context("no open request on the today page")?;
        let (_, list) = b.get("/neighbours").await?;
        let neighbour = first_link(&list, "/neighbours/").context("no neighbour in the list")?;
        let (_, page) = b.get(&request).await?;
        let candidates = page.matches("<ol class=\"candidates\"").count() > 0;
        let pages: Vec<(&str, String)> = vec![
            ("today", "/".to_string()),
            ("neighbours", "/neighbours".to_string()),
            ("neighbour", neighbour),
            ("request_with_candidates", request),
            ("report", "/report".to_string()),
            ("report_csv", "/report.csv".to_string()),
            ("rematch", "/rematch".to_string()),
            ("services", "/services".to_string()),
        ];
        let mut out = serde_json::Map::new();
        let mut worst: f64 = 0.0;
        for (name, path) in &pages {
            for _ in 0..args.warmup {
                b.get(path).await?;
            }
            let mut ms = Vec::with_capacity(args.samples);
            for _ in 0..args.samples {
                let t = Instant::now();
                let (status, body) = b.get(path).await?;
                let elapsed = t.elapsed().as_secs_f64() * 1e3;
                if status != StatusCode::OK || body.is_empty() {
                    bail!("{name} ({path}) answered {status}");
                }
                ms.push(elapsed);
            }
            let s = Summary::new(ms);
            worst = worst.max(s.percentile(99.0));
            out.insert(
                (*name).to_string(),
                json!({
                    "path": path,
                    "median_ms": r3(s.median()),
                    "p99_ms": r3(s.percentile(99.0)),
                    "max_ms": r3(s.percentile(100.0)),
                }),
            );
        }
        Ok::<_, anyhow::Error>(json!({
            "data": "nabij serve --demo (SQLite), coordinator@pelt.example",
            "samples_per_page": args.samples,
            "request_page_lists_candidates": candidates,
            "limit_ms": LIMIT_MS,
            "every_p99_within_limit": worst <= LIMIT_MS,
            "pages": out,
        }))
    })?;
    if args.json {
        println!("{report}");
    } else {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_numeric_link() {
        let html =
            r#"<a href="/neighbours/new">x</a><a href="/neighbours/12">A</a><a href="/neighbours/3">B</a>"#;
        assert_eq!(
            first_link(html, "/neighbours/").as_deref(),
            Some("/neighbours/12")
        );
        assert_eq!(first_link(html, "/requests/"), None);
    }

    #[test]
    fn forms_are_encoded() {
        assert_eq!(
            serde_urlencoded_form(&[("email", "a@b.example"), ("p", "x y&z")]),
            "email=a%40b.example&p=x+y%26z"
        );
    }
}
