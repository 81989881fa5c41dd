//! The scope guard's reasons in `help_requests.scope_reasons`: stored as message ids with
//! their arguments, and rows from before (`{nl, fr, en}` objects, and older plain
//! `"nl / en"` strings) still read as their stored texts.

use crate::common::{neighbour, new_request, org, Ctx};
use diesel::prelude::*;
use nabij_engine::scope::{apply_override, classify, own_words, ScopeCategory, ScopeInput, ScopeReason};
use nabij_store::{request as rq, schema};

crate::on_both_backends!(
    reasons_are_stored_as_messages: 2,
    old_joined_reasons_still_read: 2,
    old_translated_reasons_still_read: 2,
);

fn reasons_are_stored_as_messages(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let verdict = classify(&ScopeInput {
        text: "elke week poetsen",
        ..ScopeInput::default()
    });
    assert!(!verdict.reasons.is_empty());
    let (id, stored) = ctx
        .store
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            let mut form = new_request(asker);
            form.scope = verdict.clone();
            let r = rq::create(c, a, &form)?;
            Ok((r.id, r.scope_reasons.clone()))
        })
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stored).unwrap();
    for r in json.as_array().unwrap() {
        assert!(
            r["id"].as_str().is_some_and(|t| t.starts_with("scope-")),
            "{stored}"
        );
        assert!(r.get("nl").is_none(), "{stored}");
    }
    let read = ctx.store.read(|c| rq::get(c, a, id)).unwrap().scope().unwrap();
    assert_eq!(read.reasons, verdict.reasons);
    // An override adds the coordinator's reason; all of it is stored and read back.
    let over = apply_override(read, ScopeCategory::SmallHelp, "eenmalige kuis");
    let back = ctx
        .store
        .write(|c| rq::set_scope(c, a, id, &over))
        .unwrap()
        .scope()
        .unwrap();
    assert_eq!(back.reasons, over.reasons);
    assert!(back.overridden);
    // An override of the status alone keeps the coordinator's own words verbatim.
    let own = ctx
        .store
        .write(|c| rq::override_scope(c, a, id, false, "  na de operatie  "))
        .unwrap()
        .scope()
        .unwrap();
    assert_eq!(own.reasons.last(), Some(&own_words("na de operatie")));
}

fn old_joined_reasons_still_read(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    let old = r#"["woorden 'samen wandelen' wijzen op gezelschap / words 'samen wandelen' point to companionship","na de operatie"]"#;
    let id = ctx
        .store
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            let id = rq::create(c, a, &new_request(asker))?.id;
            // A row as the service wrote it before reasons were translated.
            diesel::update(schema::help_requests::table.find(id))
                .set(schema::help_requests::scope_reasons.eq(old))
                .execute(c)?;
            Ok(id)
        })
        .unwrap();
    let reasons = ctx
        .store
        .read(|c| rq::get(c, a, id))
        .unwrap()
        .scope()
        .unwrap()
        .reasons;
    assert_eq!(
        reasons,
        vec![
            ScopeReason::texts(
                "woorden 'samen wandelen' wijzen op gezelschap",
                "woorden 'samen wandelen' wijzen op gezelschap",
                "words 'samen wandelen' point to companionship",
            ),
            ScopeReason::texts("na de operatie", "na de operatie", "na de operatie"),
        ]
    );
    // Storing the verdict again keeps the texts, as objects.
    let verdict = ctx.store.read(|c| rq::get(c, a, id)).unwrap().scope().unwrap();
    let stored = ctx
        .store
        .write(|c| rq::set_scope(c, a, id, &verdict))
        .unwrap()
        .scope_reasons;
    assert!(stored.starts_with(r#"[{"nl":"#), "{stored}");
}

fn old_translated_reasons_still_read(ctx: Ctx) {
    let a = org(&ctx.store, "pelt");
    // A row as the service wrote it before the catalogues: finished texts per language.
    let old = r#"[{"nl":"woord 'poetsen' wijst op structurele hulp","fr":"le mot 'poetsen' indique une aide structurelle","en":"word 'poetsen' points to structural help"}]"#;
    let id = ctx
        .store
        .write(|c| {
            let asker = neighbour(c, a, "Asker", 0, 0);
            let id = rq::create(c, a, &new_request(asker))?.id;
            diesel::update(schema::help_requests::table.find(id))
                .set(schema::help_requests::scope_reasons.eq(old))
                .execute(c)?;
            Ok(id)
        })
        .unwrap();
    let reasons = ctx
        .store
        .read(|c| rq::get(c, a, id))
        .unwrap()
        .scope()
        .unwrap()
        .reasons;
    assert_eq!(
        reasons,
        vec![ScopeReason::texts(
            "woord 'poetsen' wijst op structurele hulp",
            "le mot 'poetsen' indique une aide structurelle",
            "word 'poetsen' points to structural help",
        )]
    );
    // Written again unchanged.
    let verdict = ctx.store.read(|c| rq::get(c, a, id)).unwrap().scope().unwrap();
    let stored = ctx
        .store
        .write(|c| rq::set_scope(c, a, id, &verdict))
        .unwrap()
        .scope_reasons;
    assert_eq!(stored, old);
}
