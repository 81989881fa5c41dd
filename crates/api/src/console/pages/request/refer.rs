//! Referring a request to a service of the organisation's directory (toeleiding), and
//! the referrals made before. Posted to [`crate::console::pages::actions`].

use super::Leftovers;
use crate::console::html::{csrf_field, esc};
use crate::console::{Ctx, Lang};
use nabij_store::referral::Referral;
use nabij_store::request::Request;
use nabij_store::service::Service;
use nabij_store::ServiceId;
use std::fmt::Write as _;

pub(in crate::console::pages) fn reason_text(l: Lang, code: &str) -> &'static str {
    match code {
        "out_of_scope" => l.t(
            "Geen kleine hulp: dit hoort bij een dienst",
            "Pas une petite aide : cela relève d’un service",
            "Not small help: this belongs with a service",
        ),
        "no_match" => l.t(
            "Niemand in de buurt gevonden",
            "Personne trouvé à proximité",
            "Nobody found nearby",
        ),
        "coordinator_choice" => l.t(
            "Eigen keuze van de aanspreekpersoon",
            "Choix du coordinateur",
            "The coordinator’s choice",
        ),
        _ => l.t("Andere reden", "Autre raison", "Other reason"),
    }
}

/// The reason a referral of this request most likely has.
fn default_reason(r: &Request) -> &'static str {
    if !r.scope_in_scope {
        "out_of_scope"
    } else if r.status == "referral_needed" {
        "no_match"
    } else {
        "coordinator_choice"
    }
}

fn option(s: &Service, picked: &str) -> String {
    let id = s.id.get();
    let selected = if picked == id.to_string() { " selected" } else { "" };
    format!("<option value=\"{id}\"{selected}>{}</option>", esc(&s.name))
}

/// The section: earlier referrals, and the form while the request waits (open or
/// referral needed). `fitting` are the services that fit the request's category.
pub(super) fn section(
    ctx: &Ctx,
    r: &Request,
    services: &[Service],
    fitting: &[ServiceId],
    referrals: &[Referral],
    left: &Leftovers,
) -> String {
    let l = ctx.lang;
    let waiting = matches!(r.status.as_str(), "open" | "referral_needed");
    if !waiting && referrals.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "<section aria-labelledby=\"refer\"><h2 id=\"refer\">{}</h2>",
        esc(l.t(
            "Doorverwijzen naar een dienst",
            "Orienter vers un service",
            "Refer to a service"
        ))
    );
    if !referrals.is_empty() {
        out.push_str("<ul class=\"referrals\">");
        for f in referrals {
            let service = f
                .service_id
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map(|s| s.name.as_str())
                .unwrap_or(l.t(
                    "geen dienst uit de lijst",
                    "aucun service de la liste",
                    "no service from the list",
                ));
            let _ = write!(
                out,
                "<li>{}: {} {} ({})</li>",
                f.created_at.format("%d/%m/%Y"),
                esc(l.t("doorverwezen naar", "orientée vers", "referred to")),
                esc(service),
                esc(reason_text(l, &f.reason)),
            );
        }
        out.push_str("</ul>");
    }
    if !waiting {
        out.push_str("</section>");
        return out;
    }
    let f = left.refer.as_ref();
    let picked = match f {
        Some(f) => f.service_id.clone(),
        None => fitting.first().map(|s| s.get().to_string()).unwrap_or_default(),
    };
    let reason = f
        .map(|f| f.reason.as_str())
        .filter(|r| !r.is_empty())
        .unwrap_or(default_reason(r));
    let error = left.error.as_ref().filter(|(s, _)| *s == "refer");
    let _ = write!(
        out,
        "<p class=\"hint\">{}</p><form method=\"post\" action=\"/requests/{}/refer\" class=\"stack\">{}\
         <div class=\"field\"><label for=\"service_id\">{}</label><select id=\"service_id\" name=\"service_id\">\
         <option value=\"\">{}</option>",
        esc(l.t(
            "De persoon en u krijgen bericht. De vraag wordt niet meer aan buren voorgesteld.",
            "La personne et vous serez prévenus. La demande ne sera plus proposée aux voisins.",
            "The person and you will hear of it. The request is no longer offered to neighbours.",
        )),
        r.id,
        csrf_field(&ctx.csrf),
        esc(l.t(
            "Dienst uit de sociale kaart",
            "Service de la carte sociale",
            "Service from the directory"
        )),
        esc(l.t(
            "Geen dienst uit de lijst",
            "Aucun service de la liste",
            "No service from the list"
        )),
    );
    let (fit, rest): (Vec<&Service>, Vec<&Service>) = services.iter().partition(|s| fitting.contains(&s.id));
    for (label, group) in [
        (
            l.t(
                "Past bij deze vraag",
                "Convient à cette demande",
                "Fits this request",
            ),
            &fit,
        ),
        (l.t("Andere diensten", "Autres services", "Other services"), &rest),
    ] {
        if group.is_empty() {
            continue;
        }
        let _ = write!(out, "<optgroup label=\"{}\">", esc(label));
        for s in group {
            out.push_str(&option(s, &picked));
        }
        out.push_str("</optgroup>");
    }
    out.push_str("</select>");
    if services.is_empty() {
        let _ = write!(
            out,
            "<p class=\"hint\"><a href=\"/services\">{}</a></p>",
            esc(l.t(
                "Nog geen diensten: vul de sociale kaart aan",
                "Pas encore de services : complétez la carte sociale",
                "No services yet: fill in the directory"
            ))
        );
    }
    let _ = write!(
        out,
        "</div><fieldset class=\"field\"><legend>{}</legend>",
        esc(l.t("Waarom doorverwijzen?", "Pourquoi orienter ?", "Why refer?"))
    );
    for code in ["out_of_scope", "no_match", "coordinator_choice"] {
        let checked = if code == reason { " checked" } else { "" };
        let _ = write!(
            out,
            "<div class=\"choice\"><input type=\"radio\" id=\"reason-{code}\" name=\"reason\" value=\"{code}\"{checked}><label for=\"reason-{code}\">{}</label></div>",
            esc(reason_text(l, code))
        );
    }
    out.push_str("</fieldset>");
    if let Some((_, message)) = error {
        let _ = write!(out, "<p class=\"error\">{}</p>", esc(message));
    }
    let _ = write!(
        out,
        "<p><button type=\"submit\">{}</button></p></form></section>",
        esc(l.t("Doorverwijzen", "Orienter", "Refer"))
    );
    out
}
