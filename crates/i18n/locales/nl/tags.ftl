# Tag labels (nl), generated from fixtures/tags.toml and kept equal to it by the
# test `tags_catalogue_matches_the_fixture`. `tag-<code>` is the label; .likes and .helps
# the phrases of candidate reasons (shared interest, talent).

tag-walking = wandelen
    .likes = wandelt ook graag
    .helps = gaat graag mee wandelen

tag-shopping = boodschappen
    .likes = doet ook graag boodschappen
    .helps = helpt graag met boodschappen

tag-coffee_visit = koffiebezoek
    .likes = drinkt ook graag een koffie samen
    .helps = komt graag op de koffie

tag-listening_ear = luisterend oor
    .likes = praat ook graag eens bij
    .helps = luistert graag

tag-phone_help = hulp met de gsm
    .likes = is ook graag met de gsm bezig
    .helps = helpt graag met de gsm

tag-computer_help = hulp met de computer
    .likes = werkt ook graag met de computer
    .helps = helpt graag met de computer

tag-small_repairs = kleine herstellingen
    .likes = knutselt ook graag
    .helps = helpt graag met kleine herstellingen

tag-bicycle_repair = fiets herstellen
    .likes = sleutelt ook graag aan fietsen
    .helps = herstelt graag een fiets

tag-games = gezelschapsspelen
    .likes = speelt ook graag een spelletje
    .helps = speelt graag een spelletje mee

tag-reading_aloud = voorlezen
    .likes = leest ook graag
    .helps = leest graag voor

tag-gardening_once = eenmalig tuinieren
    .likes = tuiniert ook graag
    .helps = steekt graag eens de handen uit in de tuin

tag-market_visit = samen naar de markt
    .likes = gaat ook graag naar de markt
    .helps = gaat graag mee naar de markt

tag-cooking_together = samen koken
    .likes = kookt ook graag
    .helps = kookt graag samen

tag-short_ride = af en toe een rit
    .likes = rijdt ook graag eens rond
    .helps = rijdt graag eens iemand ergens heen

tag-paperwork = hulp met een formulier of brief
    .likes = zoekt ook graag dingen uit
    .helps = helpt graag met een brief of formulier

tag-dog_walking = hond uitlaten
    .likes = houdt ook van honden
    .helps = laat graag eens een hond uit

tag-cycling = fietsen
    .likes = fietst ook graag
    .helps = fietst graag mee

tag-crafts = handwerk
    .likes = doet ook graag handwerk
    .helps = deelt graag wat handwerk

tag-music = muziek
    .likes = houdt ook van muziek
    .helps = maakt of beluistert graag samen muziek

tag-card_when_ill = een kaartje bij ziekte
    .likes = schrijft ook graag een kaartje
    .helps = stuurt graag een kaartje

tag-language_practice = Nederlands oefenen
    .likes = praat ook graag in het Nederlands
    .helps = oefent graag Nederlands met iemand

tag-post_and_parcels = post en pakjes
    .likes = komt ook vaak langs de post
    .helps = brengt graag een pakje weg

tag-library_visit = naar de bibliotheek
    .likes = gaat ook graag naar de bib
    .helps = brengt graag boeken mee uit de bib

tag-cemetery_visit = samen naar het kerkhof
    .likes = gaat ook af en toe naar het kerkhof
    .helps = gaat graag mee naar het kerkhof

tag-photos_and_memories = foto's en herinneringen
    .likes = haalt ook graag herinneringen op
    .helps = kijkt graag samen foto's

tag-sports = samen sporten
    .likes = sport ook graag
    .helps = sport graag samen

tag-plants_and_pets_care = planten of huisdier verzorgen bij afwezigheid
    .likes = zorgt ook graag voor planten en dieren
    .helps = past graag eens op planten of een huisdier
