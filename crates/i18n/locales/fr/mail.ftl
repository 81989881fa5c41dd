# E-mail notifications, French. See nl/mail.ftl for the structure.

mail-and = et
mail-others-none = quelqu'un de votre quartier
mail-people-none = les voisins concernés
mail-hello-neighbour = Bonjour { $name },
mail-hello-coordinator = Bonjour,
mail-contact-email = Une question ? Écrivez à votre personne de contact : { $contact }.
mail-contact-organisation = Une question ? N'hésitez pas à contacter { $organisation }.
mail-sign =
    Bien cordialement,
    { $organisation }
mail-coordinator-footer =
    Le suivi se fait dans nabij.
    { $organisation }
mail-by-phone =
    { $count ->
        [1] Une de ces personnes n'a pas d'adresse e-mail et figure sur votre liste d'appels.
       *[other] { $count } de ces personnes n'ont pas d'adresse e-mail et figurent sur votre liste d'appels.
    }
mail-reason =
    { $reason ->
        [out_of_scope] hors du champ des petits coups de main
        [no_match] aucune rencontre trouvée
        [coordinator_choice] choix du coordinateur
       *[other] non précisée
    }

mail-match_proposed-neighbour = Faire connaissance avec quelqu'un de votre quartier
    .p1 = Nous aimerions vous faire rencontrer { $someone }.
    .p2 = Votre personne de contact vous appellera bientôt pour vous expliquer la suite. Vous pouvez toujours dire non, sans avoir à vous justifier.
mail-match_accepted-neighbour = Bonne nouvelle : vous pouvez faire connaissance
    .p1 = Tout le monde a dit oui : vous et { $others } pouvez maintenant vous donner rendez-vous.
    .p2 = Votre personne de contact vous aide pour un premier rendez-vous et reste joignable en cas de besoin.
mail-match_declined-neighbour = La proposition ne se fera pas
    .p1 = La proposition de rencontre ne se fera pas cette fois-ci. C'est tout à fait normal : personne ne doit expliquer pourquoi.
    .p2 = Vous n'avez rien à faire. Si vous cherchez encore quelque chose, votre personne de contact continue volontiers à chercher avec vous.
mail-match_closed-neighbour = Merci pour le temps partagé
    .p1 = Votre rencontre est terminée. Merci pour le temps que vous et { $others } avez partagé.
    .p2 = Votre personne de contact vous demandera peut-être comment cela s'est passé. Envie de recommencer, ou vous avez vous-même une question ? Dites-le-nous.
mail-request_referred-neighbour = À propos de votre demande
    .p1 = Pour votre demande, un service professionnel pourra mieux vous aider qu'un voisin.
    .p2 = Votre personne de contact vous appellera et vous aidera à trouver le bon service.

mail-match_proposed-coordinator = Nouvelle proposition : rencontre { $m }
    .p1 = Une rencontre est proposée pour la demande { $r } : { $people }. Chacun est libre de dire oui ou non.
mail-match_accepted-coordinator = La rencontre { $m } est active
    .p1 = Rencontre { $m } : tout le monde a dit oui, { $people } peuvent se donner rendez-vous. Vous recevrez plus tard un rappel pour le suivi.
mail-match_declined-coordinator = La proposition { $m } ne se fera pas
    .p1 = La proposition pour la demande { $r } ne se fera pas ; aucune raison n'est demandée. La demande est de nouveau ouverte s'il n'y a pas d'autre proposition en cours.
mail-match_closed-coordinator = La rencontre { $m } est terminée
    .p1 = La rencontre de { $people } (demande { $r }) est terminée.
mail-follow_up_due-coordinator = Suivi à faire : rencontre { $m }
    .p1 = La rencontre { $m } ({ $people }) a commencé il y a { $days } jours. C'est le moment de demander comment cela se passe : se sont-ils rencontrés, et s'entraident-ils ?
mail-request_referred-coordinator = Demande { $r } orientée vers un service
    .p1 = La demande { $r } a été orientée vers un service professionnel (raison : { $reason }). La personne sait que vous la contacterez pour la suite.

# Privacy before yes (issue 14): see nl/mail.ftl.
mail-someone-from =
    { $count ->
        [one] quelqu'un
       *[other] { $count } voisins
    } de { $area }
mail-someone-nearby =
    { $count ->
        [one] quelqu'un
       *[other] { $count } voisins
    } de votre quartier
mail-shared = Ce que vous avez en commun : { $shared }.
mail-when = Quand : { $when }.
mail-when-once = Quand : le { $date }{ $parts }.
mail-slot = { reason-day } { reason-day-part }
mail-day-part = { reason-day-part }
mail-note = Votre personne de contact ajoute : « { $note } »
mail-names-after-yes = Les noms et coordonnées ne sont transmis que lorsque tout le monde a dit oui.
mail-reach = Pour vous joindre :
mail-reach-line = { $name } : { $how }
mail-reach-none = { $name } : via votre personne de contact
# Check-ins ($side : requester ou companion ; $link : la page de réponse en un clic).
mail-check_in_asked-neighbour = { $side ->
        [companion] Est-ce toujours léger pour vous ?
       *[other] Est-ce que tout se passe bien ?
    }
    .p1 = { $side ->
        [companion] Il y a quelque temps, vous avez dit oui pour partager quelque chose avec une personne de votre quartier. Est-ce toujours léger, et souhaitez-vous continuer ? Vous pouvez toujours arrêter ou faire une pause, sans raison.
       *[other] Il y a quelque temps, nous vous avons mis en contact avec une personne de votre quartier. Est-ce que tout se passe bien ? Nous aimerions le savoir.
    }
    .p2 = Vous pouvez répondre en un clic : { $link }
    .p3 = C’est vous qui choisissez : continuer, faire une pause, terminer en beauté, demander à votre personne de contact de servir de médiateur, ou nous dire qu’il faut plus qu’un voisin. Le lien ne fonctionne qu’une fois et reste valable deux semaines.
mail-check_in_reminder-neighbour = { $side ->
        [companion] Petit rappel : est-ce toujours léger pour vous ?
       *[other] Petit rappel : est-ce que tout se passe bien ?
    }
    .p1 = { $side ->
        [companion] La semaine dernière, nous vous avons demandé si c’était toujours léger et si vous souhaitiez continuer. Notre message s’est peut-être perdu. Vous pouvez toujours arrêter ou faire une pause, sans raison.
       *[other] La semaine dernière, nous vous avons demandé si tout se passait bien. Notre message s’est peut-être perdu.
    }
    .p2 = Vous pouvez répondre en un clic : { $link }
    .p3 = Vous préférez en parler de vive voix ? Votre personne de contact vous appelle volontiers.
