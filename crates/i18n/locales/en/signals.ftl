# Signals (issue 13): needs that reach the organisation before anyone asks.
signals-nav = Signals
signals-title = Signals
signals-lead = Needs that reach us before anyone asks: from a phone round, a home visit, a referral card, a neighbourhood companion, a partner or your own observation. Make contact before the date; one outcome closes a signal.
signals-open = Open signals, who needs contact first at the top
    .empty = No open signals.
signals-new-link = Note a new signal
signals-done =
    { $code ->
        [filed] The signal is noted.
        [closed] The signal is closed.
        [erased] The signal is erased.
       *[other] Done.
    }
signals-col =
    { $code ->
        [about] About
        [source] Source
        [domains] Life domains
        [contact_by] Contact by
        [hood] Neighbourhood
       *[other] —
    }
signal-source =
    { $code ->
        [phone_round] Phone round
        [home_visit] Home visit
        [referral_card] Referral card
        [companion] Neighbourhood companion
        [coordinator] Own observation
        [partner] Partner
       *[other] Other source
    }
signal-domain =
    { $code ->
        [housing] Housing
        [health] Health
        [income_paperwork] Income and paperwork
        [social_contact] Social contact
        [leisure_meaning] Leisure and meaning
        [mobility] Mobility
       *[other] Other domain
    }
signal-basis =
    { $code ->
        [signed_card] Signed card
        [verbal_consent] Agreed in words
        [own_request] Asked themselves
        [concern] Passed on out of concern (no agreement yet)
       *[other] Unknown
    }
signal-outcome =
    { $code ->
        [registered] Registered and/or request noted
        [referred] Referred to a service
        [recurring_call] On the phone list with a date
        [no_action_wanted] No action wanted
       *[other] Closed
    }
signal-status =
    { $code ->
        [open] Open
        [closed] Closed
       *[other] —
    }
signal-overdue = { $date } (overdue)
signal-hood-none = No neighbourhood
signal-title = Signal { $id }
signal-field =
    { $field ->
        [about] About
        [phone] Phone
        [address] Address line
        [basis] Passed on on the basis of
        [source] Source
        [partner] Referred by
        [signed_on] Card signed on
        [domains] Life domains
        [text] What was noticed
        [contact_by] Contact by
        [hood] Neighbourhood
        [filed] Noted by
        [status] Status
        [outcome] Outcome
       *[other] —
    }
signal-closed-on = { $outcome }, noted on { $date } by { $by }
signal-outcome-title = Note the outcome
signal-outcome-lead = One outcome closes the signal; after that it does not change.
signal-outcome-field =
    { $field ->
        [display_name] Name
        [phone] Phone
        [email] E-mail
        [neighbourhood_id] Neighbourhood (the place to look for neighbours from)
        [consent] How the person agreed
        [kind] Kind of request
        [request_text] The request in their own words
        [service_id] Service
        [check_on] Check that the service reached them, on (empty: in ten working days)
        [next_call_on] Next call on
        [decided_by] Who said no action is needed
        [decided_on] On (empty: today)
       *[other] —
    }
signal-outcome-kind-none = No request, register only
signal-outcome-consent-from-source = Consent: { $channel } (from the signal's source)
signal-outcome-save = Save and close
signal-outcome-errors = The outcome is not saved yet
signal-outcome-conflict = This signal had an outcome already.
signal-erase = Erase signal
    .hint = Erases the name, phone, address line and text for good, for instance when the person asks. The count per source and life domain stays, without a name.
signal-new-title = New signal
signal-new-about = About { $name }
signal-form-label =
    { $field ->
        [person_name] Name
        [person_phone] Phone
        [person_address] Address line
        [basis] How the person was passed on
        [source] Source
        [referring_partner] Referred by (doctor, pharmacy, home nursing …)
        [signed_on] Card signed on
        [life_domains] Life domains
        [text] What was noticed
        [contact_by] Contact by (empty: the source's usual term)
        [neighbourhood_id] Neighbourhood
       *[other] —
    }
signal-form-errors = The signal is not noted yet
signal-form-save = Note the signal
signal-form-cancel = Cancel
signal-check =
    { $code ->
        [name] Fill in a name.
        [reach] Fill in a phone number or an address line.
        [choose] Choose from the list.
        [domains] Choose at least one life domain.
        [date] Fill in a date, for instance 2026-12-31.
        [card] A referral card names who referred and the day the person signed.
        [kind] Choose a kind of request, or register the person.
        [required] Fill this in.
       *[other] Check this.
    }
signal-not-saved = This could not be saved; check the fields (a date lies between today and a year ahead, a signature within the past year).
signal-new-from-neighbour = Note a signal
today-signals = Overdue signals (contact-by date passed), oldest first
    .empty = No overdue signals.
