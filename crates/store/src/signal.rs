//! Signals: needs that reach the organisation before anyone asks (issue 13).
//!
//! People are shy to ask; their needs surface as a *signal* from a phone round, a home
//! visit (the findings sheet), a referral card a doctor, pharmacist or home nurse hands
//! over (signed by the resident), a companion who notices something, the coordinator's
//! own observation, or a partner. A signal is about a registered neighbour or about a
//! person who is not registered (yet): a name with a phone number or an address line,
//! and the basis on which it was passed on. It names one or more life domains, carries
//! a free text and a contact-by date (a default per source, in working days, that an
//! organisation may override: [`crate::organisation::OrgSettings::signal_contact_days`]).
//!
//! It stays open until exactly one outcome closes it ([`close`]: written once, a second
//! one is `Conflict("signal_closed")`). Nothing is deleted: erasure ([`erase`],
//! [`erase_for_neighbour`]) clears the personal fields and hides the row; source, life
//! domains, dates and outcome stay for the anonymised counts.

use crate::clock;
use crate::error::{Result, StoreError};
use crate::ids::{CallId, NeighbourId, NeighbourhoodId, OrgId, RequestId, ServiceId, SignalId};
use crate::json_text;
use crate::schema::signals;
use crate::DbConnection;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use diesel::prelude::*;

/// Longest free text of a signal, in characters.
pub const MAX_TEXT: usize = 2000;
/// Longest address line, in characters.
pub const MAX_ADDRESS: usize = 200;
/// Longest name of a referring partner, in characters.
pub const MAX_PARTNER: usize = 200;
/// Longest "who decided" of a `no_action_wanted` outcome, in characters.
pub const MAX_NOTE: usize = 200;
/// Most working days an organisation may set as a contact-by default.
pub const MAX_CONTACT_DAYS: u32 = 60;
/// How far ahead a contact-by, check or next-call date may lie, in days.
pub const MAX_AHEAD_DAYS: u64 = 366;

macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),* }

        impl $name {
            /// Every value, in a fixed order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),* }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s { $($code => Some($name::$variant),)* _ => None }
            }

            /// The codes, comma-separated (for messages).
            pub fn codes() -> String {
                [$($code),*].join(", ")
            }
        }
    };
}

code_enum!(
    /// Where a signal came from.
    SignalSource {
        PhoneRound = "phone_round",
        HomeVisit = "home_visit",
        ReferralCard = "referral_card",
        Companion = "companion",
        Coordinator = "coordinator",
        Partner = "partner",
    }
);

code_enum!(
    /// The life domains of the seeds' findings sheet.
    LifeDomain {
        Housing = "housing",
        Health = "health",
        IncomePaperwork = "income_paperwork",
        SocialContact = "social_contact",
        LeisureMeaning = "leisure_meaning",
        Mobility = "mobility",
    }
);

code_enum!(
    /// On what basis a person who is not registered was passed on.
    Basis {
        /// The person signed a referral card.
        SignedCard = "signed_card",
        /// The person agreed, in words, that the organisation contacts them.
        VerbalConsent = "verbal_consent",
        /// The person asked for contact themselves.
        OwnRequest = "own_request",
        /// Passed on out of concern, without the person's word yet: the first contact
        /// asks for it.
        Concern = "concern",
    }
);

code_enum!(
    /// What closed a signal.
    SignalOutcome {
        /// Became a registration and/or a request.
        Registered = "registered",
        /// Referred to a service, with a date to check that the service reached them.
        Referred = "referred",
        /// Put on the phone list with a next-call date.
        RecurringCall = "recurring_call",
        /// The person wants nothing (who said so, and when).
        NoActionWanted = "no_action_wanted",
    }
);

code_enum!(
    /// Whether a signal still waits for its outcome.
    SignalStatus {
        Open = "open",
        Closed = "closed",
    }
);

impl SignalSource {
    /// The working days to the contact-by date when the organisation sets nothing:
    /// a referral card 5 (the seeds' promise to the referring partner), a home visit, a
    /// phone round and a partner 5, a companion's concern 3 (someone close noticed it
    /// and waits for an answer), the coordinator's own observation 10.
    pub fn default_contact_days(self) -> u32 {
        match self {
            SignalSource::Companion => 3,
            SignalSource::Coordinator => 10,
            SignalSource::ReferralCard
            | SignalSource::HomeVisit
            | SignalSource::PhoneRound
            | SignalSource::Partner => 5,
        }
    }

    /// The consent channel a registration from this source gets, when the source says
    /// it: a phone round, a home visit, a signed referral card. Other sources leave it
    /// to the coordinator who makes contact.
    pub fn consent_channel(self) -> Option<crate::neighbour::ConsentChannel> {
        use crate::neighbour::ConsentChannel as C;
        match self {
            SignalSource::PhoneRound => Some(C::PhoneRound),
            SignalSource::HomeVisit => Some(C::HomeVisit),
            SignalSource::ReferralCard => Some(C::ReferralCard),
            SignalSource::Companion | SignalSource::Coordinator | SignalSource::Partner => None,
        }
    }
}

/// `date` plus `n` working days (Monday to Friday; public holidays are not known).
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut d = date;
    let mut left = n;
    while left > 0 {
        d = d.succ_opt().unwrap_or(d);
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    d
}

/// Today (UTC), the day contact-by dates count from.
pub fn today() -> NaiveDate {
    clock::now().date()
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_date(s: &str, column: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| StoreError::Corrupt(format!("signals.{column}")))
}

/// A row of `signals`.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = signals)]
pub struct Signal {
    pub id: SignalId,
    pub organisation_id: OrgId,
    pub neighbourhood_id: Option<NeighbourhoodId>,
    pub neighbour_id: Option<NeighbourId>,
    pub person_name: Option<String>,
    pub person_phone: Option<String>,
    pub person_address: Option<String>,
    pub basis: Option<String>,
    pub source: String,
    pub referring_partner: Option<String>,
    pub referring_service_id: Option<ServiceId>,
    pub signed_on: Option<String>,
    /// JSON list of [`LifeDomain`] codes.
    pub life_domains: String,
    pub text: String,
    pub contact_by: String,
    /// `user:<id>` or `client:<client_id>`.
    pub filed_by: String,
    pub created_at: NaiveDateTime,
    pub outcome: Option<String>,
    pub outcome_at: Option<NaiveDateTime>,
    pub outcome_by: Option<String>,
    pub outcome_request_id: Option<RequestId>,
    pub outcome_service_id: Option<ServiceId>,
    pub outcome_call_id: Option<CallId>,
    /// The check date (`referred`), the next call (`recurring_call`) or the day it was
    /// decided (`no_action_wanted`).
    pub outcome_on: Option<String>,
    /// Who decided (`no_action_wanted`).
    pub outcome_note: Option<String>,
    pub erased_at: Option<NaiveDateTime>,
}

impl Signal {
    pub fn source(&self) -> Result<SignalSource> {
        SignalSource::parse(&self.source).ok_or_else(|| StoreError::Corrupt("signals.source".into()))
    }
    pub fn life_domains(&self) -> Result<Vec<LifeDomain>> {
        json_text::codes(&self.life_domains, "signals.life_domains")?
            .iter()
            .map(|c| LifeDomain::parse(c).ok_or_else(|| StoreError::Corrupt("signals.life_domains".into())))
            .collect()
    }
    pub fn contact_by(&self) -> Result<NaiveDate> {
        parse_date(&self.contact_by, "contact_by")
    }
    pub fn signed_on(&self) -> Result<Option<NaiveDate>> {
        self.signed_on
            .as_deref()
            .map(|s| parse_date(s, "signed_on"))
            .transpose()
    }
    pub fn outcome_on(&self) -> Result<Option<NaiveDate>> {
        self.outcome_on
            .as_deref()
            .map(|s| parse_date(s, "outcome_on"))
            .transpose()
    }
    pub fn outcome(&self) -> Result<Option<SignalOutcome>> {
        self.outcome
            .as_deref()
            .map(|o| SignalOutcome::parse(o).ok_or_else(|| StoreError::Corrupt("signals.outcome".into())))
            .transpose()
    }
    pub fn status(&self) -> SignalStatus {
        if self.outcome.is_some() {
            SignalStatus::Closed
        } else {
            SignalStatus::Open
        }
    }
    /// Open and its contact-by date has passed (before `today`).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.outcome.is_none() && self.contact_by < date_text(today)
    }
    /// The name to show: the unregistered person's, or `None` for a neighbour (read
    /// from `neighbours`).
    pub fn person_name(&self) -> Option<&str> {
        self.person_name.as_deref()
    }
}

/// Who a signal is about.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A registered neighbour.
    Neighbour(NeighbourId),
    /// A person who is not registered: a name and a phone number or an address line
    /// (at least one), and the basis on which they were passed on.
    Person {
        name: String,
        phone: Option<String>,
        address: Option<String>,
        basis: Basis,
    },
}

/// What it takes to file a signal.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSignal {
    /// From the neighbour when absent and the signal is about one.
    pub neighbourhood_id: Option<NeighbourhoodId>,
    pub subject: Subject,
    pub source: SignalSource,
    /// For a referral card (required there, one of both): who handed it over.
    pub referring_partner: Option<String>,
    pub referring_service_id: Option<ServiceId>,
    /// For a referral card (required there): the day the person signed it.
    pub signed_on: Option<NaiveDate>,
    /// At least one, each once.
    pub life_domains: Vec<LifeDomain>,
    pub text: String,
    /// The source's default (see [`contact_days`]) when absent.
    pub contact_by: Option<NaiveDate>,
    /// `user:<id>` or `client:<client_id>`.
    pub filed_by: String,
}

#[derive(Insertable)]
#[diesel(table_name = signals)]
struct SignalInsert {
    organisation_id: OrgId,
    neighbourhood_id: Option<NeighbourhoodId>,
    neighbour_id: Option<NeighbourId>,
    person_name: Option<String>,
    person_phone: Option<String>,
    person_address: Option<String>,
    basis: Option<&'static str>,
    source: &'static str,
    referring_partner: Option<String>,
    referring_service_id: Option<ServiceId>,
    signed_on: Option<String>,
    life_domains: String,
    text: String,
    contact_by: String,
    filed_by: String,
    created_at: NaiveDateTime,
}

fn invalid(field: &str, e: crate::rules::RuleError) -> StoreError {
    StoreError::invalid(e.message(field))
}

/// The working days to the contact-by date of a signal from `source` in `org`: the
/// organisation's override, or the source's default.
pub fn contact_days(conn: &mut DbConnection, org: OrgId, source: SignalSource) -> Result<u32> {
    let settings = crate::organisation::settings(conn, org)?;
    Ok(settings
        .signal_contact_days
        .get(source.as_str())
        .copied()
        .unwrap_or_else(|| source.default_contact_days()))
}

/// Checks a date a person gives for the future: from today to a year ahead.
pub fn check_ahead(field: &str, d: NaiveDate) -> Result<NaiveDate> {
    let t = today();
    let latest = t.checked_add_days(Days::new(MAX_AHEAD_DAYS)).unwrap_or(t);
    if d < t || d > latest {
        return Err(StoreError::invalid(format!(
            "{field} must lie between today and a year from now"
        )));
    }
    Ok(d)
}

/// Checks a date in the past year (today included).
pub fn check_past(field: &str, d: NaiveDate) -> Result<NaiveDate> {
    let t = today();
    let earliest = t.checked_sub_days(Days::new(MAX_AHEAD_DAYS)).unwrap_or(t);
    if d > t || d < earliest {
        return Err(StoreError::invalid(format!(
            "{field} must lie within the past year"
        )));
    }
    Ok(d)
}

/// Files a signal. Every field is checked (the same text rules as everywhere); a
/// neighbour, neighbourhood or service of another organisation is an unknown reference.
pub fn create(conn: &mut DbConnection, org: OrgId, form: &NewSignal) -> Result<Signal> {
    let text = crate::rules::text(&form.text, MAX_TEXT).map_err(|e| invalid("text", e))?;
    let mut domains = form.life_domains.clone();
    domains.sort_unstable();
    domains.dedup();
    if domains.is_empty() || domains.len() != form.life_domains.len() {
        return Err(StoreError::invalid(
            "life_domains must name at least one life domain, each once",
        ));
    }
    let (neighbour_id, person_name, person_phone, person_address, basis) = match &form.subject {
        Subject::Neighbour(id) => (Some(*id), None, None, None, None),
        Subject::Person {
            name,
            phone,
            address,
            basis,
        } => {
            let name = crate::rules::display_name(name).map_err(|e| invalid("person.name", e))?;
            let phone = crate::rules::phone(phone.as_deref()).map_err(|e| invalid("person.phone", e))?;
            let address = match address.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                Some(a) => {
                    Some(crate::rules::line(a, MAX_ADDRESS).map_err(|e| invalid("person.address", e))?)
                }
                None => None,
            };
            if phone.is_none() && address.is_none() {
                return Err(StoreError::invalid(
                    "person needs a phone number or an address line",
                ));
            }
            (None, Some(name), phone, address, Some(basis.as_str()))
        }
    };
    let referring_partner = match form
        .referring_partner
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => Some(crate::rules::name(p, MAX_PARTNER).map_err(|e| invalid("referring_partner", e))?),
        None => None,
    };
    let is_card = form.source == SignalSource::ReferralCard;
    if is_card {
        if referring_partner.is_none() && form.referring_service_id.is_none() {
            return Err(StoreError::invalid(
                "a referral card names its referring partner (referring_partner or referring_service_id)",
            ));
        }
        if form.signed_on.is_none() {
            return Err(StoreError::invalid(
                "a referral card needs signed_on, the day the person signed it",
            ));
        }
    } else if form.signed_on.is_some() {
        return Err(StoreError::invalid("signed_on is for a referral card only"));
    }
    let signed_on = form.signed_on.map(|d| check_past("signed_on", d)).transpose()?;
    let mut neighbourhood_id = form.neighbourhood_id;
    if let Some(id) = neighbour_id {
        let n = crate::neighbour::get(conn, org, id).map_err(|e| e.referring("neighbour_id"))?;
        if n.is_erased() {
            return Err(StoreError::UnknownReference("neighbour_id"));
        }
        neighbourhood_id = neighbourhood_id.or(n.neighbourhood_id);
    }
    if let Some(h) = neighbourhood_id {
        crate::neighbourhood::get(conn, org, h).map_err(|e| e.referring("neighbourhood_id"))?;
    }
    if let Some(s) = form.referring_service_id {
        crate::service::get(conn, org, s).map_err(|e| e.referring("referring_service_id"))?;
    }
    let contact_by = match form.contact_by {
        Some(d) => check_ahead("contact_by", d)?,
        None => add_working_days(today(), contact_days(conn, org, form.source)?),
    };
    let filed_by = crate::rules::name(&form.filed_by, 128).map_err(|e| invalid("filed_by", e))?;
    let codes: Vec<&str> = form.life_domains.iter().map(|d| d.as_str()).collect();
    let row = SignalInsert {
        organisation_id: org,
        neighbourhood_id,
        neighbour_id,
        person_name,
        person_phone,
        person_address,
        basis,
        source: form.source.as_str(),
        referring_partner,
        referring_service_id: form.referring_service_id,
        signed_on: signed_on.map(date_text),
        life_domains: json_text::encode(&codes)?,
        text,
        contact_by: date_text(contact_by),
        filed_by,
        created_at: clock::now(),
    };
    Ok(diesel::insert_into(signals::table)
        .values(&row)
        .returning(signals::all_columns)
        .get_result(conn)?)
}

/// A signal of the organisation that is not erased.
pub fn get(conn: &mut DbConnection, org: OrgId, id: SignalId) -> Result<Signal> {
    Ok(signals::table
        .filter(signals::organisation_id.eq(org))
        .filter(signals::id.eq(id))
        .filter(signals::erased_at.is_null())
        .select(Signal::as_select())
        .first(conn)?)
}

/// Which signals [`list`] returns.
#[derive(Debug, Clone, Default)]
pub struct SignalFilter {
    pub status: Option<SignalStatus>,
    /// Only open signals whose contact-by date has passed.
    pub overdue: bool,
    pub source: Option<SignalSource>,
    pub neighbourhood_id: Option<NeighbourhoodId>,
    /// Who may see: only these neighbourhoods (a limited coordinator; signals without
    /// a neighbourhood are then hidden), `None` for all.
    pub neighbourhoods: Option<Vec<NeighbourhoodId>>,
    /// Only signals filed by this caller (a partner app reads back its own).
    pub filed_by: Option<String>,
    /// Keyset pagination: ids after this one.
    pub after: Option<SignalId>,
    /// Clamped to 1..=1000.
    pub limit: i64,
}

/// Signals in id order (keyset pagination), erased ones left out.
pub fn list(conn: &mut DbConnection, org: OrgId, f: &SignalFilter) -> Result<Vec<Signal>> {
    let mut q = signals::table
        .filter(signals::organisation_id.eq(org))
        .filter(signals::erased_at.is_null())
        .into_boxed();
    match f.status {
        Some(SignalStatus::Open) => q = q.filter(signals::outcome.is_null()),
        Some(SignalStatus::Closed) => q = q.filter(signals::outcome.is_not_null()),
        None => {}
    }
    if f.overdue {
        q = q
            .filter(signals::outcome.is_null())
            .filter(signals::contact_by.lt(date_text(today())));
    }
    if let Some(s) = f.source {
        q = q.filter(signals::source.eq(s.as_str()));
    }
    if let Some(h) = f.neighbourhood_id {
        q = q.filter(signals::neighbourhood_id.eq(h));
    }
    if let Some(hoods) = &f.neighbourhoods {
        q = q.filter(signals::neighbourhood_id.eq_any(hoods.clone()));
    }
    if let Some(by) = &f.filed_by {
        q = q.filter(signals::filed_by.eq(by.clone()));
    }
    if let Some(after) = f.after {
        q = q.filter(signals::id.gt(after));
    }
    Ok(q.order(signals::id)
        .limit(f.limit.clamp(1, 1000))
        .select(Signal::as_select())
        .load(conn)?)
}

/// The open signals a coordinator works through, earliest contact-by date first (so
/// overdue ones lead), at most `limit` (clamped to 1..=1000); `neighbourhoods` as in
/// [`SignalFilter::neighbourhoods`].
pub fn inbox(
    conn: &mut DbConnection,
    org: OrgId,
    neighbourhoods: Option<&[NeighbourhoodId]>,
    limit: i64,
) -> Result<Vec<Signal>> {
    let mut q = signals::table
        .filter(signals::organisation_id.eq(org))
        .filter(signals::erased_at.is_null())
        .filter(signals::outcome.is_null())
        .into_boxed();
    if let Some(hoods) = neighbourhoods {
        q = q.filter(signals::neighbourhood_id.eq_any(hoods.to_vec()));
    }
    Ok(q.order((signals::contact_by, signals::id))
        .limit(limit.clamp(1, 1000))
        .select(Signal::as_select())
        .load(conn)?)
}

/// The signals about a neighbour, oldest first (erased ones left out; for the
/// neighbour's export).
pub fn for_neighbour(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<Vec<Signal>> {
    Ok(signals::table
        .filter(signals::organisation_id.eq(org))
        .filter(signals::neighbour_id.eq(n))
        .filter(signals::erased_at.is_null())
        .order(signals::id)
        .limit(10_000)
        .select(Signal::as_select())
        .load(conn)?)
}

/// The one outcome that closes a signal, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeRecord {
    pub outcome: SignalOutcome,
    /// Who recorded it (`user:<id>`).
    pub by: String,
    /// The neighbour the signal is now about (a registration), if it changed.
    pub neighbour_id: Option<NeighbourId>,
    pub request_id: Option<RequestId>,
    pub service_id: Option<ServiceId>,
    pub call_id: Option<CallId>,
    pub on: Option<NaiveDate>,
    pub note: Option<String>,
}

/// Closes an open signal with its one outcome: `Conflict("signal_closed")` when it
/// has one already, `NotFound` when it is not this organisation's (or erased). The
/// fields of a registration by name are cleared once the person is a neighbour: the
/// neighbour's record holds them from then on.
pub fn close(conn: &mut DbConnection, org: OrgId, id: SignalId, rec: &OutcomeRecord) -> Result<Signal> {
    let note = match rec.note.as_deref() {
        Some(n) => Some(crate::rules::name(n, MAX_NOTE).map_err(|e| invalid("decided_by", e))?),
        None => None,
    };
    if let Some(s) = rec.service_id {
        crate::service::get(conn, org, s).map_err(|e| e.referring("service_id"))?;
    }
    let target = signals::table
        .filter(signals::organisation_id.eq(org))
        .filter(signals::id.eq(id))
        .filter(signals::erased_at.is_null())
        .filter(signals::outcome.is_null());
    let n = match rec.neighbour_id {
        Some(nid) => diesel::update(target)
            .set((
                signals::neighbour_id.eq(Some(nid)),
                signals::person_name.eq(None::<String>),
                signals::person_phone.eq(None::<String>),
                signals::person_address.eq(None::<String>),
            ))
            .execute(conn)?,
        None => 1,
    };
    let n = if n == 0 {
        0
    } else {
        diesel::update(
            signals::table
                .filter(signals::organisation_id.eq(org))
                .filter(signals::id.eq(id))
                .filter(signals::erased_at.is_null())
                .filter(signals::outcome.is_null()),
        )
        .set((
            signals::outcome.eq(Some(rec.outcome.as_str())),
            signals::outcome_at.eq(Some(clock::now())),
            signals::outcome_by.eq(Some(rec.by.as_str())),
            signals::outcome_request_id.eq(rec.request_id),
            signals::outcome_service_id.eq(rec.service_id),
            signals::outcome_call_id.eq(rec.call_id),
            signals::outcome_on.eq(rec.on.map(date_text)),
            signals::outcome_note.eq(note),
        ))
        .execute(conn)?
    };
    let s = get(conn, org, id)?;
    if n == 0 {
        return Err(StoreError::conflict("signal_closed"));
    }
    Ok(s)
}

/// Clears the personal fields of the signals `target` selects and hides them.
macro_rules! erase_rows {
    ($conn:expr, $target:expr) => {
        diesel::update($target)
            .set((
                signals::person_name.eq(None::<String>),
                signals::person_phone.eq(None::<String>),
                signals::person_address.eq(None::<String>),
                signals::referring_partner.eq(None::<String>),
                signals::text.eq(""),
                signals::outcome_note.eq(None::<String>),
                signals::erased_at.eq(Some(clock::now())),
            ))
            .execute($conn)
    };
}

/// Erases one signal (GDPR, e.g. about a person who never registered): its personal
/// fields are cleared and it no longer shows. `NotFound` if not this organisation's or
/// erased before.
pub fn erase(conn: &mut DbConnection, org: OrgId, id: SignalId) -> Result<Signal> {
    let s = get(conn, org, id)?;
    erase_rows!(
        conn,
        signals::table
            .filter(signals::organisation_id.eq(org))
            .filter(signals::id.eq(id))
            .filter(signals::erased_at.is_null())
    )?;
    Ok(s)
}

/// Erases every signal about a neighbour (part of erasing the neighbour); returns how
/// many.
pub fn erase_for_neighbour(conn: &mut DbConnection, org: OrgId, n: NeighbourId) -> Result<usize> {
    Ok(erase_rows!(
        conn,
        signals::table
            .filter(signals::organisation_id.eq(org))
            .filter(signals::neighbour_id.eq(n))
            .filter(signals::erased_at.is_null())
    )?)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends() {
        let fri = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(
            add_working_days(fri, 1),
            NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
        );
        assert_eq!(
            add_working_days(fri, 5),
            NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()
        );
        let sat = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(
            add_working_days(sat, 5),
            NaiveDate::from_ymd_opt(2026, 12, 11).unwrap()
        );
        assert_eq!(add_working_days(sat, 0), sat);
    }

    #[test]
    fn codes_round_trip() {
        for s in SignalSource::ALL {
            assert_eq!(SignalSource::parse(s.as_str()), Some(*s));
        }
        for d in LifeDomain::ALL {
            assert_eq!(LifeDomain::parse(d.as_str()), Some(*d));
        }
        assert_eq!(SignalSource::ReferralCard.default_contact_days(), 5);
    }
}
