//! Starting a re-match run, watching its progress, reading its summary.
//!
//! `POST /rematch` starts a run through the same functions as `POST /v1/jobs/rematch`
//! ([`jobs::start_run`]: the job row, its audit row, the run on its own thread); a second
//! start while one runs shows the running job instead. While a run goes on, the
//! coordinator may choose to follow it (`?follow=on`, also where starting a run leads): the page then reloads itself every
//! two seconds with `<meta http-equiv="refresh">` (no script; the CSP allows it) until
//! the run is done. Reloading is opt-in, never the default, so nobody's page changes
//! under them without asking (WCAG 2.2.1, timing adjustable).

use super::*;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::jobs::{self, JobOut, RematchIn, Start};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use nabij_store::job::{self, Job};
use nabij_store::rematch;
use std::fmt::Write as _;

/// Seconds between reloads while a run goes on.
const REFRESH_SECS: u32 = 2;
/// Runs listed.
const RECENT: i64 = 10;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/rematch").get(page).post(start));
}

/// What the page shows.
struct Runs {
    running: Option<Job>,
    recent: Vec<Job>,
}

async fn load(state: &web::Data<AppState>, org: nabij_store::OrgId) -> Result<Runs, ApiError> {
    let st = state.clone();
    run(move || {
        Ok(st.store.read(|c| {
            Ok(Runs {
                running: job::running(c, org, rematch::JOB_KIND)?,
                recent: rematch::recent_jobs(c, org, None, RECENT)?,
            })
        })?)
    })
    .await
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let refresh = req.query_string().split('&').any(|p| p == "follow=on");
    match load(&state, caller.org).await {
        Ok(runs) => render(&ctx, StatusCode::OK, &runs, None, refresh),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn start(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    let body = RematchIn {
        dry_run: form.get("dry_run").is_some_and(|v| v == "1"),
        k: None,
    };
    let org = caller.org;
    let started = match jobs::rematch_options(&body) {
        Ok(opts) => jobs::start_run(&state, caller, opts).await,
        Err(e) => Err(e),
    };
    match started {
        Ok(Start::Started(j)) => {
            tracing::info!(job = %j.id, "re-matching run started from the console");
            // The coordinator has just asked for the run: follow it, with a link to stop.
            ctx.redirect("/rematch?follow=on")
        }
        Ok(Start::Running(job)) => match load(&state, org).await {
            Ok(mut runs) => {
                runs.running = runs.running.or(job);
                render(&ctx, StatusCode::CONFLICT, &runs, Some(()), false)
            }
            Err(e) => ctx.failure(&e),
        },
        Err(e) => ctx.failure(&e),
    }
}

fn ago_text(l: Lang, t: NaiveDateTime) -> String {
    let mins = (chrono::Utc::now().naive_utc() - t).num_minutes().max(0);
    match mins {
        0 => l.t("zonet", "à l’instant", "just now").to_string(),
        1..=59 => format!("{mins} {}", l.t("min geleden", "min plus tôt", "min ago")),
        60..=2879 => format!("{} {}", mins / 60, l.t("uur geleden", "h plus tôt", "h ago")),
        _ => format!(
            "{} {}",
            mins / 1440,
            l.t("dagen geleden", "jours plus tôt", "days ago")
        ),
    }
}

fn status_text(l: Lang, status: &str) -> &'static str {
    match status {
        "running" => l.t("bezig", "en cours", "running"),
        "succeeded" => l.t("klaar", "terminé", "done"),
        "failed" => l.t("mislukt", "échoué", "failed"),
        "cancelled" => l.t("gestopt", "arrêté", "stopped"),
        _ => l.t("onbekend", "inconnu", "unknown"),
    }
}

fn error_text(l: Lang, code: &str) -> &'static str {
    match code {
        "stale" => l.t(
            "De berekening gaf lange tijd geen teken van leven en werd stopgezet.",
            "Le calcul n’a plus donné signe de vie et a été arrêté.",
            "The run gave no sign of life for a long time and was stopped.",
        ),
        "not_started" => l.t(
            "De berekening kon niet starten.",
            "Le calcul n’a pas pu démarrer.",
            "The run could not start.",
        ),
        _ => l.t(
            "Er ging iets mis tijdens de berekening. Probeer het later opnieuw.",
            "Une erreur s’est produite pendant le calcul. Réessayez plus tard.",
            "Something went wrong during the run. Try again later.",
        ),
    }
}

fn duration_text(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// The summary of a finished run, as a definition list.
fn summary_html(l: Lang, j: &Job) -> String {
    let out = match JobOut::from_row(j) {
        Ok(o) => o,
        Err(_) => return format!("<p>{}</p>", esc(error_text(l, ""))),
    };
    if let Some(code) = &out.error {
        return format!("<p class=\"error\">{}</p>", esc(error_text(l, code)));
    }
    let Some(s) = out.summary else {
        return String::new();
    };
    let mut html = String::new();
    if s.dry_run {
        let _ = write!(
            html,
            "<p>{}</p>",
            esc(l.t(
                "Dit was een proef: er werd niets voorgesteld of aangepast.",
                "C’était un essai : rien n’a été proposé ni modifié.",
                "This was a trial: nothing was proposed or changed."
            ))
        );
    }
    let facts = [
        (
            l.t(
                "Open vragen bekeken",
                "Demandes ouvertes examinées",
                "Open requests considered",
            ),
            s.requests_considered.to_string(),
        ),
        (
            l.t("Voorstellen gedaan", "Propositions faites", "Proposals made"),
            s.proposals_made.to_string(),
        ),
        (
            l.t(
                "Groepjes voorgesteld",
                "Petits groupes suggérés",
                "Groups suggested",
            ),
            s.groups_suggested.to_string(),
        ),
        (
            l.t(
                "Vragen gemarkeerd om door te verwijzen",
                "Demandes marquées à orienter",
                "Requests flagged for referral",
            ),
            s.referrals_suggested.to_string(),
        ),
        (
            l.t(
                "Nog zonder voorstel",
                "Encore sans proposition",
                "Still without a proposal",
            ),
            s.still_unmatched.to_string(),
        ),
        (l.t("Duur", "Durée", "Duration"), duration_text(s.duration_ms)),
    ];
    html.push_str("<dl class=\"facts\">");
    for (k, v) in facts {
        let _ = write!(html, "<dt>{}</dt><dd>{}</dd>", esc(k), esc(&v));
    }
    html.push_str("</dl>");
    html
}

fn render(ctx: &Ctx, status: StatusCode, runs: &Runs, already: Option<()>, refresh: bool) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Opnieuw koppelen", "Nouvel appariement", "Re-match");
    let mut main = format!(
        "<h1>{}</h1><p>{}</p>",
        esc(title),
        esc(l.t(
            "Een herberekening bekijkt alle open vragen samen en zoekt voor elk de best passende buur. Elk voorstel wacht op het antwoord van iedereen: nee zeggen mag altijd. Mensen met dezelfde vraag krijgen een groepje voorgesteld, en vragen waarvoor al lang niemand in de buurt is, worden gemarkeerd om door te verwijzen.",
            "Un recalcul examine toutes les demandes ouvertes ensemble et cherche pour chacune le voisin le plus adapté. Chaque proposition attend la réponse de chacun : on peut toujours dire non. Les personnes qui ont la même demande se voient proposer un petit groupe, et les demandes pour lesquelles personne n’est disponible depuis longtemps sont marquées pour être orientées.",
            "A re-match run looks at all open requests together and finds the best-suited neighbour for each. Every proposal waits for everyone’s answer: saying no is always fine. People with the same request are suggested a small group, and requests nobody nearby could take for a long time are flagged for referral.",
        )),
    );
    if already.is_some() {
        let _ = write!(
            main,
            "<div class=\"notice\" role=\"status\"><p>{}</p></div>",
            esc(l.t(
                "Er loopt al een herberekening. U kunt hieronder volgen hoe ver ze staat; een tweede tegelijk starten kan niet.",
                "Un recalcul est déjà en cours. Vous pouvez suivre son avancement ci-dessous ; en lancer un second en même temps n’est pas possible.",
                "A run is already going on. You can follow its progress below; a second one cannot start at the same time.",
            ))
        );
    }
    match &runs.running {
        Some(j) => {
            let pct = (j.progress * 100.0).round().clamp(0.0, 100.0) as u32;
            let _ = write!(
                main,
                "<section aria-labelledby=\"running\"><h2 id=\"running\">{}</h2>\
                 <p><label for=\"progress\">{}</label><progress id=\"progress\" max=\"100\" value=\"{pct}\">{pct} %</progress> <span>{pct} %</span></p>\
                 <p>{} {} (nr. {}).</p>",
                esc(l.t("Bezig", "En cours", "Running")),
                esc(l.t("Voortgang", "Avancement", "Progress")),
                esc(l.t("Gestart", "Démarré", "Started")),
                esc(&ago_text(l, j.started_at)),
                j.id,
            );
            if refresh {
                let _ = write!(
                    main,
                    "<p>{} <a href=\"/rematch\">{}</a></p></section>",
                    esc(l.t(
                        "Deze pagina ververst zich elke 2 seconden tot de berekening klaar is.",
                        "Cette page se met à jour toutes les 2 secondes jusqu’à la fin du calcul.",
                        "This page reloads every 2 seconds until the run is done.",
                    )),
                    esc(l.t(
                        "Niet meer automatisch verversen",
                        "Ne plus mettre à jour automatiquement",
                        "Stop reloading automatically"
                    )),
                );
            } else {
                let _ = write!(
                    main,
                    "<p><a href=\"/rematch\">{}</a> · <a href=\"/rematch?follow=on\">{}</a></p></section>",
                    esc(l.t(
                        "Stand opnieuw bekijken",
                        "Voir l’état à nouveau",
                        "Check the progress again"
                    )),
                    esc(l.t(
                        "Automatisch volgen (ververst elke 2 seconden)",
                        "Suivre automatiquement (mise à jour toutes les 2 secondes)",
                        "Follow automatically (reloads every 2 seconds)"
                    )),
                );
            }
        }
        None => {
            let _ = write!(
                main,
                "<form method=\"post\" action=\"/rematch\" class=\"stack\">{}\
                 <p class=\"choice\"><input type=\"checkbox\" id=\"dry_run\" name=\"dry_run\" value=\"1\"><label for=\"dry_run\">{}</label></p>\
                 <button type=\"submit\">{}</button></form>",
                csrf_field(&ctx.csrf),
                esc(l.t(
                    "Alleen proberen: tellen wat er zou gebeuren, niets voorstellen",
                    "Seulement essayer : compter ce qui se passerait, ne rien proposer",
                    "Trial only: count what would happen, propose nothing",
                )),
                esc(l.t("Herberekening starten", "Lancer le recalcul", "Start a run")),
            );
        }
    }
    let last_done = runs.recent.iter().find(|j| j.status != "running");
    if let Some(j) = last_done {
        let _ = write!(
            main,
            "<section aria-labelledby=\"last\"><h2 id=\"last\">{}</h2><p>{} {}: {}.</p>{}</section>",
            esc(l.t(
                "Laatste afgewerkte herberekening",
                "Dernier recalcul terminé",
                "Last finished run"
            )),
            esc(l.t("Gestart", "Démarré", "Started")),
            esc(&ago_text(l, j.started_at)),
            esc(status_text(l, &j.status)),
            summary_html(l, j),
        );
    }
    main.push_str(&recent_table(l, &runs.recent));
    match (&runs.running, refresh) {
        (Some(_), true) => ctx.page_refreshing(status, title, &main, REFRESH_SECS, "/rematch?follow=on"),
        _ => ctx.page(status, title, &main),
    }
}

fn recent_table(l: Lang, recent: &[Job]) -> String {
    let h = l.t("Recente herberekeningen", "Recalculs récents", "Recent runs");
    let mut out = format!(
        "<section aria-labelledby=\"recent\"><h2 id=\"recent\">{}</h2>",
        esc(h)
    );
    if recent.is_empty() {
        let _ = write!(
            out,
            "<p class=\"empty\">{}</p></section>",
            esc(l.t(
                "Nog geen herberekening.",
                "Pas encore de recalcul.",
                "No run yet."
            ))
        );
        return out;
    }
    let headers = [
        l.t("Nr.", "N°", "No."),
        l.t("Gestart", "Démarré", "Started"),
        l.t("Stand", "État", "Status"),
        l.t("Voorstellen", "Propositions", "Proposals"),
        l.t("Groepjes", "Groupes", "Groups"),
        l.t("Door te verwijzen", "À orienter", "To refer"),
        l.t("Duur", "Durée", "Duration"),
    ];
    let _ = write!(
        out,
        "<table><caption class=\"visually-hidden\">{}</caption><thead><tr>",
        esc(h)
    );
    for c in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
    for j in recent {
        let summary = JobOut::from_row(j).ok().and_then(|o| o.summary);
        let num = |f: fn(&rematch::RematchSummary) -> usize| {
            summary.as_ref().map_or("—".to_string(), |s| f(s).to_string())
        };
        let mut state = status_text(l, &j.status).to_string();
        if summary.as_ref().is_some_and(|s| s.dry_run) {
            let _ = write!(state, " ({})", l.t("proef", "essai", "trial"));
        }
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            j.id,
            esc(&ago_text(l, j.started_at)),
            esc(&state),
            num(|s| s.proposals_made),
            num(|s| s.groups_suggested),
            num(|s| s.referrals_suggested),
            summary
                .as_ref()
                .map_or("—".to_string(), |s| esc(&duration_text(s.duration_ms))),
        );
    }
    out.push_str("</tbody></table></section>");
    out
}
