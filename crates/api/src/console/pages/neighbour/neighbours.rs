//! The list of neighbours: search by name, neighbourhood, interest or talent and
//! status, a page at a time. The pages about one neighbour are in the `neighbour_*`
//! modules, registered from here.

use super::neighbour_fields::{choices, Choice};
use super::neighbour_form::visible_hoods;
use super::*;
use crate::blocking::run;
use crate::console::html::{Cell, Shell, Table};
use crate::console::routes::resource;
use crate::console::Ctx;
use crate::state::AppState;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use nabij_i18n::t;
use nabij_store::neighbour_search::{self, NeighbourSearch};
use nabij_store::NeighbourhoodId;

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

/// The list page.
#[derive(Template)]
#[template(path = "console/neighbour/list.html")]
struct ListPage {
    shell: Shell,
    /// Just erased someone: say so.
    erased: bool,
    q: String,
    hoods: Vec<Choice>,
    tags: Vec<Choice>,
    statuses: Vec<Choice>,
    /// "58 personen gevonden · pagina 1 van 2".
    found: String,
    list: Table,
    prev: Option<String>,
    next: Option<String>,
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
    let pages = ((page.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let hood_name = |id: Option<NeighbourhoodId>| {
        id.and_then(|h| hoods.iter().find(|x| x.id == h))
            .map(|h| h.name.clone())
            .unwrap_or_else(|| "—".into())
    };
    let status = |paused: bool| {
        l.text(if paused {
            "neighbour-status.paused"
        } else {
            "neighbour-status.active"
        })
    };
    let rows: Vec<Vec<Cell>> = page
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
                Cell::Link {
                    href: format!("/neighbours/{}", n.id),
                    text: n.display_name.clone(),
                },
                Cell::Text(hood_name(n.neighbourhood_id)),
                Cell::Text(likes.join(", ")),
                Cell::Text(status(n.paused)),
            ]
        })
        .collect();
    let title = l.text("neighbours-title");
    let mut hood_opts = vec![(String::new(), l.text("neighbours-search.all-hoods"))];
    hood_opts.extend(hoods.iter().map(|h| (h.id.to_string(), h.name.clone())));
    let mut tag_opts = vec![(String::new(), l.text("neighbours-search.anything"))];
    tag_opts.extend(tags.iter().map(|(c, t)| (c.to_string(), t.to_string())));
    let status_opts = vec![
        (String::new(), l.text("neighbours-search.everybody")),
        ("active".to_string(), status(false)),
        ("paused".to_string(), status(true)),
    ];
    let list = ListPage {
        erased: query_param(&req, "done") == "erased",
        q: query.q.clone(),
        hoods: choices(hood_opts, &query.hood),
        tags: choices(tag_opts, &query.tag),
        statuses: choices(status_opts, &query.status),
        found: t(
            l,
            "neighbours-found",
            &[
                ("total", page.total.into()),
                ("page", query.page.into()),
                ("pages", pages.into()),
            ],
        ),
        list: Table {
            caption: title.clone(),
            headers: [
                "neighbours-name",
                "neighbour-hood",
                "neighbour-likes",
                "neighbour-status",
            ]
            .iter()
            .map(|k| l.text(k))
            .collect(),
            rows,
            empty: l.text("neighbours-empty"),
        },
        prev: (pages > 1 && query.page > 1).then(|| query.link(query.page - 1)),
        next: (pages > 1 && query.page < pages).then(|| query.link(query.page + 1)),
        shell: ctx.shell(title),
    };
    ctx.render(StatusCode::OK, &list)
}
