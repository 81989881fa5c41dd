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

# Column headings shared by several pages.
col-request = Vraag
col-neighbour = Buurtbewoner
col-kind = Soort
col-waiting = Wacht sinds

today-title = Vandaag
today-new = Nieuwe vragen (deze week), de nieuwste eerst
    .empty = Geen nieuwe vragen deze week.
today-open = Open vragen die al langer wachten, de oudste eerst
    .empty = Geen vragen die langer dan een week wachten.
today-referral = Vragen om door te verwijzen
    .empty = Niets door te verwijzen.
today-proposed = Voorstellen die op antwoord wachten
    .empty = Geen voorstellen die wachten.
    .since = Voorgesteld sinds
today-follow-up = Samen op weg: tijd om op te volgen
    .empty = Niemand om nu op te volgen.
    .since = Samen sinds
today-calls = Te bellen (geen e-mail)
    .empty = Niemand te bellen.
    .phone = Telefoon
    .about = Waarover
    .since = Sinds
    .done = Gedaan?
    .no-number = geen nummer
    .called = Gebeld
today-rematch = Laatste herberekening van voorstellen
    .empty = Nog geen herberekening.
    .link = Naar de herberekening
today-run-started =
    { $days ->
        [0] Vandaag gestart
        [1] Gisteren gestart
       *[other] { $days } dagen geleden gestart
    }
today-run-running = bezig ({ $percent } %)
today-run-done = klaar
today-run-summary = klaar: { $proposals } voorstellen, { $groups } groepjes, { $referrals } om door te verwijzen
today-run-failed = mislukt
today-run-stopped = gestopt
call-reason =
    { $code ->
        [match_proposed] Vertellen over een voorstel (nee zeggen mag altijd)
        [match_accepted] Vertellen dat iedereen ja zei
        [match_declined] Vertellen dat het voorstel niet doorgaat
        [match_closed] Vertellen dat de koppeling afgesloten is
        [follow_up_due] Vragen hoe het gaat
        [request_referred] Vertellen naar welke dienst de vraag doorverwezen werd
       *[other] Iets te vertellen
    }

# Labels shared by several pages (codes from the store).
label-age =
    { $days ->
        [0] vandaag
        [1] 1 dag
       *[other] { $days } dagen
    }
label-kind =
    { $code ->
        [emotional] Een luisterend oor, een bezoek
        [companionship] Samen iets doen
        [practical] Een kleine praktische hand
       *[other] Andere vraag
    }
label-request-status =
    { $code ->
        [open] open
        [proposed] voorstel gedaan
        [matched] samengebracht
        [closed] afgesloten
        [referral_needed] door te verwijzen
        [referred] doorverwezen
        [cancelled] geannuleerd
        [expired] verlopen
       *[other] onbekend
    }
label-consent =
    { $code ->
        [home_visit] Bij een huisbezoek
        [phone_round] Tijdens een belronde
        [referral_card] Met een ondertekende doorverwijskaart
        [self] Door de persoon zelf
       *[other] Onbekend
    }

rematch-title = Opnieuw koppelen
rematch-intro = Een herberekening bekijkt alle open vragen samen en zoekt voor elk de best passende buur. Elk voorstel wacht op het antwoord van iedereen: nee zeggen mag altijd. Mensen met dezelfde vraag krijgen een groepje voorgesteld, en vragen waarvoor al lang niemand in de buurt is, worden gemarkeerd om door te verwijzen.
rematch-already = Er loopt al een herberekening. U kunt hieronder volgen hoe ver ze staat; een tweede tegelijk starten kan niet.
rematch-running = Bezig
rematch-progress = Voortgang
rematch-started = Gestart
rematch-reloading = Deze pagina ververst zich elke 2 seconden tot de berekening klaar is.
rematch-stop-reloading = Niet meer automatisch verversen
rematch-check-again = Stand opnieuw bekijken
rematch-follow = Automatisch volgen (ververst elke 2 seconden)
rematch-dry-run = Alleen proberen: tellen wat er zou gebeuren, niets voorstellen
rematch-start = Herberekening starten
rematch-last = Laatste afgewerkte herberekening
rematch-trial = Dit was een proef: er werd niets voorgesteld of aangepast.
rematch-considered = Open vragen bekeken
rematch-proposals-made = Voorstellen gedaan
rematch-groups-suggested = Groepjes voorgesteld
rematch-referrals-flagged = Vragen gemarkeerd om door te verwijzen
rematch-unmatched = Nog zonder voorstel
rematch-duration = Duur
rematch-recent = Recente herberekeningen
    .empty = Nog geen herberekening.
    .number = Nr.
    .status = Stand
    .proposals = Voorstellen
    .groups = Groepjes
    .refer = Door te verwijzen
    .trial = proef
rematch-ago =
    { $unit ->
        [now] zonet
        [min] { $n } min geleden
        [hour] { $n } uur geleden
       *[day] { $n } dagen geleden
    }
rematch-status =
    { $code ->
        [running] bezig
        [succeeded] klaar
        [failed] mislukt
        [cancelled] gestopt
       *[other] onbekend
    }
rematch-error =
    { $code ->
        [stale] De berekening gaf lange tijd geen teken van leven en werd stopgezet.
        [not_started] De berekening kon niet starten.
       *[other] Er ging iets mis tijdens de berekening. Probeer het later opnieuw.
    }

groups-title = Groepsvoorstellen
groups-empty = Geen groepsvoorstellen. Ze ontstaan bij het opnieuw koppelen.
groups-heading = Samen met anderen met dezelfde vraag
groups-hint = Aanvaarden zet niemand in een groep: elke persoon zegt zelf ja of nee op een voorstel.
groups-group = Groepje
groups-accept = Groepje aanvaarden
groups-split = Opsplitsen
groups-all = Alle groepsvoorstellen
groups-decided = Over dit groepje werd intussen al beslist.
groups-status =
    { $code ->
        [suggested] voorstel
        [accepted] aanvaard door een aanspreekpersoon
       *[other] opgesplitst
    }

## ---- Services (sociale kaart) and the service form: pages/services.rs, service_form.rs ----

services-title = Sociale kaart
services-lead = De diensten waarnaar u doorverwijst als een vraag geen kleine hulp is, of als er geen buur gevonden wordt.
services-add = Een dienst toevoegen
services-done =
    { $code ->
        [added] De dienst staat op de kaart.
        [saved] De dienst is bewaard.
       *[removed] De dienst is van de kaart gehaald. Eerdere doorverwijzingen blijven bewaard.
    }
services-column =
    { $code ->
        [service] Dienst
        [what] Wat
        [for] Voor
        [phone] Telefoon
        [email] E-mail
       *[area] Gebied
    }
services-empty = Nog geen diensten op de kaart.
services-edit-title = Dienst aanpassen: { $name }
services-save = Bewaren
services-cancel = Annuleren
services-remove = Van de kaart halen
    .hint = Bestaat de dienst niet meer, of verwijst u er niet meer naar? Haal hem dan van de kaart. Eerdere doorverwijzingen naar deze dienst blijven bewaard.
services-not-saved = De dienst kon niet bewaard worden. Kijk de naam en de contactgegevens na.
service-form-errors = Er is iets niet in orde
service-form-label =
    { $field ->
        [name] Naam van de dienst
        [description] Wat doet de dienst? (niet verplicht)
        [categories] Voor welke vragen kan men er terecht?
        [phone] Telefoon (niet verplicht)
        [email] E-mailadres (niet verplicht)
        [website] Website (niet verplicht)
       *[area] Werkgebied (niet verplicht)
    }
service-category =
    { $code ->
        [personal_care] Persoonlijke verzorging (wassen, aankleden, medicatie)
        [structural] Vaste hulp die elke week terugkomt (poetsen, tuinonderhoud)
        [heavy] Zware klussen
        [no_match] Vragen waarvoor geen buur gevonden wordt
       *[other] { $code }
    }

## ---- Neighbourhood report: pages/report.rs, report/* ----

report-title = Buurtrapport
report-lead = Per buurt en per maand: wat gevraagd werd, wie samengebracht werd, wat doorverwezen werd, wat nog wacht en waar buren ontbreken die graag helpen. Alleen aantallen, nooit namen.
report-no-neighbourhood = Zonder buurt
report-empty = U hebt geen buurten om te tonen.
report-download = Download deze cijfers (CSV, voor een rekenblad)
report-hint = Om niemand herkenbaar te maken tonen we aantallen van 1 tot 4 als “<5”. Een totaal waarin zo’n klein aantal zit, tonen we niet (“*”): anders kon u het kleine aantal uitrekenen.
report-chart-desc = Aantal per maand.
report-not-offered = Gevraagd, maar door niemand anders in deze buurt aangeboden:
report-numbers-for = Cijfers voor
report-what = Wat
report-total = Samen
report-filter = Het rapport kan zo niet getoond worden
    .areas = Buurten
    .from = Van
    .to = Tot en met
    .show = Rapport tonen
report-problem =
    { $code ->
        [month] Kies een maand uit de lijst.
        [order] De laatste maand mag niet vóór de eerste liggen.
        [too_many] Kies hoogstens 12 maanden.
       *[area] Deze buurt bestaat niet, of u hebt er geen toegang toe.
    }
report-section =
    { $code ->
        [requests] Vragen per soort
        [matches] Koppelingen
        [referrals] Doorverwijzingen en hun reden
        [unmet] Vragen nog zonder koppeling
        [missing] Waar buren die willen helpen ontbreken
       *[reach] Hoe mensen bereikt werden
    }
report-line =
    { $code ->
        [requests_emotional] Een luisterend oor, een bezoek
        [requests_companionship] Samen iets doen
        [requests_practical] Een kleine praktische hand
        [matches_started] Gestart (iedereen zei ja)
        [matches_closed_mutual] Afgesloten, en hulp gaat nu over en weer
        [referrals_structural] Te vaak of vast werk
        [referrals_heavy] Zwaar werk
        [referrals_personal_care] Persoonlijke verzorging
        [referrals_out_of_scope_other] Buiten buurthulp, andere reden
        [referrals_no_match] Niemand gevonden
        [referrals_coordinator_choice] Keuze van de aanspreekpersoon
        [unmet_open] Nog open
        [unmet_expired] Verlopen
        [unmet_referral_needed] Wachten op doorverwijzing
        [no_candidate_nearby] Wachtende vragen waarvoor nu niemand in de buurt kan
        [tag_not_offered] Vragen naar iets wat niemand anders in de buurt aanbiedt
        [registered_home_visit] Ingeschreven bij een huisbezoek
        [registered_phone_round] Ingeschreven tijdens een belronde
        [registered_referral_card] Ingeschreven met een doorverwijskaart
        [registered_self] Zelf ingeschreven
        [calls_made] Telefoontjes gedaan (mensen zonder e-mail)
        [requests_total] Alle vragen
        [referrals_total] Alle doorverwijzingen
        [unmet_total] Alle vragen nog zonder koppeling
        [reach_total] Alle inschrijvingen
        [matches_total] Samen
        [missing_total] Samen
       *[other] { $code }
    }
# `jan 2026`; $month is 1 to 12, $year the year as text.
report-month =
    { $month ->
        [1] jan
        [2] feb
        [3] mrt
        [4] apr
        [5] mei
        [6] jun
        [7] jul
        [8] aug
        [9] sep
        [10] okt
        [11] nov
       *[12] dec
    } { $year }
