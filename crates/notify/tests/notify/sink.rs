//! A real SMTP server on loopback: `benches/smtp_sink.py` (aiosmtpd) as a child process.
//! It stores each accepted message as `.eml` (with its envelope beside it); the tests
//! read them back decoded through `smtp_sink.py --describe`. The repository's `.venv` gets aiosmtpd installed when it lacks it.

use serde::Deserialize;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `.venv/bin/python` with aiosmtpd, created on first use if missing (`make test`
/// does the same through benches/requirements.txt).
pub fn python() -> PathBuf {
    static PY: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PY.get_or_init(|| {
        let venv = repo().join(".venv");
        let py = venv.join("bin/python");
        let has = |py: &Path| {
            Command::new(py)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        if has(&py) {
            return Ok(py);
        }
        if !py.exists() {
            let st = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status()
                .map_err(|e| format!("python3 -m venv: {e}"))?;
            if !st.success() {
                return Err("python3 -m venv .venv failed".to_string());
            }
        }
        let st = Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet", "-r"])
            .arg(repo().join("benches/requirements.txt"))
            .status()
            .map_err(|e| format!("pip: {e}"))?;
        if !st.success() || !has(&py) {
            return Err("pip install -r benches/requirements.txt failed".to_string());
        }
        Ok(py)
    })
    .clone()
    .unwrap_or_else(|e| panic!("no Python with aiosmtpd for the SMTP sink: {e}"))
}

/// Options of the sink.
#[derive(Debug, Clone, Default)]
pub struct SinkOptions {
    pub reject: Vec<String>,
    pub hangup_after: Vec<u32>,
    pub auth: Option<(String, String)>,
    /// Certificate and key (PEM): offer and require STARTTLS.
    pub tls: Option<(PathBuf, PathBuf)>,
}

/// One message as the sink received it.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_tos: Vec<String>,
    pub message_id: String,
    pub from: String,
    pub to: String,
    pub reply_to: String,
    pub subject: String,
    pub content_language: String,
    pub auto_submitted: String,
    pub content_type: String,
    pub parts: Vec<String>,
    pub text: Option<String>,
    pub html: Option<String>,
}

/// A running sink; killed when dropped.
pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    dir: tempfile::TempDir,
    options: SinkOptions,
}

impl SmtpSink {
    pub fn start(options: SinkOptions) -> SmtpSink {
        let dir = tempfile::tempdir().unwrap();
        let mut sink = SmtpSink {
            child: None,
            port: 0,
            dir,
            options,
        };
        sink.spawn();
        sink
    }

    fn spawn(&mut self) {
        let mut cmd = Command::new(python());
        cmd.arg(repo().join("benches/smtp_sink.py"))
            .arg("--port")
            .arg(self.port.to_string())
            .arg("--dir")
            .arg(self.dir.path());
        for r in &self.options.reject {
            cmd.arg("--reject").arg(r);
        }
        for n in &self.options.hangup_after {
            cmd.arg("--hangup-after").arg(n.to_string());
        }
        if let Some((u, p)) = &self.options.auth {
            cmd.arg("--auth").arg(format!("{u}:{p}"));
        }
        if let Some((cert, key)) = &self.options.tls {
            cmd.arg("--tls-cert").arg(cert).arg("--tls-key").arg(key);
        }
        // The port may still be held briefly after a kill: try a few times.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let mut child = cmd
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap();
            let mut line = String::new();
            let out = child.stdout.take().unwrap();
            BufReader::new(out).read_line(&mut line).unwrap();
            if let Some(port) = line.strip_prefix("READY ") {
                self.port = port.trim().parse().unwrap();
                self.child = Some(child);
                return;
            }
            let _ = child.kill();
            let _ = child.wait();
            assert!(Instant::now() < deadline, "SMTP sink did not start");
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Kills the server at once (SIGKILL): open connections break.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Starts it again on the same port, keeping what it received.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Everything received so far, in the order received.
    pub fn received(&self) -> Vec<Received> {
        let out = Command::new(python())
            .arg(repo().join("benches/smtp_sink.py"))
            .arg("--dir")
            .arg(self.dir.path())
            .arg("--describe")
            .stderr(Stdio::inherit())
            .output()
            .unwrap();
        assert!(out.status.success(), "smtp_sink.py --describe failed");
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The raw `.eml` files received.
    pub fn eml_count(&self) -> usize {
        std::fs::read_dir(self.dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .count()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A throwaway CA and a server certificate for 127.0.0.1 signed by it (openssl):
/// `(ca.pem, cert.pem, key.pem)`.
pub fn test_pki(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let run = |args: &[&str]| {
        let st = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "openssl {args:?} failed");
    };
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=nabij test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        "key.pem",
        "-out",
        "leaf.csr",
    ]);
    run(&[
        "x509",
        "-req",
        "-in",
        "leaf.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "leaf.ext",
        "-out",
        "cert.pem",
    ]);
    (dir.join("ca.pem"), dir.join("cert.pem"), dir.join("key.pem"))
}
