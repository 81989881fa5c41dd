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
