//! One request: the scope verdict and its override, the proposals and matches with their
//! answers and follow-up, the candidates with their reasons, score bars and a sketch
//! map, suggested groups, and the referral to a service. The forms post to
//! [`super::actions`] and [`super::groups`], which render this page again (through
//! [`render`]) with what was typed when something could not be done.

mod candidates;
mod map;
mod matches;
mod refer;
mod scope;

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::esc;
use crate::console::routes::resource;
use crate::console::Ctx;
use crate::error::ApiError;
use crate::routes::candidates::CandidateOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use map::Spot;
use nabij_store::matching::{self, MatchDetail, MatchFilter};
use nabij_store::neighbour;
use nabij_store::referral::{self, Referral};
use nabij_store::request::{self, Request};
use nabij_store::service::{self, Service};
use nabij_store::{DbConnection, NeighbourId, RequestId, ServiceId, StoreError};
use std::collections::HashMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/requests/{id}").get(request))
        .service(resource("/requests/{id}/scope").post(scope::scope_override));
}

/// What a form that could not be carried out leaves behind: the message, the section it
/// is about, and what was chosen or typed (shown again).
#[derive(Debug, Default)]
pub(super) struct Leftovers {
    /// The section's id and a message in the coordinator's language.
    pub error: Option<(&'static str, String)>,
    /// Candidates ticked in the proposal form.
    pub chosen: Vec<i64>,
    /// "Together as one proposal" was chosen.
    pub together: bool,
    /// The match the error is about.
    pub about_match: Option<i64>,
    /// The close form of one match, as filled in.
    pub close: Option<CloseLeft>,
    /// The referral form, as filled in.
    pub refer: Option<ReferLeft>,
}

#[derive(Debug, Default)]
pub(super) struct CloseLeft {
    pub match_id: i64,
    /// `yes` or `no`, or empty.
    pub met: String,
    /// `yes`, `no` or `not_yet`, or empty.
    pub mutual: String,
    pub note: String,
    /// Which of `met`, `mutual`, `note` is wrong.
    pub wrong: Vec<&'static str>,
}

#[derive(Debug, Default)]
pub(super) struct ReferLeft {
    pub service_id: String,
    pub reason: String,
}

/// Everything the page shows besides the candidates, read in one transaction.
struct Loaded {
    r: Request,
    requester: Option<String>,
    services: Vec<Service>,
    /// Services whose categories fit the request's scope category.
    fitting: Vec<ServiceId>,
    matches: Vec<MatchDetail>,
    names: HashMap<NeighbourId, String>,
    referrals: Vec<Referral>,
    groups: Vec<super::groups::GroupView>,
}

fn load(c: &mut DbConnection, caller: &Caller, id: RequestId) -> Result<Loaded, StoreError> {
    let r = access::request(c, caller, id)?;
    let services = service::list(c, caller.org, None, 1000)?;
    let fitting = service::for_category(c, caller.org, &r.scope_category)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let filter = MatchFilter {
        request_id: Some(r.id),
        limit: 1000,
        ..Default::default()
    };
    let mut matches = Vec::new();
    for m in matching::list(c, caller.org, &filter)? {
        matches.push(matching::detail(c, caller.org, m.id)?);
    }
    let mut people: Vec<NeighbourId> = matches
        .iter()
        .flat_map(|m| m.members.iter().map(|x| x.neighbour_id))
        .collect();
    people.push(r.neighbour_id);
    people.sort_unstable();
    people.dedup();
    // A coordinator limited to neighbourhoods sees no name from elsewhere.
    let names: HashMap<NeighbourId, String> = neighbour::names(c, caller.org, &people)?
        .into_iter()
        .filter(|(_, _, hood)| caller.sees_neighbourhood(*hood))
        .map(|(id, name, _)| (id, name))
        .collect();
    let referrals = referral::for_request(c, caller.org, r.id)?;
    let groups = super::groups::for_request(c, caller, r.id)?;
    Ok(Loaded {
        requester: names.get(&r.neighbour_id).cloned(),
        r,
        services,
        fitting,
        matches,
        names,
        referrals,
        groups,
    })
}

/// The candidates' cells on the sketch map, relative to where the request takes place
/// (its own place, or the requester's home). Positions stay in this function.
fn spots(
    c: &mut DbConnection,
    caller: &Caller,
    r: &Request,
    cands: &[CandidateOut],
) -> Result<Vec<Spot>, StoreError> {
    // Published positions only, as in the candidate search (issue 12): the exact homes
    // would leak through the cells as the request's place moves.
    let requester = neighbour::get(c, caller.org, r.neighbour_id)?;
    let Ok(home) = request::origin(r, &requester) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::with_capacity(cands.len());
    for (i, cand) in cands.iter().enumerate() {
        let n = neighbour::get(c, caller.org, NeighbourId(cand.neighbour_id))?;
        if let Some(at) = n.published_position() {
            out.push(Spot::new(
                i + 1,
                cand.display_name.clone(),
                cand.distance_m,
                home,
                at,
            ));
        }
    }
    Ok(out)
}

pub async fn request(req: HttpRequest, state: web::Data<AppState>, path: web::Path<String>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let Some(id) = parse_id(&path) else {
        return ctx.not_found();
    };
    render(
        &ctx,
        &state,
        caller,
        RequestId(id),
        &Leftovers::default(),
        StatusCode::OK,
    )
    .await
}

/// The request page, with `left` from a form that could not be carried out (answered
/// with `status`).
pub(super) async fn render(
    ctx: &Ctx,
    state: &web::Data<AppState>,
    caller: Caller,
    id: RequestId,
    left: &Leftovers,
    status: StatusCode,
) -> HttpResponse {
    let st = state.clone();
    let who = caller.clone();
    let found = run(move || st.store.read_as(|c| load(c, &who, id).map_err(ApiError::from))).await;
    let d = match found {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let r = &d.r;
    let l = ctx.lang;
    let title = format!("{} #{}", l.t("Vraag", "Demande", "Request"), r.id);
    let mut main = format!(
        "<h1>{}</h1><dl class=\"facts\"><dt>{}</dt><dd><a href=\"/neighbours/{}\">{}</a></dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl><blockquote>{}</blockquote>",
        esc(&title),
        esc(l.t("Buurtbewoner", "Habitant", "Neighbour")),
        r.neighbour_id,
        esc(d.requester.as_deref().unwrap_or("—")),
        esc(l.t("Soort", "Type", "Kind")),
        esc(&kind_text(l, &r.kind)),
        esc(l.t("Stand", "État", "Status")),
        esc(&status_text(l, &r.status)),
        esc(l.t("Wacht sinds", "En attente depuis", "Waiting for")),
        esc(&age_text(l, r.created_at)),
        esc(&r.text),
    );
    let summary_at = main.len();
    let fitting: Vec<&Service> = d.services.iter().filter(|s| d.fitting.contains(&s.id)).collect();
    main.push_str(&scope::verdict_section(l, r, &fitting));
    let waiting = matches!(r.status.as_str(), "open" | "referral_needed");
    let refer_first = waiting && (!r.scope_in_scope || r.status == "referral_needed");
    let refer = refer::section(ctx, r, &d.services, &d.fitting, &d.referrals, left);
    if refer_first {
        main.push_str(&refer);
    }
    if !d.matches.is_empty() {
        main.push_str(&matches::section(ctx, &d.matches, &d.names, left));
    }
    if matches!(r.status.as_str(), "open" | "proposed") {
        let found = crate::routes::candidates::find(state, caller.clone(), r.id, 10).await;
        let out = match found {
            Ok(out) => out,
            Err(e) => return ctx.failure(&e),
        };
        let st = state.clone();
        let (rq, cands) = (r.clone(), out.candidates);
        let placed = run(move || {
            let spots = st
                .store
                .read_as(|c| spots(c, &caller, &rq, &cands).map_err(ApiError::from))?;
            Ok((spots, cands))
        })
        .await;
        let (spots, cands) = match placed {
            Ok(x) => x,
            Err(e) => return ctx.failure(&e),
        };
        let sketch = if cands.is_empty() {
            String::new()
        } else {
            map::svg(l, d.requester.as_deref().unwrap_or("—"), &spots)
        };
        main.push_str(&candidates::section(ctx, r.id, &cands, &sketch, left));
    }
    if !d.groups.is_empty() {
        main.push_str(&super::groups::section(ctx, &d.groups, Some(r.id)));
    }
    if !refer_first {
        main.push_str(&refer);
    }
    if matches!(r.status.as_str(), "open" | "proposed" | "referral_needed") {
        main.push_str(&scope::override_section(ctx, r));
    }
    if let Some((section, message)) = &left.error {
        let section = match left.about_match {
            Some(m) => format!("match-{m}"),
            None => section.to_string(),
        };
        // A link to the form, if it is still on the page.
        let link = if main.contains(&format!("id=\"{section}\"")) {
            format!(
                "<p><a href=\"#{section}\">{}</a></p>",
                esc(l.t("Naar het formulier", "Vers le formulaire", "To the form"))
            )
        } else {
            String::new()
        };
        let summary = format!(
            "<div class=\"error-summary\" role=\"alert\"><h2>{}</h2><p>{}</p>{link}</div>",
            esc(l.t(
                "Dit kon niet",
                "Ce n’a pas été possible",
                "This could not be done"
            )),
            esc(message),
        );
        main.insert_str(summary_at, &summary);
    }
    ctx.page(status, &title, &main)
}
