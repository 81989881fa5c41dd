# Reasons of a candidate and of a group suggestion (nl). The engine hands out a message
# id with arguments; `render_reason` in crates/i18n/src/reasons.rs adds, from a tag code
# `$tag`, its label `$tag_label` and phrases `$tag_likes`/`$tag_helps` (tags.ftl), and
# from metres `$m` the kilometres `$km` with one decimal in the locale's notation.

reason-nearby = woont vlakbij
reason-distance-m = { $m } m verderop
reason-distance-km = { $km } km verderop
reason-tag-helps = { $tag_helps }
reason-tag-likes = { $tag_likes }
reason-known = jullie kennen elkaar al van een eerdere koppeling
reason-few-chances = kreeg nog weinig kansen om te helpen
reason-free = is vrij op het gevraagde moment
reason-free-partly = is vrij op een deel van de gevraagde momenten
reason-availability-unknown = beschikbaarheid nog niet gevraagd: vraag wanneer het past
reason-load = hielp de laatste tijd al vaak; we vragen het niet te veel

reason-group-same = { $n } buren vragen hetzelfde: { $tag_label }
reason-group-span = wonen binnen { $m } m van elkaar
reason-group-free = allemaal vrij op { reason-day }{ reason-day-part }

# A day (`mon` … `sun`) and a part of the day, as in "dinsdagnamiddag".
reason-day = { $day ->
    [tue] dinsdag
    [wed] woensdag
    [thu] donderdag
    [fri] vrijdag
    [sat] zaterdag
    [sun] zondag
   *[mon] maandag
}
reason-day-part = { $part ->
    [morning] voormiddag
    [afternoon] namiddag
   *[evening] avond
}

# The decimal mark of a number with decimals ("1,2 km").
reason-decimal-mark = ,
