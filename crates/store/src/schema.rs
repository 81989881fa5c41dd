//! The one schema both backends share, written by hand to match `migrations/sqlite` and
//! `migrations/postgres`. Only types both backends support: BigInt ids, Text (JSON
//! lists live in Text columns), Bool, Integer, Double, Timestamp (UTC) and Nullable.

diesel::table! {
    organisations (id) {
        id -> BigInt,
        slug -> Text,
        name -> Text,
        settings -> Text,
        created_at -> Timestamp,
        index_version -> BigInt,
    }
}

diesel::table! {
    neighbourhoods (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        name -> Text,
        centre_lat -> Double,
        centre_lon -> Double,
        radius_m -> Double,
        boundary -> Nullable<Text>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        neighbourhood_ids -> Nullable<Text>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
        session_epoch -> BigInt,
    }
}

diesel::table! {
    console_sessions (id_hash) {
        id_hash -> Text,
        user_id -> BigInt,
        organisation_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    clients (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        client_id -> Text,
        secret_hash -> Text,
        scopes -> Text,
        name -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    neighbours (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        neighbourhood_id -> Nullable<BigInt>,
        display_name -> Text,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        travel_radius_m -> Double,
        interests -> Text,
        talents -> Text,
        languages -> Text,
        availability -> Text,
        capacity -> Integer,
        active_matches -> Integer,
        paused -> Bool,
        consent_channel -> Text,
        consent_recorded_at -> Timestamp,
        consent_recorded_by -> Text,
        preferred_language -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        erased_at -> Nullable<Timestamp>,
        offset_east_m -> Nullable<Double>,
        offset_north_m -> Nullable<Double>,
        availability_unknown -> Bool,
    }
}

diesel::table! {
    help_requests (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        neighbour_id -> BigInt,
        kind -> Text,
        tags -> Text,
        text -> Text,
        window -> Text,
        recurrence -> Nullable<Text>,
        duration_minutes -> Nullable<Integer>,
        lat -> Nullable<Double>,
        lon -> Nullable<Double>,
        radius_m -> Double,
        status -> Text,
        scope_in_scope -> Bool,
        scope_category -> Text,
        scope_reasons -> Text,
        scope_overridden -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        filed_by -> Nullable<Text>,
        open_since -> Timestamp,
        flagged_at -> Nullable<Timestamp>,
        flag_reason -> Nullable<Text>,
        cancel_reason -> Nullable<Text>,
        cancel_note -> Nullable<Text>,
    }
}

diesel::table! {
    /// The scheduler's lease per organisation and timed task (see `crate::schedule`).
    scheduler_leases (organisation_id, task) {
        organisation_id -> BigInt,
        task -> Text,
        holder -> Nullable<Text>,
        leased_until -> Nullable<Timestamp>,
        next_due_at -> Timestamp,
        last_run_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    matches (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        request_id -> BigInt,
        status -> Text,
        created_at -> Timestamp,
        activated_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        follow_up_met -> Nullable<Bool>,
        follow_up_mutual -> Nullable<Bool>,
        follow_up_note -> Nullable<Text>,
        shared_note -> Nullable<Text>,
        ended_by -> Nullable<Text>,
        paused_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    match_members (match_id, neighbour_id) {
        match_id -> BigInt,
        neighbour_id -> BigInt,
        organisation_id -> BigInt,
        side -> Text,
        response -> Text,
        responded_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    exchanges (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        from_id -> BigInt,
        to_id -> BigInt,
        kind -> Text,
        match_id -> Nullable<BigInt>,
        at -> Timestamp,
    }
}

diesel::table! {
    declined_pairs (organisation_id, a_id, b_id) {
        organisation_id -> BigInt,
        a_id -> BigInt,
        b_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::table! {
    services (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        name -> Text,
        description -> Text,
        categories -> Text,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        website -> Nullable<Text>,
        area -> Nullable<Text>,
        created_at -> Timestamp,
        removed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    referrals (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        request_id -> BigInt,
        service_id -> Nullable<BigInt>,
        reason -> Text,
        created_at -> Timestamp,
        created_by -> Text,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        actor -> Text,
        action -> Text,
        subject_neighbour_id -> Nullable<BigInt>,
        detail -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    idempotency_keys (organisation_id, caller, route, key) {
        organisation_id -> BigInt,
        caller -> Text,
        route -> Text,
        key -> Text,
        request_hash -> Text,
        status_code -> Nullable<Integer>,
        response_body -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    anonymised_counts (organisation_id, month, metric) {
        organisation_id -> BigInt,
        month -> Text,
        metric -> Text,
        count -> BigInt,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        message_id -> Text,
        recipient -> Text,
        language -> Text,
        template -> Text,
        payload -> Text,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    jobs (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        kind -> Text,
        status -> Text,
        progress -> Double,
        summary -> Nullable<Text>,
        started_at -> Timestamp,
        finished_at -> Nullable<Timestamp>,
        heartbeat_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    group_suggestions (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        tag -> Text,
        request_ids -> Text,
        reasons -> Text,
        status -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The coordinator's phone list (residents without an e-mail address).
    notification_calls (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        neighbour_id -> BigInt,
        reason -> Text,
        match_id -> Nullable<BigInt>,
        request_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        /// Due from then on; `None`: due at once.
        due_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Signals: needs that reach the organisation before anyone asks (see `signal`).
    signals (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        neighbourhood_id -> Nullable<BigInt>,
        neighbour_id -> Nullable<BigInt>,
        person_name -> Nullable<Text>,
        person_phone -> Nullable<Text>,
        person_address -> Nullable<Text>,
        basis -> Nullable<Text>,
        source -> Text,
        referring_partner -> Nullable<Text>,
        referring_service_id -> Nullable<BigInt>,
        signed_on -> Nullable<Text>,
        life_domains -> Text,
        text -> Text,
        contact_by -> Text,
        filed_by -> Text,
        created_at -> Timestamp,
        outcome -> Nullable<Text>,
        outcome_at -> Nullable<Timestamp>,
        outcome_by -> Nullable<Text>,
        outcome_request_id -> Nullable<BigInt>,
        outcome_service_id -> Nullable<BigInt>,
        outcome_call_id -> Nullable<BigInt>,
        outcome_on -> Nullable<Text>,
        outcome_note -> Nullable<Text>,
        erased_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Check-ins: each side of an active pair asked whether it still goes well (see
    /// `check_in`).
    check_ins (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        match_id -> BigInt,
        neighbour_id -> BigInt,
        side -> Text,
        channel -> Text,
        status -> Text,
        tries -> Integer,
        asked_at -> Timestamp,
        last_try_at -> Timestamp,
        answer -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        answered_via -> Nullable<Text>,
        answered_by -> Nullable<Text>,
        note -> Nullable<Text>,
        signal_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    /// The answer links of check-ins (only a hash of each token).
    check_in_links (token_hash) {
        token_hash -> Text,
        organisation_id -> BigInt,
        check_in_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    /// Events already told (each once).
    notification_events (organisation_id, kind, subject_id) {
        organisation_id -> BigInt,
        kind -> Text,
        subject_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    address_points (id) {
        id -> BigInt,
        organisation_id -> BigInt,
        postcode -> Text,
        municipality -> Text,
        street_nl -> Text,
        street_fr -> Text,
        street_de -> Text,
        key_nl -> Text,
        key_fr -> Text,
        key_de -> Text,
        house_number -> Text,
        box_number -> Text,
        lat -> Double,
        lon -> Double,
    }
}

diesel::joinable!(address_points -> organisations (organisation_id));
diesel::joinable!(neighbourhoods -> organisations (organisation_id));
diesel::joinable!(users -> organisations (organisation_id));
diesel::joinable!(console_sessions -> users (user_id));
diesel::joinable!(clients -> organisations (organisation_id));
diesel::joinable!(neighbours -> organisations (organisation_id));
diesel::joinable!(help_requests -> neighbours (neighbour_id));
diesel::joinable!(matches -> help_requests (request_id));
diesel::joinable!(match_members -> matches (match_id));
diesel::joinable!(match_members -> neighbours (neighbour_id));
diesel::joinable!(referrals -> help_requests (request_id));
diesel::joinable!(referrals -> services (service_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    neighbourhoods,
    address_points,
    users,
    console_sessions,
    clients,
    neighbours,
    help_requests,
    matches,
    match_members,
    exchanges,
    declined_pairs,
    services,
    referrals,
    audit_log,
    idempotency_keys,
    anonymised_counts,
    outbox,
    jobs,
    group_suggestions,
    signals,
    scheduler_leases,
    check_ins,
    check_in_links,
);
