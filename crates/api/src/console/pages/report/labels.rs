//! The report's words in Dutch, French and English: sections, lines, months.

use crate::console::Lang;
use nabij_store::report::{LineKey, Metric, Month, Section};

pub(super) fn section(l: Lang, s: Section) -> &'static str {
    match s {
        Section::Requests => l.t("Vragen per soort", "Demandes par type", "Requests by kind"),
        Section::Matches => l.t("Koppelingen", "Mises en contact", "Matches"),
        Section::Referrals => l.t(
            "Doorverwijzingen en hun reden",
            "Orientations et leur raison",
            "Referrals and their reasons",
        ),
        Section::Unmet => l.t(
            "Vragen nog zonder koppeling",
            "Demandes encore sans mise en contact",
            "Requests still without a match",
        ),
        Section::Missing => l.t(
            "Waar buren die willen helpen ontbreken",
            "Où manquent des voisins prêts à aider",
            "Where neighbours who like to help are missing",
        ),
        Section::Reach => l.t(
            "Hoe mensen bereikt werden",
            "Comment les personnes ont été jointes",
            "How people were reached",
        ),
    }
}

pub(super) fn metric(l: Lang, m: Metric) -> &'static str {
    use Metric::*;
    match m {
        RequestsEmotional => l.t(
            "Een luisterend oor, een bezoek",
            "Une oreille attentive, une visite",
            "A listening ear, a visit",
        ),
        RequestsCompanionship => l.t(
            "Samen iets doen",
            "Faire quelque chose ensemble",
            "Doing something together",
        ),
        RequestsPractical => l.t(
            "Een kleine praktische hand",
            "Un petit coup de main pratique",
            "A small practical hand",
        ),
        MatchesStarted => l.t(
            "Gestart (iedereen zei ja)",
            "Commencées (tout le monde a dit oui)",
            "Started (everyone said yes)",
        ),
        MatchesClosedMutual => l.t(
            "Afgesloten, en hulp gaat nu over en weer",
            "Clôturées, l’aide va maintenant dans les deux sens",
            "Closed, with help now going both ways",
        ),
        ReferralsStructural => l.t(
            "Te vaak of vast werk",
            "Aide trop fréquente ou régulière",
            "Frequent or structural help",
        ),
        ReferralsHeavy => l.t("Zwaar werk", "Travail lourd", "Heavy work"),
        ReferralsPersonalCare => l.t("Persoonlijke verzorging", "Soins personnels", "Personal care"),
        ReferralsOutOfScopeOther => l.t(
            "Buiten buurthulp, andere reden",
            "Hors de l’aide de voisinage, autre raison",
            "Outside neighbourly help, other reason",
        ),
        ReferralsNoMatch => l.t("Niemand gevonden", "Personne trouvé", "Nobody found"),
        ReferralsCoordinatorChoice => l.t(
            "Keuze van de aanspreekpersoon",
            "Choix de la personne de contact",
            "Coordinator’s choice",
        ),
        UnmetOpen => l.t("Nog open", "Encore ouvertes", "Still open"),
        UnmetExpired => l.t("Verlopen", "Expirées", "Expired"),
        UnmetReferralNeeded => l.t(
            "Wachten op doorverwijzing",
            "En attente d’orientation",
            "Waiting for a referral",
        ),
        NoCandidateNearby => l.t(
            "Wachtende vragen waarvoor nu niemand in de buurt kan",
            "Demandes en attente pour lesquelles personne n’est disponible à proximité",
            "Waiting requests nobody nearby can take now",
        ),
        TagNotOffered => l.t(
            "Vragen naar iets wat niemand anders in de buurt aanbiedt",
            "Demandes de quelque chose que personne d’autre dans le quartier ne propose",
            "Requests for something nobody else in the neighbourhood offers",
        ),
        RegisteredHomeVisit => l.t(
            "Ingeschreven bij een huisbezoek",
            "Inscrits lors d’une visite à domicile",
            "Registered during a home visit",
        ),
        RegisteredPhoneRound => l.t(
            "Ingeschreven tijdens een belronde",
            "Inscrits lors d’une tournée d’appels",
            "Registered during a phone round",
        ),
        RegisteredReferralCard => l.t(
            "Ingeschreven met een doorverwijskaart",
            "Inscrits avec une carte d’orientation",
            "Registered with a referral card",
        ),
        RegisteredSelf => l.t("Zelf ingeschreven", "Inscrits eux-mêmes", "Registered themselves"),
        CallsMade => l.t(
            "Telefoontjes gedaan (mensen zonder e-mail)",
            "Appels passés (personnes sans e-mail)",
            "Calls made (people without e-mail)",
        ),
    }
}

fn total(l: Lang, s: Section) -> &'static str {
    match s {
        Section::Requests => l.t("Alle vragen", "Toutes les demandes", "All requests"),
        Section::Referrals => l.t(
            "Alle doorverwijzingen",
            "Toutes les orientations",
            "All referrals",
        ),
        Section::Unmet => l.t(
            "Alle vragen nog zonder koppeling",
            "Toutes les demandes sans mise en contact",
            "All requests without a match",
        ),
        Section::Reach => l.t(
            "Alle inschrijvingen",
            "Toutes les inscriptions",
            "All registrations",
        ),
        Section::Matches | Section::Missing => l.t("Samen", "Total", "Total"),
    }
}

pub(super) fn line(l: Lang, key: LineKey) -> &'static str {
    match key {
        LineKey::Metric(m) => metric(l, m),
        LineKey::Total(s) => total(l, s),
    }
}

/// `jan 2026`, `janv. 2026`, `Jan 2026`.
pub(super) fn month(l: Lang, m: Month) -> String {
    const NL: [&str; 12] = [
        "jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
    ];
    const FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ];
    const EN: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let i = (m.month.clamp(1, 12) - 1) as usize;
    let name = match l {
        Lang::Nl => NL[i],
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    };
    format!("{name} {}", m.year)
}
