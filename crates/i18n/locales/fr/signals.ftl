# Signals (issue 13): needs that reach the organisation before anyone asks.
signals-nav = Signalements
signals-title = Signalements
signals-lead = Des besoins qui nous parviennent avant que quelqu’un ne demande : d’un appel téléphonique, d’une visite à domicile, d’une carte d’orientation, d’un compagnon de quartier, d’un partenaire ou de votre propre constat. Prenez contact avant la date ; une seule suite clôt un signalement.
signals-open = Signalements ouverts, le contact le plus urgent en haut
    .empty = Aucun signalement ouvert.
signals-new-link = Noter un nouveau signalement
signals-done =
    { $code ->
        [filed] Le signalement est noté.
        [closed] Le signalement est clôturé.
        [erased] Le signalement est effacé.
       *[other] Fait.
    }
signals-col =
    { $code ->
        [about] Concerne
        [source] Source
        [domains] Domaines de vie
        [contact_by] Contact avant
        [hood] Quartier
       *[other] —
    }
signal-source =
    { $code ->
        [phone_round] Appels téléphoniques
        [home_visit] Visite à domicile
        [referral_card] Carte d’orientation
        [companion] Compagnon de quartier
        [coordinator] Propre constat
        [partner] Partenaire
       *[other] Autre source
    }
signal-domain =
    { $code ->
        [housing] Logement
        [health] Santé
        [income_paperwork] Revenus et papiers
        [social_contact] Contacts sociaux
        [leisure_meaning] Loisirs et sens
        [mobility] Mobilité
       *[other] Autre domaine
    }
signal-basis =
    { $code ->
        [signed_card] Carte signée
        [verbal_consent] Accord oral
        [own_request] L’a demandé elle-même
        [concern] Transmis par inquiétude (pas encore d’accord)
       *[other] Inconnu
    }
signal-outcome =
    { $code ->
        [registered] Inscrit et/ou demande notée
        [referred] Orienté vers un service
        [recurring_call] Sur la liste d’appels avec une date
        [no_action_wanted] Aucune suite souhaitée
       *[other] Clôturé
    }
signal-status =
    { $code ->
        [open] Ouvert
        [closed] Clôturé
       *[other] —
    }
signal-overdue = { $date } (en retard)
signal-hood-none = Pas de quartier
signal-title = Signalement { $id }
signal-field =
    { $field ->
        [about] Concerne
        [phone] Téléphone
        [address] Ligne d’adresse
        [basis] Transmis sur la base de
        [source] Source
        [partner] Orienté par
        [signed_on] Carte signée le
        [domains] Domaines de vie
        [text] Ce qui a été constaté
        [contact_by] Contact avant
        [hood] Quartier
        [filed] Noté par
        [status] État
        [outcome] Suite
       *[other] —
    }
signal-closed-on = { $outcome }, notée le { $date } par { $by }
signal-outcome-title = Noter la suite
signal-outcome-lead = Une seule suite clôt le signalement ; ensuite il ne change plus.
signal-outcome-field =
    { $field ->
        [display_name] Nom
        [phone] Téléphone
        [email] E-mail
        [neighbourhood_id] Quartier (le lieu pour chercher des voisins)
        [consent] Comment la personne a donné son accord
        [kind] Type de demande
        [request_text] La demande avec ses propres mots
        [service_id] Service
        [check_on] Vérifier que le service l’a atteinte, le (vide : dans dix jours ouvrables)
        [next_call_on] Prochain appel le
        [decided_by] Qui a dit qu’aucune suite n’est nécessaire
        [decided_on] Le (vide : aujourd’hui)
       *[other] —
    }
signal-outcome-kind-none = Pas de demande, seulement inscrire
signal-outcome-consent-from-source = Accord : { $channel } (de la source du signalement)
signal-outcome-save = Enregistrer et clôturer
signal-outcome-errors = La suite n’est pas encore enregistrée
signal-outcome-conflict = Ce signalement avait déjà une suite.
signal-erase = Effacer le signalement
    .hint = Efface définitivement le nom, le téléphone, la ligne d’adresse et le texte, par exemple à la demande de la personne. Le décompte par source et par domaine de vie reste, sans nom.
signal-new-title = Nouveau signalement
signal-new-about = Concerne { $name }
signal-form-label =
    { $field ->
        [person_name] Nom
        [person_phone] Téléphone
        [person_address] Ligne d’adresse
        [basis] Comment la personne a été transmise
        [source] Source
        [referring_partner] Orienté par (médecin, pharmacie, soins à domicile …)
        [signed_on] Carte signée le
        [life_domains] Domaines de vie
        [text] Ce qui a été constaté
        [contact_by] Contact avant (vide : le délai habituel de la source)
        [neighbourhood_id] Quartier
       *[other] —
    }
signal-form-errors = Le signalement n’est pas encore noté
signal-form-save = Noter le signalement
signal-form-cancel = Annuler
signal-check =
    { $code ->
        [name] Indiquez un nom.
        [reach] Indiquez un numéro de téléphone ou une ligne d’adresse.
        [choose] Choisissez dans la liste.
        [domains] Choisissez au moins un domaine de vie.
        [date] Indiquez une date, par exemple 2026-12-31.
        [card] Une carte d’orientation indique qui a orienté et la date de signature.
        [kind] Choisissez un type de demande, ou inscrivez la personne.
        [required] Remplissez ce champ.
       *[other] Vérifiez ce champ.
    }
signal-not-saved = Impossible d’enregistrer ; vérifiez les champs (une date entre aujourd’hui et dans un an, une signature dans l’année écoulée).
signal-new-from-neighbour = Noter un signalement
today-signals = Signalements en retard (contact avant dépassé), les plus anciens d’abord
    .empty = Aucun signalement en retard.
