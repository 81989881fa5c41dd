//! The today view: what needs a coordinator's attention now.

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc, table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::{ApiError, ApiResult};
use crate::routes::calls;
use crate::routes::jobs::JobOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDateTime;
use nabij_store::job::{self};
use nabij_store::matching::{self, MatchFilter, MatchStatus};
use nabij_store::neighbour::{self};
use nabij_store::request::{self, Request, RequestFilter, RequestStatus};
use nabij_store::{organisation, rematch, NeighbourId, StoreError};
use std::collections::HashMap;
use std::fmt::Write as _;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/").get(today))
        .service(resource("/calls/{id}/done").post(call_done));
}

/// A request filed less than this many days ago is new.
const NEW_DAYS: i64 = 7;

// ---------------------------------------------------------------- today

struct Today {
    open: Vec<Request>,
    referral: Vec<Request>,
    proposed: Vec<(matching::Match, Request)>,
    follow_up: Vec<(matching::Match, Request)>,
    calls: Vec<nabij_notify::calls::CallDue>,
    last_run: Option<job::Job>,
    names: HashMap<NeighbourId, String>,
}

fn load_today(c: &mut nabij_store::DbConnection, caller: &Caller) -> ApiResult<Today> {
    let filter = |statuses| RequestFilter {
        statuses: Some(statuses),
        neighbourhoods: caller.neighbourhoods.clone(),
        limit: 500,
        ..Default::default()
    };
    let mut open = request::list(c, caller.org, &filter(vec![RequestStatus::Open]))?;
    open.sort_by_key(|r| r.created_at);
    let mut referral = request::list(c, caller.org, &filter(vec![RequestStatus::ReferralNeeded]))?;
    referral.sort_by_key(|r| r.created_at);
    let visible = |c: &mut nabij_store::DbConnection, status: MatchStatus| {
        let found = matching::list(
            c,
            caller.org,
            &MatchFilter {
                statuses: Some(vec![status]),
                limit: 500,
                ..Default::default()
            },
        )?;
        let mut out = Vec::new();
        for m in found {
            match access::request(c, caller, m.request_id) {
                Ok(r) => out.push((m, r)),
                Err(StoreError::NotFound) => {}
                Err(e) => return Err(e),
            }
        }
        Ok::<_, StoreError>(out)
    };
    let proposed = visible(c, MatchStatus::Proposed)?;
    let days = i64::from(organisation::settings(c, caller.org)?.follow_up_days);
    let follow_up: Vec<_> = visible(c, MatchStatus::Active)?
        .into_iter()
        .filter(|(m, _)| m.activated_at.is_some_and(|t| days_since(t) >= days))
        .collect();
    let calls = calls::visible_calls(c, caller)?;
    let mut ids: Vec<NeighbourId> = open
        .iter()
        .chain(referral.iter())
        .map(|r| r.neighbour_id)
        .chain(
            proposed
                .iter()
                .chain(follow_up.iter())
                .map(|(_, r)| r.neighbour_id),
        )
        .chain(calls.iter().map(|d| d.neighbour_id))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let found = neighbour::names(c, caller.org, &ids)?;
    let last_run = job::latest(c, caller.org, rematch::JOB_KIND)?;
    Ok(Today {
        open,
        referral,
        proposed,
        follow_up,
        calls,
        last_run,
        names: found.into_iter().map(|(id, name, _)| (id, name)).collect(),
    })
}

pub async fn today(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let who = caller.clone();
    let data = match run(move || st.store.read_as(|c| load_today(c, &who))).await {
        Ok(d) => d,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let name = |id: NeighbourId| esc(data.names.get(&id).map(String::as_str).unwrap_or("—"));
    let title = l.t("Vandaag", "Aujourd’hui", "Today");
    let mut main = format!("<h1>{}</h1>", esc(title));

    let request_rows = |list: &[Request]| -> Vec<Vec<String>> {
        list.iter()
            .map(|r| {
                vec![
                    request_link(r),
                    name(r.neighbour_id),
                    esc(kind_text(l, &r.kind)),
                    esc(&age_text(l, r.created_at)),
                ]
            })
            .collect()
    };
    let req_headers = [
        l.t("Vraag", "Demande", "Request"),
        l.t("Buurtbewoner", "Habitant", "Neighbour"),
        l.t("Soort", "Type", "Kind"),
        l.t("Wacht sinds", "En attente depuis", "Waiting for"),
    ];
    let section = |main: &mut String, id: &str, heading: &str, count: usize, body: String| {
        let _ = write!(
            main,
            "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{} <span class=\"count\">({count})</span></h2>{body}</section>",
            esc(heading)
        );
    };
    let (new, older): (Vec<Request>, Vec<Request>) = data
        .open
        .iter()
        .cloned()
        .partition(|r| days_since(r.created_at) < NEW_DAYS);
    let new: Vec<Request> = new.into_iter().rev().collect();
    let h = l.t(
        "Nieuwe vragen (deze week), de nieuwste eerst",
        "Nouvelles demandes (cette semaine), les plus récentes d’abord",
        "New requests (this week), newest first",
    );
    section(
        &mut main,
        "new",
        h,
        new.len(),
        table(
            h,
            &req_headers,
            &request_rows(&new),
            l.t(
                "Geen nieuwe vragen deze week.",
                "Aucune nouvelle demande cette semaine.",
                "No new requests this week.",
            ),
        ),
    );
    let h = l.t(
        "Open vragen die al langer wachten, de oudste eerst",
        "Demandes ouvertes qui attendent depuis plus longtemps, les plus anciennes d’abord",
        "Open requests waiting longer, oldest first",
    );
    section(
        &mut main,
        "open",
        h,
        older.len(),
        table(
            h,
            &req_headers,
            &request_rows(&older),
            l.t(
                "Geen vragen die langer dan een week wachten.",
                "Aucune demande n’attend depuis plus d’une semaine.",
                "No requests waiting longer than a week.",
            ),
        ),
    );
    let h = l.t(
        "Vragen om door te verwijzen",
        "Demandes à orienter vers un service",
        "Requests to refer to a service",
    );
    section(
        &mut main,
        "referral",
        h,
        data.referral.len(),
        table(
            h,
            &req_headers,
            &request_rows(&data.referral),
            l.t(
                "Niets door te verwijzen.",
                "Rien à orienter.",
                "Nothing to refer.",
            ),
        ),
    );

    let match_rows = |list: &[(matching::Match, Request)],
                      since: fn(&matching::Match) -> NaiveDateTime|
     -> Vec<Vec<String>> {
        list.iter()
            .map(|(m, r)| vec![request_link(r), name(r.neighbour_id), esc(&age_text(l, since(m)))])
            .collect()
    };
    let h = l.t(
        "Voorstellen die op antwoord wachten",
        "Propositions en attente de réponse",
        "Proposals waiting for an answer",
    );
    section(
        &mut main,
        "proposed",
        h,
        data.proposed.len(),
        table(
            h,
            &[
                l.t("Vraag", "Demande", "Request"),
                l.t("Buurtbewoner", "Habitant", "Neighbour"),
                l.t("Voorgesteld sinds", "Proposée depuis", "Proposed for"),
            ],
            &match_rows(&data.proposed, |m| m.created_at),
            l.t(
                "Geen voorstellen die wachten.",
                "Aucune proposition en attente.",
                "No proposals waiting.",
            ),
        ),
    );
    let h = l.t(
        "Samen op weg: tijd om op te volgen",
        "Mises en contact à suivre",
        "Matches due for follow-up",
    );
    section(
        &mut main,
        "follow-up",
        h,
        data.follow_up.len(),
        table(
            h,
            &[
                l.t("Vraag", "Demande", "Request"),
                l.t("Buurtbewoner", "Habitant", "Neighbour"),
                l.t("Samen sinds", "Ensemble depuis", "Together for"),
            ],
            &match_rows(&data.follow_up, |m| m.activated_at.unwrap_or(m.created_at)),
            l.t(
                "Niemand om nu op te volgen.",
                "Personne à suivre pour l’instant.",
                "Nobody to follow up now.",
            ),
        ),
    );
    let call_rows: Vec<Vec<String>> = data
        .calls
        .iter()
        .map(|d| {
            vec![
                format!(
                    "<a href=\"/neighbours/{}\">{}</a>",
                    d.neighbour_id,
                    esc(&d.display_name)
                ),
                match &d.phone {
                    Some(p) => format!("<a href=\"tel:{}\">{}</a>", esc(p), esc(p)),
                    None => esc(l.t("geen nummer", "pas de numéro", "no number")),
                },
                esc(call_reason_text(l, &d.reason)),
                esc(&age_text(l, d.since)),
                format!(
                    "<form method=\"post\" action=\"/calls/{}/done\" class=\"inline\">{}<button type=\"submit\">{}<span class=\"visually-hidden\"> {}</span></button></form>",
                    d.call_id,
                    csrf_field(&ctx.csrf),
                    esc(l.t("Gebeld", "Appelé", "Called")),
                    esc(&d.display_name)
                ),
            ]
        })
        .collect();
    let h = l.t(
        "Te bellen (geen e-mail)",
        "À appeler (pas d’e-mail)",
        "To phone (no e-mail)",
    );
    section(
        &mut main,
        "calls",
        h,
        data.calls.len(),
        table(
            h,
            &[
                l.t("Buurtbewoner", "Habitant", "Neighbour"),
                l.t("Telefoon", "Téléphone", "Phone"),
                l.t("Waarover", "À propos de", "About"),
                l.t("Sinds", "Depuis", "Since"),
                l.t("Gedaan?", "Fait ?", "Done?"),
            ],
            &call_rows,
            l.t("Niemand te bellen.", "Personne à appeler.", "Nobody to phone."),
        ),
    );
    let h = l.t(
        "Laatste herberekening van voorstellen",
        "Dernier recalcul des propositions",
        "Last re-match run",
    );
    let mut body = match &data.last_run {
        None => format!(
            "<p class=\"empty\">{}</p>",
            esc(l.t(
                "Nog geen herberekening.",
                "Pas encore de recalcul.",
                "No run yet."
            ))
        ),
        Some(j) => last_run_text(l, j),
    };
    let _ = write!(
        body,
        "<p><a href=\"/rematch\">{}</a></p>",
        esc(l.t("Naar de herberekening", "Vers le recalcul", "Go to re-matching"))
    );
    section(
        &mut main,
        "rematch",
        h,
        usize::from(data.last_run.is_some()),
        body,
    );
    ctx.page(StatusCode::OK, title, &main)
}

/// Why to phone someone, by the event's code (`nabij_notify::event::EventKind`).
pub(super) fn call_reason_text(l: Lang, code: &str) -> &'static str {
    match code {
        "match_proposed" => l.t(
            "Vertellen over een voorstel (nee zeggen mag altijd)",
            "Parler d’une proposition (on peut toujours dire non)",
            "Tell about a proposal (saying no is always fine)",
        ),
        "match_accepted" => l.t(
            "Vertellen dat iedereen ja zei",
            "Dire que tout le monde a dit oui",
            "Tell that everyone said yes",
        ),
        "match_declined" => l.t(
            "Vertellen dat het voorstel niet doorgaat",
            "Dire que la proposition ne se fera pas",
            "Tell that the proposal will not go ahead",
        ),
        "match_closed" => l.t(
            "Vertellen dat de koppeling afgesloten is",
            "Dire que la mise en contact est clôturée",
            "Tell that the match was closed",
        ),
        "follow_up_due" => l.t(
            "Vragen hoe het gaat",
            "Demander comment ça se passe",
            "Ask how it is going",
        ),
        "request_referred" => l.t(
            "Vertellen naar welke dienst de vraag doorverwezen werd",
            "Dire vers quel service la demande a été orientée",
            "Tell which service the request was referred to",
        ),
        _ => l.t("Iets te vertellen", "Quelque chose à dire", "Something to tell"),
    }
}

/// The last re-match run in one sentence, with its summary once done.
fn last_run_text(l: Lang, j: &job::Job) -> String {
    let started = match days_since(j.started_at) {
        0 => l
            .t("Vandaag gestart", "Démarré aujourd’hui", "Started today")
            .to_string(),
        1 => l
            .t("Gisteren gestart", "Démarré hier", "Started yesterday")
            .to_string(),
        n => match l {
            Lang::Nl => format!("{n} dagen geleden gestart"),
            Lang::Fr => format!("Démarré il y a {n} jours"),
            Lang::En => format!("Started {n} days ago"),
        },
    };
    let state = match j.status.as_str() {
        "running" => format!(
            "{} ({} %)",
            l.t("bezig", "en cours", "running"),
            (j.progress * 100.0).round().clamp(0.0, 100.0)
        ),
        "succeeded" => match JobOut::from_row(j).ok().and_then(|o| o.summary) {
            Some(s) => format!(
                "{}: {} {}, {} {}, {} {}",
                l.t("klaar", "terminé", "done"),
                s.proposals_made,
                l.t("voorstellen", "propositions", "proposals"),
                s.groups_suggested,
                l.t("groepjes", "groupes", "groups"),
                s.referrals_suggested,
                l.t("om door te verwijzen", "à orienter", "to refer"),
            ),
            None => l.t("klaar", "terminé", "done").to_string(),
        },
        "failed" => l.t("mislukt", "échoué", "failed").to_string(),
        _ => l.t("gestopt", "arrêté", "stopped").to_string(),
    };
    format!("<p>{} — {}.</p>", esc(&started), esc(&state))
}

/// `POST /calls/{id}/done`: the call is made (as `POST /v1/calls/{id}/done`, audited).
pub async fn call_done(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    if !ctx.csrf_ok(&Form::parse(&body)) {
        return ctx.forbidden();
    }
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let done = run(move || st.store.write_as(|c| calls::mark_done(c, &caller, id))).await;
    match done {
        // Marked before (another tab, a colleague): nothing left to do either way.
        Ok(_) => ctx.redirect("/#calls"),
        Err(ApiError::Store(StoreError::Conflict(code))) if code == "already_done" => ctx.redirect("/#calls"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
