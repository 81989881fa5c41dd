//! The scope guard's verdict on a request, and a coordinator's override of it.

use super::super::*;
use crate::blocking::run;
use crate::console::html::{csrf_field, esc, table};
use crate::console::{Ctx, Form, Lang};
use crate::error::ApiError;
use crate::routes::requests;
use crate::routes::requests::body::OverrideIn;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::request::Request;
use nabij_store::service::Service;
use nabij_store::{RequestId, StoreError};
use std::fmt::Write as _;

/// The scope guard's verdict with its reasons, and the services that fit an
/// out-of-scope request (`fitting`).
pub(super) fn verdict_section(l: Lang, r: &Request, fitting: &[&Service]) -> String {
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
    let mut main = format!(
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
    let reasons = r.scope().map(|s| s.reasons).unwrap_or_default();
    if !reasons.is_empty() {
        main.push_str("<ul class=\"reasons\">");
        for reason in &reasons {
            let _ = write!(main, "<li>{}</li>", esc(reason.text(l.code())));
        }
        main.push_str("</ul>");
    }
    if !r.scope_in_scope && !fitting.is_empty() {
        let rows: Vec<Vec<String>> = fitting
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
            "<h3>{}</h3>{}",
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
    main.push_str("</section>");
    main
}

/// The override form of a waiting request.
pub(super) fn override_section(ctx: &Ctx, r: &Request) -> String {
    override_form(ctx, r.id, &r.scope_category, "", None)
}

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

/// `POST /v1/requests/{id}/scope-override` from a form: the same validation and the
/// same [`requests::override_in`].
pub async fn scope_override(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let (caller, form, id) = posted!(ctx, body, path);
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
            let r = requests::override_scope(c, &caller, RequestId(id), category, &reason)?;
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
