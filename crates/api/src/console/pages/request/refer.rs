//! Referring a request to a service of the organisation's directory (toeleiding), and
//! the referrals made before. Posted to [`crate::console::pages::actions`].

use super::{Choices, Leftovers};
use crate::console::{Ctx, Lang};
use askama::Template;
use nabij_i18n::t;
use nabij_store::referral::Referral;
use nabij_store::request::Request;
use nabij_store::request::RequestStatus;
use nabij_store::service::Service;
use nabij_store::{RequestId, ServiceId};

/// Why a request was referred (catalogue `request-referral-reason`).
pub(in crate::console::pages) fn reason_text(l: Lang, code: &str) -> String {
    t(l, "request-referral-reason", &[("code", code.into())])
}

/// The reason a referral of this request most likely has.
fn default_reason(r: &Request) -> &'static str {
    if !r.scope_in_scope {
        "out_of_scope"
    } else if r.status == RequestStatus::ReferralNeeded {
        "no_match"
    } else {
        "coordinator_choice"
    }
}

/// A service in the list.
struct ServiceOption {
    id: i64,
    name: String,
    selected: bool,
}

/// Services under a heading: those that fit the request, then the others.
struct ServiceGroup {
    label: String,
    options: Vec<ServiceOption>,
}

/// The referral form, as filled in.
struct ReferForm {
    /// Only groups with services.
    groups: Vec<ServiceGroup>,
    /// The directory is empty: a link to fill it in.
    no_services: bool,
    reasons: Choices,
    error: Option<String>,
}

/// The section (`console/request/refer.html`).
#[derive(Template)]
#[template(path = "console/request/refer.html")]
pub(super) struct ReferSection<'a> {
    l: Lang,
    csrf: &'a str,
    id: RequestId,
    /// The referrals made before, one sentence each.
    done: Vec<String>,
    /// While the request waits (open or referral needed).
    form: Option<ReferForm>,
}

/// The section: earlier referrals, and the form while the request waits (open or
/// referral needed); none when there is neither. `fitting` are the services that fit
/// the request's category.
pub(super) fn section<'a>(
    ctx: &'a Ctx,
    r: &Request,
    services: &[Service],
    fitting: &[ServiceId],
    referrals: &[Referral],
    left: &Leftovers,
) -> Option<ReferSection<'a>> {
    let l = ctx.lang;
    let waiting = matches!(r.status.as_str(), "open" | "referral_needed");
    if !waiting && referrals.is_empty() {
        return None;
    }
    let done = referrals
        .iter()
        .map(|f| {
            let service = f
                .service_id
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map(|s| s.name.clone())
                .unwrap_or_else(|| l.text("request-refer.item-no-service"));
            t(
                l,
                "request-refer.item",
                &[
                    ("date", f.created_at.format("%d/%m/%Y").to_string().into()),
                    ("service", service.into()),
                    ("reason", reason_text(l, &f.reason).into()),
                ],
            )
        })
        .collect();
    let form = waiting.then(|| {
        let typed = left.refer.as_ref();
        let picked = match typed {
            Some(f) => f.service_id.clone(),
            None => fitting.first().map(|s| s.get().to_string()).unwrap_or_default(),
        };
        let reason = typed
            .map(|f| f.reason.as_str())
            .filter(|r| !r.is_empty())
            .unwrap_or(default_reason(r));
        let (fit, rest): (Vec<&Service>, Vec<&Service>) =
            services.iter().partition(|s| fitting.contains(&s.id));
        let groups = [("request-refer.fits", fit), ("request-refer.others", rest)]
            .into_iter()
            .filter(|(_, group)| !group.is_empty())
            .map(|(key, group)| ServiceGroup {
                label: l.text(key),
                options: group
                    .into_iter()
                    .map(|s| ServiceOption {
                        id: s.id.get(),
                        name: s.name.clone(),
                        selected: picked == s.id.get().to_string(),
                    })
                    .collect(),
            })
            .collect();
        let codes = ["out_of_scope", "no_match", "coordinator_choice"];
        ReferForm {
            groups,
            no_services: services.is_empty(),
            reasons: Choices::new(
                l.text("request-refer.why"),
                "reason",
                "reason".to_string(),
                codes.map(|code| (code, reason_text(l, code))),
                reason,
            ),
            error: left
                .error
                .as_ref()
                .filter(|(s, _)| *s == "refer")
                .map(|(_, m)| m.clone()),
        }
    });
    Some(ReferSection {
        l,
        csrf: &ctx.csrf,
        id: r.id,
        done,
        form,
    })
}
