# E-mail notifications, Dutch. Short and warm: who to contact and what happens next,
# nothing more (no request text, no health information, no address). One message per
# template `mail-<event>-<audience>`: its value is the subject, its attributes .p1, .p2
# … the paragraphs between the greeting and the closing.
# Arguments: $name, $others, $people, $m (match, "#42"), $r (request), $days, $reason.

mail-and = en
mail-others-none = iemand uit je buurt
mail-people-none = de betrokken buren
mail-hello-neighbour = Dag { $name },
mail-hello-coordinator = Dag,
mail-contact-email = Vragen? Mail gerust naar je aanspreekpunt: { $contact }.
mail-contact-organisation = Vragen? Neem gerust contact op met { $organisation }.
mail-sign =
    Hartelijke groet,
    { $organisation }
mail-coordinator-footer =
    Je volgt dit op in nabij.
    { $organisation }
mail-by-phone =
    { $count ->
        [1] Eén van hen heeft geen e-mailadres en staat op je bellijst.
       *[other] { $count } van hen hebben geen e-mailadres en staan op je bellijst.
    }
mail-reason =
    { $reason ->
        [out_of_scope] valt buiten het kleine helpen
        [no_match] geen koppeling gevonden
        [coordinator_choice] keuze van de coördinator
       *[other] niet opgegeven
    }

mail-match_proposed-neighbour = Kennismaken met iemand uit je buurt
    .p1 = We willen je graag laten kennismaken met { $someone }.
    .p2 = Je aanspreekpunt neemt binnenkort contact met je op om te vertellen hoe het verder gaat. Nee zeggen mag altijd, zonder uitleg.
mail-match_accepted-neighbour = Fijn, jullie kunnen kennismaken
    .p1 = Iedereen heeft ja gezegd: jij en { $others } kunnen nu afspreken.
    .p2 = Je aanspreekpunt helpt bij een eerste afspraak en blijft bereikbaar als er iets is.
mail-match_declined-neighbour = Het voorstel gaat niet door
    .p1 = Het voorstel om kennis te maken gaat deze keer niet door. Dat is helemaal in orde: niemand hoeft uit te leggen waarom.
    .p2 = Je hoeft niets te doen. Als je nog iets zoekt, kijkt je aanspreekpunt graag verder met je mee.
mail-match_closed-neighbour = Bedankt voor de gedeelde tijd
    .p1 = Jullie koppeling is afgerond. Bedankt voor de tijd die jij en { $others } samen deelden.
    .p2 = Misschien vraagt je aanspreekpunt nog even hoe het was. Zin om opnieuw iets samen te doen, of heb je zelf een vraag? Laat het gerust weten.
mail-request_referred-neighbour = Over je vraag
    .p1 = Voor je vraag kan een professionele dienst je beter helpen dan een buur.
    .p2 = Je aanspreekpunt neemt contact met je op en helpt je op weg naar de juiste dienst.

mail-match_proposed-coordinator = Nieuw voorstel: koppeling { $m }
    .p1 = Voor vraag { $r } is een koppeling voorgesteld: { $people }. Iedereen kan vrij ja of nee zeggen.
mail-match_accepted-coordinator = Koppeling { $m } is actief
    .p1 = Koppeling { $m }: iedereen heeft ja gezegd, { $people } kunnen afspreken. Je krijgt later een herinnering om op te volgen.
mail-match_declined-coordinator = Voorstel { $m } gaat niet door
    .p1 = Het voorstel voor vraag { $r } gaat niet door; er wordt geen reden gevraagd. De vraag staat weer open als er geen ander voorstel loopt.
mail-match_closed-coordinator = Koppeling { $m } is afgerond
    .p1 = De koppeling van { $people } (vraag { $r }) is afgerond.
mail-follow_up_due-coordinator = Tijd om op te volgen: koppeling { $m }
    .p1 = Koppeling { $m } ({ $people }) loopt sinds { $days } dagen. Tijd om even te vragen hoe het gaat: hebben ze elkaar ontmoet, en helpen ze elkaar?
mail-request_referred-coordinator = Vraag { $r } doorverwezen
    .p1 = Vraag { $r } is doorverwezen naar een professionele dienst (reden: { $reason }). De bewoner hoort dat je contact opneemt om verder te helpen.

# Privacy before yes (issue 14): until everybody said yes, a proposal describes the others
# only by their neighbourhood, what they have in common, when, and what the coordinator
# chose to share; names and contact follow once everybody said yes.
mail-someone-from =
    { $count ->
        [one] iemand
       *[other] { $count } buren
    } uit { $area }
mail-someone-nearby =
    { $count ->
        [one] iemand
       *[other] { $count } buren
    } uit je buurt
mail-shared = Wat jullie gemeen hebben: { $shared }.
mail-when = Wanneer: { $when }.
mail-when-once = Wanneer: { $date }{ $parts }.
mail-slot = { reason-day }{ reason-day-part }
mail-day-part = { reason-day-part }
mail-note = Je aanspreekpunt vertelt er nog bij: “{ $note }”
mail-names-after-yes = Namen en contactgegevens geven we pas door als iedereen ja heeft gezegd.
mail-reach = Zo bereik je elkaar:
mail-reach-line = { $name }: { $how }
mail-reach-none = { $name }: via je aanspreekpunt
# Check-ins ($side: requester or companion; $link: the one-click answer page).
mail-check_in_asked-neighbour = { $side ->
        [companion] Is het nog licht genoeg?
       *[other] Loopt het nog goed?
    }
    .p1 = { $side ->
        [companion] Een tijd geleden zei je ja om samen met iemand uit je buurt iets te doen. Is het nog licht genoeg, en wil je verder doen? Stoppen of pauzeren mag altijd, zonder reden.
       *[other] Een tijd geleden brachten we jou en iemand uit je buurt samen. Loopt het nog goed? We horen het graag.
    }
    .p2 = Antwoorden kan met één klik: { $link }
    .p3 = Je kiest zelf: verder doen, even pauzeren, mooi afsluiten, je aanspreekpunt vragen om te bemiddelen, of laten weten dat er meer nodig is dan een buur. De link werkt één keer en blijft twee weken geldig.
mail-check_in_reminder-neighbour = { $side ->
        [companion] Nog even: is het nog licht genoeg?
       *[other] Nog even: loopt het nog goed?
    }
    .p1 = { $side ->
        [companion] Vorige week vroegen we of het samen nog licht genoeg is en of je verder wil doen. Misschien is ons bericht ondergesneeuwd. Stoppen of pauzeren mag altijd, zonder reden.
       *[other] Vorige week vroegen we of het nog goed loopt. Misschien is ons bericht ondergesneeuwd.
    }
    .p2 = Antwoorden kan met één klik: { $link }
    .p3 = Hoor je liever een stem? Dan belt je aanspreekpunt je gerust even op.
