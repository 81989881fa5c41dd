//! The today view: what needs a coordinator's attention now.

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{esc, table};
use crate::console::Ctx;
use crate::error::ApiResult;
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
    cfg.service(web::resource("/").route(web::get().to(today)));
}

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
    let mut calls = nabij_notify::calls::calls_due(c, caller.org)?;
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
    let hoods: HashMap<NeighbourId, _> = found.iter().map(|(id, _, h)| (*id, *h)).collect();
    calls.retain(|d| {
        hoods
            .get(&d.neighbour_id)
            .is_some_and(|h| caller.sees_neighbourhood(*h))
    });
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
    let h = l.t(
        "Open vragen, de oudste eerst",
        "Demandes ouvertes, les plus anciennes d’abord",
        "Open requests, oldest first",
    );
    section(
        &mut main,
        "open",
        h,
        data.open.len(),
        table(
            h,
            &req_headers,
            &request_rows(&data.open),
            l.t(
                "Geen open vragen.",
                "Aucune demande ouverte.",
                "No open requests.",
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
                esc(&d.reason.replace('_', " ")),
                esc(&age_text(l, d.since)),
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
    let body = match &data.last_run {
        None => format!(
            "<p class=\"empty\">{}</p>",
            esc(l.t(
                "Nog geen herberekening.",
                "Pas encore de recalcul.",
                "No run yet."
            ))
        ),
        Some(j) => format!(
            "<p>{} {} — {} ({} %)</p>",
            esc(l.t("Gestart", "Démarré", "Started")),
            esc(&j.started_at.format("%d/%m/%Y %H:%M").to_string()),
            esc(&j.status),
            (j.progress * 100.0).round()
        ),
    };
    section(
        &mut main,
        "rematch",
        h,
        usize::from(data.last_run.is_some()),
        body,
    );
    ctx.page(StatusCode::OK, title, &main)
}
