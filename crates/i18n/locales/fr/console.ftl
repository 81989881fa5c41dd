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
