# The coordinators' console, French. See nl/console.ftl.

shell-skip = Aller au contenu
shell-main-menu = Menu principal
shell-today = Aujourd’hui
shell-neighbours = Habitants
shell-register = Inscrire quelqu’un
shell-services = Carte sociale
shell-report = Rapport de quartier
shell-rematch = Nouvel appariement
shell-logout = Se déconnecter
shell-language = Langue
shell-language-name = Français

error-back-today = Retour à aujourd’hui
error-not-found = Introuvable
    .text = Cette page n’existe pas, ou vous n’y avez pas accès.
error-forbidden = Non autorisé
    .text = Ce formulaire a expiré ou ne vient pas de ce site. Rouvrez la page et réessayez.
error-failure = Une erreur s’est produite
    .text = Réessayez dans quelques instants. Si le problème persiste, prévenez l’administrateur.

login-title = Connexion
login-email = Adresse e-mail
login-password = Mot de passe
login-missing = Indiquez votre adresse e-mail et votre mot de passe.
login-throttled = Trop de tentatives échouées. Attendez quelques minutes et réessayez.
login-mismatch = Cette adresse e-mail et ce mot de passe ne correspondent pas.

col-request = Demande
col-neighbour = Habitant
col-kind = Type
col-waiting = En attente depuis

today-title = Aujourd’hui
today-new = Nouvelles demandes (cette semaine), les plus récentes d’abord
    .empty = Aucune nouvelle demande cette semaine.
today-open = Demandes ouvertes qui attendent depuis plus longtemps, les plus anciennes d’abord
    .empty = Aucune demande n’attend depuis plus d’une semaine.
today-referral = Demandes à orienter vers un service
    .empty = Rien à orienter.
today-flagged = Demandes qui attendent votre choix : orienter ou rouvrir
    .empty = Aucune demande n'attend de choix.
    .why = Pourquoi
    .since = Signalée
    .reopen = Rouvrir
    .refer = Orienter
today-proposed = Propositions en attente de réponse
    .empty = Aucune proposition en attente.
    .since = Proposée depuis
today-follow-up = Mises en contact à suivre
    .empty = Personne à suivre pour l’instant.
    .since = Ensemble depuis
today-calls = À appeler (pas d’e-mail)
    .empty = Personne à appeler.
    .phone = Téléphone
    .about = À propos de
    .since = Depuis
    .done = Fait ?
    .no-number = pas de numéro
    .called = Appelé
today-rematch = Dernier recalcul des propositions
    .empty = Pas encore de recalcul.
    .link = Vers le recalcul
today-run-started =
    { $days ->
        [0] Démarré aujourd’hui
        [1] Démarré hier
       *[other] Démarré il y a { $days } jours
    }
today-run-running = en cours ({ $percent } %)
today-run-done = terminé
today-run-summary = terminé: { $proposals } propositions, { $groups } groupes, { $referrals } à orienter
today-run-failed = échoué
today-run-stopped = arrêté
call-reason =
    { $code ->
        [match_proposed] Parler d’une proposition (on peut toujours dire non)
        [match_accepted] Dire que tout le monde a dit oui
        [match_declined] Dire que la proposition ne se fera pas
        [match_closed] Dire que la mise en contact est clôturée
        [follow_up_due] Demander comment ça se passe
        [request_referred] Dire vers quel service la demande a été orientée
        [check_in_asked] Demander si tout se passe bien (suivi, pas d’adresse e-mail)
        [check_in_reminder] Redemander si tout se passe bien (suivi, deuxième fois)
        [recurring_call] Rappeler comme convenu
       *[other] Quelque chose à dire
    }

label-age =
    { $days ->
        [0] aujourd’hui
        [1] 1 jour
       *[other] { $days } jours
    }
label-kind =
    { $code ->
        [emotional] Une oreille attentive, une visite
        [companionship] Faire quelque chose ensemble
        [practical] Un petit coup de main pratique
       *[other] Autre demande
    }
label-request-status =
    { $code ->
        [open] ouverte
        [proposed] proposition faite
        [matched] mis en contact
        [closed] clôturée
        [referral_needed] à orienter
        [referred] orientée
        [cancelled] annulée
        [expired] expirée
       *[other] inconnu
    }
label-consent =
    { $code ->
        [home_visit] Lors d’une visite à domicile
        [phone_round] Lors d’une tournée d’appels
        [referral_card] Par une carte d’orientation signée
        [self] Par la personne elle-même
       *[other] Inconnu
    }

schedule-title = Tâches planifiées
    .empty = Aucune tâche planifiée n'a encore tourné.
    .task = Tâche
    .when = Démarrée
    .status = État
    .outcome = Résultat
schedule-task =
    { $code ->
        [lapse] Faire expirer les propositions sans réponse
        [expiry] Signaler les demandes ouvertes depuis longtemps
        [follow_ups] Rappels de suivi
        [rematch] Recalcul de nuit
       *[other] { $code }
    }
schedule-count =
    { $code ->
        [proposals_lapsed] propositions expirées
        [open_too_long] ouvertes depuis longtemps
        [proposals_declined] plusieurs propositions sans suite
        [follow_ups] rappels
       *[other] { $code }
    }

rematch-title = Nouvel appariement
rematch-intro = Un recalcul examine toutes les demandes ouvertes ensemble et cherche pour chacune le voisin le plus adapté. Chaque proposition attend la réponse de chacun : on peut toujours dire non. Les personnes qui ont la même demande se voient proposer un petit groupe, et les demandes pour lesquelles personne n’est disponible depuis longtemps sont marquées pour être orientées.
rematch-already = Un recalcul est déjà en cours. Vous pouvez suivre son avancement ci-dessous ; en lancer un second en même temps n’est pas possible.
rematch-running = En cours
rematch-progress = Avancement
rematch-started = Démarré
rematch-reloading = Cette page se met à jour toutes les 2 secondes jusqu’à la fin du calcul.
rematch-stop-reloading = Ne plus mettre à jour automatiquement
rematch-check-again = Voir l’état à nouveau
rematch-follow = Suivre automatiquement (mise à jour toutes les 2 secondes)
rematch-dry-run = Seulement essayer : compter ce qui se passerait, ne rien proposer
rematch-start = Lancer le recalcul
rematch-limited = Un recalcul concerne toute l’organisation. Vous travaillez pour une partie des quartiers : vous ne pouvez donc pas le lancer vous-même ; demandez-le à un coordinateur de toute l’organisation. Des recalculs lancés par d’autres, vous voyez seulement qu’ils ont eu lieu, pas leurs chiffres.
rematch-last = Dernier recalcul terminé
rematch-trial = C’était un essai : rien n’a été proposé ni modifié.
rematch-considered = Demandes ouvertes examinées
rematch-proposals-made = Propositions faites
rematch-groups-suggested = Petits groupes suggérés
rematch-referrals-flagged = Demandes marquées à orienter
rematch-unmatched = Encore sans proposition
rematch-duration = Durée
rematch-recent = Recalculs récents
    .empty = Pas encore de recalcul.
    .number = N°
    .status = État
    .proposals = Propositions
    .groups = Groupes
    .refer = À orienter
    .trial = essai
rematch-ago =
    { $unit ->
        [now] à l’instant
        [min] { $n } min plus tôt
        [hour] { $n } h plus tôt
       *[day] { $n } jours plus tôt
    }
rematch-status =
    { $code ->
        [running] en cours
        [succeeded] terminé
        [failed] échoué
        [cancelled] arrêté
       *[other] inconnu
    }
rematch-error =
    { $code ->
        [stale] Le calcul n’a plus donné signe de vie et a été arrêté.
        [not_started] Le calcul n’a pas pu démarrer.
       *[other] Une erreur s’est produite pendant le calcul. Réessayez plus tard.
    }

groups-title = Suggestions de groupes
groups-empty = Aucune suggestion de groupe. Elles naissent lors d’un nouvel appariement.
groups-heading = Avec d’autres qui ont la même demande
groups-hint = Accepter ne met personne dans un groupe : chacun dit oui ou non à une proposition.
groups-group = Petit groupe
groups-accept = Accepter le groupe
groups-split = Séparer
groups-all = Toutes les suggestions de groupes
groups-decided = Ce groupe a déjà été décidé entre-temps.
groups-status =
    { $code ->
        [suggested] suggestion
        [accepted] acceptée par un coordinateur
       *[other] séparée
    }

# Field rules (nabij_store::rules), shown next to a form field.
rule-empty = Remplissez ce champ.
rule-too-long = C’est trop long ({ $max } caractères au plus).
rule-control = N’utilisez pas de retours à la ligne ni de caractères de contrôle ici.
rule-format = Ceci contient des caractères de mise en forme invisibles (par exemple qui inversent le sens de lecture). Retapez le texte au lieu de le coller.
rule-phone = Un numéro de téléphone contient au moins { $min } chiffres, et sinon seulement des espaces, points, tirets, parenthèses, / et +.
rule-email = Cette adresse e-mail n’est pas correcte. Elle ressemble à nom@exemple.be.
rule-url = Une adresse de site commence par http:// ou https://, sans espaces, par exemple https://www.exemple.be.

## ---------------------------------------------------------------- neighbour pages
## crates/api/src/console/pages/neighbour/ and templates/console/neighbour/: the list
## (neighbours-), registering (register-), the form both register and edit show
## (neighbour-form-), one neighbour's page (neighbour-), its history
## (neighbour-history-), editing (neighbour-edit-) and erasing (neighbour-erase-).

# Words several neighbour pages share.
neighbour-hood = Quartier
neighbour-likes = Aime faire ou aider pour
neighbour-status = État
    .active = participe
    .paused = en pause

neighbours-title = Habitants
neighbours-erased = Les données ont été effacées.
neighbours-search = Rechercher des habitants
    .name = Rechercher par nom
    .all-hoods = Tous les quartiers
    .anything = Tout
    .everybody = Tout le monde
    .submit = Rechercher
    .show-all = Tout afficher
neighbours-found =
    { $total } { $total ->
        [1] personne trouvée
       *[other] personnes trouvées
    } · page { $page } sur { $pages }
neighbours-name = Nom
neighbours-empty = Personne trouvé.
neighbours-pages = Pages
    .prev = Page précédente
    .next = Page suivante

register-title = Inscrire quelqu’un
register-lead = Après une visite à domicile, une tournée d’appels ou avec une carte d’orientation : inscrivez la personne avec son accord.
register-consent = Comment la personne a-t-elle donné son accord ?
register-hood-empty = — choisissez un quartier —
register-lat = Latitude du domicile
register-lon = Longitude du domicile
register-more = Plus sur la personne
    .hint = Facultatif : vous pouvez aussi compléter plus tard.
register-languages-hint = Rien de coché : la langue des messages.
register-submit = Inscrire

neighbour-form-errors = Quelque chose ne va pas
neighbour-form-name = Nom (comme la personne souhaite être appelée)
neighbour-form-phone = Téléphone (facultatif)
neighbour-form-email = Adresse e-mail (facultatif)
neighbour-form-position-hint = Facultatif. Sans position, nous utilisons le centre du quartier.
neighbour-form-radius = Jusqu’où la personne peut-elle ou veut-elle aller ?
neighbour-form-message-language = Langue des messages
neighbour-form-languages = Langues que la personne parle
neighbour-form-interests = Qu’est-ce que la personne aime faire ?
    .hint = Pour rapprocher des personnes qui aiment la même chose.
neighbour-form-talents = Pour quoi la personne aime-t-elle donner un coup de main ?
    .hint = Seulement ce que la personne aime faire, jamais par obligation.
neighbour-form-availability = Quand la personne est-elle généralement disponible ?
    .hint = Cochez les moments qui conviennent. Rien de coché : la personne n’est pas encore proposée pour accompagner quelqu’un.
neighbour-form-capacity = Avec combien de personnes à la fois la personne veut-elle faire quelque chose ?

neighbour-edit-title = Modifier les données de { $name }
neighbour-edit-hood-empty = — aucun quartier —
neighbour-edit-position-hint = La position du domicile est gardée mais n’est pas affichée ici. Ne remplissez que si la personne a déménagé. Si vous choisissez un autre quartier sans position, nous utilisons le centre de ce quartier.
neighbour-edit-lat = Nouvelle latitude du domicile
neighbour-edit-lon = Nouvelle longitude du domicile
neighbour-edit-languages-hint = Au moins une.
neighbour-edit-save = Enregistrer
neighbour-edit-cancel = Annuler

neighbour-erase-title = Effacer les données de { $name }
neighbour-erase-error = Rien n’a été effacé
    .confirm = Cochez que vous comprenez que cela ne peut pas être annulé.
neighbour-erase-lead = Faites-le si la personne demande d’effacer toutes ses données, ou ne veut plus participer. Si elle veut juste faire une pause, mettez-la plutôt en pause.
neighbour-erase-happens = Ce qui se passe
    .data = Le nom, le téléphone, l’adresse e-mail, la position du domicile, les langues, ce que la personne aime faire et quand sont effacés définitivement.
    .requests = Les demandes encore ouvertes de la personne sont annulées ; le texte de toutes ses demandes est effacé.
    .matches = Les propositions et mises en contact avec la personne sont clôturées. Qui devait l’accompagner peut de nouveau être proposé à quelqu’un d’autre.
    .messages = Les messages à la personne qui n’ont pas encore été envoyés ne le seront plus.
neighbour-erase-stays = Ce qui reste
    .log = Le journal garde la trace d’un effacement, sans nom ni autre donnée personnelle, et les chiffres du quartier restent justes.
neighbour-erase-copy = Cela ne peut pas être annulé. La personne veut-elle d’abord une copie ?
    .link = Téléchargez d’abord toutes les données.
neighbour-erase-confirm = Je comprends que cela ne peut pas être annulé.
neighbour-erase-submit = Effacer définitivement toutes les données
neighbour-erase-back = Ne pas effacer, retour

# The facts on a neighbour's page (Buurt and Stand: neighbour-hood, neighbour-status).
neighbour-facts =
    .phone = Téléphone
    .email = E-mail
    .position = Position du domicile
    .position-kept = gardée pour chercher des voisins proches, non affichée
    .radius = Jusqu’où
    .languages = Langues
    .interests = Aime faire
    .talents = Aime aider pour
    .availability = Généralement disponible
    .capacity = Avec combien à la fois
    .consent = Accord
neighbour-actions = Que voulez-vous faire ?
    .edit = Modifier les données
    .pause = Mettre en pause
    .pause-hint = Pendant la pause, la personne n’est proposée à personne. Les mises en contact en cours restent.
    .resume = Reprendre la participation
    .resume-hint = La personne pourra de nouveau être proposée.
    .export = Télécharger toutes les données (fichier JSON)
    .erase = Effacer les données…
# The line after a change (`?done=`).
neighbour-done =
    .saved = Les données ont été enregistrées.
    .unchanged = Rien n’a changé.
    .paused = La personne est en pause.
    .resumed = La personne participe de nouveau.
neighbour-requests = Demandes
    .kind = Type
    .since = Depuis
    .empty = Pas encore de demandes.
neighbour-new-request = Noter une demande
    .kind = En quoi un voisin peut-il aider ?
    .text = Avec les mots de la personne
    .date = À une date précise (facultatif)
    .date-hint = Laisser vide si le moment est libre.
    .submit = Noter la demande
neighbour-request-failed = Demande non notée
    .text = Choisissez un type de demande, gardez le texte sous 2000 caractères et une date dans l’année.
    .back = Retour

neighbour-history = Ce que la personne a fait avec d’autres
    .empty = Pas encore de mises en contact ni de remerciements.
    .someone = un voisin
    .met = ils se sont rencontrés
# The date of an event (day and month with two digits).
neighbour-history-date = { $day }/{ $month }/{ $year }
# A match: $side is this neighbour's side (companion, requester), $status the match's
# (proposed, active, closed); $who the others in it, $what the request.
neighbour-history-match =
    { $side ->
        [companion]
            { $status ->
                [proposed] Proposition d’aider { $who } : { $what }
                [active] Aide { $who } : { $what }
               *[other] A aidé { $who } : { $what }
            }
       *[requester]
            { $status ->
                [proposed] Proposition : { $who } aiderait pour : { $what }
                [active] Reçoit l’aide de { $who } : { $what }
               *[other] A été aidé·e par { $who } : { $what }
            }
    }
# Help or thanks: $direction is gave or got, $kind help or thanks, $who the other.
neighbour-history-exchange =
    { $direction ->
        [gave]
            { $kind ->
                [help] A aidé { $who }
               *[thanks] A remercié { $who }
            }
       *[got]
            { $kind ->
                [help] A reçu l’aide de { $who }
               *[thanks] A été remercié·e par { $who }
            }
    }

# ---------------------------------------------------------------------------------------
# The request page and its actions. See nl/console.ftl.

request-title = Demande #{ $id }
request-status = État
request-error = Ce n’a pas été possible
    .to-form = Vers le formulaire

request-scope = Cette demande convient-elle à l’entraide ?
    .in = Petite aide : un voisin peut aider.
    .out = Pas une petite aide : orientez vers un service.
    .overridden = modifié par un coordinateur
    .services = Services qui peuvent aider
    .service = Service
    .what = Quoi
    .phone = Téléphone
request-override = Modifier l’avis
    .question = De quelle aide s’agit-il selon vous ?
    .reason = Pourquoi ? (obligatoire)
    .save = Enregistrer l’avis
    .invalid = Choisissez un type d’aide et expliquez brièvement pourquoi (500 caractères au plus).
    .back = Retour à la demande
request-category =
    { $code ->
        [small_help] Petite aide (un voisin peut aider)
        [structural] Aide régulière et structurelle (un service)
        [heavy] Travaux lourds (un service)
        [personal_care] Soins personnels (un service)
       *[other] Inconnu
    }

request-candidates = Voisins qui pourraient accompagner
    .empty = Personne à proximité pour l’instant. Cherchez une autre solution ou orientez.
    .distance = À environ { $metres } m
    .tick = { $name } proposer
    .how = Plus d’un voisin coché ?
    .each = Une proposition chacun : qui dit oui accompagne
    .together = Une seule proposition, en petit groupe : elle commence quand tous disent oui
    .hint = Chacun est prévenu et peut dire oui ou non librement.
    .propose = Proposer
    .shared-note = Que peuvent-ils déjà savoir l’un de l’autre ? (court, sans nom ni adresse)
    .shared-note-hint = Tant que tous n’ont pas dit oui, ils n’apprennent les uns des autres que le quartier, ce qu’ils ont en commun, le moment et ce texte. Noms et coordonnées suivent quand tous ont dit oui.
request-component =
    { $code ->
        [proximity] Proximité
        [fit] Correspond à la demande
        [reciprocity] Réciprocité
        [continuity] Se connaissent déjà
        [availability] Disponibilité
       *[load] Disponibilité pour aider
    }
request-propose = Personne n’a été proposé. { $reason }
    .none = Cochez d’abord qui vous voulez proposer.
    .too-many = Choisissez au plus huit voisins ensemble.
    .note-invalid = Le texte partagé est trop long ou contient des caractères refusés : au plus 280 caractères, sur une ligne.

request-map = Croquis : où habitent à peu près les voisins
    .centre = { $name } au centre.
    .spot = { $number }: { $name }, environ { $metres } m, { $direction }.
    .caption = Un croquis, pas une carte : les positions sont arrondies à des blocs de 250 m. Les numéros sont ceux de la liste.
request-direction =
    { $code ->
        [same] dans le même bloc
        [e] est
        [ne] nord-est
        [n] nord
        [nw] nord-ouest
        [w] ouest
        [sw] sud-ouest
        [s] sud
       *[se] sud-est
    }

request-matches = Propositions et mises en contact
    .heading = Proposition du { $date } · { $status }
    .who = Qui participe
    .part = Dans cette proposition
    .answer = Réponse
    .note-answer = Noter la réponse
    .outside = quelqu’un hors de vos quartiers
    .this-person = Cette personne
    .met = Se sont rencontrés
    .both-ways = Aide dans les deux sens
    .no-or-not-yet = non ou pas encore
    .note = Note
request-match-status =
    { $code ->
        [proposed] proposée, attend une réponse
        [active] en cours
        [declined] n’a pas eu lieu
        [closed] clôturée
       *[other] inconnu
    }
request-match-part =
    { $code ->
        [companion] accompagne
       *[asked] a posé la demande
    }
request-match-answer =
    { $code ->
        [accepted] oui
        [declined] non
       *[other] pas encore de réponse
    }
request-match-says =
    { $verb ->
        [accept] { $name } dit oui
       *[decline] { $name } dit non
    }
request-close = Clôturer, avec un bref suivi
    .met = Vous êtes-vous rencontrés ?
    .mutual = L’aide va-t-elle maintenant dans les deux sens ?
    .yes = Oui
    .no = Non
    .not-yet = Pas encore
    .choose = Choisissez une réponse.
    .note = Note (facultative)
    .note-error = La note est trop longue (2000 caractères au plus).
    .note-hint = Brève et sans données sensibles.
    .submit = Clôturer la mise en contact
    .note-too-long = La note est trop longue : 2000 caractères au plus.
    .both = Répondez aux deux questions pour clôturer.

request-refer = Orienter vers un service
    .item = { $date }: orientée vers { $service } ({ $reason })
    .item-no-service = aucun service de la liste
    .hint = La personne et vous serez prévenus. La demande ne sera plus proposée aux voisins.
    .service = Service de la carte sociale
    .no-service = Aucun service de la liste
    .fits = Convient à cette demande
    .others = Autres services
    .no-services-yet = Pas encore de services : complétez la carte sociale
    .why = Pourquoi orienter ?
    .submit = Orienter
    .service-gone = Ce service n’est pas (plus) sur la carte sociale. Choisissez-en un autre.
    .invalid = Choisissez un service (ou aucun) et une raison.
request-life = Parcours de la demande
    .forbidden = Vous ne pouvez pas faire ceci pour cette demande.
request-flag =
    { $code ->
        [open_too_long] Cette demande est ouverte depuis longtemps sans mise en contact
        [proposals_declined] Plusieurs propositions pour cette demande n'ont pas abouti
       *[no_candidates] Personne n'est disponible à proximité depuis longtemps
    } (signalée { $days ->
        [0] aujourd'hui
        [one] il y a 1 jour
       *[other] il y a { $days } jours
    }). À vous de choisir : orienter vers un service, ou rouvrir.
    .refer = Orienter (vers le formulaire)
    .reopen = Rouvrir
    .reopen-hint = La demande reprend part aux mises en contact ; le délai recommence.
request-flag-reason =
    { $code ->
        [open_too_long] Ouverte depuis longtemps
        [proposals_declined] Plusieurs propositions sans suite
       *[no_candidates] Personne à proximité
    }
request-cancel = Annuler la demande
    .why = Pourquoi annuler ?
    .note = Précision (obligatoire pour « autre chose »)
    .hint = Les propositions en cours sont retirées ; les personnes concernées sont prévenues, sans noms.
    .submit = Annuler la demande
    .invalid = Choisissez une raison. Pour « autre chose », dites brièvement pourquoi (500 caractères au plus).
    .conflict = Cette demande ne peut plus être annulée : elle a déjà une mise en contact, est clôturée ou orientée.
    .done = Annulée :
request-cancel-reason =
    { $code ->
        [no_longer_needed] Plus nécessaire
        [solved_otherwise] Résolue autrement
        [person_asked] La personne l'a demandé elle-même
        [filed_in_error] Encodée par erreur
       *[other] Autre chose
    }
request-edit = Modifier la demande
    .text = Quelle est la demande ?
    .tags = Sujets (codes séparés par des espaces)
    .date = Un jour précis (vide : inchangé)
    .hint = Un nouveau texte est évalué à nouveau ; un avis modifié auparavant tombe alors.
    .save = Enregistrer la modification
    .invalid = Vérifiez le texte, les sujets et la date (entre aujourd'hui et dans un an).
    .conflict = Cette demande ne peut pas être modifiée maintenant : une proposition est en cours, ou elle a déjà une mise en contact, est clôturée ou orientée.
request-referral-reason =
    { $code ->
        [out_of_scope] Pas une petite aide : cela relève d’un service
        [no_match] Personne trouvé à proximité
        [coordinator_choice] Choix du coordinateur
       *[other] Autre raison
    }

request-refusal =
    { $code ->
        [capacity_reached] { $who } n’a plus de place pour accompagner quelqu’un en ce moment.
        [neighbour_paused] { $who } fait une pause.
        [declined_before] { $who } a déjà été proposé avec cette personne et cela ne s’est pas fait. Nous ne les proposons plus ensemble.
        [already_proposed] { $who } est déjà proposé pour cette demande.
        [already_declined] Cette personne a déjà dit non à cette proposition.
        [match_not_proposed] Cette proposition a déjà reçu une réponse entre-temps.
        [match_not_active] Cette mise en contact n’est pas (plus) en cours et ne peut donc pas être clôturée.
        [not_registered] { $who } n’est pas (plus) inscrit chez nous.
        [invalid] Ce choix ne peut pas être enregistré. Vérifiez-le et réessayez.
       *[changed] Cette demande a changé entre-temps (par exemple déjà orientée ou clôturée). Regardez-la à nouveau.
    }
    .someone = Ce voisin

## ---- Services (sociale kaart) and the service form: pages/services.rs, service_form.rs ----

services-title = Carte sociale
services-lead = Les services vers lesquels vous orientez quand une demande n’est pas une petite aide, ou qu’aucun voisin n’est trouvé.
services-add = Ajouter un service
services-done =
    { $code ->
        [added] Le service est sur la carte.
        [saved] Le service a été enregistré.
       *[removed] Le service a été retiré de la carte. Les orientations passées restent enregistrées.
    }
services-column =
    { $code ->
        [service] Service
        [what] Quoi
        [for] Pour
        [phone] Téléphone
        [email] E-mail
       *[area] Zone
    }
services-empty = Pas encore de services sur la carte.
services-edit-title = Modifier le service : { $name }
services-save = Enregistrer
services-cancel = Annuler
services-remove = Retirer de la carte
    .hint = Le service n’existe plus, ou vous n’y orientez plus ? Retirez-le de la carte. Les orientations passées vers ce service restent enregistrées.
services-not-saved = Le service n’a pas pu être enregistré. Vérifiez le nom et les coordonnées.
service-form-errors = Quelque chose ne va pas
service-form-label =
    { $field ->
        [name] Nom du service
        [description] Que fait le service ? (facultatif)
        [categories] Pour quelles demandes peut-on s’y adresser ?
        [phone] Téléphone (facultatif)
        [email] Adresse e-mail (facultatif)
        [website] Site web (facultatif)
       *[area] Zone desservie (facultatif)
    }
service-category =
    { $code ->
        [personal_care] Soins personnels (toilette, habillage, médicaments)
        [structural] Aide régulière chaque semaine (ménage, entretien du jardin)
        [heavy] Gros travaux
        [no_match] Demandes pour lesquelles aucun voisin n’est trouvé
       *[other] { $code }
    }

## ---- Neighbourhood report: pages/report.rs, report/* ----

report-title = Rapport de quartier
report-lead = Par quartier et par mois : ce qui a été demandé, qui a été mis en contact, ce qui a été orienté, ce qui attend encore et où manquent des voisins prêts à aider. Uniquement des nombres, jamais de noms.
report-no-neighbourhood = Sans quartier
report-empty = Vous n’avez aucun quartier à afficher.
report-download = Télécharger ces chiffres (CSV, pour un tableur)
report-hint = Pour que personne ne soit reconnaissable, les nombres de 1 à 4 sont affichés « <5 ». Un total qui contient un tel petit nombre n’est pas affiché (« * ») : sinon, on pourrait calculer le petit nombre.
report-chart-desc = Nombre par mois.
report-not-offered = Demandé, mais proposé par personne d’autre dans ce quartier :
report-numbers-for = Chiffres pour
report-what = Quoi
report-total = Total
report-filter = Le rapport ne peut pas être affiché ainsi
    .areas = Quartiers
    .from = De
    .to = Jusqu’à
    .show = Afficher le rapport
report-problem =
    { $code ->
        [month] Choisissez un mois dans la liste.
        [order] Le dernier mois ne peut pas précéder le premier.
        [too_many] Choisissez 12 mois au plus.
       *[area] Ce quartier n’existe pas, ou vous n’y avez pas accès.
    }
report-section =
    { $code ->
        [requests] Demandes par type
        [matches] Mises en contact
        [referrals] Orientations et leur raison
        [unmet] Demandes encore sans mise en contact
        [missing] Où manquent des voisins prêts à aider
       *[reach] Comment les personnes ont été jointes
    }
report-line =
    { $code ->
        [requests_emotional] Une oreille attentive, une visite
        [requests_companionship] Faire quelque chose ensemble
        [requests_practical] Un petit coup de main pratique
        [matches_started] Commencées (tout le monde a dit oui)
        [matches_closed_mutual] Clôturées, l’aide va maintenant dans les deux sens
        [referrals_structural] Aide trop fréquente ou régulière
        [referrals_heavy] Travail lourd
        [referrals_personal_care] Soins personnels
        [referrals_out_of_scope_other] Hors de l’aide de voisinage, autre raison
        [referrals_no_match] Personne trouvé
        [referrals_coordinator_choice] Choix de la personne de contact
        [unmet_open] Encore ouvertes
        [unmet_expired] Expirées
        [unmet_referral_needed] En attente d’orientation
        [no_candidate_nearby] Demandes en attente pour lesquelles personne n’est disponible à proximité
        [tag_not_offered] Demandes de quelque chose que personne d’autre dans le quartier ne propose
        [registered_home_visit] Inscrits lors d’une visite à domicile
        [registered_phone_round] Inscrits lors d’une tournée d’appels
        [registered_referral_card] Inscrits avec une carte d’orientation
        [registered_self] Inscrits eux-mêmes
        [calls_made] Appels passés (personnes sans e-mail)
        [requests_total] Toutes les demandes
        [referrals_total] Toutes les orientations
        [unmet_total] Toutes les demandes sans mise en contact
        [reach_total] Toutes les inscriptions
        [matches_total] Total
        [missing_total] Total
       *[other] { $code }
    }
# `jan 2026`; $month is 1 to 12, $year the year as text.
report-month =
    { $month ->
        [1] janv.
        [2] févr.
        [3] mars
        [4] avr.
        [5] mai
        [6] juin
        [7] juil.
        [8] août
        [9] sept.
        [10] oct.
        [11] nov.
       *[12] déc.
    } { $year }

## ---- Labels of a neighbour's record: pages/labels.rs ----
# The name of a language a person speaks (`language-name.<code>`).
language-name = { $code }
    .nl = néerlandais
    .fr = français
    .en = anglais
    .de = allemand
    .ar = arabe
    .tr = turc
    .pl = polonais
    .ro = roumain
    .es = espagnol
    .it = italien
    .pt = portugais
    .ru = russe
    .uk = ukrainien
    .fa = persan (farsi)
    .ps = pachto
    .ti = tigrigna
    .so = somali
    .bg = bulgare
    .sq = albanais
    .ber = berbère (tamazight)
# Days of the week, Monday first (`day-name.<mon…sun>`), and parts of the day.
day-name = { $day }
    .mon = lundi
    .tue = mardi
    .wed = mercredi
    .thu = jeudi
    .fri = vendredi
    .sat = samedi
    .sun = dimanche
day-part = { $part }
    .morning = matin
    .afternoon = après-midi
    .evening = soir

## ---- Messages of the form checks (register, edit, service form) ----
form-check = { "" }
    .name = Indiquez le nom.
    .hood-or-position = Choisissez un quartier, ou indiquez la position du domicile.
    .not-saved = Ces données n’ont pas pu être enregistrées. Vérifiez le nom, les coordonnées et la position.
    .one-language = Choisissez au moins une langue que la personne parle.
    .hood-from-list = Choisissez un quartier dans la liste.
    .distance-from-list = Choisissez une distance dans la liste.
    .number-from-list = Choisissez un nombre dans la liste.
    .language-from-list = Choisissez une langue dans la liste.
    .only-from-list = Choisissez seulement dans la liste.
    .service-name = Indiquez le nom du service.
    .consent = Choisissez comment la personne a donné son accord : sans accord, nous n’inscrivons personne.
    .lat-lon = Indiquez la latitude et la longitude en chiffres, par exemple 51,2345 et 5,4321.

# Suivis (check-ins) : la page de réponse sans connexion (le lecteur seul), les suivis
# d’un jumelage sur la page de la demande avec le formulaire téléphonique, et les
# jumelages qui ont besoin de vous sur Aujourd’hui.
check-in-title = { $side ->
        [companion] Est-ce toujours léger pour vous ?
       *[other] Est-ce que tout se passe bien ?
    }
check-in-hello = Bonjour { $name },
check-in-intro = { $side ->
        [companion] { $organisation } aimerait savoir comment ça va. Est-ce toujours léger, et souhaitez-vous continuer ? Vous pouvez toujours arrêter ou faire une pause, sans raison. Un clic suffit.
       *[other] { $organisation } aimerait savoir comment ça va. Est-ce que tout se passe bien ? Un clic suffit.
    }
check-in-answer = { $code ->
        [go_on] { $side ->
            [companion] Oui, je continue volontiers
           *[other] Tout va bien, nous continuons
        }
        [pause] Faire une pause
        [end_well] Terminer en beauté
        [mediate] J’aimerais l’aide de ma personne de contact
       *[other] Il faut plus qu’un voisin
    }
check-in-answer-hint = { $code ->
        [go_on] Nous vous reposerons la question dans quelques semaines.
        [pause] Vous restez en contact ; nous ne demandons rien jusqu’à ce que vous vouliez reprendre.
        [end_well] Nous clôturons, en vous remerciant pour le temps partagé.
        [mediate] Votre personne de contact vous contactera.
       *[other] Votre personne de contact cherchera avec vous l’aide qui convient.
    }
check-in-note = Quelque chose à ajouter ? (facultatif)
    .hint = Court, 1000 caractères au plus. Seule votre personne de contact le lit.
    .too-long = Votre message est trop long : 1000 caractères au plus.
check-in-choose = Choisissez une des réponses.
check-in-gone = Ce lien ne fonctionne plus
    .p1 = Vous avez peut-être déjà répondu, ou le lien a expiré. Rien n’a été enregistré.
    .p2 = Vous souhaitez tout de même nous dire quelque chose ? Contactez votre personne de contact.
check-in-thanks = Merci pour votre réponse
    .p1 = { $code ->
        [go_on] Ravis de l’entendre ! Nous vous reposerons la question dans quelques semaines.
        [pause] Vous faites une pause. Nous ne demandons rien jusqu’à ce que vous vouliez reprendre ; dites-le à votre personne de contact.
        [end_well] Merci pour le temps partagé. Nous clôturons en beauté.
        [mediate] Votre personne de contact vous contactera.
       *[other] Votre personne de contact vous contactera et cherchera avec vous l’aide qui convient.
    }
check-ins = Suivis
    .none = Personne n’a encore été interrogé.
    .asked = Demandé le
    .who = Qui
    .how = Comment
    .answer = Réponse
check-in-channel = { $code ->
        [email] e-mail
        [call] liste d’appels
       *[other] noté par téléphone
    }
check-in-state = { $code ->
        [asked] attend une réponse (demandé { $tries } fois)
        [unanswered] pas de réponse après deux fois
       *[other] répondu
    }
check-in-answer-short = { $code ->
        [go_on] continuer
        [pause] pause
        [end_well] terminé en beauté
        [mediate] demande une médiation
       *[other] il faut plus qu’un voisin
    }
check-in-via = { $code ->
        [link] via le lien
       *[other] par téléphone, noté par { $by }
    }
check-in-form = Noter une réponse reçue par téléphone
    .who = Qui a répondu ?
    .answer = Quelle est la réponse ?
    .note = Note sur la réponse (facultatif)
    .submit = Noter la réponse
    .choose = Choisissez qui a répondu et la réponse.
    .note-too-long = La note est trop longue : 1000 caractères au plus.
match-paused = En pause depuis le { $date }
today-check-ins = Jumelages qui ont besoin de vous
    .empty = Aucun jumelage n’a besoin de vous pour l’instant.
    .why = Pourquoi
    .since = Depuis
today-check-in-why = { $code ->
        [unanswered] pas de réponse après deux fois
        [mediate] demande une médiation
       *[other] il faut plus qu’un voisin
    }
