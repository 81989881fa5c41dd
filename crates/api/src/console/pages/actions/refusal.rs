//! Why a change could not be made, in words a coordinator understands.

use crate::console::Lang;
use crate::error::ApiError;
use actix_web::http::StatusCode;
use nabij_store::StoreError;

/// A plain explanation of why a change was refused, `who` naming the person it is
/// about when known; `None` for failures that are not the coordinator's to solve.
pub(super) fn refusal(l: Lang, e: &ApiError, who: Option<&str>) -> Option<String> {
    let who = who.unwrap_or(l.t("Deze buur", "Ce voisin", "This neighbour"));
    let text = match e {
        ApiError::Store(StoreError::Conflict(code)) => match code.as_str() {
            "capacity_reached" => format!(
                "{who} {}",
                l.t(
                    "heeft op dit moment geen ruimte meer om nog met iemand mee te gaan.",
                    "n’a plus de place pour accompagner quelqu’un en ce moment.",
                    "has no room left to join anyone at the moment.",
                )
            ),
            "neighbour_paused" => format!(
                "{who} {}",
                l.t("neemt even pauze.", "fait une pause.", "is taking a break.")
            ),
            "declined_before" => format!(
                "{who} {}",
                l.t(
                    "werd eerder al eens samen met deze persoon voorgesteld en dat ging toen niet door. We stellen hen niet opnieuw voor.",
                    "a déjà été proposé avec cette personne et cela ne s’est pas fait. Nous ne les proposons plus ensemble.",
                    "was proposed with this person before and it did not go ahead. We do not propose them together again.",
                )
            ),
            "already_proposed" => format!(
                "{who} {}",
                l.t(
                    "is al voorgesteld voor deze vraag.",
                    "est déjà proposé pour cette demande.",
                    "is already proposed for this request.",
                )
            ),
            "already_declined" => l
                .t(
                    "Deze persoon zei al nee op dit voorstel.",
                    "Cette personne a déjà dit non à cette proposition.",
                    "This person already said no to this proposal.",
                )
                .to_string(),
            "match_not_proposed" => l
                .t(
                    "Op dit voorstel werd intussen al geantwoord.",
                    "Cette proposition a déjà reçu une réponse entre-temps.",
                    "This proposal was answered meanwhile.",
                )
                .to_string(),
            "match_not_active" => l
                .t(
                    "Deze koppeling loopt niet (meer) en kan dus niet afgesloten worden.",
                    "Cette mise en contact n’est pas (plus) en cours et ne peut donc pas être clôturée.",
                    "This match is not running (any more), so it cannot be closed.",
                )
                .to_string(),
            _ => l
                .t(
                    "Deze vraag is intussen veranderd (bijvoorbeeld al doorverwezen of afgesloten). Bekijk ze opnieuw.",
                    "Cette demande a changé entre-temps (par exemple déjà orientée ou clôturée). Regardez-la à nouveau.",
                    "This request changed meanwhile (for example already referred or closed). Look at it again.",
                )
                .to_string(),
        },
        ApiError::Store(StoreError::NotFound) => format!(
            "{who} {}",
            l.t(
                "is niet (meer) bij ons ingeschreven.",
                "n’est pas (plus) inscrit chez nous.",
                "is not (or no longer) registered with us.",
            )
        ),
        ApiError::BadRequest { .. }
        | ApiError::Store(StoreError::Invalid(_))
        | ApiError::Store(StoreError::UnknownReference(_)) => l
            .t(
                "Deze keuze kan niet bewaard worden. Kijk ze na en probeer opnieuw.",
                "Ce choix ne peut pas être enregistré. Vérifiez-le et réessayez.",
                "This choice cannot be saved. Check it and try again.",
            )
            .to_string(),
        _ => return None,
    };
    Some(text)
}

/// The status a refused change answers with.
pub(super) fn refusal_status(e: &ApiError) -> StatusCode {
    match e {
        // Something chosen on the page that is gone meanwhile (a removed service) is a
        // conflict with the current state, as before the API said 422 for it.
        ApiError::Store(StoreError::Conflict(_))
        | ApiError::Store(StoreError::NotFound)
        | ApiError::Store(StoreError::UnknownReference(_)) => StatusCode::CONFLICT,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}
