# Signals (issue 13): needs that reach the organisation before anyone asks.
signals-nav = Signalen
signals-title = Signalen
signals-lead = Noden die ons bereiken voor iemand iets vraagt: uit een belronde, een huisbezoek, een doorverwijskaart, van een buurtgezel, een partner of uw eigen vaststelling. Neem contact op vóór de datum; één afloop sluit een signaal af.
signals-open = Open signalen, wie eerst contact nodig heeft bovenaan
    .empty = Geen open signalen.
signals-new-link = Nieuw signaal noteren
signals-done =
    { $code ->
        [filed] Het signaal is genoteerd.
        [closed] Het signaal is afgesloten.
        [erased] Het signaal is gewist.
       *[other] Gedaan.
    }
signals-col =
    { $code ->
        [about] Over
        [source] Bron
        [domains] Levensdomeinen
        [contact_by] Contact vóór
        [hood] Buurt
       *[other] —
    }
signal-source =
    { $code ->
        [phone_round] Belronde
        [home_visit] Huisbezoek
        [referral_card] Doorverwijskaart
        [companion] Buurtgezel
        [coordinator] Eigen vaststelling
        [partner] Partner
       *[other] Andere bron
    }
signal-domain =
    { $code ->
        [housing] Wonen
        [health] Gezondheid
        [income_paperwork] Inkomen en papierwerk
        [social_contact] Sociaal contact
        [leisure_meaning] Vrije tijd en zingeving
        [mobility] Mobiliteit
       *[other] Ander domein
    }
signal-basis =
    { $code ->
        [signed_card] Ondertekende kaart
        [verbal_consent] Mondeling akkoord
        [own_request] Vroeg het zelf
        [concern] Uit bezorgdheid doorgegeven (nog geen akkoord)
       *[other] Onbekend
    }
signal-outcome =
    { $code ->
        [registered] Ingeschreven en/of vraag genoteerd
        [referred] Doorverwezen naar een dienst
        [recurring_call] Op de bellijst met een datum
        [no_action_wanted] Geen actie gewenst
       *[other] Afgesloten
    }
signal-status =
    { $code ->
        [open] Open
        [closed] Afgesloten
       *[other] —
    }
signal-overdue = { $date } (over tijd)
signal-hood-none = Geen buurt
signal-title = Signaal { $id }
signal-field =
    { $field ->
        [about] Over
        [phone] Telefoon
        [address] Adresregel
        [basis] Doorgegeven op basis van
        [source] Bron
        [partner] Doorverwijzer
        [signed_on] Kaart ondertekend op
        [domains] Levensdomeinen
        [text] Wat werd opgemerkt
        [contact_by] Contact vóór
        [hood] Buurt
        [filed] Genoteerd door
        [status] Stand
        [outcome] Afloop
       *[other] —
    }
signal-closed-on = { $outcome }, genoteerd op { $date } door { $by }
signal-outcome-title = Afloop noteren
signal-outcome-lead = Eén afloop sluit het signaal af; daarna verandert het niet meer.
signal-outcome-field =
    { $field ->
        [display_name] Naam
        [phone] Telefoon
        [email] E-mail
        [neighbourhood_id] Buurt (de plaats voor het zoeken van buren)
        [consent] Hoe gaf de persoon akkoord
        [kind] Soort vraag
        [request_text] De vraag in eigen woorden
        [service_id] Dienst
        [check_on] Nagaan of de dienst hen bereikte, op (leeg: over tien werkdagen)
        [next_call_on] Volgende oproep op
        [decided_by] Wie zei dat er geen actie nodig is
        [decided_on] Op (leeg: vandaag)
       *[other] —
    }
signal-outcome-kind-none = Geen vraag, alleen inschrijven
signal-outcome-consent-from-source = Akkoord: { $channel } (van de bron van het signaal)
signal-outcome-save = Bewaren en afsluiten
signal-outcome-errors = De afloop is nog niet bewaard
signal-outcome-conflict = Dit signaal had al een afloop.
signal-erase = Signaal wissen
    .hint = Wist naam, telefoon, adresregel en tekst voorgoed, bijvoorbeeld als de persoon dat vraagt. De telling per bron en levensdomein blijft, zonder naam.
signal-new-title = Nieuw signaal
signal-new-about = Over { $name }
signal-form-label =
    { $field ->
        [person_name] Naam
        [person_phone] Telefoon
        [person_address] Adresregel
        [basis] Hoe werd de persoon doorgegeven
        [source] Bron
        [referring_partner] Doorverwijzer (huisarts, apotheek, thuisverpleging …)
        [signed_on] Kaart ondertekend op
        [life_domains] Levensdomeinen
        [text] Wat werd opgemerkt
        [contact_by] Contact vóór (leeg: de gewone termijn van de bron)
        [neighbourhood_id] Buurt
       *[other] —
    }
signal-form-errors = Het signaal is nog niet genoteerd
signal-form-save = Signaal noteren
signal-form-cancel = Annuleren
signal-check =
    { $code ->
        [name] Vul een naam in.
        [reach] Vul een telefoonnummer of een adresregel in.
        [choose] Kies uit de lijst.
        [domains] Kies minstens één levensdomein.
        [date] Vul een datum in, bijvoorbeeld 2026-12-31.
        [card] Een doorverwijskaart vermeldt de doorverwijzer en de datum waarop de persoon tekende.
        [kind] Kies een soort vraag, of schrijf de persoon in.
        [required] Vul dit in.
       *[other] Kijk dit na.
    }
signal-not-saved = Dit kon niet bewaard worden; kijk de velden na (een datum ligt tussen vandaag en een jaar verder, een ondertekening in het voorbije jaar).
signal-new-from-neighbour = Signaal noteren
today-signals = Signalen over tijd (contact vóór is voorbij), de oudste eerst
    .empty = Geen signalen over tijd.
