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
today-flagged = Vragen die op uw keuze wachten: doorverwijzen of opnieuw openzetten
    .empty = Geen vragen die wachten op een keuze.
    .why = Waarom
    .since = Gemarkeerd
    .reopen = Opnieuw open
    .refer = Doorverwijzen
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
        [check_in_asked] Vragen of het nog goed loopt (check-in, geen e-mailadres)
        [check_in_reminder] Nog eens vragen of het nog goed loopt (check-in, tweede keer)
        [recurring_call] Terugbellen zoals afgesproken
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

schedule-title = Geplande taken
    .empty = Nog geen geplande taken gelopen.
    .task = Taak
    .when = Gestart
    .status = Stand
    .outcome = Resultaat
schedule-task =
    { $code ->
        [lapse] Voorstellen zonder antwoord laten vervallen
        [expiry] Lang open vragen markeren
        [follow_ups] Herinneringen om op te volgen
        [rematch] Nachtelijke herberekening
       *[other] { $code }
    }
schedule-count =
    { $code ->
        [proposals_lapsed] vervallen voorstellen
        [open_too_long] lang open
        [proposals_declined] meerdere voorstellen niet door
        [follow_ups] herinneringen
       *[other] { $code }
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
rematch-limited = Een herberekening koppelt de hele organisatie opnieuw. U werkt voor een deel van de buurten, daarom kunt u ze niet zelf starten: vraag het een coördinator van de hele organisatie. Van herberekeningen die anderen startten, ziet u alleen dat ze liepen, niet wat ze telden.
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

# Field rules (nabij_store::rules), shown next to a form field.
rule-empty = Vul dit veld in.
rule-too-long = Dit is te lang (hoogstens { $max } tekens).
rule-control = Gebruik hier geen regeleinden of stuurtekens.
rule-format = Dit bevat onzichtbare opmaaktekens (bijvoorbeeld tekens die de leesrichting omkeren). Typ de tekst opnieuw in plaats van hem te plakken.
rule-phone = Een telefoonnummer bevat minstens { $min } cijfers, en verder alleen spaties, punten, streepjes, haakjes, / en +.
rule-email = Dit e-mailadres klopt niet. Het ziet eruit als naam@voorbeeld.be.
rule-url = Een websiteadres begint met http:// of https://, zonder spaties, bijvoorbeeld https://www.voorbeeld.be.

## ---------------------------------------------------------------- neighbour pages
## crates/api/src/console/pages/neighbour/ and templates/console/neighbour/: the list
## (neighbours-), registering (register-), the form both register and edit show
## (neighbour-form-), one neighbour's page (neighbour-), its history
## (neighbour-history-), editing (neighbour-edit-) and erasing (neighbour-erase-).

# Words several neighbour pages share.
neighbour-hood = Buurt
neighbour-likes = Doet of helpt graag met
neighbour-status = Stand
    .active = doet mee
    .paused = even gepauzeerd

neighbours-title = Buurtbewoners
neighbours-erased = De gegevens zijn gewist.
neighbours-search = Buurtbewoners zoeken
    .name = Zoek op naam
    .all-hoods = Alle buurten
    .anything = Alles
    .everybody = Iedereen
    .submit = Zoeken
    .show-all = Alles tonen
neighbours-found =
    { $total } { $total ->
        [1] persoon gevonden
       *[other] personen gevonden
    } · pagina { $page } van { $pages }
neighbours-name = Naam
neighbours-empty = Niemand gevonden.
neighbours-pages = Pagina’s
    .prev = Vorige pagina
    .next = Volgende pagina

register-title = Iemand inschrijven
register-lead = Na een huisbezoek, een belronde of met een doorverwijskaart: schrijf de persoon in met haar of zijn toestemming.
register-consent = Hoe gaf de persoon toestemming?
register-hood-empty = — kies een buurt —
register-lat = Breedtegraad van de woning
register-lon = Lengtegraad van de woning
register-more = Meer over de persoon
    .hint = Niet verplicht: u kunt dit ook later aanvullen.
register-languages-hint = Niets aangevinkt: de taal van de berichten.
register-submit = Inschrijven

neighbour-form-errors = Er is iets niet in orde
neighbour-form-name = Naam (zoals de persoon genoemd wil worden)
neighbour-form-phone = Telefoon (niet verplicht)
neighbour-form-email = E-mailadres (niet verplicht)
neighbour-form-position-hint = Niet verplicht. Zonder positie rekenen we met het midden van de buurt.
neighbour-form-radius = Hoe ver kan of wil de persoon gaan?
neighbour-form-message-language = Taal van berichten
neighbour-form-languages = Talen die de persoon spreekt
neighbour-form-interests = Wat doet de persoon graag?
    .hint = Om mensen met dezelfde goesting samen te brengen.
neighbour-form-talents = Waarmee helpt de persoon graag?
    .hint = Alleen wat de persoon zelf graag doet, nooit als plicht.
neighbour-form-availability = Wanneer kan de persoon meestal?
    .hint = Vink de momenten aan die passen. Niets aangevinkt: we stellen de persoon nog niet voor om met iemand mee te gaan.
neighbour-form-capacity = Met hoeveel mensen tegelijk wil de persoon iets samen doen?

neighbour-edit-title = Gegevens aanpassen van { $name }
neighbour-edit-hood-empty = — geen buurt —
neighbour-edit-position-hint = De positie van de woning is bewaard, maar wordt hier niet getoond. Vul alleen iets in als de persoon verhuisd is. Kiest u een andere buurt zonder positie, dan rekenen we met het midden van die buurt.
neighbour-edit-lat = Nieuwe breedtegraad van de woning
neighbour-edit-lon = Nieuwe lengtegraad van de woning
neighbour-edit-languages-hint = Minstens één.
neighbour-edit-save = Bewaren
neighbour-edit-cancel = Annuleren

neighbour-erase-title = Gegevens wissen van { $name }
neighbour-erase-error = Er is niets gewist
    .confirm = Vink aan dat u begrijpt dat dit niet ongedaan kan worden.
neighbour-erase-lead = Doe dit als de persoon vraagt om alle gegevens te wissen, of niet meer wil meedoen. Wie alleen even niet wil, kunt u beter pauzeren.
neighbour-erase-happens = Wat er gebeurt
    .data = De naam, het telefoonnummer, het e-mailadres, de positie van de woning, de talen, wat de persoon graag doet en wanneer, worden voorgoed gewist.
    .requests = Vragen van de persoon die nog open staan, worden geannuleerd; de tekst van al haar of zijn vragen wordt gewist.
    .matches = Voorstellen en koppelingen met de persoon worden afgesloten. Wie mee zou gaan, kan weer aan iemand anders voorgesteld worden.
    .messages = Berichten aan de persoon die nog niet verstuurd zijn, worden niet meer verstuurd.
neighbour-erase-stays = Wat blijft
    .log = In het logboek blijft staan dat er gegevens gewist zijn, zonder naam of andere persoonsgegevens, en de buurtcijfers blijven kloppen.
neighbour-erase-copy = Dit kan niet ongedaan gemaakt worden. Wil de persoon eerst een kopie?
    .link = Download eerst alle gegevens.
neighbour-erase-confirm = Ik begrijp dat dit niet ongedaan kan worden.
neighbour-erase-submit = Alle gegevens definitief wissen
neighbour-erase-back = Niet wissen, terug

# The facts on a neighbour's page (Buurt and Stand: neighbour-hood, neighbour-status).
neighbour-facts =
    .phone = Telefoon
    .email = E-mail
    .position = Positie van de woning
    .position-kept = bewaard voor het zoeken naar buren dichtbij, niet getoond
    .radius = Hoe ver
    .languages = Talen
    .interests = Doet graag
    .talents = Helpt graag met
    .availability = Meestal beschikbaar
    .capacity = Met hoeveel tegelijk
    .consent = Toestemming
neighbour-actions = Wat wilt u doen?
    .edit = Gegevens aanpassen
    .pause = Even pauzeren
    .pause-hint = Zolang de pauze duurt, stellen we de persoon aan niemand voor. Lopende koppelingen blijven.
    .resume = Weer laten meedoen
    .resume-hint = De persoon kan dan weer voorgesteld worden.
    .export = Alle gegevens downloaden (JSON-bestand)
    .erase = Gegevens wissen…
# The line after a change (`?done=`).
neighbour-done =
    .saved = De gegevens zijn bewaard.
    .unchanged = Er was niets veranderd.
    .paused = De persoon is even gepauzeerd.
    .resumed = De persoon doet weer mee.
neighbour-requests = Vragen
    .kind = Soort
    .since = Sinds
    .empty = Nog geen vragen.
neighbour-new-request = Een vraag noteren
    .kind = Waarmee kan een buur helpen?
    .text = In de woorden van de persoon
    .date = Op een bepaalde dag (niet verplicht)
    .date-hint = Leeg laten als het moment vrij te kiezen is.
    .submit = Vraag noteren
neighbour-request-failed = Vraag niet genoteerd
    .text = Kies een soort vraag, houd de tekst korter dan 2000 tekens en kies een dag binnen het jaar.
    .back = Terug

neighbour-history = Wat de persoon samen met anderen deed
    .empty = Nog geen koppelingen of bedankjes.
    .someone = een buur
    .met = ze hebben elkaar ontmoet
# The date of an event (day and month with two digits).
neighbour-history-date = { $day }-{ $month }-{ $year }
# A match: $side is this neighbour's side (companion, requester), $status the match's
# (proposed, active, closed); $who the others in it, $what the request.
neighbour-history-match =
    { $side ->
        [companion]
            { $status ->
                [proposed] Voorstel om { $who } te helpen met: { $what }
                [active] Helpt { $who } met: { $what }
               *[other] Hielp { $who } met: { $what }
            }
       *[requester]
            { $status ->
                [proposed] Voorstel: { $who } zou helpen met: { $what }
                [active] Krijgt hulp van { $who } bij: { $what }
               *[other] Werd geholpen door { $who } bij: { $what }
            }
    }
# Help or thanks: $direction is gave or got, $kind help or thanks, $who the other.
neighbour-history-exchange =
    { $direction ->
        [gave]
            { $kind ->
                [help] Hielp { $who }
               *[thanks] Bedankte { $who }
            }
       *[got]
            { $kind ->
                [help] Kreeg hulp van { $who }
               *[thanks] Werd bedankt door { $who }
            }
    }

# ---------------------------------------------------------------------------------------
# The request page and its actions (console/pages/request.rs, request/*, actions.rs,
# actions/refusal.rs; templates console/request*.html). Keys `request-`.

request-title = Vraag #{ $id }
request-status = Stand
request-error = Dit kon niet
    .to-form = Naar het formulier

request-scope = Past deze vraag bij buurthulp?
    .in = Kleine hulp: een buur kan helpen.
    .out = Geen kleine hulp: verwijs door naar een dienst.
    .overridden = aangepast door een aanspreekpersoon
    .services = Diensten die kunnen helpen
    .service = Dienst
    .what = Wat
    .phone = Telefoon
request-override = Het oordeel aanpassen
    .question = Wat voor hulp is dit volgens u?
    .reason = Waarom? (verplicht)
    .save = Oordeel bewaren
    .invalid = Kies een soort hulp en schrijf kort waarom (hoogstens 500 tekens).
    .back = Terug naar de vraag
request-category =
    { $code ->
        [small_help] Kleine hulp (een buur kan helpen)
        [structural] Vaste, regelmatige hulp (een dienst)
        [heavy] Zwaar werk (een dienst)
        [personal_care] Persoonlijke verzorging (een dienst)
       *[other] Onbekend
    }

request-candidates = Buren die kunnen meegaan
    .empty = Nu niemand in de buurt. Zoek een andere oplossing of verwijs door.
    .distance = Op ongeveer { $metres } m
    .tick = { $name } voorstellen
    .how = Meer dan één buur aangevinkt?
    .each = Elk een eigen voorstel: wie ja zegt, gaat mee
    .together = Samen één voorstel, als klein groepje: het begint als iedereen ja zegt
    .hint = Iedereen krijgt bericht en mag vrij ja of nee zeggen.
    .propose = Voorstellen
    .shared-note = Wat mogen ze al over elkaar horen? (kort, zonder namen of adres)
    .shared-note-hint = Tot iedereen ja zegt, horen ze van elkaar alleen de buurt, wat ze gemeen hebben, het moment en deze tekst. Namen en contactgegevens volgen pas als iedereen ja zei.
# The parts of a candidate's score, one bar each.
request-component =
    { $code ->
        [proximity] Nabijheid
        [fit] Past bij de vraag
        [reciprocity] Wederkerigheid
        [continuity] Kent elkaar al
        [availability] Tijd vrij
       *[load] Ruimte om te helpen
    }
request-propose = Er is niemand voorgesteld. { $reason }
    .none = Vink eerst aan wie u wilt voorstellen.
    .too-many = Kies samen hoogstens acht buren.
    .note-invalid = De tekst over elkaar is te lang of bevat tekens die niet kunnen: hoogstens 280 tekens, op één regel.

request-map = Schets: waar de buren ongeveer wonen
    .centre = { $name } in het midden.
    .spot = { $number }: { $name }, ongeveer { $metres } m, { $direction }.
    .caption = Een schets, geen kaart: de posities zijn afgerond op blokken van 250 m. De nummers zijn die van de lijst.
request-direction =
    { $code ->
        [same] in hetzelfde blok
        [e] oost
        [ne] noordoost
        [n] noord
        [nw] noordwest
        [w] west
        [sw] zuidwest
        [s] zuid
       *[se] zuidoost
    }

request-matches = Voorstellen en koppelingen
    .heading = Voorstel van { $date } · { $status }
    .who = Wie doet mee
    .part = In dit voorstel
    .answer = Antwoord
    .note-answer = Antwoord noteren
    .outside = iemand buiten uw buurten
    .this-person = Deze persoon
    .met = Elkaar ontmoet
    .both-ways = Hulp in twee richtingen
    .no-or-not-yet = nee of nog niet
    .note = Notitie
request-match-status =
    { $code ->
        [proposed] voorgesteld, wacht op antwoord
        [active] loopt
        [declined] ging niet door
        [closed] afgesloten
       *[other] onbekend
    }
request-match-part =
    { $code ->
        [companion] gaat mee
       *[asked] stelde de vraag
    }
request-match-answer =
    { $code ->
        [accepted] ja
        [declined] nee
       *[other] nog geen antwoord
    }
request-match-says =
    { $verb ->
        [accept] { $name } zegt ja
       *[decline] { $name } zegt nee
    }
request-close = Afsluiten, met een korte opvolging
    .met = Hebben jullie elkaar ontmoet?
    .mutual = Gaat de hulp nu in twee richtingen?
    .yes = Ja
    .no = Nee
    .not-yet = Nog niet
    .choose = Kies een antwoord.
    .note = Notitie (niet verplicht)
    .note-error = De notitie is te lang (hoogstens 2000 tekens).
    .note-hint = Kort en zonder gevoelige gegevens.
    .submit = Koppeling afsluiten
    .note-too-long = De notitie is te lang: hoogstens 2000 tekens.
    .both = Beantwoord beide vragen om af te sluiten.

request-refer = Doorverwijzen naar een dienst
    .item = { $date }: doorverwezen naar { $service } ({ $reason })
    .item-no-service = geen dienst uit de lijst
    .hint = De persoon en u krijgen bericht. De vraag wordt niet meer aan buren voorgesteld.
    .service = Dienst uit de sociale kaart
    .no-service = Geen dienst uit de lijst
    .fits = Past bij deze vraag
    .others = Andere diensten
    .no-services-yet = Nog geen diensten: vul de sociale kaart aan
    .why = Waarom doorverwijzen?
    .submit = Doorverwijzen
    .service-gone = Deze dienst staat niet (meer) op de sociale kaart. Kies een andere.
    .invalid = Kies een dienst (of geen) en een reden.
request-life = Loop van de vraag
    .forbidden = Dit mag u voor deze vraag niet doen.
request-flag =
    { $code ->
        [open_too_long] Deze vraag staat al lang open zonder koppeling
        [proposals_declined] Voor deze vraag gingen al meerdere voorstellen niet door
       *[no_candidates] Voor deze vraag is al lang niemand in de buurt
    } (gemarkeerd { $days ->
        [0] vandaag
        [one] 1 dag geleden
       *[other] { $days } dagen geleden
    }). Kies: doorverwijzen naar een dienst, of opnieuw openzetten.
    .refer = Doorverwijzen (naar het formulier)
    .reopen = Opnieuw openzetten
    .reopen-hint = De vraag gaat weer mee in het koppelen; de termijn begint opnieuw.
request-flag-reason =
    { $code ->
        [open_too_long] Lang open zonder koppeling
        [proposals_declined] Meerdere voorstellen gingen niet door
       *[no_candidates] Niemand in de buurt
    }
request-cancel = Vraag annuleren
    .why = Waarom annuleren?
    .note = Toelichting (verplicht bij 'iets anders')
    .hint = Lopende voorstellen worden ingetrokken; wie erin zat, krijgt bericht zonder namen.
    .submit = Vraag annuleren
    .invalid = Kies een reden. Bij 'iets anders' schrijft u kort waarom (hoogstens 500 tekens).
    .conflict = Deze vraag kan niet meer geannuleerd worden: ze is al gekoppeld, afgesloten of doorverwezen.
    .done = Geannuleerd:
request-cancel-reason =
    { $code ->
        [no_longer_needed] Niet meer nodig
        [solved_otherwise] Op een andere manier opgelost
        [person_asked] De persoon vroeg het zelf
        [filed_in_error] Per vergissing ingevoerd
       *[other] Iets anders
    }
request-edit = Vraag aanpassen
    .text = Wat is de vraag?
    .tags = Onderwerpen (codes, gescheiden door spaties)
    .date = Op een bepaalde dag (leeg: blijft zoals het is)
    .hint = Een nieuwe tekst wordt opnieuw beoordeeld; een eerder aangepast oordeel vervalt dan.
    .save = Aanpassing bewaren
    .invalid = Kijk de tekst, de onderwerpen en de datum na (een datum tussen vandaag en binnen een jaar).
    .conflict = Deze vraag kan nu niet aangepast worden: er loopt een voorstel, of ze is al gekoppeld, afgesloten of doorverwezen.
request-referral-reason =
    { $code ->
        [out_of_scope] Geen kleine hulp: dit hoort bij een dienst
        [no_match] Niemand in de buurt gevonden
        [coordinator_choice] Eigen keuze van de aanspreekpersoon
       *[other] Andere reden
    }

# Why a change could not be made; `who` names the person (or request-refusal.someone).
request-refusal =
    { $code ->
        [capacity_reached] { $who } heeft op dit moment geen ruimte meer om nog met iemand mee te gaan.
        [neighbour_paused] { $who } neemt even pauze.
        [declined_before] { $who } werd eerder al eens samen met deze persoon voorgesteld en dat ging toen niet door. We stellen hen niet opnieuw voor.
        [already_proposed] { $who } is al voorgesteld voor deze vraag.
        [already_declined] Deze persoon zei al nee op dit voorstel.
        [match_not_proposed] Op dit voorstel werd intussen al geantwoord.
        [match_not_active] Deze koppeling loopt niet (meer) en kan dus niet afgesloten worden.
        [not_registered] { $who } is niet (meer) bij ons ingeschreven.
        [invalid] Deze keuze kan niet bewaard worden. Kijk ze na en probeer opnieuw.
       *[changed] Deze vraag is intussen veranderd (bijvoorbeeld al doorverwezen of afgesloten). Bekijk ze opnieuw.
    }
    .someone = Deze buur

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

## ---- Labels of a neighbour's record: pages/labels.rs ----
# The name of a language a person speaks (`language-name.<code>`).
language-name = { $code }
    .nl = Nederlands
    .fr = Frans
    .en = Engels
    .de = Duits
    .ar = Arabisch
    .tr = Turks
    .pl = Pools
    .ro = Roemeens
    .es = Spaans
    .it = Italiaans
    .pt = Portugees
    .ru = Russisch
    .uk = Oekraïens
    .fa = Perzisch (Farsi)
    .ps = Pasjtoe
    .ti = Tigrinya
    .so = Somalisch
    .bg = Bulgaars
    .sq = Albanees
    .ber = Berbers (Tamazight)
# Days of the week, Monday first (`day-name.<mon…sun>`), and parts of the day.
day-name = { $day }
    .mon = maandag
    .tue = dinsdag
    .wed = woensdag
    .thu = donderdag
    .fri = vrijdag
    .sat = zaterdag
    .sun = zondag
day-part = { $part }
    .morning = voormiddag
    .afternoon = namiddag
    .evening = avond

## ---- Messages of the form checks (register, edit, service form) ----
form-check = { "" }
    .name = Vul de naam in.
    .hood-or-position = Kies een buurt, of vul de positie van de woning in.
    .not-saved = Deze gegevens konden niet bewaard worden. Kijk de naam, de contactgegevens en de positie na.
    .one-language = Kies minstens één taal die de persoon spreekt.
    .hood-from-list = Kies een buurt uit de lijst.
    .distance-from-list = Kies een afstand uit de lijst.
    .number-from-list = Kies een aantal uit de lijst.
    .language-from-list = Kies een taal uit de lijst.
    .only-from-list = Kies alleen uit de lijst.
    .service-name = Vul de naam van de dienst in.
    .consent = Kies hoe de persoon toestemming gaf: zonder toestemming schrijven we niemand in.
    .lat-lon = Vul breedte- en lengtegraad allebei in als getallen, bijvoorbeeld 51,2345 en 5,4321.

# Check-ins: the answer page without login (the reader only), the check-ins of a match
# on the request page with the phone-answer form, and Today's pairs that need you.
check-in-title = { $side ->
        [companion] Is het nog licht genoeg?
       *[other] Loopt het nog goed?
    }
check-in-hello = Dag { $name },
check-in-intro = { $side ->
        [companion] { $organisation } vraagt hoe het gaat. Is het samen nog licht genoeg, en wil je verder doen? Stoppen of pauzeren mag altijd, zonder reden. Eén klik volstaat.
       *[other] { $organisation } vraagt hoe het gaat. Loopt het nog goed? Eén klik volstaat.
    }
check-in-answer = { $code ->
        [go_on] { $side ->
            [companion] Ja, ik doe graag verder
           *[other] Het loopt goed, we doen verder
        }
        [pause] Even pauzeren
        [end_well] Mooi afsluiten
        [mediate] Graag wat hulp van mijn aanspreekpunt
       *[other] Er is meer nodig dan een buur
    }
check-in-answer-hint = { $code ->
        [go_on] Over enkele weken vragen we het opnieuw.
        [pause] Jullie blijven samen; we vragen niets tot jullie weer verder willen.
        [end_well] We sluiten af, met dank voor de gedeelde tijd.
        [mediate] Je aanspreekpunt neemt contact met je op.
       *[other] Je aanspreekpunt bekijkt samen met jou welke hulp past.
    }
check-in-note = Wil je nog iets kwijt? (niet verplicht)
    .hint = Kort, hoogstens 1000 tekens. Alleen je aanspreekpunt leest het.
    .too-long = Je bericht is te lang: hoogstens 1000 tekens.
check-in-choose = Kies een van de antwoorden.
check-in-gone = Deze link werkt niet meer
    .p1 = Misschien heb je al geantwoord, of is de link verlopen. Er is niets opgeslagen.
    .p2 = Wil je toch iets laten weten? Neem gerust contact op met je aanspreekpunt.
check-in-thanks = Bedankt voor je antwoord
    .p1 = { $code ->
        [go_on] Fijn om te horen! Over enkele weken vragen we het opnieuw.
        [pause] Jullie pauzeren even. We vragen niets tot jullie weer verder willen; laat het je aanspreekpunt gerust weten.
        [end_well] Bedankt voor de tijd die jullie samen deelden. We sluiten het mooi af.
        [mediate] Je aanspreekpunt neemt contact met je op.
       *[other] Je aanspreekpunt neemt contact met je op en bekijkt samen met jou welke hulp past.
    }
check-ins = Check-ins
    .none = Nog niemand gevraagd hoe het gaat.
    .asked = Gevraagd
    .who = Wie
    .how = Hoe
    .answer = Antwoord
check-in-channel = { $code ->
        [email] e-mail
        [call] belijst
       *[other] telefonisch genoteerd
    }
check-in-state = { $code ->
        [asked] wacht op antwoord ({ $tries }e keer gevraagd)
        [unanswered] geen antwoord na twee keer
       *[other] beantwoord
    }
check-in-answer-short = { $code ->
        [go_on] verder doen
        [pause] pauze
        [end_well] mooi afgesloten
        [mediate] vraagt bemiddeling
       *[other] meer nodig dan een buur
    }
check-in-via = { $code ->
        [link] via de link
       *[other] telefonisch, genoteerd door { $by }
    }
check-in-form = Antwoord van aan de telefoon noteren
    .who = Wie antwoordde?
    .answer = Wat is het antwoord?
    .note = Notitie bij het antwoord (niet verplicht)
    .submit = Antwoord noteren
    .choose = Kies wie antwoordde en wat het antwoord is.
    .note-too-long = De notitie is te lang: hoogstens 1000 tekens.
match-paused = Gepauzeerd sinds { $date }
today-check-ins = Koppelingen die je nodig hebben
    .empty = Geen koppeling heeft je nu nodig.
    .why = Waarom
    .since = Sinds
today-check-in-why = { $code ->
        [unanswered] geen antwoord na twee keer
        [mediate] vraagt bemiddeling
       *[other] meer nodig dan een buur
    }
