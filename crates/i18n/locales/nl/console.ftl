# The coordinators' console, Dutch (the default). Keys: <page>-<what>; `shell-` for the
# page shell, `form-` for the form kit, `error-` for the error pages.

shell-skip = Naar de inhoud
shell-main-menu = Hoofdmenu
shell-today = Vandaag
shell-neighbours = Buurtbewoners
shell-register = Iemand inschrijven
shell-services = Sociale kaart
shell-report = Buurtrapport
shell-rematch = Opnieuw koppelen
shell-logout = Afmelden
shell-language = Taal
# The name of this language in itself, for the language menu.
shell-language-name = Nederlands

error-back-today = Terug naar vandaag
error-not-found = Niet gevonden
    .text = Deze pagina bestaat niet, of u hebt er geen toegang toe.
error-forbidden = Niet toegestaan
    .text = Dit formulier is verlopen of kwam niet van deze website. Open de pagina opnieuw en probeer nog eens.
error-failure = Er ging iets mis
    .text = Probeer het over enkele ogenblikken opnieuw. Blijft het misgaan, verwittig dan de beheerder.

login-title = Aanmelden
login-email = E-mailadres
login-password = Wachtwoord
login-missing = Vul uw e-mailadres en uw wachtwoord in.
login-throttled = Te veel mislukte pogingen. Wacht enkele minuten en probeer opnieuw.
login-mismatch = Dit e-mailadres en wachtwoord horen niet bij elkaar.
