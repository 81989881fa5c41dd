//! The list of neighbours: search by name, neighbourhood, interest or talent and
//! status, a page at a time. The pages about one neighbour are in the `neighbour_*`
//! modules, registered from here.

use super::neighbour_form::visible_hoods;
use super::*;
use crate::blocking::run;
use crate::console::html::{esc, table};
use crate::console::routes::resource;
use crate::console::Ctx;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use nabij_store::neighbour_search::{self, NeighbourSearch};
use nabij_store::NeighbourhoodId;
use std::fmt::Write as _;

/// Neighbours per page.
const PAGE_SIZE: i64 = 50;
/// Highest page number accepted (keeps the offset small).
const MAX_PAGE: i64 = 10_000;

pub(super) fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/neighbours").get(neighbours));
    super::neighbour_page::configure(cfg);
    super::neighbour_edit::configure(cfg);
    super::neighbour_erase::configure(cfg);
}

/// The value of query parameter `name`, trimmed, or "".
pub(in crate::console::pages) fn query_param(req: &HttpRequest, name: &str) -> String {
    web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .ok()
        .and_then(|q| {
            q.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default()
}

/// The search as typed: kept in the form and in the paging links.
struct Query {
    q: String,
    hood: String,
    tag: String,
    status: String,
    page: i64,
}

impl Query {
    fn from_request(req: &HttpRequest) -> Query {
        Query {
            q: query_param(req, "q").chars().take(100).collect(),
            hood: query_param(req, "hood"),
            tag: query_param(req, "tag"),
            status: query_param(req, "status"),
            page: query_param(req, "page")
                .parse::<i64>()
                .unwrap_or(1)
                .clamp(1, MAX_PAGE),
        }
    }

    /// The link to page `page` of the same search.
    fn link(&self, page: i64) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("hood", self.hood.as_str()),
            ("tag", self.tag.as_str()),
            ("status", self.status.as_str()),
        ];
        let mut params: Vec<(&str, String)> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        params.push(("page", page.to_string()));
        format!(
            "/neighbours?{}",
            serde_urlencoded::to_string(&params).unwrap_or_default()
        )
    }
}

fn status_label(l: Lang, paused: bool) -> &'static str {
    if paused {
        l.t("even gepauzeerd", "en pause", "paused")
    } else {
        l.t("doet mee", "participe", "taking part")
    }
}

fn options(out: &mut String, current: &str, all: &[(String, String)]) {
    for (v, text) in all {
        let sel = if v == current { " selected" } else { "" };
        let _ = write!(out, "<option value=\"{}\"{sel}>{}</option>", esc(v), esc(text));
    }
}

pub async fn neighbours(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let ctx = Ctx::new(&req, &state);
    let caller = logged_in!(ctx);
    let l = ctx.lang;
    let query = Query::from_request(&req);
    let hoods = match visible_hoods(&state, &caller).await {
        Ok(h) => h,
        Err(e) => return ctx.failure(&e),
    };
    let tags = labels::tags(l);
    let search = NeighbourSearch {
        limited_to: caller.neighbourhoods.clone(),
        name: Some(query.q.clone()),
        neighbourhood: parse_id(&query.hood)
            .filter(|id| hoods.iter().any(|h| h.id.get() == *id))
            .map(NeighbourhoodId),
        tag: tags
            .iter()
            .find(|(c, _)| *c == query.tag)
            .map(|(c, _)| c.to_string()),
        paused: match query.status.as_str() {
            "paused" => Some(true),
            "active" => Some(false),
            _ => None,
        },
        offset: (query.page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let st = state.clone();
    let org = caller.org;
    let found = run(move || Ok(st.store.read(|c| neighbour_search::search(c, org, &search))?)).await;
    let page = match found {
        Ok(p) => p,
        Err(e) => return ctx.failure(&e),
    };
    let title = l.t("Buurtbewoners", "Habitants", "Neighbours");
    let mut main = format!("<h1>{}</h1>", esc(title));
    if query_param(&req, "done") == "erased" {
        let _ = write!(
            main,
            "<p class=\"notice\" role=\"status\">{}</p>",
            esc(l.t(
                "De gegevens zijn gewist.",
                "Les données ont été effacées.",
                "The data has been erased."
            ))
        );
    }
    let _ = write!(
        main,
        "<form method=\"get\" action=\"/neighbours\" class=\"filters\" role=\"search\" aria-label=\"{}\">\
         <div class=\"field\"><label for=\"q\">{}</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\"></div>\
         <div class=\"field\"><label for=\"hood\">{}</label><select id=\"hood\" name=\"hood\">",
        esc(l.t("Buurtbewoners zoeken", "Rechercher des habitants", "Search neighbours")),
        esc(l.t("Zoek op naam", "Rechercher par nom", "Search by name")),
        esc(&query.q),
        esc(l.t("Buurt", "Quartier", "Neighbourhood")),
    );
    let mut hood_opts = vec![(
        String::new(),
        l.t("Alle buurten", "Tous les quartiers", "All neighbourhoods")
            .to_string(),
    )];
    hood_opts.extend(hoods.iter().map(|h| (h.id.to_string(), h.name.clone())));
    options(&mut main, &query.hood, &hood_opts);
    let _ = write!(
        main,
        "</select></div><div class=\"field\"><label for=\"tag\">{}</label><select id=\"tag\" name=\"tag\">",
        esc(l.t(
            "Doet of helpt graag met",
            "Aime faire ou aider pour",
            "Likes doing or helping with"
        )),
    );
    let mut tag_opts = vec![(String::new(), l.t("Alles", "Tout", "Anything").to_string())];
    tag_opts.extend(tags.iter().map(|(c, t)| (c.to_string(), t.to_string())));
    options(&mut main, &query.tag, &tag_opts);
    let _ = write!(
        main,
        "</select></div><div class=\"field\"><label for=\"status\">{}</label><select id=\"status\" name=\"status\">",
        esc(l.t("Stand", "État", "Status")),
    );
    let status_opts = [
        (
            String::new(),
            l.t("Iedereen", "Tout le monde", "Everybody").to_string(),
        ),
        ("active".to_string(), status_label(l, false).to_string()),
        ("paused".to_string(), status_label(l, true).to_string()),
    ];
    options(&mut main, &query.status, &status_opts);
    let _ = write!(
        main,
        "</select></div><p class=\"actions\"><button type=\"submit\">{}</button> <a href=\"/neighbours\">{}</a></p></form>\
         <p><a href=\"/neighbours/new\">{}</a></p>",
        esc(l.t("Zoeken", "Rechercher", "Search")),
        esc(l.t("Alles tonen", "Tout afficher", "Show all")),
        esc(l.t("Iemand inschrijven", "Inscrire quelqu’un", "Register someone")),
    );

    let pages = ((page.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let _ = write!(
        main,
        "<p class=\"result-count\" role=\"status\">{} {} · {} {} {} {}</p>",
        page.total,
        esc(if page.total == 1 {
            l.t("persoon gevonden", "personne trouvée", "person found")
        } else {
            l.t("personen gevonden", "personnes trouvées", "people found")
        }),
        esc(l.t("pagina", "page", "page")),
        query.page,
        esc(l.t("van", "sur", "of")),
        pages,
    );
    let hood_name = |id: Option<NeighbourhoodId>| {
        id.and_then(|h| hoods.iter().find(|x| x.id == h))
            .map(|h| h.name.as_str())
            .unwrap_or("—")
    };
    let rows: Vec<Vec<String>> = page
        .rows
        .iter()
        .map(|n| {
            let mut likes: Vec<String> = n.interests().unwrap_or_default();
            for t in n.talents().unwrap_or_default() {
                if !likes.contains(&t) {
                    likes.push(t);
                }
            }
            let likes: Vec<String> = likes.iter().map(|c| labels::tag(l, c)).collect();
            vec![
                format!("<a href=\"/neighbours/{}\">{}</a>", n.id, esc(&n.display_name)),
                esc(hood_name(n.neighbourhood_id)),
                esc(&likes.join(", ")),
                esc(status_label(l, n.paused)),
            ]
        })
        .collect();
    main.push_str(&table(
        title,
        &[
            l.t("Naam", "Nom", "Name"),
            l.t("Buurt", "Quartier", "Neighbourhood"),
            l.t(
                "Doet of helpt graag met",
                "Aime faire ou aider pour",
                "Likes doing or helping with",
            ),
            l.t("Stand", "État", "Status"),
        ],
        &rows,
        l.t("Niemand gevonden.", "Personne trouvé.", "Nobody found."),
    ));
    if pages > 1 {
        let _ = write!(
            main,
            "<nav class=\"pager\" aria-label=\"{}\"><ul>",
            esc(l.t("Pagina’s", "Pages", "Pages"))
        );
        if query.page > 1 {
            let _ = write!(
                main,
                "<li><a rel=\"prev\" href=\"{}\">{}</a></li>",
                esc(&query.link(query.page - 1)),
                esc(l.t("Vorige pagina", "Page précédente", "Previous page"))
            );
        }
        if query.page < pages {
            let _ = write!(
                main,
                "<li><a rel=\"next\" href=\"{}\">{}</a></li>",
                esc(&query.link(query.page + 1)),
                esc(l.t("Volgende pagina", "Page suivante", "Next page"))
            );
        }
        main.push_str("</ul></nav>");
    }
    ctx.page(StatusCode::OK, title, &main)
}
