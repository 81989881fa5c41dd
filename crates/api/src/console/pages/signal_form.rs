//! Noting a new signal in the console (`/signals/new`, also from a neighbour's page
//! with `?neighbour_id=`): what was typed, a plain message per field that is wrong,
//! and the page.

use super::neighbour::query_param;
use super::signals::{domain_text, source_text};
use super::*;
use crate::auth::Caller;
use crate::blocking::run;
use crate::console::html::Shell;
use crate::console::{Ctx, Form};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use chrono::NaiveDate;
use nabij_i18n::t;
use nabij_store::neighbourhood::Neighbourhood;
use nabij_store::signal::{self, Basis, LifeDomain, NewSignal, SignalSource, Subject};
use nabij_store::{neighbourhood, rules, NeighbourId, NeighbourhoodId, StoreError};
use std::collections::HashMap;

const FIELDS: &[&str] = &[
    "neighbour_id",
    "person_name",
    "person_phone",
    "person_address",
    "basis",
    "source",
    "referring_partner",
    "signed_on",
    "text",
    "contact_by",
    "neighbourhood_id",
];

/// What was typed, and what is wrong with it.
#[derive(Default)]
pub(super) struct SignalForm {
    values: HashMap<&'static str, String>,
    domains: Vec<String>,
    errors: Vec<(&'static str, String)>,
    general: Option<String>,
}

impl SignalForm {
    fn from_form(form: &Form) -> Self {
        SignalForm {
            values: FIELDS
                .iter()
                .map(|f| (*f, form.text(f).replace("\r\n", "\n")))
                .collect(),
            domains: form.all("life_domains"),
            ..Default::default()
        }
    }

    fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    fn fail(&mut self, l: Lang, field: &'static str, code: &str) {
        if !self.errors.iter().any(|(f, _)| *f == field) {
            let msg = t(l, "signal-check", &[("code", code.to_string().into())]);
            self.errors.push((field, msg));
        }
    }

    fn date(&mut self, l: Lang, field: &'static str) -> Option<NaiveDate> {
        match self.value(field) {
            "" => None,
            v => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
                Ok(d) => Some(d),
                Err(_) => {
                    self.fail(l, field, "date");
                    None
                }
            },
        }
    }

    /// Checks what was typed with the store's rules; the signal when all is well.
    fn check(&mut self, l: Lang, caller: &Caller, hoods: &[Neighbourhood]) -> Option<NewSignal> {
        let source = SignalSource::parse(self.value("source"));
        if source.is_none() {
            self.fail(l, "source", "choose");
        }
        let subject = match parse_id(self.value("neighbour_id")) {
            Some(id) => Some(Subject::Neighbour(NeighbourId(id))),
            None => {
                let name = self.value("person_name").to_string();
                if rules::display_name(&name).is_err() {
                    self.fail(l, "person_name", "name");
                }
                let phone = self.value("person_phone").to_string();
                if rules::phone(Some(&phone)).is_err() {
                    self.fail(l, "person_phone", "other");
                }
                let address = self.value("person_address").to_string();
                if rules::line(&address, signal::MAX_ADDRESS).is_err() {
                    self.fail(l, "person_address", "other");
                }
                if phone.is_empty() && address.is_empty() {
                    self.fail(l, "person_phone", "reach");
                }
                let basis = Basis::parse(self.value("basis"));
                if basis.is_none() {
                    self.fail(l, "basis", "choose");
                }
                basis.map(|basis| Subject::Person {
                    name,
                    phone: Some(phone).filter(|p| !p.is_empty()),
                    address: Some(address).filter(|a| !a.is_empty()),
                    basis,
                })
            }
        };
        let domains: Vec<LifeDomain> = self.domains.iter().filter_map(|d| LifeDomain::parse(d)).collect();
        if domains.is_empty() || domains.len() != self.domains.len() {
            self.fail(l, "life_domains", "domains");
        }
        let text = self.value("text").to_string();
        if rules::text(&text, signal::MAX_TEXT).is_err() {
            self.fail(l, "text", "other");
        }
        let partner = self.value("referring_partner").to_string();
        if rules::line(&partner, signal::MAX_PARTNER).is_err() {
            self.fail(l, "referring_partner", "other");
        }
        let signed_on = self.date(l, "signed_on");
        let contact_by = self.date(l, "contact_by");
        if source == Some(SignalSource::ReferralCard) && (partner.is_empty() || signed_on.is_none()) {
            self.fail(l, "referring_partner", "card");
        }
        let hood = match self.value("neighbourhood_id") {
            "" => None,
            v => {
                let found = parse_id(v).and_then(|id| hoods.iter().find(|h| h.id.get() == id));
                if found.is_none() {
                    self.fail(l, "neighbourhood_id", "choose");
                }
                found.map(|h| h.id)
            }
        };
        let (source, subject) = (source?, subject?);
        if !self.errors.is_empty() {
            return None;
        }
        Some(NewSignal {
            neighbourhood_id: hood,
            subject,
            source,
            referring_partner: Some(partner).filter(|p| !p.is_empty()),
            referring_service_id: None,
            signed_on: signed_on.filter(|_| source == SignalSource::ReferralCard),
            life_domains: domains,
            text,
            contact_by,
            filed_by: caller.actor().to_string(),
        })
    }
}

#[derive(Template)]
#[template(path = "console/signal_new.html")]
struct NewPage<'a> {
    shell: Shell,
    csrf: &'a str,
    l: Lang,
    /// The neighbour it is about (from their page): id and name.
    about: Option<(i64, String)>,
    f: &'a SignalForm,
    sources: Vec<(String, String)>,
    bases: Vec<(String, String)>,
    domains: Vec<(String, String, bool)>,
    hoods: Vec<(String, String)>,
    /// The blank first choice of the basis and source selects ("—": choose one).
    no_blank: Option<String>,
    hood_blank: Option<String>,
}

impl NewPage<'_> {
    fn label(&self, field: &str) -> String {
        t(
            self.l,
            "signal-form-label",
            &[("field", field.to_string().into())],
        )
    }
    fn v(&self, field: &str) -> &str {
        self.f.value(field)
    }
    fn err(&self, field: &str) -> Option<String> {
        self.f
            .errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.clone())
    }
    fn errors(&self) -> &[(&'static str, String)] {
        &self.f.errors
    }
    fn general(&self) -> Option<&str> {
        self.f.general.as_deref()
    }
}

fn new_page(
    ctx: &Ctx,
    status: StatusCode,
    about: Option<(i64, String)>,
    hoods: &[Neighbourhood],
    f: &SignalForm,
) -> HttpResponse {
    let l = ctx.lang;
    let page = NewPage {
        shell: ctx.shell(match &about {
            Some((_, name)) => t(l, "signal-new-about", &[("name", name.clone().into())]),
            None => l.text("signal-new-title"),
        }),
        csrf: &ctx.csrf,
        l,
        about,
        f,
        sources: SignalSource::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), source_text(l, s.as_str())))
            .collect(),
        bases: Basis::ALL
            .iter()
            .map(|b| {
                let code = b.as_str();
                (code.to_string(), t(l, "signal-basis", &[("code", code.into())]))
            })
            .collect(),
        domains: LifeDomain::ALL
            .iter()
            .map(|d| {
                let code = d.as_str().to_string();
                let ticked = f.domains.contains(&code);
                (code.clone(), domain_text(l, &code), ticked)
            })
            .collect(),
        hoods: hoods.iter().map(|h| (h.id.to_string(), h.name.clone())).collect(),
        no_blank: Some("—".to_string()),
        hood_blank: Some(l.text("signal-hood-none")),
    };
    ctx.render(status, &page)
}

/// The neighbourhoods the caller may see, and the neighbour `neighbour_id` names
/// (`NotFound` when the caller may not see them).
async fn context(
    state: &web::Data<AppState>,
    caller: &Caller,
    neighbour_id: Option<i64>,
) -> Result<(Vec<Neighbourhood>, Option<(i64, String, Option<NeighbourhoodId>)>), ApiError> {
    let st = state.clone();
    let who = caller.clone();
    run(move || {
        st.store.read_as(|c| {
            let hoods = neighbourhood::list(c, who.org)?
                .into_iter()
                .filter(|h| who.sees_neighbourhood(Some(h.id)))
                .collect();
            let about = match neighbour_id {
                Some(id) => {
                    let n = nabij_ops::neighbours::visible(c, &who, NeighbourId(id))?;
                    Some((id, n.display_name, n.neighbourhood_id))
                }
                None => None,
            };
            Ok::<_, ApiError>((hoods, about))
        })
    })
    .await
}

pub async fn new_form(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let raw = query_param(&req, "neighbour_id");
    let neighbour_id = parse_id(&raw);
    if !raw.is_empty() && neighbour_id.is_none() {
        return ctx.not_found();
    }
    match context(&state, &caller, neighbour_id).await {
        Ok((hoods, about)) => {
            let mut f = SignalForm::default();
            if let Some((id, _, hood)) = &about {
                f.values.insert("neighbour_id", id.to_string());
                f.values.insert("source", "coordinator".into());
                if let Some(h) = hood {
                    f.values.insert("neighbourhood_id", h.to_string());
                }
            }
            new_page(&ctx, StatusCode::OK, about.map(|(id, n, _)| (id, n)), &hoods, &f)
        }
        Err(ApiError::Store(StoreError::NotFound)) => ctx.not_found(),
        Err(e) => ctx.failure(&e),
    }
}

pub async fn file(req: HttpRequest, state: web::Data<AppState>, body: web::Bytes) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form) = posted!(ctx, body);
    let mut f = SignalForm::from_form(&form);
    let neighbour_id = parse_id(f.value("neighbour_id"));
    let (hoods, about) = match context(&state, &caller, neighbour_id).await {
        Ok(x) => x,
        Err(ApiError::Store(StoreError::NotFound)) => return ctx.not_found(),
        Err(e) => return ctx.failure(&e),
    };
    let about = about.map(|(id, n, _)| (id, n));
    let Some(new) = f.check(ctx.lang, &caller, &hoods) else {
        return new_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, about, &hoods, &f);
    };
    let st = state.clone();
    let written = run(move || {
        st.store
            .write_as(|c| nabij_ops::signals::file(c, &caller, &new).map_err(ApiError::from))
    })
    .await;
    match written {
        Ok(s) => ctx.redirect(&format!("/signals/{}?done=filed", s.id)),
        Err(ApiError::BadRequest { .. })
        | Err(ApiError::Store(StoreError::Invalid(_)))
        | Err(ApiError::Store(StoreError::UnknownReference(_))) => {
            f.general = Some(ctx.lang.text("signal-not-saved"));
            new_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, about, &hoods, &f)
        }
        Err(e) => ctx.failure(&e),
    }
}
