# Tag labels (en), generated from fixtures/tags.toml and kept equal to it by the
# test `tags_catalogue_matches_the_fixture`. `tag-<code>` is the label; .likes and .helps
# the phrases of candidate reasons (shared interest, talent).

tag-walking = walking
    .likes = also likes walking
    .helps = likes to go for a walk together

tag-shopping = shopping
    .likes = also likes going shopping
    .helps = likes helping with shopping

tag-coffee_visit = coffee visit
    .likes = also likes a coffee together
    .helps = likes to drop by for a coffee

tag-listening_ear = listening ear
    .likes = also likes a good chat
    .helps = likes to listen

tag-phone_help = help with the phone
    .likes = also likes tinkering with phones
    .helps = likes helping with phones

tag-computer_help = computer help
    .likes = also likes computers
    .helps = likes helping with computers

tag-small_repairs = small repairs
    .likes = also likes fixing things
    .helps = likes doing small repairs

tag-bicycle_repair = bicycle repair
    .likes = also likes fixing bikes
    .helps = likes fixing bikes

tag-games = board and card games
    .likes = also likes a game of cards
    .helps = likes to play a game together

tag-reading_aloud = reading aloud
    .likes = also likes reading
    .helps = likes reading aloud

tag-gardening_once = a one-off hand in the garden
    .likes = also likes gardening
    .helps = likes lending a hand in the garden

tag-market_visit = going to the market
    .likes = also likes the market
    .helps = likes going to the market together

tag-cooking_together = cooking together
    .likes = also likes cooking
    .helps = likes cooking together

tag-short_ride = an occasional ride
    .likes = also likes driving
    .helps = likes giving someone a ride

tag-paperwork = help with a form or letter
    .likes = also likes sorting things out
    .helps = likes helping with letters and forms

tag-dog_walking = walking the dog
    .likes = also likes dogs
    .helps = likes walking a dog

tag-cycling = cycling
    .likes = also likes cycling
    .helps = likes cycling together

tag-crafts = crafts
    .likes = also likes crafts
    .helps = likes sharing crafts

tag-music = music
    .likes = also likes music
    .helps = likes sharing music

tag-card_when_ill = a card when someone is ill
    .likes = also likes writing cards
    .helps = likes sending a card

tag-language_practice = practising Dutch
    .likes = also likes chatting in Dutch
    .helps = likes practising Dutch with someone

tag-post_and_parcels = post and parcels
    .likes = also passes by the post office
    .helps = likes dropping off a parcel

tag-library_visit = library visit
    .likes = also likes the library
    .helps = likes bringing library books

tag-cemetery_visit = a visit to the cemetery
    .likes = also visits the cemetery now and then
    .helps = likes going along to the cemetery

tag-photos_and_memories = photos and memories
    .likes = also likes sharing memories
    .helps = likes looking at photos together

tag-sports = sports together
    .likes = also likes sports
    .helps = likes doing sports together

tag-plants_and_pets_care = looking after plants or a pet while away
    .likes = also likes plants and animals
    .helps = likes looking after plants or a pet
