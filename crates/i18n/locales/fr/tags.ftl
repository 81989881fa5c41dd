# Tag labels (fr), generated from fixtures/tags.toml and kept equal to it by the
# test `tags_catalogue_matches_the_fixture`. `tag-<code>` is the label; .likes and .helps
# the phrases of candidate reasons (shared interest, talent).

tag-walking = promenade
    .likes = aime aussi se promener
    .helps = aime accompagner une promenade

tag-shopping = courses
    .likes = aime aussi faire les courses
    .helps = aide volontiers pour les courses

tag-coffee_visit = visite autour d'un café
    .likes = aime aussi prendre un café ensemble
    .helps = passe volontiers prendre un café

tag-listening_ear = oreille attentive
    .likes = aime aussi bavarder
    .helps = aime écouter

tag-phone_help = aide avec le smartphone
    .likes = aime aussi les smartphones
    .helps = aide volontiers avec le smartphone

tag-computer_help = aide avec l'ordinateur
    .likes = aime aussi l'informatique
    .helps = aide volontiers avec l'ordinateur

tag-small_repairs = petites réparations
    .likes = aime aussi bricoler
    .helps = aide volontiers pour de petites réparations

tag-bicycle_repair = réparer un vélo
    .likes = aime aussi réparer des vélos
    .helps = répare volontiers un vélo

tag-games = jeux de société
    .likes = aime aussi jouer aux cartes et jeux
    .helps = joue volontiers une partie

tag-reading_aloud = lecture à voix haute
    .likes = aime aussi lire
    .helps = lit volontiers à voix haute

tag-gardening_once = coup de main au jardin
    .likes = aime aussi jardiner
    .helps = donne volontiers un coup de main au jardin

tag-market_visit = aller au marché ensemble
    .likes = aime aussi aller au marché
    .helps = accompagne volontiers au marché

tag-cooking_together = cuisiner ensemble
    .likes = aime aussi cuisiner
    .helps = cuisine volontiers ensemble

tag-short_ride = un trajet de temps en temps
    .likes = aime aussi conduire
    .helps = conduit volontiers quelqu'un

tag-paperwork = aide pour un formulaire ou une lettre
    .likes = aime aussi démêler les papiers
    .helps = aide volontiers pour un courrier

tag-dog_walking = promener le chien
    .likes = aime aussi les chiens
    .helps = promène volontiers un chien

tag-cycling = vélo
    .likes = aime aussi faire du vélo
    .helps = roule volontiers ensemble

tag-crafts = travaux manuels
    .likes = aime aussi les travaux manuels
    .helps = partage volontiers un savoir-faire manuel

tag-music = musique
    .likes = aime aussi la musique
    .helps = fait volontiers de la musique ensemble

tag-card_when_ill = une carte en cas de maladie
    .likes = aime aussi écrire des cartes
    .helps = envoie volontiers une carte

tag-language_practice = pratiquer le néerlandais
    .likes = aime aussi parler néerlandais
    .helps = pratique volontiers le néerlandais avec quelqu'un

tag-post_and_parcels = courrier et colis
    .likes = passe aussi souvent à la poste
    .helps = dépose volontiers un colis

tag-library_visit = aller à la bibliothèque
    .likes = aime aussi la bibliothèque
    .helps = rapporte volontiers des livres

tag-cemetery_visit = aller au cimetière ensemble
    .likes = va aussi parfois au cimetière
    .helps = accompagne volontiers au cimetière

tag-photos_and_memories = photos et souvenirs
    .likes = aime aussi évoquer des souvenirs
    .helps = regarde volontiers des photos ensemble

tag-sports = faire du sport ensemble
    .likes = aime aussi le sport
    .helps = fait volontiers du sport ensemble

tag-plants_and_pets_care = soigner plantes ou animaux en cas d'absence
    .likes = aime aussi s'occuper des plantes et animaux
    .helps = garde volontiers plantes ou animaux
