//! Signals in the console: the inbox (open signals, overdue first), one signal with its
//! outcome forms and its erasure, and noting a new one (also from a neighbour's page:
//! `/signals/new?neighbour_id=`). Everything goes through `nabij_ops::signals`, as
//! `/v1/signals` does (same checks, same audit rows).

use super::neighbour::query_param;
use super::signal_form as sform;
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::routes::signals::body::request_of;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use nabij_i18n::t;
use nabij_ops::signals::Outcome;
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::service::Service;
use nabij_store::signal::{self, Signal, SignalOutcome};
use nabij_store::{
    clock, neighbour, neighbourhood, rules, service, NeighbourId, ServiceId, SignalId, StoreError,
};
use std::collections::HashMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/signals").get(inbox))
        .service(resource("/signals/new").get(sform::new_form).post(sform::file))
        .service(resource("/signals/{id}").get(page))
        .service(resource("/signals/{id}/outcome").post(outcome))
        .service(resource("/signals/{id}/erase").post(erase));
}

/// Most open signals the inbox shows.
const INBOX_LIMIT: i64 = 500;

pub(super) fn source_text(l: Lang, code: &str) -> String {
    t(l, "signal-source", &[("code", code.into())])
}

pub(super) fn domain_text(l: Lang, code: &str) -> String {
    t(l, "signal-domain", &[("code", code.into())])
}

fn domains_text(l: Lang, s: &Signal) -> String {
    s.life_domains()
        .unwrap_or_default()
        .iter()
        .map(|d| domain_text(l, d.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The contact-by date, marked when overdue.
pub(super) fn contact_by_text(l: Lang, s: &Signal) -> String {
    if s.is_overdue(signal::today()) {
        t(l, "signal-overdue", &[("date", s.contact_by.clone().into())])
    } else {
        s.contact_by.clone()
    }
}

/// Who a signal is about: the unregistered person's name, or the neighbour's.
pub(super) fn about(s: &Signal, names: &HashMap<NeighbourId, String>) -> String {
    match (&s.person_name, s.neighbour_id) {
        (Some(n), _) => n.clone(),
        (None, Some(id)) => names.get(&id).cloned().unwrap_or_else(|| "—".into()),
        (None, None) => "—".into(),
    }
}

/// The names of the neighbours some signals are about.
pub(super) fn names_of(
    c: &mut nabij_store::DbConnection,
    caller: &Caller,
    list: &[Signal],
) -> Result<HashMap<NeighbourId, String>, StoreError> {
    let mut ids: Vec<NeighbourId> = list.iter().filter_map(|s| s.neighbour_id).collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(neighbour::names(c, caller.org, &ids)?
        .into_iter()
        .map(|(id, name, _)| (id, name))
        .collect())
}

/// The rows of a signal table: about (a link), source, life domains, contact-by.
pub(super) fn signal_rows(l: Lang, list: &[Signal], names: &HashMap<NeighbourId, String>) -> Vec<Vec<Cell>> {
    list.iter()
        .map(|s| {
            vec![
                Cell::Link {
                    href: format!("/signals/{}", s.id),
                    text: about(s, names),
                },
                Cell::Text(source_text(l, &s.source)),
                Cell::Text(domains_text(l, s)),
                Cell::Text(contact_by_text(l, s)),
            ]
        })
        .collect()
}

pub(super) fn signal_headers(l: Lang) -> Vec<String> {
    ["about", "source", "domains", "contact_by"]
        .iter()
        .map(|c| t(l, "signals-col", &[("code", (*c).into())]))
        .collect()
}

fn done_notice(l: Lang, done: &str) -> Option<String> {
    matches!(done, "filed" | "closed" | "erased").then(|| t(l, "signals-done", &[("code", done.into())]))
}

#[derive(Template)]
#[template(path = "console/signals.html")]
struct InboxPage<'a> {
    shell: Shell,
    csrf: &'a str,
    notice: Option<String>,
    list: Table,
}

pub async fn inbox(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let st = state.clone();
    let found = run(move || {
        st.store.read_as(|c| {
            let list = nabij_ops::signals::inbox(c, &caller, INBOX_LIMIT)?;
            let names = names_of(c, &caller, &list)?;
            Ok::<_, ApiError>((list, names))
        })
    })
    .await;
    let (list, names) = match found {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let page = InboxPage {
        csrf: &ctx.csrf,
        notice: done_notice(l, &query_param(&req, "done")),
        list: Table {
            caption: l.text("signals-open"),
            headers: signal_headers(l),
            rows: signal_rows(l, &list, &names),
            empty: l.text("signals-open.empty"),
        },
        shell: ctx.shell(l.text("signals-title")),
    };
    ctx.render(StatusCode::OK, &page)
}

/// What the signal page shows besides the signal.
struct Loaded {
    signal: Signal,
    neighbour_name: Option<String>,
    hoods: Vec<Neighbourhood>,
    services: Vec<Service>,
}

async fn load(state: &web::Data<AppState>, caller: &Caller, id: i64) -> Result<Loaded, ApiError> {
    let st = state.clone();
    let who = caller.clone();
    run(move || {
        st.store.read_as(|c| {
            let signal = nabij_ops::signals::visible(c, &who, SignalId(id))?;
            let neighbour_name = match signal.neighbour_id {
                Some(n) => neighbour::names(c, who.org, &[n])?
                    .into_iter()
                    .next()
                    .map(|(_, name, _)| name),
                None => None,
            };
            let hoods = neighbourhood::list(c, who.org)?
                .into_iter()
                .filter(|h| who.sees_neighbourhood(Some(h.id)))
                .collect();
            let services = service::list(c, who.org, None, 1000)?;
            Ok::<_, ApiError>(Loaded {
                signal,
                neighbour_name,
                hoods,
                services,
            })
        })
    })
    .await
}

/// One outcome form as the page shows it.
struct OutcomeForm {
    code: &'static str,
    title: String,
}

#[derive(Template)]
#[template(path = "console/signal.html")]
struct SignalPage<'a> {
    shell: Shell,
    csrf: &'a str,
    l: Lang,
    id: i64,
    notice: Option<String>,
    /// (label, value) of the facts list.
    facts: Vec<(String, String)>,
    /// The neighbour the signal is about, for a link.
    neighbour: Option<(i64, String)>,
    open: bool,
    forms: Vec<OutcomeForm>,
    /// The person is not registered: the registration fields show.
    unregistered: bool,
    /// The consent channel the source says, if it says one.
    source_consent: Option<String>,
    hoods: Vec<(String, String)>,
    services: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
    consents: Vec<(String, String)>,
    /// What was typed (kept when something is wrong), by field.
    typed: HashMap<String, String>,
    /// The form that failed, and why.
    failed: Option<&'static str>,
    errors: Vec<(String, String)>,
    /// The blank choice of a select ("—"), and of the kind of request.
    none_text: Option<String>,
    kind_none: Option<String>,
}

impl SignalPage<'_> {
    fn label(&self, field: &str) -> String {
        t(
            self.l,
            "signal-outcome-field",
            &[("field", field.to_string().into())],
        )
    }
    fn v(&self, field: &str) -> &str {
        self.typed.get(field).map(String::as_str).unwrap_or("")
    }
    fn selected(&self, field: &str, value: &str) -> bool {
        self.v(field) == value
    }
    fn consent_line(&self, channel: &str) -> String {
        t(
            self.l,
            "signal-outcome-consent-from-source",
            &[("channel", channel.to_string().into())],
        )
    }
}

const OUTCOMES: [&str; 4] = ["registered", "referred", "recurring_call", "no_action_wanted"];

fn signal_page(
    ctx: &Ctx,
    status: StatusCode,
    d: &Loaded,
    typed: HashMap<String, String>,
    failed: Option<(&'static str, Vec<(String, String)>)>,
    notice: Option<String>,
) -> HttpResponse {
    let l = ctx.lang;
    let s = &d.signal;
    let field = |f: &str| t(l, "signal-field", &[("field", f.to_string().into())]);
    let mut facts = Vec::new();
    let about_name = s
        .person_name
        .clone()
        .or_else(|| d.neighbour_name.clone())
        .unwrap_or_else(|| "—".into());
    facts.push((
        field("status"),
        t(l, "signal-status", &[("code", s.status().as_str().into())]),
    ));
    if s.neighbour_id.is_none() {
        facts.push((field("about"), about_name.clone()));
        if let Some(p) = &s.person_phone {
            facts.push((field("phone"), p.clone()));
        }
        if let Some(a) = &s.person_address {
            facts.push((field("address"), a.clone()));
        }
        if let Some(b) = &s.basis {
            facts.push((
                field("basis"),
                t(l, "signal-basis", &[("code", b.clone().into())]),
            ));
        }
    }
    facts.push((field("source"), source_text(l, &s.source)));
    let partner = s.referring_partner.clone().or_else(|| {
        s.referring_service_id
            .and_then(|id| d.services.iter().find(|x| x.id == id).map(|x| x.name.clone()))
    });
    if let Some(p) = partner {
        facts.push((field("partner"), p));
    }
    if let Some(on) = &s.signed_on {
        facts.push((field("signed_on"), on.clone()));
    }
    facts.push((field("domains"), domains_text(l, s)));
    if !s.text.is_empty() {
        facts.push((field("text"), s.text.clone()));
    }
    facts.push((field("contact_by"), contact_by_text(l, s)));
    let hood = s
        .neighbourhood_id
        .and_then(|h| d.hoods.iter().find(|x| x.id == h).map(|x| x.name.clone()))
        .unwrap_or_else(|| l.text("signal-hood-none"));
    facts.push((field("hood"), hood));
    facts.push((field("filed"), s.filed_by.clone()));
    if let (Some(o), Some(at)) = (&s.outcome, s.outcome_at) {
        facts.push((
            field("outcome"),
            t(
                l,
                "signal-closed-on",
                &[
                    (
                        "outcome",
                        t(l, "signal-outcome", &[("code", o.clone().into())]).into(),
                    ),
                    ("date", at.format("%Y-%m-%d").to_string().into()),
                    ("by", s.outcome_by.clone().unwrap_or_default().into()),
                ],
            ),
        ));
        if let Some(note) = &s.outcome_note {
            facts.push((
                t(l, "signal-outcome-field", &[("field", "decided_by".into())]),
                note.clone(),
            ));
        }
        if let Some(on) = &s.outcome_on {
            facts.push((
                t(l, "signal-outcome-field", &[("field", "decided_on".into())]),
                on.clone(),
            ));
        }
    }
    let unregistered = s.neighbour_id.is_none();
    let forms = OUTCOMES
        .iter()
        .filter(|c| !(unregistered && **c == "recurring_call"))
        .map(|c| OutcomeForm {
            code: c,
            title: t(l, "signal-outcome", &[("code", (*c).into())]),
        })
        .collect();
    let source_consent = s
        .source()
        .ok()
        .and_then(|src| src.consent_channel())
        .map(|c| consent_text(l, c.as_str()));
    let mut typed = typed;
    if !typed.contains_key("display_name") {
        typed.insert("display_name".into(), s.person_name.clone().unwrap_or_default());
        typed.insert("phone".into(), s.person_phone.clone().unwrap_or_default());
        if let Some(h) = s.neighbourhood_id {
            typed.insert("neighbourhood_id".into(), h.to_string());
        }
    }
    let (failed, errors) = match failed {
        Some((f, e)) => (Some(f), e),
        None => (None, Vec::new()),
    };
    let page = SignalPage {
        shell: ctx.shell(t(l, "signal-title", &[("id", s.id.get().into())])),
        csrf: &ctx.csrf,
        l,
        id: s.id.get(),
        notice,
        facts,
        neighbour: s.neighbour_id.map(|n| (n.get(), about_name)),
        open: s.outcome.is_none(),
        forms,
        unregistered,
        source_consent,
        hoods: d
            .hoods
            .iter()
            .map(|h| (h.id.to_string(), h.name.clone()))
            .collect(),
        services: d
            .services
            .iter()
            .filter(|x| x.removed_at.is_none())
            .map(|x| (x.id.to_string(), x.name.clone()))
            .collect(),
        kinds: ["emotional", "companionship", "practical"]
            .iter()
            .map(|k| (k.to_string(), kind_text(l, k)))
            .collect(),
        consents: ["home_visit", "phone_round", "self"]
            .iter()
            .map(|c| (c.to_string(), consent_text(l, c)))
            .collect(),
        typed,
        failed,
        errors,
        none_text: Some("—".to_string()),
        kind_none: Some(l.text("signal-outcome-kind-none")),
    };
    ctx.render(status, &page)
}

pub async fn page(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    match load(&state, &caller, id).await {
        Ok(d) => {
            let notice = done_notice(ctx.lang, &query_param(&req, "done"));
            signal_page(&ctx, StatusCode::OK, &d, HashMap::new(), None, notice)
        }
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

/// A date typed as `YYYY-MM-DD`: `Ok(None)` when empty.
fn date(form: &Form, field: &str) -> Result<Option<NaiveDate>, ()> {
    match form.text(field) {
        v if v.is_empty() => Ok(None),
        v => NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ()),
    }
}

/// The outcome a posted form describes, or the fields that are wrong (field, message).
fn outcome_of(l: Lang, form: &Form, caller: &Caller, d: &Loaded) -> Result<Outcome, Vec<(String, String)>> {
    let check = |code: &str| t(l, "signal-check", &[("code", code.to_string().into())]);
    let mut errors: Vec<(String, String)> = Vec::new();
    let mut bad = |f: &str, code: &str| errors.push((f.to_string(), check(code)));
    let kind = SignalOutcome::parse(&form.text("outcome"));
    let s = &d.signal;
    let outcome = match kind {
        Some(SignalOutcome::Registered) => {
            let request = match form.text("kind").as_str() {
                "" => None,
                k => request_of(
                    serde_json::json!({"kind": k, "text": form.text("request_text"), "window": {"type": "flexible"}})
                        .as_object()
                        .cloned()
                        .unwrap_or_default(),
                )
                .map_err(|_| bad("kind", "other"))
                .ok(),
            };
            let neighbour = if s.neighbour_id.is_none() {
                registration(l, form, caller, d, &mut bad)
            } else {
                if form.text("kind").is_empty() {
                    bad("kind", "kind");
                }
                None
            };
            Outcome::Registered { neighbour, request }
        }
        Some(SignalOutcome::Referred) => {
            let service =
                parse_id(&form.text("service_id")).filter(|id| d.services.iter().any(|x| x.id.get() == *id));
            if service.is_none() {
                bad("service_id", "choose");
            }
            let check_on = date(form, "check_on").unwrap_or_else(|()| {
                bad("check_on", "date");
                None
            });
            Outcome::Referred {
                service_id: ServiceId(service.unwrap_or(0)),
                check_on,
            }
        }
        Some(SignalOutcome::RecurringCall) => {
            let next = date(form, "next_call_on").ok().flatten();
            if next.is_none() {
                bad("next_call_on", "date");
            }
            Outcome::RecurringCall {
                neighbour: None,
                next_call_on: next.unwrap_or_else(signal::today),
            }
        }
        Some(SignalOutcome::NoActionWanted) => {
            let by = form.text("decided_by");
            if rules::name(&by, signal::MAX_NOTE).is_err() {
                bad("decided_by", "required");
            }
            let on = date(form, "decided_on").unwrap_or_else(|()| {
                bad("decided_on", "date");
                None
            });
            Outcome::NoActionWanted {
                decided_by: by,
                decided_on: on,
            }
        }
        None => {
            bad("outcome", "choose");
            return Err(errors);
        }
    };
    if errors.is_empty() {
        Ok(outcome)
    } else {
        Err(errors)
    }
}

/// The registration of the person a signal is about, placed at the centre of the
/// neighbourhood chosen (as the register page does without a position).
fn registration(
    l: Lang,
    form: &Form,
    caller: &Caller,
    d: &Loaded,
    bad: &mut dyn FnMut(&str, &str),
) -> Option<NewNeighbour> {
    let name = rules::display_name(&form.text("display_name"))
        .map_err(|_| bad("display_name", "name"))
        .ok();
    let phone = rules::phone(Some(&form.text("phone")))
        .map_err(|_| bad("phone", "other"))
        .ok()
        .flatten();
    let email = rules::email(Some(&form.text("email")))
        .map_err(|_| bad("email", "other"))
        .ok()
        .flatten();
    let hood =
        parse_id(&form.text("neighbourhood_id")).and_then(|id| d.hoods.iter().find(|h| h.id.get() == id));
    if hood.is_none() {
        bad("neighbourhood_id", "choose");
    }
    let channel = match d.signal.source().ok().and_then(|s| s.consent_channel()) {
        Some(c) => Some(c),
        None => match ConsentChannel::parse(&form.text("consent")) {
            Some(c) if c != ConsentChannel::ReferralCard => Some(c),
            _ => {
                bad("consent", "choose");
                None
            }
        },
    };
    let (name, hood, channel) = (name?, hood?, channel?);
    Some(NewNeighbour {
        neighbourhood_id: Some(hood.id),
        display_name: name,
        email,
        phone,
        lat: hood.centre_lat,
        lon: hood.centre_lon,
        travel_radius_m: 1000.0,
        interests: Vec::new(),
        talents: Vec::new(),
        languages: vec![l.code().to_string()],
        availability: Vec::new(),
        availability_unknown: false,
        capacity: 1,
        paused: false,
        consent: Consent {
            channel,
            recorded_at: clock::now(),
            recorded_by: caller.actor().to_string(),
        },
        preferred_language: l.code().to_string(),
    })
}

fn typed_of(form: &Form) -> HashMap<String, String> {
    [
        "display_name",
        "phone",
        "email",
        "neighbourhood_id",
        "consent",
        "kind",
        "request_text",
        "service_id",
        "check_on",
        "next_call_on",
        "decided_by",
        "decided_on",
    ]
    .iter()
    .map(|f| (f.to_string(), form.text(f)))
    .collect()
}

fn failed_form(form: &Form) -> &'static str {
    let code = form.text("outcome");
    OUTCOMES
        .iter()
        .find(|c| **c == code)
        .copied()
        .unwrap_or("registered")
}

/// `POST /signals/{id}/outcome`: the one outcome (as `POST /v1/signals/{id}/outcome`).
pub async fn outcome(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let d = match load(&state, &caller, id).await {
        Ok(d) => d,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    if d.signal.outcome.is_some() {
        let notice = Some(l.text("signal-outcome-conflict"));
        return signal_page(&ctx, StatusCode::CONFLICT, &d, HashMap::new(), None, notice);
    }
    let which = failed_form(&form);
    let out = match outcome_of(l, &form, &caller, &d) {
        Ok(o) => o,
        Err(errors) => {
            return signal_page(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &d,
                typed_of(&form),
                Some((which, errors)),
                None,
            )
        }
    };
    let st = state.clone();
    let who = caller.clone();
    let written = run(move || {
        st.store.write_as(|c| {
            nabij_ops::signals::record_outcome(c, &who, SignalId(id), &out)
                .map(|r| r.update)
                .map_err(ApiError::from)
        })
    })
    .await;
    match written {
        Ok(update) => {
            if let Some(u) = update {
                u.apply(&state.indexes);
            }
            ctx.redirect(&format!("/signals/{id}?done=closed"))
        }
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(ApiError::Store(StoreError::Conflict(_))) => {
            let notice = Some(l.text("signal-outcome-conflict"));
            signal_page(&ctx, StatusCode::CONFLICT, &d, HashMap::new(), None, notice)
        }
        Err(ApiError::BadRequest { .. })
        | Err(ApiError::Store(StoreError::Invalid(_)))
        | Err(ApiError::Store(StoreError::UnknownReference(_))) => {
            let errors = vec![(String::new(), l.text("signal-not-saved"))];
            signal_page(
                &ctx,
                StatusCode::UNPROCESSABLE_ENTITY,
                &d,
                typed_of(&form),
                Some((which, errors)),
                None,
            )
        }
        Err(e) => ctx.failure(&e),
    }
}

/// `POST /signals/{id}/erase`: the signal's personal fields go for good (audited).
pub async fn erase(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, _, id) = posted!(ctx, body, path);
    let st = state.clone();
    let done = run(move || {
        st.store
            .write_as(|c| nabij_ops::signals::erase(c, &caller, SignalId(id)).map_err(ApiError::from))
    })
    .await;
    match done {
        Ok(()) => ctx.redirect("/signals?done=erased"),
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}
