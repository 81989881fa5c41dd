//! Turning an outbox row into an e-mail and handing it over: SMTP (lettre, with TLS or
//! STARTTLS and credentials) in production, `.eml` files in the embedded default.
//!
//! Every message is `multipart/alternative` (plain text and HTML) with a
//! `Content-Language` and a `Message-ID` derived from the outbox `message_id` alone, so a
//! retry of the same row carries the same `Message-ID` and can be recognised.

use crate::error::{NotifyError, Result};
use crate::event::Language;
use crate::templates::render;
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::PoolConfig;
use lettre::{Message, SmtpTransport, Transport as _};
use nabij_store::outbox::OutboxMessage;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How the SMTP connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Security {
    /// Plain SMTP (loopback relays and tests only).
    None,
    /// STARTTLS on the submission port (587 unless set).
    #[default]
    Starttls,
    /// TLS from the first byte (465 unless set).
    Tls,
}

/// SMTP settings.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    /// Default: 25 without security, 587 with STARTTLS, 465 with TLS.
    #[serde(default)]
    pub port: Option<u16>,
    #[serde(default)]
    pub security: Security,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub password: Option<String>,
    /// Seconds to wait for the server on each step (default 30).
    #[serde(default = "default_timeout")]
    pub timeout_secs: u64,
    /// Connections kept open (default 4, the worker's default `senders`).
    #[serde(default = "default_connections")]
    pub max_connections: u32,
    /// A root certificate (PEM) to trust besides the usual ones, e.g. an internal CA.
    #[serde(default)]
    pub ca_file: Option<PathBuf>,
}

fn default_timeout() -> u64 {
    30
}

fn default_connections() -> u32 {
    4
}

impl SmtpSettings {
    /// Plain SMTP on a host and port, no credentials (for loopback relays and tests).
    pub fn plain(host: &str, port: u16) -> Self {
        SmtpSettings {
            host: host.to_string(),
            port: Some(port),
            security: Security::None,
            username: None,
            password: None,
            timeout_secs: default_timeout(),
            max_connections: default_connections(),
            ca_file: None,
        }
    }
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("timeout_secs", &self.timeout_secs)
            .field("ca_file", &self.ca_file)
            .finish()
    }
}

/// Where messages go.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum TransportSettings {
    Smtp(SmtpSettings),
    /// One `<message_id>.eml` file per message in `dir`.
    Files {
        dir: PathBuf,
    },
}

/// Mail settings (e.g. a `[mail]` table of the configuration file).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// The sender, e.g. `Buurtzorg Pelt <buren@pelt.be>`.
    pub from: String,
    /// Right-hand part of `Message-ID`s; default: the domain of `from`.
    #[serde(default)]
    pub message_id_domain: Option<String>,
    pub transport: TransportSettings,
}

impl MailSettings {
    /// The embedded default: `.eml` files under `<data_dir>/mail`.
    pub fn embedded(data_dir: &Path) -> Self {
        MailSettings {
            from: "nabij <noreply@localhost>".to_string(),
            message_id_domain: None,
            transport: TransportSettings::Files {
                dir: data_dir.join("mail"),
            },
        }
    }
}

/// `Content-Language` (RFC 3282).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLanguage(pub String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.trim().to_string()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `Auto-Submitted: auto-generated` (RFC 3834), so that out-of-office replies stay away.
#[derive(Debug, Clone, PartialEq, Eq)]
struct AutoSubmitted;

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }
    fn parse(_: &str) -> std::result::Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_string())
    }
}

enum Transport {
    Smtp(SmtpTransport),
    Files(PathBuf),
}

/// Composes and sends outbox messages.
pub struct Mailer {
    from: Mailbox,
    domain: String,
    transport: Transport,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::Files(_) => "files",
        };
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("transport", &kind)
            .finish()
    }
}

impl Mailer {
    /// Checks the settings and builds the transport (no connection is made yet).
    pub fn new(settings: &MailSettings) -> Result<Mailer> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| NotifyError::Config(format!("from {:?}: {e}", settings.from)))?;
        let domain = match &settings.message_id_domain {
            Some(d) => d.clone(),
            None => from.email.domain().to_string(),
        };
        if domain.is_empty()
            || !domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-".contains(c))
        {
            return Err(NotifyError::Config(format!("message_id_domain {domain:?}")));
        }
        let transport = match &settings.transport {
            TransportSettings::Smtp(s) => Transport::Smtp(smtp_transport(s)?),
            TransportSettings::Files { dir } => {
                std::fs::create_dir_all(dir)?;
                Transport::Files(dir.clone())
            }
        };
        Ok(Mailer {
            from,
            domain,
            transport,
        })
    }

    /// The `Message-ID` of a row (stable across retries).
    pub fn message_id(&self, msg: &OutboxMessage) -> String {
        format!("<{}@{}>", msg.message_id, self.domain)
    }

    /// Renders the row into a complete e-mail.
    pub fn compose(&self, msg: &OutboxMessage) -> Result<Message> {
        let language = Language::parse_or_default(&msg.language);
        let payload: serde_json::Value =
            serde_json::from_str(&msg.payload).map_err(|e| NotifyError::Compose(format!("payload: {e}")))?;
        let r = render(&msg.template, language, &payload)?;
        let to: Mailbox = msg
            .recipient
            .parse()
            .map_err(|e| NotifyError::Compose(format!("recipient: {e}")))?;
        let mut b = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(r.subject)
            .message_id(Some(self.message_id(msg)))
            .header(ContentLanguage(language.as_str().to_string()))
            .header(AutoSubmitted);
        if let Some(contact) = payload.get("contact").and_then(|c| c.as_str()) {
            if let Ok(mb) = contact.parse::<Mailbox>() {
                b = b.reply_to(mb);
            }
        }
        b.multipart(MultiPart::alternative_plain_html(r.text, r.html))
            .map_err(|e| NotifyError::Compose(e.to_string()))
    }

    /// Composes and hands the message over. `Ok` means the server (or the file system)
    /// has taken it.
    pub fn send(&self, msg: &OutboxMessage) -> Result<()> {
        let email = self.compose(msg)?;
        match &self.transport {
            Transport::Smtp(t) => {
                t.send(&email)?;
            }
            Transport::Files(dir) => write_eml(dir, &msg.message_id, &email.formatted())?,
        }
        Ok(())
    }

    /// Checks that the SMTP server answers (files: that the folder exists).
    pub fn test_connection(&self) -> Result<bool> {
        match &self.transport {
            Transport::Smtp(t) => Ok(t.test_connection()?),
            Transport::Files(dir) => Ok(dir.is_dir()),
        }
    }
}

fn smtp_transport(s: &SmtpSettings) -> Result<SmtpTransport> {
    if s.host.trim().is_empty() {
        return Err(NotifyError::Config("smtp host is empty".to_string()));
    }
    let tls = || -> Result<TlsParameters> {
        let mut p = TlsParameters::builder(s.host.clone());
        if let Some(file) = &s.ca_file {
            let pem = std::fs::read(file)
                .map_err(|e| NotifyError::Config(format!("ca_file {}: {e}", file.display())))?;
            p = p.add_root_certificate(Certificate::from_pem(&pem)?);
        }
        Ok(p.build()?)
    };
    let plain = SmtpTransport::builder_dangerous(&s.host);
    let mut b = match s.security {
        Security::None => plain.port(s.port.unwrap_or(25)),
        Security::Starttls => plain.port(s.port.unwrap_or(587)).tls(Tls::Required(tls()?)),
        Security::Tls => plain.port(s.port.unwrap_or(465)).tls(Tls::Wrapper(tls()?)),
    };
    match (&s.username, &s.password) {
        (Some(u), Some(p)) => b = b.credentials(Credentials::new(u.clone(), p.clone())),
        (None, None) => {}
        _ => {
            return Err(NotifyError::Config(
                "smtp username and password go together".to_string(),
            ))
        }
    }
    Ok(b.timeout(Some(Duration::from_secs(s.timeout_secs.max(1))))
        .pool_config(PoolConfig::new().max_size(s.max_connections.max(1)))
        .build())
}

/// Writes `<dir>/<message_id>.eml` atomically (temporary file, then rename), so a
/// retry overwrites rather than duplicates and a reader never sees half a message.
fn write_eml(dir: &Path, message_id: &str, bytes: &[u8]) -> Result<()> {
    let safe: String = message_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let tmp = dir.join(format!(".{safe}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, dir.join(format!("{safe}.eml")))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_from_configuration_and_keep_the_password_out_of_logs() {
        let s: MailSettings = serde_json::from_value(serde_json::json!({
            "from": "Buurtwerk Pelt <buren@pelt.be>",
            "transport": {"kind": "smtp", "host": "smtp.pelt.be", "security": "starttls",
                          "username": "buren", "password": "geheim"}
        }))
        .unwrap();
        assert!(!format!("{s:?}").contains("geheim"));
        let TransportSettings::Smtp(smtp) = &s.transport else {
            panic!("smtp expected")
        };
        assert_eq!(
            (smtp.security, smtp.port, smtp.timeout_secs),
            (Security::Starttls, None, 30)
        );
        let m = Mailer::new(&s).unwrap();
        assert!(!format!("{m:?}").contains("geheim"));
        for security in ["none", "tls"] {
            let mut v = serde_json::to_value(serde_json::json!({
                "from": "buren@pelt.be",
                "transport": {"kind": "smtp", "host": "smtp.pelt.be", "port": 2525}
            }))
            .unwrap();
            v["transport"]["security"] = security.into();
            Mailer::new(&serde_json::from_value(v).unwrap()).unwrap();
        }
        let bad = |v: serde_json::Value| Mailer::new(&serde_json::from_value(v).unwrap()).is_err();
        assert!(bad(
            serde_json::json!({"from": "not an address", "transport": {"kind": "files", "dir": "/tmp"}})
        ));
        assert!(bad(serde_json::json!({"from": "a@b.be",
            "transport": {"kind": "smtp", "host": "h", "username": "u"}})));
        assert!(bad(
            serde_json::json!({"from": "a@b.be", "transport": {"kind": "smtp", "host": " "}})
        ));
    }

    #[test]
    fn the_message_id_depends_on_the_row_alone() {
        let dir = std::env::temp_dir().join(format!("nabij-mailer-{}", std::process::id()));
        let m = Mailer::new(&MailSettings {
            from: "Buurtwerk <buren@pelt.be>".to_string(),
            message_id_domain: Some("mail.pelt.be".to_string()),
            transport: TransportSettings::Files { dir: dir.clone() },
        })
        .unwrap();
        let now = nabij_store::clock::now();
        let row = OutboxMessage {
            id: nabij_store::OutboxId(1),
            organisation_id: nabij_store::OrgId(1),
            message_id: "nabij.match_closed.1.2.n3.00ff".to_string(),
            recipient: "anna@example.org".to_string(),
            language: "fr".to_string(),
            template: "match_closed.neighbour".to_string(),
            payload: r#"{"organisation":"Buurtwerk","name":"Anna","people":["Jan"]}"#.to_string(),
            status: nabij_store::outbox::OutboxStatus::Sending,
            attempts: 1,
            next_attempt_at: now,
            locked_until: None,
            last_error: None,
            created_at: now,
            sent_at: None,
        };
        let a = String::from_utf8(m.compose(&row).unwrap().formatted()).unwrap();
        let b = String::from_utf8(m.compose(&row).unwrap().formatted()).unwrap();
        let id = "Message-ID: <nabij.match_closed.1.2.n3.00ff@mail.pelt.be>";
        assert!(a.contains(id) && b.contains(id), "{a}");
        assert!(a.contains("Content-Language: fr"));
        let _ = std::fs::remove_dir_all(dir);
    }
}
