//! The console's pages. Each handler builds a [`Ctx`], sends a browser without a
//! session to `/login`, reads and writes through [`crate::access`] and the store as the
//! API routes do, and answers HTML.

use super::html::{csrf_field, esc, table};
use super::{Ctx, Form, Lang};
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::error::{ApiError, ApiResult};
use crate::index::IndexUpdate;
use crate::routes::neighbours::body::{ConsentIn, ContactIn, LocationIn, NeighbourIn};
use crate::routes::requests::body::{OverrideIn, RequestIn, WindowIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{NaiveDate, NaiveDateTime, Utc};
use nabij_engine::scope::apply_override;
use nabij_store::job::{self};
use nabij_store::matching::{self, MatchFilter, MatchStatus};
use nabij_store::neighbour::{self, NeighbourFilter};
use nabij_store::neighbourhood::{self, Neighbourhood};
use nabij_store::request::{self, Request, RequestFilter, RequestStatus};
use nabij_store::{organisation, rematch, service, NeighbourId, RequestId, StoreError};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Redirects to the login page unless logged in.
macro_rules! logged_in {
    ($ctx:expr) => {
        match $ctx.caller.clone() {
            Some(c) => c,
            None => return $ctx.redirect("/login"),
        }
    };
}

fn days_since(t: NaiveDateTime) -> i64 {
    (Utc::now().naive_utc() - t).num_days().max(0)
}

fn age_text(l: Lang, t: NaiveDateTime) -> String {
    match days_since(t) {
        0 => l.t("vandaag", "aujourd’hui", "today").to_string(),
        1 => l.t("1 dag", "1 jour", "1 day").to_string(),
        n => format!("{n} {}", l.t("dagen", "jours", "days")),
    }
}

fn kind_text(l: Lang, code: &str) -> &'static str {
    match code {
        "emotional" => l.t(
            "Een luisterend oor, een bezoek",
            "Une oreille attentive, une visite",
            "A listening ear, a visit",
        ),
        "companionship" => l.t(
            "Samen iets doen",
            "Faire quelque chose ensemble",
            "Doing something together",
        ),
        "practical" => l.t(
            "Een kleine praktische hand",
            "Un petit coup de main pratique",
            "A small practical hand",
        ),
        _ => l.t("Andere vraag", "Autre demande", "Other request"),
    }
}

fn status_text(l: Lang, code: &str) -> &'static str {
    match code {
        "open" => l.t("open", "ouverte", "open"),
        "proposed" => l.t("voorstel gedaan", "proposition faite", "proposal made"),
        "matched" => l.t("samengebracht", "mis en contact", "brought together"),
        "closed" => l.t("afgesloten", "clôturée", "closed"),
        "referral_needed" => l.t("door te verwijzen", "à orienter", "to be referred"),
        "referred" => l.t("doorverwezen", "orientée", "referred"),
        "cancelled" => l.t("geannuleerd", "annulée", "cancelled"),
        "expired" => l.t("verlopen", "expirée", "expired"),
        _ => l.t("onbekend", "inconnu", "unknown"),
    }
}

fn consent_text(l: Lang, code: &str) -> &'static str {
    match code {
        "home_visit" => l.t(
            "Bij een huisbezoek",
            "Lors d’une visite à domicile",
            "During a home visit",
        ),
        "phone_round" => l.t(
            "Tijdens een belronde",
            "Lors d’une tournée d’appels",
            "During a phone round",
        ),
        "referral_card" => l.t(
            "Met een ondertekende doorverwijskaart",
            "Par une carte d’orientation signée",
            "With a signed referral card",
        ),
        "self" => l.t(
            "Door de persoon zelf",
            "Par la personne elle-même",
            "By the person themselves",
        ),
        _ => l.t("Onbekend", "Inconnu", "Unknown"),
    }
}

fn parse_id(raw: &str) -> Option<i64> {
    raw.parse::<i64>().ok().filter(|id| *id > 0)
}

fn request_link(r: &Request) -> String {
    let mut text: String = r.text.chars().take(60).collect();
    if r.text.chars().count() > 60 {
        text.push('…');
    }
    if text.is_empty() {
        text = format!("#{}", r.id);
    }
    format!("<a href=\"/requests/{}\">{}</a>", r.id, esc(&text))
}

// ---------------------------------------------------------------- login, logout

fn login_page(ctx: &Ctx, status: StatusCode, email: &str, error: Option<&str>) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Aanmelden", "Connexion", "Log in");
    let mut main = format!("<h1>{}</h1>", esc(title));
    if let Some(e) = error {
        let _ = write!(
            main,
            "<div class=\"error-summary\" role=\"alert\"><p>{}</p></div>",
            esc(e)
        );
    }
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/login\" class=\"stack narrow\">{}\
         <p><label for=\"email\">{}</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"{}\"></p>\
         <p><label for=\"password\">{}</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required></p>\
         <p><button type=\"submit\">{}</button></p></form>",
        csrf_field(&ctx.csrf),
        esc(l.t("E-mailadres", "Adresse e-mail", "E-mail address")),
        esc(email),
        esc(l.t("Wachtwoord", "Mot de passe", "Password")),
        esc(title),
    );
    ctx.page(status, title, &main)
}

pub async fn login_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    if ctx.caller.is_some() {
        return ctx.redirect("/");
    }
    login_page(&ctx, StatusCode::OK, "", None)
}

/// Checks the password with the API's own login check and throttle.
pub async fn login(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let l = ctx.lang;
    let email = form.text("email");
    let password = form.get("password").unwrap_or("").to_string();
    if email.is_empty() || email.len() > 254 || password.is_empty() || password.len() > 1024 {
        let msg = l.t(
            "Vul uw e-mailadres en uw wachtwoord in.",
            "Indiquez votre adresse e-mail et votre mot de passe.",
            "Enter your e-mail address and your password.",
        );
        return login_page(&ctx, StatusCode::BAD_REQUEST, &email, Some(msg));
    }
    let key = crate::routes::auth::login_throttle_key(&email, &req);
    if crate::routes::auth::check_throttle(&state, &key).is_err() {
        let msg = l.t(
            "Te veel mislukte pogingen. Wacht enkele minuten en probeer opnieuw.",
            "Trop de tentatives échouées. Attendez quelques minutes et réessayez.",
            "Too many failed attempts. Wait a few minutes and try again.",
        );
        return login_page(&ctx, StatusCode::TOO_MANY_REQUESTS, &email, Some(msg));
    }
    let principal = match crate::routes::auth::verify_login(&state, email.clone(), password).await {
        Ok(p) => p,
        Err(e) => return ctx.failure(&e),
    };
    match principal {
        Some(p) if p.role.is_staff() => {
            state.login_throttle.clear(&key);
            ctx.rotate_csrf();
            if !ctx.start_session(&state, &p) {
                return ctx.failure(&"cannot sign a session");
            }
            ctx.redirect("/")
        }
        _ => {
            state.login_throttle.record_failure(&key);
            let msg = l.t(
                "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
                "Cette adresse e-mail et ce mot de passe ne correspondent pas.",
                "This e-mail address and password do not match.",
            );
            login_page(&ctx, StatusCode::UNAUTHORIZED, &email, Some(msg))
        }
    }
}

pub async fn logout(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let mut ctx = Ctx::new(&req, &state);
    if !ctx.csrf_ok(&Form::parse(&body)) {
        return ctx.forbidden();
    }
    ctx.end_session();
    ctx.redirect("/login")
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

// ---------------------------------------------------------------- neighbours

pub async fn neighbours(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let q = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == "q")
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default();
    let st = state.clone();
    let found = run(move || {
        st.store.read_as(|c| {
            let rows = neighbour::list(
                c,
                caller.org,
                &NeighbourFilter {
                    neighbourhoods: caller.neighbourhoods.clone(),
                    after: None,
                    limit: 1000,
                },
            )?;
            let hoods: HashMap<_, _> = neighbourhood::list(c, caller.org)?
                .into_iter()
                .map(|h| (h.id, h.name))
                .collect();
            Ok::<_, ApiError>((rows, hoods))
        })
    })
    .await;
    let (rows, hoods) = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let needle = q.to_lowercase();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .filter(|n| needle.is_empty() || n.display_name.to_lowercase().contains(&needle))
        .map(|n| {
            vec![
                format!("<a href=\"/neighbours/{}\">{}</a>", n.id, esc(&n.display_name)),
                esc(n
                    .neighbourhood_id
                    .and_then(|h| hoods.get(&h))
                    .map(String::as_str)
                    .unwrap_or("—")),
                esc(if n.paused {
                    l.t("even gepauzeerd", "en pause", "paused")
                } else {
                    l.t("actief", "actif", "active")
                }),
            ]
        })
        .collect();
    let title = l.t("Buurtbewoners", "Habitants", "Neighbours");
    let main = format!(
        "<h1>{}</h1><form method=\"get\" action=\"/neighbours\" class=\"search\" role=\"search\">\
         <label for=\"q\">{}</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\"><button type=\"submit\">{}</button></form>\
         <p><a href=\"/neighbours/new\">{}</a></p>{}",
        esc(title),
        esc(l.t("Zoek op naam", "Rechercher par nom", "Search by name")),
        esc(&q),
        esc(l.t("Zoeken", "Rechercher", "Search")),
        esc(l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone")),
        table(
            title,
            &[l.t("Naam", "Nom", "Name"), l.t("Buurt", "Quartier", "Neighbourhood"), l.t("Stand", "État", "Status")],
            &rows,
            l.t("Niemand gevonden.", "Personne trouvé.", "Nobody found."),
        ),
    );
    ctx.page(StatusCode::OK, title, &main)
}

/// The register-on-behalf form: what was typed, and a Dutch (or French, English)
/// message per field that is wrong.
#[derive(Default)]
struct RegisterForm {
    values: HashMap<&'static str, String>,
    errors: Vec<(&'static str, String)>,
    general: Option<String>,
}

const FIELDS: &[&str] = &[
    "display_name",
    "phone",
    "email",
    "neighbourhood_id",
    "lat",
    "lon",
    "travel_radius_m",
    "consent",
    "preferred_language",
];

impl RegisterForm {
    fn from_form(form: &Form) -> Self {
        let mut values = HashMap::new();
        for f in FIELDS {
            values.insert(*f, form.text(f));
        }
        RegisterForm {
            values,
            ..Default::default()
        }
    }
    fn value(&self, f: &str) -> &str {
        self.values.get(f).map(String::as_str).unwrap_or("")
    }
    fn error(&self, f: &str) -> Option<&str> {
        self.errors.iter().find(|(k, _)| *k == f).map(|(_, m)| m.as_str())
    }
}

fn register_page(ctx: &Ctx, status: StatusCode, hoods: &[Neighbourhood], f: &RegisterForm) -> HttpResponse {
    let l = ctx.lang;
    let title = l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone");
    let mut main = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p>",
        esc(title),
        esc(l.t(
            "Na een huisbezoek, een belronde of met een doorverwijskaart: schrijf de persoon in met haar of zijn toestemming.",
            "Après une visite à domicile, une tournée d’appels ou avec une carte d’orientation : inscrivez la personne avec son accord.",
            "After a home visit, a phone round or with a referral card: register the person with their consent."
        ))
    );
    if !f.errors.is_empty() || f.general.is_some() {
        let _ = write!(
            main,
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">{}</h2><ul>",
            esc(l.t("Er is iets niet in orde", "Quelque chose ne va pas", "Something is not right"))
        );
        if let Some(g) = &f.general {
            let _ = write!(main, "<li>{}</li>", esc(g));
        }
        for (field, msg) in &f.errors {
            let _ = write!(main, "<li><a href=\"#{field}\">{}</a></li>", esc(msg));
        }
        main.push_str("</ul></div>");
    }
    let input = |main: &mut String, field: &str, label: &str, kind: &str, hint: Option<&str>, extra: &str| {
        let err = f.error(field);
        let mut described = Vec::new();
        if hint.is_some() {
            described.push(format!("{field}-hint"));
        }
        if err.is_some() {
            described.push(format!("{field}-error"));
        }
        let _ = write!(
            main,
            "<div class=\"field{}\"><label for=\"{field}\">{}</label>",
            if err.is_some() { " has-error" } else { "" },
            esc(label)
        );
        if let Some(hnt) = hint {
            let _ = write!(main, "<p class=\"hint\" id=\"{field}-hint\">{}</p>", esc(hnt));
        }
        if let Some(e) = err {
            let _ = write!(main, "<p class=\"error\" id=\"{field}-error\">{}</p>", esc(e));
        }
        let _ = write!(
            main,
            "<input id=\"{field}\" name=\"{field}\" type=\"{kind}\" value=\"{}\"{}{}{extra}></div>",
            esc(f.value(field)),
            if described.is_empty() {
                String::new()
            } else {
                format!(" aria-describedby=\"{}\"", described.join(" "))
            },
            if err.is_some() {
                " aria-invalid=\"true\""
            } else {
                ""
            },
        );
    };
    let _ = write!(
        main,
        "<form method=\"post\" action=\"/neighbours/new\" class=\"stack\" novalidate>{}",
        csrf_field(&ctx.csrf)
    );
    input(
        &mut main,
        "display_name",
        l.t(
            "Naam (zoals de persoon genoemd wil worden)",
            "Nom (comme la personne souhaite être appelée)",
            "Name (as the person likes to be called)",
        ),
        "text",
        None,
        " autocomplete=\"off\"",
    );
    input(
        &mut main,
        "phone",
        l.t(
            "Telefoon (niet verplicht)",
            "Téléphone (facultatif)",
            "Phone (optional)",
        ),
        "tel",
        None,
        "",
    );
    input(
        &mut main,
        "email",
        l.t(
            "E-mailadres (niet verplicht)",
            "Adresse e-mail (facultatif)",
            "E-mail address (optional)",
        ),
        "email",
        None,
        "",
    );

    // Consent: radio buttons in a fieldset.
    let err = f.error("consent");
    let _ = write!(
        main,
        "<fieldset id=\"consent\" class=\"field{}\"{}><legend>{}</legend>",
        if err.is_some() { " has-error" } else { "" },
        if err.is_some() {
            " aria-describedby=\"consent-error\""
        } else {
            ""
        },
        esc(l.t(
            "Hoe gaf de persoon toestemming?",
            "Comment la personne a-t-elle donné son accord ?",
            "How did the person give consent?"
        ))
    );
    if let Some(e) = err {
        let _ = write!(main, "<p class=\"error\" id=\"consent-error\">{}</p>", esc(e));
    }
    for code in ["home_visit", "phone_round", "referral_card", "self"] {
        let checked = if f.value("consent") == code {
            " checked"
        } else {
            ""
        };
        let _ = write!(
            main,
            "<div class=\"choice\"><input type=\"radio\" id=\"consent-{code}\" name=\"consent\" value=\"{code}\"{checked}><label for=\"consent-{code}\">{}</label></div>",
            esc(consent_text(l, code))
        );
    }
    main.push_str("</fieldset>");

    // Neighbourhood select.
    let err = f.error("neighbourhood_id");
    let _ = write!(
        main,
        "<div class=\"field{}\"><label for=\"neighbourhood_id\">{}</label>",
        if err.is_some() { " has-error" } else { "" },
        esc(l.t("Buurt", "Quartier", "Neighbourhood"))
    );
    if let Some(e) = err {
        let _ = write!(
            main,
            "<p class=\"error\" id=\"neighbourhood_id-error\">{}</p>",
            esc(e)
        );
    }
    let _ = write!(
        main,
        "<select id=\"neighbourhood_id\" name=\"neighbourhood_id\"{}><option value=\"\">{}</option>",
        if err.is_some() {
            " aria-invalid=\"true\" aria-describedby=\"neighbourhood_id-error\""
        } else {
            ""
        },
        esc(l.t(
            "— kies een buurt —",
            "— choisissez un quartier —",
            "— choose a neighbourhood —"
        ))
    );
    for h in hoods {
        let id = h.id.to_string();
        let sel = if f.value("neighbourhood_id") == id {
            " selected"
        } else {
            ""
        };
        let _ = write!(main, "<option value=\"{id}\"{sel}>{}</option>", esc(&h.name));
    }
    main.push_str("</select></div>");
    let hint = l.t(
        "Niet verplicht. Zonder positie rekenen we met het midden van de buurt.",
        "Facultatif. Sans position, nous utilisons le centre du quartier.",
        "Optional. Without a position we use the centre of the neighbourhood.",
    );
    input(
        &mut main,
        "lat",
        l.t(
            "Breedtegraad van de woning",
            "Latitude du domicile",
            "Latitude of the home",
        ),
        "text",
        Some(hint),
        " inputmode=\"decimal\"",
    );
    input(
        &mut main,
        "lon",
        l.t(
            "Lengtegraad van de woning",
            "Longitude du domicile",
            "Longitude of the home",
        ),
        "text",
        None,
        " inputmode=\"decimal\"",
    );

    let _ = write!(main, "<div class=\"field\"><label for=\"travel_radius_m\">{}</label><select id=\"travel_radius_m\" name=\"travel_radius_m\">", esc(l.t("Hoe ver kan of wil de persoon gaan?", "Jusqu’où la personne peut-elle ou veut-elle aller ?", "How far can or will the person go?")));
    let radius = if f.value("travel_radius_m").is_empty() {
        "1000"
    } else {
        f.value("travel_radius_m")
    };
    for (v, label) in [
        ("300", "300 m"),
        ("500", "500 m"),
        ("1000", "1 km"),
        ("2000", "2 km"),
        ("5000", "5 km"),
    ] {
        let sel = if radius == v { " selected" } else { "" };
        let _ = write!(main, "<option value=\"{v}\"{sel}>{label}</option>");
    }
    main.push_str("</select></div>");
    let _ = write!(main, "<div class=\"field\"><label for=\"preferred_language\">{}</label><select id=\"preferred_language\" name=\"preferred_language\">", esc(l.t("Taal van berichten", "Langue des messages", "Language of messages")));
    for (v, label) in [("nl", "Nederlands"), ("fr", "Français"), ("en", "English")] {
        let sel = if f.value("preferred_language") == v {
            " selected"
        } else {
            ""
        };
        let _ = write!(main, "<option value=\"{v}\" lang=\"{v}\"{sel}>{label}</option>");
    }
    let _ = write!(
        main,
        "</select></div><p><button type=\"submit\">{}</button></p></form>",
        esc(l.t("Inschrijven", "Inscrire", "Register"))
    );
    ctx.page(status, title, &main)
}

async fn visible_hoods(state: &web::Data<AppState>, caller: &Caller) -> ApiResult<Vec<Neighbourhood>> {
    let st = state.clone();
    let who = caller.clone();
    run(move || {
        let all = st.store.read(|c| neighbourhood::list(c, who.org))?;
        Ok(all
            .into_iter()
            .filter(|h| who.sees_neighbourhood(Some(h.id)))
            .collect())
    })
    .await
}

pub async fn register_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    match visible_hoods(&state, &caller).await {
        Ok(hoods) => register_page(&ctx, StatusCode::OK, &hoods, &RegisterForm::default()),
        Err(e) => ctx.failure(&e),
    }
}

fn parse_coordinate(s: &str) -> Option<f64> {
    s.replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite())
}

pub async fn register(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let hoods = match visible_hoods(&state, &caller).await {
        Ok(h) => h,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut f = RegisterForm::from_form(&form);
    let name = f.value("display_name").to_string();
    if name.is_empty() {
        f.errors.push((
            "display_name",
            l.t("Vul de naam in.", "Indiquez le nom.", "Enter the name.")
                .into(),
        ));
    } else if name.chars().count() > 100 {
        f.errors.push((
            "display_name",
            l.t(
                "De naam is te lang (hoogstens 100 tekens).",
                "Le nom est trop long (100 caractères au plus).",
                "The name is too long (100 characters at most).",
            )
            .into(),
        ));
    }
    let email = f.value("email").to_string();
    if !email.is_empty() && (!email.contains('@') || email.len() > 254) {
        f.errors.push((
            "email",
            l.t(
                "Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.be.",
                "Cette adresse e-mail n’est pas correcte. Elle ressemble à nom@exemple.be.",
                "This e-mail address is not right. It looks like name@example.be.",
            )
            .into(),
        ));
    }
    let phone = f.value("phone").to_string();
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || " +-./()".contains(c)) {
        f.errors.push((
            "phone",
            l.t(
                "Een telefoonnummer bevat alleen cijfers, spaties en +.",
                "Un numéro de téléphone ne contient que des chiffres, des espaces et +.",
                "A phone number holds only digits, spaces and +.",
            )
            .into(),
        ));
    }
    let consent = f.value("consent").to_string();
    if !["home_visit", "phone_round", "referral_card", "self"].contains(&consent.as_str()) {
        f.errors.push(("consent", l.t("Kies hoe de persoon toestemming gaf: zonder toestemming schrijven we niemand in.", "Choisissez comment la personne a donné son accord : sans accord, nous n’inscrivons personne.", "Choose how the person gave consent: without consent we register nobody.").into()));
    }
    let hood = parse_id(f.value("neighbourhood_id")).and_then(|id| hoods.iter().find(|h| h.id.get() == id));
    if !f.value("neighbourhood_id").is_empty() && hood.is_none() {
        f.errors.push((
            "neighbourhood_id",
            l.t(
                "Kies een buurt uit de lijst.",
                "Choisissez un quartier dans la liste.",
                "Choose a neighbourhood from the list.",
            )
            .into(),
        ));
    }
    let (lat_s, lon_s) = (f.value("lat").to_string(), f.value("lon").to_string());
    let location = match (lat_s.is_empty(), lon_s.is_empty()) {
        (true, true) => match hood {
            Some(h) => Some((h.centre_lat, h.centre_lon)),
            None => {
                if !f.errors.iter().any(|(k, _)| *k == "neighbourhood_id") {
                    f.errors.push((
                        "neighbourhood_id",
                        l.t(
                            "Kies een buurt, of vul de positie van de woning in.",
                            "Choisissez un quartier, ou indiquez la position du domicile.",
                            "Choose a neighbourhood, or fill in the position of the home.",
                        )
                        .into(),
                    ));
                }
                None
            }
        },
        _ => match (parse_coordinate(&lat_s), parse_coordinate(&lon_s)) {
            (Some(a), Some(b)) if (-90.0..=90.0).contains(&a) && (-180.0..=180.0).contains(&b) => {
                Some((a, b))
            }
            _ => {
                f.errors.push(("lat", l.t("Vul breedte- en lengtegraad allebei in als getallen, bijvoorbeeld 51,2345 en 5,4321.", "Indiquez la latitude et la longitude en chiffres, par exemple 51,2345 et 5,4321.", "Fill in both latitude and longitude as numbers, for example 51.2345 and 5.4321.").into()));
                None
            }
        },
    };
    let radius = f.value("travel_radius_m").parse::<f64>().unwrap_or(1000.0);
    let language = match f.value("preferred_language") {
        "fr" => "fr",
        "en" => "en",
        _ => "nl",
    };
    let Some((lat, lon)) = location.filter(|_| f.errors.is_empty()) else {
        return register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f);
    };
    let body = NeighbourIn {
        display_name: name,
        contact: Some(ContactIn {
            email: Some((!email.is_empty()).then_some(email)),
            phone: Some((!phone.is_empty()).then_some(phone)),
        }),
        location: LocationIn { lat, lon },
        neighbourhood_id: hood.map(|h| h.id.get()),
        travel_radius_m: radius,
        interests: Vec::new(),
        talents: Vec::new(),
        languages: vec![language.to_string()],
        availability: Vec::new(),
        capacity: 1,
        paused: false,
        consent: ConsentIn {
            channel: consent,
            recorded_at: None,
            recorded_by: None,
        },
        preferred_language: language.to_string(),
    };
    // What `POST /v1/neighbours` does, in one transaction: create, check the
    // neighbourhood is in reach, audit, update the candidate index.
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        let form = body.into_new(who.actor())?;
        st.store.write_as(|c| {
            let n = neighbour::create(c, who.org, &form)?;
            if !who.sees_neighbourhood(n.neighbourhood_id) {
                return Err(ApiError::invalid_field(
                    "neighbourhood_id",
                    "outside the neighbourhoods you coordinate",
                ));
            }
            access::record(c, &who, "neighbour_created", Some(n.id), String::new())?;
            Ok((n.id, IndexUpdate::after(c, who.org, &[n.id])?))
        })
    })
    .await;
    match written {
        Ok((id, update)) => {
            update.apply(&state.indexes);
            ctx.redirect(&format!("/neighbours/{id}"))
        }
        Err(ApiError::BadRequest { .. })
        | Err(ApiError::Store(StoreError::Invalid(_)))
        | Err(ApiError::Store(StoreError::Conflict(_))) => {
            f.general = Some(
                l.t(
                    "Deze gegevens konden niet bewaard worden. Kijk de naam, de contactgegevens en de positie na.",
                    "Ces données n’ont pas pu être enregistrées. Vérifiez le nom, les coordonnées et la position.",
                    "These details could not be saved. Check the name, the contact details and the position.",
                )
                .to_string(),
            );
            register_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &hoods, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}

pub async fn neighbour(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let found = run(move || {
        st.store.write_as(|c| {
            let n = access::neighbour(c, &caller, NeighbourId(id))?;
            access::record(c, &caller, "neighbour_read", Some(n.id), String::new())?;
            let hood = match n.neighbourhood_id {
                Some(h) => neighbourhood::list(c, caller.org)?
                    .into_iter()
                    .find(|x| x.id == h)
                    .map(|x| x.name),
                None => None,
            };
            let requests = request::list(
                c,
                caller.org,
                &RequestFilter {
                    neighbour_id: Some(n.id),
                    limit: 200,
                    ..Default::default()
                },
            )?;
            Ok::<_, ApiError>((n, hood, requests))
        })
    })
    .await;
    let (n, hood, requests) = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let consent = n.consent().map(|c| c.channel.as_str()).unwrap_or("");
    let mut main = format!(
        "<h1>{}</h1><dl class=\"facts\"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
        esc(&n.display_name),
        esc(l.t("Buurt", "Quartier", "Neighbourhood")),
        esc(hood.as_deref().unwrap_or("—")),
        esc(l.t("Telefoon", "Téléphone", "Phone")),
        esc(n.phone.as_deref().unwrap_or("—")),
        esc(l.t("E-mail", "E-mail", "E-mail")),
        esc(n.email.as_deref().unwrap_or("—")),
        esc(l.t("Toestemming", "Accord", "Consent")),
        esc(consent_text(l, consent)),
        esc(l.t("Stand", "État", "Status")),
        esc(if n.paused { l.t("even gepauzeerd", "en pause", "paused") } else { l.t("actief", "actif", "active") }),
    );
    let rows: Vec<Vec<String>> = requests
        .iter()
        .map(|r| {
            vec![
                request_link(r),
                esc(kind_text(l, &r.kind)),
                esc(status_text(l, &r.status)),
                esc(&age_text(l, r.created_at)),
            ]
        })
        .collect();
    let h = l.t("Vragen", "Demandes", "Requests");
    let _ = write!(
        main,
        "<section aria-labelledby=\"requests\"><h2 id=\"requests\">{}</h2>{}</section>",
        esc(h),
        table(
            h,
            &[
                h,
                l.t("Soort", "Type", "Kind"),
                l.t("Stand", "État", "Status"),
                l.t("Sinds", "Depuis", "Since")
            ],
            &rows,
            l.t("Nog geen vragen.", "Pas encore de demandes.", "No requests yet.")
        )
    );
    let _ = write!(
        main,
        "<section aria-labelledby=\"new-request\"><h2 id=\"new-request\">{}</h2>\
         <form method=\"post\" action=\"/neighbours/{}/requests\" class=\"stack\">{}\
         <fieldset class=\"field\"><legend>{}</legend>",
        esc(l.t("Een vraag noteren", "Noter une demande", "Note a request")),
        n.id,
        csrf_field(&ctx.csrf),
        esc(l.t(
            "Waarmee kan een buur helpen?",
            "En quoi un voisin peut-il aider ?",
            "What could a neighbour help with?"
        )),
    );
    for (i, code) in ["companionship", "emotional", "practical"]
        .into_iter()
        .enumerate()
    {
        let checked = if i == 0 { " checked" } else { "" };
        let _ = write!(main, "<div class=\"choice\"><input type=\"radio\" id=\"kind-{code}\" name=\"kind\" value=\"{code}\"{checked}><label for=\"kind-{code}\">{}</label></div>", esc(kind_text(l, code)));
    }
    let _ = write!(
        main,
        "</fieldset><div class=\"field\"><label for=\"text\">{}</label><textarea id=\"text\" name=\"text\" rows=\"4\"></textarea></div>\
         <div class=\"field\"><label for=\"date\">{}</label><p class=\"hint\" id=\"date-hint\">{}</p><input id=\"date\" name=\"date\" type=\"date\" aria-describedby=\"date-hint\"></div>\
         <p><button type=\"submit\">{}</button></p></form></section>",
        esc(l.t("In de woorden van de persoon", "Avec les mots de la personne", "In the person’s own words")),
        esc(l.t("Op een bepaalde dag (niet verplicht)", "À une date précise (facultatif)", "On a given day (optional)")),
        esc(l.t("Leeg laten als het moment vrij te kiezen is.", "Laisser vide si le moment est libre.", "Leave empty when any time will do.")),
        esc(l.t("Vraag noteren", "Noter la demande", "Note the request")),
    );
    ctx.page(StatusCode::OK, &n.display_name, &main)
}

/// Files a request for a neighbour: what `POST /v1/requests` does (scope guard included).
pub async fn file_request(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let window = match NaiveDate::parse_from_str(form.get("date").unwrap_or(""), "%Y-%m-%d") {
        Ok(date) => WindowIn::Once {
            date,
            parts: Vec::new(),
        },
        Err(_) => WindowIn::Flexible,
    };
    let body = RequestIn {
        neighbour_id: id,
        kind: form.text("kind"),
        tags: Vec::new(),
        text: form.text("text"),
        window,
        location: None,
        radius_m: None,
        recurrence: None,
        duration_minutes: None,
    };
    let st = state.clone();
    let created = run(move || {
        let new = body.into_new()?;
        st.store.write_as(|c| {
            access::neighbour(c, &caller, new.neighbour_id)?;
            let r = request::create(c, caller.org, &new)?;
            let detail = format!(
                "request={} in_scope={} category={}",
                r.id, r.scope_in_scope, r.scope_category
            );
            access::record(c, &caller, "request_created", Some(r.neighbour_id), detail)?;
            Ok::<_, ApiError>(r.id)
        })
    })
    .await;
    match created {
        Ok(rid) => ctx.redirect(&format!("/requests/{rid}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::BadRequest { .. }) | Err(ApiError::Store(StoreError::Invalid(_))) => {
            let l = ctx.lang;
            let title = l.t("Vraag niet genoteerd", "Demande non notée", "Request not noted");
            ctx.page(
                StatusCode::UNPROCESSABLE_ENTITY,
                title,
                &format!(
                    "<h1>{}</h1><p>{}</p><p><a href=\"/neighbours/{id}\">{}</a></p>",
                    esc(title),
                    esc(l.t("Kies een soort vraag, houd de tekst korter dan 2000 tekens en kies een dag binnen het jaar.", "Choisissez un type de demande, gardez le texte sous 2000 caractères et une date dans l’année.", "Choose a kind of request, keep the text under 2000 characters and a date within the year.")),
                    esc(l.t("Terug", "Retour", "Back")),
                ),
            )
        }
        Err(e) => ctx.failure(&e),
    }
}

// ---------------------------------------------------------------- a request

pub async fn request(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let st = state.clone();
    let who = caller.clone();
    let found = run(move || {
        st.store.read_as(|c| {
            let r = access::request(c, &who, RequestId(id))?;
            let name = neighbour::names(c, who.org, &[r.neighbour_id])?
                .into_iter()
                .next()
                .map(|x| x.1);
            let services = if r.scope_in_scope {
                Vec::new()
            } else {
                service::for_category(c, who.org, &r.scope_category)?
            };
            Ok::<_, ApiError>((r, name, services))
        })
    })
    .await;
    let (r, name, services) = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let title = format!("{} #{}", l.t("Vraag", "Demande", "Request"), r.id);
    let mut main = format!(
        "<h1>{}</h1><dl class=\"facts\"><dt>{}</dt><dd><a href=\"/neighbours/{}\">{}</a></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl><blockquote>{}</blockquote>",
        esc(&title),
        esc(l.t("Buurtbewoner", "Habitant", "Neighbour")),
        r.neighbour_id,
        esc(name.as_deref().unwrap_or("—")),
        esc(l.t("Soort", "Type", "Kind")),
        esc(kind_text(l, &r.kind)),
        esc(l.t("Stand", "État", "Status")),
        esc(status_text(l, &r.status)),
        esc(l.t("Wacht sinds", "En attente depuis", "Waiting for")),
        esc(&age_text(l, r.created_at)),
        esc(&r.text),
    );
    // The scope guard's verdict.
    let verdict = if r.scope_in_scope {
        l.t(
            "Kleine hulp: een buur kan helpen.",
            "Petite aide : un voisin peut aider.",
            "Small help: a neighbour can help.",
        )
    } else {
        l.t(
            "Geen kleine hulp: verwijs door naar een dienst.",
            "Pas une petite aide : orientez vers un service.",
            "Not small help: refer to a service.",
        )
    };
    let _ = write!(
        main,
        "<section aria-labelledby=\"scope\"><h2 id=\"scope\">{}</h2><p class=\"verdict\">{}{}</p>",
        esc(l.t(
            "Past deze vraag bij buurthulp?",
            "Cette demande convient-elle à l’entraide ?",
            "Does this request fit neighbour help?"
        )),
        esc(verdict),
        if r.scope_overridden {
            format!(
                " ({})",
                esc(l.t(
                    "aangepast door een aanspreekpersoon",
                    "modifié par un coordinateur",
                    "changed by a coordinator"
                ))
            )
        } else {
            String::new()
        },
    );
    let reasons: Vec<String> = r.scope().map(|s| s.reasons).unwrap_or_default();
    if !reasons.is_empty() {
        main.push_str("<ul class=\"reasons\">");
        for reason in &reasons {
            let _ = write!(main, "<li>{}</li>", esc(reason));
        }
        main.push_str("</ul>");
    }
    main.push_str("</section>");
    if !services.is_empty() {
        let rows: Vec<Vec<String>> = services
            .iter()
            .map(|s| {
                vec![
                    esc(&s.name),
                    esc(&s.description),
                    esc(s.phone.as_deref().unwrap_or("—")),
                ]
            })
            .collect();
        let h = l.t(
            "Diensten die kunnen helpen",
            "Services qui peuvent aider",
            "Services that can help",
        );
        let _ = write!(
            main,
            "<section aria-labelledby=\"services\"><h2 id=\"services\">{}</h2>{}</section>",
            esc(h),
            table(
                h,
                &[
                    l.t("Dienst", "Service", "Service"),
                    l.t("Wat", "Quoi", "What"),
                    l.t("Telefoon", "Téléphone", "Phone")
                ],
                &rows,
                ""
            )
        );
    }
    if matches!(r.status.as_str(), "open" | "proposed" | "referral_needed") {
        main.push_str(&override_form(&ctx, r.id, &r.scope_category, "", None));
    }
    if matches!(r.status.as_str(), "open" | "proposed") {
        match crate::routes::candidates::find(&state, caller, r.id, 10).await {
            Ok(out) => {
                let h = l.t(
                    "Buren die kunnen meegaan",
                    "Voisins qui pourraient accompagner",
                    "Neighbours who could join",
                );
                let _ = write!(
                    main,
                    "<section aria-labelledby=\"candidates\"><h2 id=\"candidates\">{}</h2>",
                    esc(h)
                );
                if out.candidates.is_empty() {
                    let _ = write!(
                        main,
                        "<p class=\"empty\">{}</p>",
                        esc(l.t(
                            "Nu niemand in de buurt. Zoek een andere oplossing of verwijs door.",
                            "Personne à proximité pour l’instant. Cherchez une autre solution ou orientez.",
                            "Nobody nearby now. Look for another solution or refer."
                        ))
                    );
                }
                main.push_str("<ol class=\"candidates\">");
                for cand in &out.candidates {
                    let _ = write!(
                        main,
                        "<li><h3>{}</h3><p>{} {} m</p><dl class=\"bars\">",
                        esc(&cand.display_name),
                        esc(l.t("Op ongeveer", "À environ", "About")),
                        cand.distance_m
                    );
                    let comp = &cand.components;
                    for (label, v) in [
                        (l.t("Nabijheid", "Proximité", "Nearness"), comp.proximity),
                        (
                            l.t("Past bij de vraag", "Correspond à la demande", "Fits the request"),
                            comp.fit,
                        ),
                        (
                            l.t("Wederkerigheid", "Réciprocité", "Reciprocity"),
                            comp.reciprocity,
                        ),
                        (
                            l.t("Kent elkaar al", "Se connaissent déjà", "Already know each other"),
                            comp.continuity,
                        ),
                        (l.t("Tijd vrij", "Disponibilité", "Free time"), comp.availability),
                        (
                            l.t("Ruimte om te helpen", "Disponibilité pour aider", "Room to help"),
                            comp.load,
                        ),
                    ] {
                        let pct = (v.clamp(0.0, 1.0) * 100.0).round();
                        let _ = write!(main, "<dt>{}</dt><dd><meter min=\"0\" max=\"1\" value=\"{:.2}\">{pct} %</meter> <span>{pct} %</span></dd>", esc(label), v.clamp(0.0, 1.0));
                    }
                    main.push_str("</dl><ul class=\"reasons\">");
                    for reason in &cand.reasons {
                        let text = match l {
                            Lang::Nl => &reason.nl,
                            Lang::Fr => &reason.fr,
                            Lang::En => &reason.en,
                        };
                        let _ = write!(main, "<li>{}</li>", esc(text));
                    }
                    main.push_str("</ul></li>");
                }
                main.push_str("</ol></section>");
            }
            Err(e) => return ctx.failure(&e),
        }
    }
    ctx.page(StatusCode::OK, &title, &main)
}

// ---------------------------------------------------------------- services

pub async fn services(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let found = run(move || Ok(st.store.read(|c| service::list(c, caller.org, None, 1000))?)).await;
    let list = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let title = l.t("Sociale kaart", "Carte sociale", "Service directory");
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|s| {
            vec![
                esc(&s.name),
                esc(&s.description),
                esc(s.phone.as_deref().unwrap_or("—")),
                esc(s.email.as_deref().unwrap_or("—")),
                esc(s.area.as_deref().unwrap_or("—")),
            ]
        })
        .collect();
    let main = format!(
        "<h1>{}</h1>{}",
        esc(title),
        table(
            title,
            &[
                l.t("Dienst", "Service", "Service"),
                l.t("Wat", "Quoi", "What"),
                l.t("Telefoon", "Téléphone", "Phone"),
                l.t("E-mail", "E-mail", "E-mail"),
                l.t("Gebied", "Zone", "Area")
            ],
            &rows,
            l.t(
                "Nog geen diensten op de kaart.",
                "Pas encore de services sur la carte.",
                "No services in the directory yet."
            ),
        )
    );
    ctx.page(StatusCode::OK, title, &main)
}

// ---------------------------------------------------------------- scope override

fn category_text(l: Lang, code: &str) -> &'static str {
    match code {
        "small_help" => l.t(
            "Kleine hulp (een buur kan helpen)",
            "Petite aide (un voisin peut aider)",
            "Small help (a neighbour can help)",
        ),
        "structural" => l.t(
            "Vaste, regelmatige hulp (een dienst)",
            "Aide régulière et structurelle (un service)",
            "Regular, structural help (a service)",
        ),
        "heavy" => l.t(
            "Zwaar werk (een dienst)",
            "Travaux lourds (un service)",
            "Heavy work (a service)",
        ),
        "personal_care" => l.t(
            "Persoonlijke verzorging (een dienst)",
            "Soins personnels (un service)",
            "Personal care (a service)",
        ),
        _ => l.t("Onbekend", "Inconnu", "Unknown"),
    }
}

/// The form that changes the scope guard's verdict; `error` is shown above it.
fn override_form(ctx: &Ctx, id: RequestId, category: &str, reason: &str, error: Option<&str>) -> String {
    let l = ctx.lang;
    let mut out = format!(
        "<section aria-labelledby=\"override\"><h2 id=\"override\">{}</h2><form method=\"post\" action=\"/requests/{id}/scope\" class=\"stack\">{}<fieldset class=\"field\"><legend>{}</legend>",
        esc(l.t("Het oordeel aanpassen", "Modifier l’avis", "Change the verdict")),
        csrf_field(&ctx.csrf),
        esc(l.t("Wat voor hulp is dit volgens u?", "De quelle aide s’agit-il selon vous ?", "What kind of help is this, in your view?")),
    );
    for code in ["small_help", "structural", "heavy", "personal_care"] {
        let checked = if code == category { " checked" } else { "" };
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"radio\" id=\"category-{code}\" name=\"category\" value=\"{code}\"{checked}><label for=\"category-{code}\">{}</label></div>",
            esc(category_text(l, code))
        );
    }
    out.push_str("</fieldset>");
    let _ = write!(
        out,
        "<div class=\"field{}\"><label for=\"reason\">{}</label>",
        if error.is_some() { " has-error" } else { "" },
        esc(l.t(
            "Waarom? (verplicht)",
            "Pourquoi ? (obligatoire)",
            "Why? (required)"
        ))
    );
    if let Some(e) = error {
        let _ = write!(
            out,
            "<p class=\"error\" id=\"reason-error\" role=\"alert\">{}</p>",
            esc(e)
        );
    }
    let _ = write!(
        out,
        "<textarea id=\"reason\" name=\"reason\" rows=\"2\"{}>{}</textarea></div><p><button type=\"submit\">{}</button></p></form></section>",
        if error.is_some() { " aria-invalid=\"true\" aria-describedby=\"reason-error\"" } else { "" },
        esc(reason),
        esc(l.t("Oordeel bewaren", "Enregistrer l’avis", "Save the verdict")),
    );
    out
}

/// What `POST /v1/requests/{id}/scope-override` does: validate, apply, audit.
pub async fn scope_override(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let form = Form::parse(&body);
    if !ctx.csrf_ok(&form) {
        return ctx.forbidden();
    }
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    let input = OverrideIn {
        category: form.text("category"),
        reason: form.text("reason"),
    };
    let l = ctx.lang;
    let category = match input.category() {
        Ok(c) => c,
        Err(_) => {
            let msg = l.t(
                "Kies een soort hulp en schrijf kort waarom (hoogstens 500 tekens).",
                "Choisissez un type d’aide et expliquez brièvement pourquoi (500 caractères au plus).",
                "Choose a kind of help and say briefly why (500 characters at most).",
            );
            let title = l.t("Het oordeel aanpassen", "Modifier l’avis", "Change the verdict");
            let main = format!(
                "<h1>{}</h1>{}<p><a href=\"/requests/{id}\">{}</a></p>",
                esc(title),
                override_form(&ctx, RequestId(id), &input.category, &input.reason, Some(msg)),
                esc(l.t(
                    "Terug naar de vraag",
                    "Retour à la demande",
                    "Back to the request"
                ))
            );
            return ctx.page(StatusCode::UNPROCESSABLE_ENTITY, title, &main);
        }
    };
    let reason = input.reason.trim().to_string();
    let st = state.clone();
    let done = run(move || {
        st.store.write_as(|c| {
            let r = access::request(c, &caller, RequestId(id))?;
            let verdict = apply_override(r.scope()?, category, &reason);
            let r = request::set_scope(c, caller.org, r.id, &verdict)?;
            let detail = format!("request={} category={}", r.id, r.scope_category);
            access::record(
                c,
                &caller,
                "request_scope_overridden",
                Some(r.neighbour_id),
                detail,
            )?;
            Ok::<_, ApiError>(r.id)
        })
    })
    .await;
    match done {
        Ok(rid) => ctx.redirect(&format!("/requests/{rid}")),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::Store(StoreError::Conflict(_))) => ctx.redirect(&format!("/requests/{id}")),
        Err(e) => ctx.failure(&e),
    }
}
