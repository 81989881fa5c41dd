//! Signals: file one, list and read them, record the one outcome that closes one, and
//! erase one (see `nabij_store::signal`).
//!
//! **Who sees what.** Staff see the organisation's signals; a coordinator limited to
//! neighbourhoods sees only the signals in them (a signal without a neighbourhood is
//! not theirs). A partner app with scope `signals:write` files signals (a referral card
//! from its own app) and reads back only the ones it filed. Anything else answers like
//! a missing id (`NotFound` → 404). Outcomes and erasure are for staff.

use crate::access;
use crate::caller::{scopes, Caller, Role};
use crate::error::{OpsError, OpsResult};
use crate::index::IndexUpdate;
use chrono::NaiveDate;
use nabij_store::calls;
use nabij_store::neighbour::{Neighbour, NewNeighbour};
use nabij_store::request::{NewRequest, Request};
use nabij_store::signal::{
    self, add_working_days, NewSignal, OutcomeRecord, Signal, SignalFilter, SignalOutcome, SignalSource,
    Subject,
};
use nabij_store::{DbConnection, NeighbourId, ServiceId, SignalId, StoreError};

/// Working days from today to the default check date of a referral ("did the service
/// reach them?").
pub const REFERRAL_CHECK_DAYS: u32 = 10;

/// A limited coordinator files signals in their own neighbourhoods only.
fn check_in_reach(caller: &Caller, s: &Signal) -> OpsResult<()> {
    if caller.sees_neighbourhood(s.neighbourhood_id) {
        Ok(())
    } else {
        Err(OpsError::Invalid {
            field: "neighbourhood_id",
            message: "outside the neighbourhoods you coordinate",
        })
    }
}

/// Files a signal: checked, written with the caller as the one who filed it, audited.
/// About a neighbour the caller does not see (or a partner app without a
/// `neighbours:*` scope naming one): an unknown reference, like a missing id.
pub fn file(tx: &mut DbConnection, caller: &Caller, form: &NewSignal) -> OpsResult<Signal> {
    caller.require_scope(scopes::SIGNALS_WRITE)?;
    if caller.role == Role::Partner
        && !matches!(form.source, SignalSource::ReferralCard | SignalSource::Partner)
    {
        return Err(OpsError::Invalid {
            field: "source",
            message: "a partner app files referral_card or partner signals",
        });
    }
    if let Subject::Neighbour(id) = form.subject {
        caller.require_scope(scopes::NEIGHBOURS_READ)?;
        access::neighbour(tx, caller, id).map_err(|e| e.referring("neighbour_id"))?;
    }
    let form = NewSignal {
        filed_by: caller.actor().to_string(),
        ..form.clone()
    };
    let s = signal::create(tx, caller.org, &form)?;
    check_in_reach(caller, &s)?;
    let detail = format!("signal={} source={}", s.id, s.source);
    access::record(tx, caller, "signal_filed", s.neighbour_id, detail)?;
    Ok(s)
}

/// A signal this caller may see; `NotFound` otherwise.
pub fn visible(tx: &mut DbConnection, caller: &Caller, id: SignalId) -> Result<Signal, StoreError> {
    let s = signal::get(tx, caller.org, id)?;
    let own = caller.role.is_staff() || s.filed_by == caller.actor();
    if !own || !caller.sees_neighbourhood(s.neighbourhood_id) {
        return Err(StoreError::NotFound);
    }
    Ok(s)
}

/// The signals this caller may see, as `filter` selects them (keyset pages).
pub fn list(tx: &mut DbConnection, caller: &Caller, filter: &SignalFilter) -> OpsResult<Vec<Signal>> {
    caller.require_scope(scopes::SIGNALS_WRITE)?;
    let mut f = filter.clone();
    f.neighbourhoods = caller.neighbourhoods.clone();
    if !caller.role.is_staff() {
        f.filed_by = Some(caller.actor().to_string());
    }
    Ok(signal::list(tx, caller.org, &f)?)
}

/// The open signals of a staff caller, earliest contact-by date (overdue) first.
pub fn inbox(tx: &mut DbConnection, caller: &Caller, limit: i64) -> OpsResult<Vec<Signal>> {
    staff(caller)?;
    Ok(signal::inbox(
        tx,
        caller.org,
        caller.neighbourhoods.as_deref(),
        limit,
    )?)
}

fn staff(caller: &Caller) -> OpsResult<()> {
    if caller.role == Role::Partner {
        return Err(OpsError::Forbidden("this is for coordinators and admins"));
    }
    Ok(())
}

/// The outcome a coordinator records.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// A registration (when the person is not a neighbour yet) and/or a request. The
    /// registration's consent channel must be the source's when the source says one
    /// (`phone_round`, `home_visit`, `referral_card`).
    Registered {
        neighbour: Option<NewNeighbour>,
        /// Its `neighbour_id` is set here to the signal's (new) neighbour.
        request: Option<NewRequest>,
    },
    /// Referred to a service; checked on `check_on` (default: ten working days on).
    Referred {
        service_id: ServiceId,
        check_on: Option<NaiveDate>,
    },
    /// On the phone list from `next_call_on`; registers the person first if needed.
    RecurringCall {
        neighbour: Option<NewNeighbour>,
        next_call_on: NaiveDate,
    },
    /// The person wants nothing now: who said so, and on which day (default today).
    NoActionWanted {
        decided_by: String,
        decided_on: Option<NaiveDate>,
    },
}

impl Outcome {
    pub fn kind(&self) -> SignalOutcome {
        match self {
            Outcome::Registered { .. } => SignalOutcome::Registered,
            Outcome::Referred { .. } => SignalOutcome::Referred,
            Outcome::RecurringCall { .. } => SignalOutcome::RecurringCall,
            Outcome::NoActionWanted { .. } => SignalOutcome::NoActionWanted,
        }
    }
}

/// What recording an outcome did.
#[derive(Debug)]
pub struct Recorded {
    pub signal: Signal,
    /// The neighbour registered from the signal, if one was.
    pub neighbour: Option<Neighbour>,
    /// The request filed, if one was.
    pub request: Option<Request>,
    /// To apply to the index cache after the commit (a registration).
    pub update: Option<IndexUpdate>,
}

/// Registers the person of `s` from `form` (consent channel checked against the
/// source), or takes the neighbour the signal is about.
fn neighbour_of(
    tx: &mut DbConnection,
    caller: &Caller,
    s: &Signal,
    form: Option<&NewNeighbour>,
    registered: &mut Option<Neighbour>,
    update: &mut Option<IndexUpdate>,
) -> OpsResult<Option<NeighbourId>> {
    match (form, s.neighbour_id) {
        (Some(_), Some(_)) => Err(OpsError::Invalid {
            field: "neighbour",
            message: "the signal is about a registered neighbour already",
        }),
        (Some(form), None) => {
            if let Some(channel) = s.source()?.consent_channel() {
                if form.consent.channel != channel {
                    return Err(OpsError::Invalid {
                        field: "neighbour.consent.channel",
                        message: "must be the channel of the signal's source (phone_round, home_visit or referral_card)",
                    });
                }
            }
            let (n, u) = crate::neighbours::create(tx, caller, form)?;
            let id = n.id;
            *registered = Some(n);
            *update = Some(u);
            Ok(Some(id))
        }
        (None, Some(id)) => {
            access::neighbour(tx, caller, id)?;
            Ok(Some(id))
        }
        (None, None) => Ok(None),
    }
}

/// Records the one outcome of an open signal the caller may see, with everything it
/// entails (a registration, a request, a phone-list entry) and its audit row, in the
/// caller's transaction. A second outcome is `Conflict("signal_closed")`; nothing is
/// written then.
pub fn record_outcome(
    tx: &mut DbConnection,
    caller: &Caller,
    id: SignalId,
    outcome: &Outcome,
) -> OpsResult<Recorded> {
    staff(caller)?;
    let s = visible(tx, caller, id)?;
    if s.outcome.is_some() {
        return Err(StoreError::conflict("signal_closed").into());
    }
    let mut registered = None;
    let mut update = None;
    let mut request = None;
    let mut rec = OutcomeRecord {
        outcome: outcome.kind(),
        by: caller.actor().to_string(),
        neighbour_id: None,
        request_id: None,
        service_id: None,
        call_id: None,
        on: None,
        note: None,
    };
    match outcome {
        Outcome::Registered {
            neighbour,
            request: req,
        } => {
            if neighbour.is_none() && req.is_none() {
                return Err(OpsError::Invalid {
                    field: "neighbour",
                    message: "registered needs a registration (neighbour), a request, or both",
                });
            }
            let nid = neighbour_of(tx, caller, &s, neighbour.as_ref(), &mut registered, &mut update)?;
            if let Some(form) = req {
                let Some(nid) = nid else {
                    return Err(OpsError::Invalid {
                        field: "neighbour",
                        message: "the person is not registered: register them with the request",
                    });
                };
                let form = NewRequest {
                    neighbour_id: nid,
                    ..form.clone()
                };
                let r = crate::requests::file(tx, caller, &form)?;
                rec.request_id = Some(r.id);
                request = Some(r);
            }
            rec.neighbour_id = registered.as_ref().map(|n| n.id);
        }
        Outcome::Referred { service_id, check_on } => {
            let on = match check_on {
                Some(d) => signal::check_ahead("check_on", *d)?,
                None => add_working_days(signal::today(), REFERRAL_CHECK_DAYS),
            };
            rec.service_id = Some(*service_id);
            rec.on = Some(on);
        }
        Outcome::RecurringCall {
            neighbour,
            next_call_on,
        } => {
            let on = signal::check_ahead("next_call_on", *next_call_on)?;
            let nid = neighbour_of(tx, caller, &s, neighbour.as_ref(), &mut registered, &mut update)?;
            let Some(nid) = nid else {
                return Err(OpsError::Invalid {
                    field: "neighbour",
                    message: "the person is not registered: register them to put them on the phone list",
                });
            };
            let due = on.and_hms_opt(0, 0, 0).unwrap_or_default();
            let call = calls::add_due_from(tx, caller.org, nid, calls::RECURRING_CALL, due)?;
            rec.neighbour_id = registered.as_ref().map(|n| n.id);
            rec.call_id = Some(call.id);
            rec.on = Some(on);
        }
        Outcome::NoActionWanted {
            decided_by,
            decided_on,
        } => {
            let on = match decided_on {
                Some(d) => signal::check_past("decided_on", *d)?,
                None => signal::today(),
            };
            rec.note = Some(decided_by.clone());
            rec.on = Some(on);
        }
    }
    let closed = signal::close(tx, caller.org, id, &rec)?;
    let detail = format!("signal={} outcome={}", closed.id, rec.outcome.as_str());
    access::record(tx, caller, "signal_closed", closed.neighbour_id, detail)?;
    Ok(Recorded {
        signal: closed,
        neighbour: registered,
        request,
        update,
    })
}

/// Erases a signal the caller may see (GDPR; e.g. about a person who never
/// registered): its personal fields go for good, the audit row keeps the id only.
pub fn erase(tx: &mut DbConnection, caller: &Caller, id: SignalId) -> OpsResult<()> {
    staff(caller)?;
    let s = visible(tx, caller, id)?;
    signal::erase(tx, caller.org, id)?;
    access::record(
        tx,
        caller,
        "signal_erased",
        s.neighbour_id,
        format!("signal={id}"),
    )?;
    Ok(())
}
