# Reasons of a candidate and of a group suggestion (fr). See nl/reasons.ftl.

reason-nearby = habite tout près
reason-distance-m = à { $m } m
reason-distance-km = à { $km } km
reason-tag-helps = { $tag_helps }
reason-tag-likes = { $tag_likes }
reason-known = vous vous connaissez déjà d'une rencontre précédente
reason-few-chances = a encore eu peu d'occasions d'aider
reason-free = est libre au moment demandé
reason-free-partly = est libre à une partie des moments demandés
reason-availability-unknown = disponibilités pas encore demandées : demandez quand cela convient
reason-load = a souvent aidé ces derniers temps ; on ne le sollicite pas trop

reason-group-same = { $n } voisins demandent la même chose : { $tag_label }
reason-group-span = habitent à moins de { $m } m les uns des autres
reason-group-free = tous libres le { reason-day } { reason-day-part }

reason-day = { $day ->
    [tue] mardi
    [wed] mercredi
    [thu] jeudi
    [fri] vendredi
    [sat] samedi
    [sun] dimanche
   *[mon] lundi
}
reason-day-part = { $part ->
    [morning] matin
    [afternoon] après-midi
   *[evening] soir
}

# The decimal mark of a number with decimals ("1,2 km").
reason-decimal-mark = ,
