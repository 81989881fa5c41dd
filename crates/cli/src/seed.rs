//! Demo data: the four pilot municipalities of the practice documents (see
//! docs/design.md): Pelt, Hamont-Achel, Deerlijk and Moorslede, as four organisations,
//! each with its neighbourhoods, a few hundred synthetic neighbours, some open requests,
//! a small service directory and one coordinator.
//! Loaded once: an organisation that exists already is left alone.

use anyhow::Context;
use chrono::Utc;
use nabij_engine::availability::Window;
use nabij_engine::scope::{classify, ScopeInput};
use nabij_engine::synth;
use nabij_engine::tags::Vocabulary;
use nabij_store::neighbour::{Consent, ConsentChannel, NewNeighbour};
use nabij_store::organisation::{NewOrganisation, OrgSettings};
use nabij_store::request::NewRequest;
use nabij_store::service::NewService;
use nabij_store::{neighbour, neighbourhood, organisation, request, service, user, Store};

/// Password of the demo coordinators (demo data only; printed at start).
pub const DEMO_PASSWORD: &str = "buurtgezel-demo";

pub const DEMO_ORGS: [(&str, &str, usize); 4] = [
    ("pelt", "Gemeente Pelt", 400),
    ("hamont-achel", "Stad Hamont-Achel", 250),
    ("deerlijk", "Gemeente Deerlijk", 250),
    ("moorslede", "Gemeente Moorslede", 250),
];

/// The e-mail address of a demo coordinator.
pub fn demo_email(slug: &str) -> String {
    format!("coordinator@{slug}.example")
}

pub struct SeedOutcome {
    pub created: Vec<String>,
    pub existing: Vec<String>,
}

const REQUEST_TEXTS: [(&str, &str, &[&str]); 10] = [
    (
        "companionship",
        "Ik zou graag af en toe samen gaan wandelen in de buurt.",
        &["walking"],
    ),
    (
        "practical",
        "Wie kan mij helpen om WhatsApp te installeren op mijn gsm?",
        &["phone_help"],
    ),
    (
        "emotional",
        "Sinds mijn man overleden is, zou ik graag eens iemand over de vloer hebben voor een babbel.",
        &["coffee_visit", "listening_ear"],
    ),
    (
        "practical",
        "Kan iemand deze week boodschappen voor mij meebrengen? Ik ben slecht te been.",
        &["shopping"],
    ),
    (
        "companionship",
        "Wie speelt er graag een kaartje mee op dinsdagnamiddag?",
        &["games"],
    ),
    (
        "practical",
        "Mijn fietsband is plat, wie kan helpen?",
        &["bicycle_repair"],
    ),
    (
        "companionship",
        "Samen naar de markt op vrijdag zou ik fijn vinden.",
        &["market_visit"],
    ),
    (
        "practical",
        "Een lamp ophangen in de living, ik kan niet meer op een ladder.",
        &["small_repairs"],
    ),
    (
        "practical",
        "Hulp gezocht om elke week mijn huis te poetsen.",
        &[],
    ),
    (
        "practical",
        "Wie kan mij helpen met wassen en aankleden 's ochtends?",
        &[],
    ),
];

fn services() -> Vec<NewService> {
    let s = |name: &str, description: &str, categories: &[&str]| NewService {
        name: name.to_string(),
        description: description.to_string(),
        categories: categories.iter().map(|c| (*c).to_string()).collect(),
        phone: Some("011 00 00 00".to_string()),
        email: None,
        website: None,
        area: None,
    };
    vec![
        s(
            "Thuisverpleging (demo)",
            "Verpleegkundige zorg aan huis: medicatie, wondzorg, hygiëne.",
            &["personal_care"],
        ),
        s(
            "Gezinszorg en aanvullende thuiszorg (demo)",
            "Hulp bij persoonsverzorging en huishouden.",
            &["personal_care", "structural"],
        ),
        s(
            "Poetsdienst via dienstencheques (demo)",
            "Wekelijkse hulp bij het poetsen.",
            &["structural"],
        ),
        s(
            "Klusjesdienst OCMW (demo)",
            "Grotere klussen, tuinonderhoud, verhuis.",
            &["heavy", "structural"],
        ),
        s(
            "Sociaal huis — onthaal (demo)",
            "Eerste aanspreekpunt voor elke vraag.",
            &["no_match", "personal_care", "structural", "heavy"],
        ),
    ]
}

/// Loads the demo organisations that do not exist yet.
pub fn demo(store: &Store) -> anyhow::Result<SeedOutcome> {
    let mut out = SeedOutcome {
        created: Vec::new(),
        existing: Vec::new(),
    };
    let password_hash = nabij_api::auth::password::hash_password(DEMO_PASSWORD)?;
    for (i, (slug, name, n)) in DEMO_ORGS.iter().enumerate() {
        let exists = store.read(|c| Ok(organisation::by_slug(c, slug).is_ok()))?;
        if exists {
            out.existing.push((*slug).to_string());
            continue;
        }
        let profile = synth::profile(slug)?;
        let people = synth::population(&profile, *n, 2026 + i as u64, 1)?;
        store
            .write(|c| {
                let org = organisation::create(
                    c,
                    &NewOrganisation {
                        slug: (*slug).to_string(),
                        name: (*name).to_string(),
                        settings: OrgSettings::default(),
                    },
                )?;
                for s in &profile.settlements {
                    neighbourhood::create(
                        c,
                        org.id,
                        &neighbourhood::NewNeighbourhood {
                            name: s.name.clone(),
                            centre_lat: s.lat,
                            centre_lon: s.lon,
                            radius_m: (s.sigma_m * 2.5).max(800.0),
                        },
                    )?;
                }
                user::create(
                    c,
                    org.id,
                    &user::NewUser {
                        email: demo_email(slug),
                        password_hash: password_hash.clone(),
                        role: user::Role::Coordinator,
                        neighbourhood_ids: None,
                    },
                )?;
                for svc in services() {
                    service::create(c, org.id, &svc)?;
                }
                let vocab = Vocabulary::builtin();
                let mut ids = Vec::with_capacity(people.len());
                for (k, p) in people.iter().enumerate() {
                    let channel = match k % 7 {
                        0 => ConsentChannel::HomeVisit,
                        1 => ConsentChannel::PhoneRound,
                        2 => ConsentChannel::ReferralCard,
                        _ => ConsentChannel::SelfRegistered,
                    };
                    let pr = &p.profile;
                    let row = neighbour::create(
                        c,
                        org.id,
                        &NewNeighbour {
                            neighbourhood_id: None,
                            display_name: p.display_name.clone(),
                            email: (k % 3 != 0).then(|| format!("buur{k}@{slug}.example")),
                            phone: (k % 3 == 0)
                                .then(|| format!("0470 {:02} {:02} {:02}", k % 97, k % 89, k % 83)),
                            lat: p.position.lat,
                            lon: p.position.lon,
                            travel_radius_m: pr.travel_radius_m,
                            interests: vocab.codes(pr.interests).into_iter().map(str::to_owned).collect(),
                            talents: vocab.codes(pr.talents).into_iter().map(str::to_owned).collect(),
                            languages: pr.languages.codes().into_iter().map(str::to_owned).collect(),
                            availability: pr.availability.codes(),
                            availability_unknown: false,
                            capacity: pr.capacity,
                            paused: pr.paused,
                            consent: Consent {
                                channel,
                                recorded_at: Utc::now().naive_utc(),
                                recorded_by: "seed:demo".to_string(),
                            },
                            preferred_language: p.preferred_language.code().to_string(),
                        },
                    )?;
                    ids.push(row.id);
                }
                for (k, (kind, text, tags)) in REQUEST_TEXTS.iter().enumerate() {
                    let Some(who) = ids.get(k * 7 + 3) else { continue };
                    let kind = nabij_engine::RequestKind::parse(kind)
                        .unwrap_or(nabij_engine::RequestKind::Practical);
                    let verdict = classify(&ScopeInput {
                        text,
                        kind: Some(kind),
                        ..ScopeInput::default()
                    });
                    request::create(
                        c,
                        org.id,
                        &NewRequest {
                            neighbour_id: *who,
                            kind,
                            tags: tags.iter().map(|t| (*t).to_string()).collect(),
                            text: (*text).to_string(),
                            window: Window::Flexible,
                            recurrence: None,
                            duration_minutes: None,
                            location: None,
                            radius_m: None,
                            scope: verdict,
                        },
                    )?;
                }
                Ok(())
            })
            .with_context(|| format!("loading demo data for {slug}"))?;
        out.created.push((*slug).to_string());
    }
    Ok(out)
}

/// Tells a new user how to log in.
pub fn print_login_help(outcome: &SeedOutcome, listen: &str) {
    if !outcome.created.is_empty() {
        println!("Demo data loaded for: {}.", outcome.created.join(", "));
    }
    println!("nabij serves on http://{listen}/");
    println!("Log in as a coordinator (demo data), for example:");
    for (slug, _, _) in DEMO_ORGS {
        println!("  {:<34} password: {DEMO_PASSWORD}", demo_email(slug));
    }
    println!(
        "  curl -s -X POST http://{listen}/v1/auth/login -H 'content-type: application/json' \\\n       -d '{{\"email\":\"{}\",\"password\":\"{DEMO_PASSWORD}\"}}'",
        demo_email("pelt")
    );
}
