//! One request: the scope verdict and its override, the proposals and matches with their
//! answers and follow-up, the candidates with their reasons, score bars and a sketch
//! map, suggested groups, and the referral to a service. The forms post to
//! [`super::actions`] and [`super::groups`], which render this page again (through
//! [`render`]) with what was typed when something could not be done.

mod candidates;
pub(super) mod life;
mod map;
mod matches;
mod refer;
mod scope;

use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::routes::resource;
use crate::console::Ctx;
use crate::error::ApiError;
use crate::routes::candidates::CandidateOut;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use map::Spot;
use nabij_i18n::t;
use nabij_store::matching::{self, MatchDetail, MatchFilter};
use nabij_store::neighbour;
use nabij_store::referral::{self, Referral};
use nabij_store::request::{self, Request, RequestStatus};
use nabij_store::service::{self, Service};
use nabij_store::{DbConnection, NeighbourId, RequestId, ServiceId, StoreError};
use std::collections::HashMap;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/requests/{id}").get(request))
        .service(resource("/requests/{id}/scope").post(scope::scope_override))
        .service(resource("/requests/{id}/cancel").post(life::cancel))
        .service(resource("/requests/{id}/edit").post(life::edit))
        .service(resource("/requests/{id}/reopen").post(life::reopen));
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
    /// The proposal's shared note, as typed.
    pub shared_note: String,
    /// The match the error is about.
    pub about_match: Option<i64>,
    /// The close form of one match, as filled in.
    pub close: Option<CloseLeft>,
    /// The referral form, as filled in.
    pub refer: Option<ReferLeft>,
    /// The cancel or edit form, as filled in.
    pub life: Option<life::LifeLeft>,
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

/// A fieldset of radio buttons (`kit::choices` in `console/request/kit.html`).
pub(super) struct Choices {
    pub legend: String,
    /// The field's name.
    pub name: &'static str,
    /// Each button's id is `<id>-<value>`.
    pub id: String,
    pub options: Vec<Choice>,
    pub error: Option<String>,
}

pub(super) struct Choice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

impl Choices {
    /// The buttons `(value, label)`, the one whose value is `picked` checked.
    pub fn new(
        legend: String,
        name: &'static str,
        id: String,
        options: impl IntoIterator<Item = (&'static str, String)>,
        picked: &str,
    ) -> Choices {
        Choices {
            legend,
            name,
            id,
            options: options
                .into_iter()
                .map(|(value, label)| Choice {
                    value,
                    label,
                    checked: value == picked,
                })
                .collect(),
            error: None,
        }
    }
}

/// Everything the page shows besides the candidates, read in one transaction.
struct Loaded {
    r: Request,
    requester: Option<String>,
    services: Vec<Service>,
    /// Services whose categories fit the request's scope category.
    fitting: Vec<ServiceId>,
    matches: Vec<MatchDetail>,
    /// The check-ins of each match, oldest first.
    check_ins: HashMap<nabij_store::MatchId, Vec<nabij_store::check_in::CheckIn>>,
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
    let mut check_ins = HashMap::new();
    for m in matching::list(c, caller.org, &filter)? {
        check_ins.insert(m.id, nabij_store::check_in::for_match(c, caller.org, m.id)?);
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
        check_ins,
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

/// The message of a form that could not be carried out, above the sections.
struct Summary {
    message: String,
    /// The id of the form's part of the page, if it is still on it.
    link: Option<String>,
}

/// The request page (`console/request.html`); each section has its own template.
#[derive(Template)]
#[template(path = "console/request.html")]
struct RequestPage<'a> {
    shell: Shell,
    neighbour_id: NeighbourId,
    requester: String,
    kind: String,
    status: String,
    age: String,
    text: String,
    error: Option<Summary>,
    verdict: scope::Verdict,
    /// The referral before the candidates (the request waits to be referred).
    refer_first: bool,
    refer: Option<refer::ReferSection<'a>>,
    matches: Option<matches::MatchesSection<'a>>,
    candidates: Option<candidates::CandidatesSection<'a>>,
    /// The groups section (rendered by [`super::groups::section`]), or empty.
    groups: String,
    change: Option<scope::OverrideForm<'a>>,
    /// The flag, cancelling and editing.
    life: Option<life::LifeSection<'a>>,
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
    let requester = d.requester.clone().unwrap_or_else(|| "—".into());
    let candidates = if matches!(r.status.as_str(), "open" | "proposed") {
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
        let sketch = (!cands.is_empty()).then(|| map::sketch(l, &requester, &spots));
        Some(candidates::section(ctx, r.id, &cands, sketch, left))
    } else {
        None
    };
    let fitting: Vec<&Service> = d.services.iter().filter(|s| d.fitting.contains(&s.id)).collect();
    let waiting = matches!(r.status.as_str(), "open" | "referral_needed");
    let refer = refer::section(ctx, r, &d.services, &d.fitting, &d.referrals, left);
    let error = left.error.as_ref().map(|(section, message)| {
        let to = match left.about_match {
            Some(m) => format!("match-{m}"),
            None => section.to_string(),
        };
        // A link to the form, if it is still on the page.
        let shown = match to.as_str() {
            "candidates" => candidates.is_some(),
            "matches" => !d.matches.is_empty(),
            "refer" => refer.is_some(),
            "groups" => !d.groups.is_empty(),
            "life" => true,
            _ => d
                .matches
                .iter()
                .any(|m| format!("match-{}", m.row.id.get()) == to),
        };
        Summary {
            message: message.clone(),
            link: shown.then_some(to),
        }
    });
    let page = RequestPage {
        shell: ctx.shell(t(l, "request-title", &[("id", r.id.to_string().into())])),
        neighbour_id: r.neighbour_id,
        requester,
        kind: kind_text(l, &r.kind),
        status: status_text(l, r.status.as_str()),
        age: age_text(l, r.created_at),
        text: r.text.clone(),
        error,
        verdict: scope::verdict_section(l, r, &fitting),
        refer_first: waiting && (!r.scope_in_scope || r.status == RequestStatus::ReferralNeeded),
        refer,
        matches: (!d.matches.is_empty())
            .then(|| matches::section(ctx, &d.matches, &d.check_ins, &d.names, left)),
        candidates,
        groups: if d.groups.is_empty() {
            String::new()
        } else {
            super::groups::section(ctx, &d.groups, Some(r.id))
        },
        change: matches!(r.status.as_str(), "open" | "proposed" | "referral_needed")
            .then(|| scope::override_section(ctx, r)),
        life: life::section(ctx, r, left),
    };
    ctx.render(status, &page)
}
