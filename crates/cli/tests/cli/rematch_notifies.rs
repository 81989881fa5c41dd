//! `nabij rematch` through the real binary, on SQLite and on PostgreSQL: every proposal a
//! run makes is audited and told exactly like one made through `POST /v1/matches`: an
//! audit row per member naming the job, the `match_proposed` event, and per member an
//! outbox row (e-mail) or a phone-list entry (no e-mail), plus the coordinators' rows.

use nabij_notify::calls::calls_due;
use nabij_notify::outbox::{recipient_of, was_told, Recipient};
use nabij_notify::Event;
use nabij_store::matching::{self, MatchFilter, MatchStatus};
use nabij_store::testing::TestDatabase;
use nabij_store::{audit, neighbour, organisation, outbox, BackendKind, DbConnection, OrgId, Store};
use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn nabij(dir: &Path, url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nabij"));
    cmd.arg("--data-dir")
        .arg(dir)
        .arg("--database-url")
        .arg(url)
        .env_remove("NABIJ_CONFIG")
        .env_remove("NABIJ_NOTIFY_DISABLED")
        .env("NABIJ_LOG", "warn")
        .stdin(Stdio::null());
    cmd
}

fn ok(mut cmd: Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("cannot run nabij: {e}"));
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn all_audit(c: &mut DbConnection, org: OrgId) -> Vec<audit::AuditEntry> {
    let mut rows: Vec<audit::AuditEntry> = Vec::new();
    loop {
        let page = audit::list(c, org, rows.last().map(|r| r.id), 1000).unwrap();
        let more = page.len() == 1000;
        rows.extend(page);
        if !more {
            return rows;
        }
    }
}

fn all_outbox(c: &mut DbConnection, org: OrgId) -> Vec<outbox::OutboxMessage> {
    let mut rows: Vec<outbox::OutboxMessage> = Vec::new();
    loop {
        let page = outbox::list(c, org, None, rows.last().map(|r| r.id), 1000).unwrap();
        let more = page.len() == 1000;
        rows.extend(page);
        if !more {
            return rows;
        }
    }
}

fn every_batch_proposal_is_audited_and_told(backend: BackendKind) {
    let Some(db) = TestDatabase::new(backend) else {
        return;
    };
    let store: Store = db.store(4);
    let dir = tempfile::tempdir().unwrap();
    let mut seed = nabij(dir.path(), &db.url);
    seed.args(["seed", "--demo"]);
    ok(seed);
    let org = store.read(|c| organisation::by_slug(c, "pelt")).unwrap().id;
    let before = store
        .read(|c| {
            matching::list(
                c,
                org,
                &MatchFilter {
                    limit: 1000,
                    ..MatchFilter::default()
                },
            )
        })
        .unwrap();
    let known: HashSet<_> = before.iter().map(|m| m.id).collect();

    let mut run = nabij(dir.path(), &db.url);
    run.args(["rematch", "--org", "pelt", "--json"]);
    let out = ok(run);
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let made = summary["proposals_made"].as_u64().unwrap();
    assert!(made > 0, "the demo run proposes something: {summary}");

    store
        .read(|c| {
            let new: Vec<_> = matching::list(
                c,
                org,
                &MatchFilter {
                    limit: 1000,
                    ..MatchFilter::default()
                },
            )?
            .into_iter()
            .filter(|m| !known.contains(&m.id))
            .collect();
            assert_eq!(new.len() as u64, made, "{summary}");
            let audit = all_audit(c, org);
            let outbox = all_outbox(c, org);
            let calls = calls_due(c, org).unwrap();
            let started: Vec<_> = audit.iter().filter(|a| a.action == "rematch_started").collect();
            assert_eq!(started.len(), 1, "the start is audited once");
            assert_eq!(started[0].actor, "system:rematch");
            let job = started[0]
                .detail
                .split_whitespace()
                .find_map(|w| w.strip_prefix("job="))
                .unwrap()
                .to_string();
            let (mut by_mail, mut by_phone) = (0, 0);
            for m in &new {
                assert_eq!(m.status, MatchStatus::Proposed);
                let d = matching::detail(c, org, m.id)?;
                let detail = format!("match={} request={}", m.id, m.request_id);
                for member in &d.members {
                    let rows: Vec<_> = audit
                        .iter()
                        .filter(|a| {
                            a.action == "match_proposed"
                                && a.subject_neighbour_id == Some(member.neighbour_id)
                                && a.detail == detail
                        })
                        .collect();
                    assert_eq!(
                        rows.len(),
                        1,
                        "one audit row for {} in {detail}",
                        member.neighbour_id
                    );
                    assert_eq!(rows[0].actor, format!("job:{job}"));
                    let n = neighbour::get_any(c, org, member.neighbour_id)?;
                    let has_email = n.email.as_deref().is_some_and(|e| !e.trim().is_empty());
                    let mails = outbox
                        .iter()
                        .filter(|o| {
                            o.message_id
                                .starts_with(&format!("nabij.match_proposed.{org}.{}.", m.id))
                                && recipient_of(&o.message_id)
                                    == Some(Recipient::Neighbour(member.neighbour_id))
                        })
                        .count();
                    let rings = calls
                        .iter()
                        .filter(|k| {
                            k.match_id == Some(m.id)
                                && k.neighbour_id == member.neighbour_id
                                && k.reason == "match_proposed"
                        })
                        .count();
                    if has_email {
                        assert_eq!(
                            (mails, rings),
                            (1, 0),
                            "{} has e-mail, {detail}",
                            member.neighbour_id
                        );
                        by_mail += 1;
                    } else {
                        assert_eq!(
                            (mails, rings),
                            (0, 1),
                            "{} is called, {detail}",
                            member.neighbour_id
                        );
                        by_phone += 1;
                    }
                }
                assert!(
                    outbox.iter().any(|o| {
                        o.message_id
                            .starts_with(&format!("nabij.match_proposed.{org}.{}.", m.id))
                            && matches!(recipient_of(&o.message_id), Some(Recipient::Staff(_)))
                    }),
                    "a coordinator hears of {detail}"
                );
                assert!(was_told(c, org, &Event::MatchProposed(m.id)).unwrap(), "{detail}");
            }
            assert!(by_mail + by_phone > 0);
            Ok(())
        })
        .unwrap();
}

#[test]
fn every_batch_proposal_is_audited_and_told_on_sqlite() {
    every_batch_proposal_is_audited_and_told(BackendKind::Sqlite);
}

#[test]
fn every_batch_proposal_is_audited_and_told_on_postgresql() {
    every_batch_proposal_is_audited_and_told(BackendKind::Postgres);
}
