//! Acting on a request: propose, note a yes or a no, close with the follow-up, refer to a
//! service. Each form does what its API route does, through the same operation
//! (`nabij_ops::matches::{propose, answer, close}`,
//! `nabij_ops::referrals::refer`): the same checks, audit rows, outbox
//! notifications and index updates, in one write transaction. When it cannot be done
//! the request page comes back with a plain explanation and what was chosen or typed;
//! nothing is half done (several proposals are made together or not at all).

mod refusal;

use super::request::{render, CloseLeft, Leftovers, ReferLeft};
use super::*;
use crate::access;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::routes::resource;
use crate::console::{Ctx, Form};
use crate::error::{ApiError, ApiResult};
use crate::routes::matches::{follow_up, proposal, Answer, FollowUpIn, ProposeIn};
use crate::routes::referrals::{referral, ReferralIn};
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_i18n::t;
use nabij_ops::matches as op;
use nabij_store::matching::MAX_SHARED_NOTE;
use nabij_store::{MatchId, NeighbourId, RequestId, StoreError};
use refusal::{refusal, refusal_status};

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/requests/{id}/propose").post(propose))
        .service(resource("/requests/{id}/refer").post(refer))
        .service(resource("/matches/{id}/accept").post(accept))
        .service(resource("/matches/{id}/decline").post(decline))
        .service(resource("/matches/{id}/close").post(close))
        .service(resource("/matches/{id}/check-ins").post(check_in));
}

/// `POST /matches/{id}/check-ins` `neighbour_id=…&answer=…&note=…`: an answer the
/// coordinator heard by phone, as `POST /v1/matches/{id}/check-ins` records it
/// (`nabij_ops::checkins::record`).
pub async fn check_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let mid = MatchId(id);
    let rid = match request_of(&state, &caller, mid).await {
        Ok(r) => r,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let given = crate::routes::check_ins::phone_answer(crate::routes::check_ins::RecordIn {
        neighbour_id: form.get("neighbour_id").and_then(parse_id).unwrap_or(0),
        answer: form.text("answer"),
        note: Some(form.text("note")),
    });
    let e = match given {
        Ok(given) => {
            let st = state.clone();
            let by = caller.clone();
            let done = run(move || {
                let done = st.store.write_as(|c| {
                    nabij_ops::checkins::record(&st.ops, c, &by, mid, &given, nabij_store::clock::now())
                        .map_err(ApiError::from)
                })?;
                if let Some(u) = &done.update {
                    st.ops.apply(u);
                }
                Ok(())
            })
            .await;
            match done {
                Ok(()) => return ctx.redirect(&format!("/requests/{rid}#match-{id}")),
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    let (text, status) = match &e {
        ApiError::BadRequest { .. } => {
            let key = if form.text("note").chars().count() > nabij_store::check_in::MAX_NOTE {
                "check-in-form.note-too-long"
            } else {
                "check-in-form.choose"
            };
            (l.text(key), StatusCode::UNPROCESSABLE_ENTITY)
        }
        other => match refusal(l, other, None) {
            Some(t) => (t, refusal_status(other)),
            None => return ctx.failure(other),
        },
    };
    let left = Leftovers {
        error: Some(("matches", text)),
        about_match: Some(id),
        ..Default::default()
    };
    render(&ctx, &state, caller, rid, &left, status).await
}

/// The name of a neighbour this caller may see (none for someone outside a limited
/// coordinator's neighbourhoods).
async fn name_of(state: &web::Data<AppState>, caller: &Caller, id: NeighbourId) -> Option<String> {
    let st = state.clone();
    let who = caller.clone();
    run(move || Ok(st.store.read(|c| access::neighbour(c, &who, id))?))
        .await
        .ok()
        .map(|n| n.display_name)
}

/// `POST /requests/{id}/propose` `companion=…&together=yes|no`: one proposal per ticked
/// neighbour, or one together; all in one transaction.
pub async fn propose(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let l = ctx.lang;
    let chosen: Vec<i64> = form.all("companion").iter().filter_map(|c| parse_id(c)).collect();
    let together = form.get("together") == Some("yes");
    let shared_note = form.text("shared_note");
    let mut left = Leftovers {
        chosen: chosen.clone(),
        together,
        shared_note: shared_note.clone(),
        ..Default::default()
    };
    if nabij_store::rules::line(&shared_note, MAX_SHARED_NOTE).is_err() {
        left.error = Some(("candidates", l.text("request-propose.note-invalid")));
        return render(
            &ctx,
            &state,
            caller,
            RequestId(id),
            &left,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    if chosen.is_empty() {
        left.error = Some(("candidates", l.text("request-propose.none")));
        return render(
            &ctx,
            &state,
            caller,
            RequestId(id),
            &left,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let sets: Vec<Vec<i64>> = if together {
        vec![chosen.clone()]
    } else {
        chosen.iter().map(|&c| vec![c]).collect()
    };
    let mut checked = Vec::with_capacity(sets.len());
    for set in sets {
        let body = ProposeIn {
            request_id: id,
            companion_ids: set,
            shared_note: Some(shared_note.clone()),
        };
        match proposal(&body) {
            Ok(p) => checked.push(p),
            Err(_) => {
                left.error = Some(("candidates", l.text("request-propose.too-many")));
                return render(
                    &ctx,
                    &state,
                    caller,
                    RequestId(id),
                    &left,
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    }
    let st = state.clone();
    let who = caller.clone();
    let outcome = run(move || {
        // Which proposal failed: `None` while the request itself is being checked.
        let mut failed_at: Option<&[NeighbourId]> = None;
        let done = st.store.write_as(|c| {
            access::request(c, &who, RequestId(id))?;
            for p in &checked {
                failed_at = Some(p.companions.as_slice());
                op::propose(&st.ops, c, &who, p)?;
            }
            Ok::<_, ApiError>(())
        });
        let failed_for = match failed_at {
            None => None,
            Some([one]) => Some(Some(*one)),
            Some(_) => Some(None),
        };
        Ok((done, failed_for))
    })
    .await;
    let (done, failed_for) = match outcome {
        Ok(x) => x,
        Err(e) => return ctx.failure(&e),
    };
    let e = match done {
        Ok(()) => return ctx.redirect(&format!("/requests/{id}#matches")),
        Err(ApiError::Store(StoreError::NotFound)) if failed_for.is_none() => return ctx.not_found(),
        Err(e) => e,
    };
    let failed_for = failed_for.flatten();
    let name = match failed_for {
        Some(n) => name_of(&state, &caller, n).await,
        None => None,
    };
    let Some(text) = refusal(l, &e, name.as_deref()) else {
        return ctx.failure(&e);
    };
    left.error = Some(("candidates", t(l, "request-propose", &[("reason", text.into())])));
    render(&ctx, &state, caller, RequestId(id), &left, refusal_status(&e)).await
}

/// The request a match belongs to, if this caller may see it.
async fn request_of(state: &web::Data<AppState>, caller: &Caller, id: MatchId) -> ApiResult<RequestId> {
    let st = state.clone();
    let who = caller.clone();
    run(move || {
        Ok(st
            .store
            .read(|c| access::match_detail(c, &who, id))?
            .row
            .request_id)
    })
    .await
}

async fn answer(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
    answer: Answer,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let mid = MatchId(id);
    let rid = match request_of(&state, &caller, mid).await {
        Ok(r) => r,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let who = form.get("neighbour_id").and_then(parse_id).map(NeighbourId);
    let st = state.clone();
    let by = caller.clone();
    let done = match who {
        Some(n) => {
            run(move || {
                let (d, update) = st
                    .store
                    .write_as(|c| op::answer(&st.ops, c, &by, mid, n, answer).map_err(ApiError::from))?;
                if let Some(u) = update {
                    st.ops.apply(&u);
                }
                Ok(d)
            })
            .await
        }
        None => Err(ApiError::invalid_field("neighbour_id", "must be a positive id")),
    };
    let e = match done {
        Ok(_) => return ctx.redirect(&format!("/requests/{rid}#match-{id}")),
        Err(e) => e,
    };
    let name = match who {
        Some(n) => name_of(&state, &caller, n).await,
        None => None,
    };
    let Some(text) = refusal(ctx.lang, &e, name.as_deref()) else {
        return ctx.failure(&e);
    };
    let left = Leftovers {
        error: Some(("matches", text)),
        about_match: Some(id),
        ..Default::default()
    };
    render(&ctx, &state, caller, rid, &left, refusal_status(&e)).await
}

/// `POST /matches/{id}/accept` `neighbour_id=…`: this person says yes.
pub async fn accept(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    answer(req, state, path, body, Answer::Accept).await
}

/// `POST /matches/{id}/decline` `neighbour_id=…`: this person says no; no reason asked.
pub async fn decline(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    answer(req, state, path, body, Answer::Decline).await
}

/// `POST /matches/{id}/close` `met=yes|no&mutual=yes|no|not_yet&note=…`. "Not yet" is
/// recorded as no mutual support (yet): the API's follow-up has a yes or no only.
pub async fn close(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let mid = MatchId(id);
    let rid = match request_of(&state, &caller, mid).await {
        Ok(r) => r,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let l = ctx.lang;
    let mut typed = CloseLeft {
        match_id: id,
        met: form.text("met"),
        mutual: form.text("mutual"),
        note: form.text("note"),
        wrong: Vec::new(),
    };
    let met = match typed.met.as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let mutual = match typed.mutual.as_str() {
        "yes" => Some(true),
        "no" | "not_yet" => Some(false),
        _ => None,
    };
    if met.is_none() {
        typed.wrong.push("met");
    }
    if mutual.is_none() {
        typed.wrong.push("mutual");
    }
    let checked = match (met, mutual) {
        (Some(met), Some(mutual_support)) => follow_up(FollowUpIn {
            met,
            mutual_support,
            note: Some(typed.note.clone()),
        })
        .inspect_err(|_| typed.wrong.push("note")),
        _ => Err(ApiError::invalid_field("follow_up", "both answers are needed")),
    };
    let e = match checked {
        Ok(fu) => {
            let st = state.clone();
            let by = caller.clone();
            let done = run(move || {
                let (_, update) = st
                    .store
                    .write_as(|c| op::close(&st.ops, c, &by, mid, &fu).map_err(ApiError::from))?;
                st.ops.apply(&update);
                Ok(())
            })
            .await;
            match done {
                Ok(()) => return ctx.redirect(&format!("/requests/{rid}#match-{id}")),
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    let text = if typed.wrong.is_empty() {
        match refusal(l, &e, None) {
            Some(t) => t,
            None => return ctx.failure(&e),
        }
    } else if typed.wrong.contains(&"note") {
        l.text("request-close.note-too-long")
    } else {
        l.text("request-close.both")
    };
    let status = if typed.wrong.is_empty() {
        refusal_status(&e)
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let left = Leftovers {
        error: Some(("matches", text)),
        about_match: Some(id),
        close: Some(typed),
        ..Default::default()
    };
    render(&ctx, &state, caller, rid, &left, status).await
}

/// `POST /requests/{id}/refer` `service_id=…&reason=…`: what `POST /v1/referrals` does.
pub async fn refer(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
    let l = ctx.lang;
    let typed = ReferLeft {
        service_id: form.text("service_id"),
        reason: form.text("reason"),
    };
    let service_id = match typed.service_id.as_str() {
        "" => Ok(None),
        s => parse_id(s).map(Some).ok_or(()),
    };
    let input = service_id.map(|service_id| ReferralIn {
        request_id: id,
        service_id,
        reason: typed.reason.clone(),
    });
    let checked = match &input {
        Ok(body) => referral(body, &caller),
        Err(()) => Err(ApiError::invalid_field("service_id", "must be a positive id")),
    };
    let e = match checked {
        Ok(new) => {
            let st = state.clone();
            let by = caller.clone();
            let done = run(move || {
                st.store
                    .write_as(|c| nabij_ops::referrals::refer(&st.ops, c, &by, &new).map_err(ApiError::from))
            })
            .await;
            match done {
                Ok(_) => return ctx.redirect(&format!("/requests/{id}#refer")),
                Err(e) => e,
            }
        }
        Err(e) => e,
    };
    // A missing request is a 404; a missing service was probably removed meanwhile.
    let text = match &e {
        // The request of the URL (the operation names it as its form's `request_id`).
        ApiError::Store(StoreError::UnknownReference("request_id")) => return ctx.not_found(),
        ApiError::Store(StoreError::NotFound) => {
            let st = state.clone();
            let by = caller.clone();
            let visible = run(move || Ok(st.store.read(|c| access::request(c, &by, RequestId(id)))?)).await;
            match visible {
                Ok(_) => l.text("request-refer.service-gone"),
                Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
                Err(e) => return ctx.failure(&e),
            }
        }
        // The service was removed meanwhile, or is another organisation's.
        ApiError::Store(StoreError::UnknownReference(_)) => l.text("request-refer.service-gone"),
        ApiError::BadRequest { .. } => l.text("request-refer.invalid"),
        _ => match refusal(l, &e, None) {
            Some(t) => t,
            None => return ctx.failure(&e),
        },
    };
    let left = Leftovers {
        error: Some(("refer", text)),
        refer: Some(typed),
        ..Default::default()
    };
    let status = match &e {
        // As before the store named the field: the choice could not be kept (409).
        ApiError::Store(StoreError::UnknownReference(_)) => StatusCode::CONFLICT,
        _ => refusal_status(&e),
    };
    render(&ctx, &state, caller, RequestId(id), &left, status).await
}
