# Reasons of the scope guard (nl), rendered by `render_reason` (crates/i18n/src/reasons.rs).
# Arguments (see crates/engine/src/scope/explain.rs): the word or field a reason names
# as `$source` (word, words, recurrence, duration, kind) with `$text` (the words as the
# resident wrote them, verbatim), `$recurrence`, `$minutes` or `$kind`; what it points
# to as `$to` (a category or a kind of small help); `$by` a negation word; `$words` the
# quoted words the learned model weighed; `$text` also a coordinator's own words.

scope-points-to = { $source ->
    [word] woord '{ $text }' wijst op { scope-object }
    [words] woorden '{ $text }' wijzen op { scope-object }
   *[field] { scope-field } wijst op { scope-object }
}
scope-makes-structural = { scope-recurrence-subject } maakt de taak structureel
scope-one-off = { scope-label } wijst op eenmalige hulp
scope-chore-without-recurrence = { scope-label } zonder vaste herhaling blijft klein helpen
scope-recurrence-stays-small = { scope-label }: herhaling maakt gezelschap of kleine hulp niet structureel
scope-not-enough-to-refer = { scope-label } alleen volstaat niet om door te verwijzen
scope-negated = { scope-label } is ontkend door '{ $by }'
scope-no-signs = geen signalen van zorg, zware of structurele hulp
scope-review-weak-signs = zwakke signalen van { scope-object }: laat een aanspreekpersoon dit nakijken
scope-review-just-outweighs = { scope-object } weegt maar net zwaarder dan de signalen van klein helpen: laat een aanspreekpersoon dit nakijken
scope-model-reads-words = het geleerde model (echte hulpvragen) leest { $words } als { scope-object }
scope-model-reads-text = het geleerde model (echte hulpvragen) leest de tekst als { scope-object }
scope-model-review = de regels zien geen duidelijk teken, het model denkt aan { scope-object }: laat een aanspreekpersoon dit nakijken
scope-coordinator-chose = aanspreekpersoon koos { scope-object }
scope-coordinator-chose-because = aanspreekpersoon koos { scope-object }: { $text }
scope-own-words = { $text }

# Parts of the reasons above.
scope-object = { $to ->
    [structural] structurele hulp
    [heavy] een zware taak
    [personal_care] persoonlijke verzorging
    [company] gezelschap
    [emotional] emotionele steun
    [tech] hulp met computer of telefoon
    [errand] een boodschap of rit
    [repair] een kleine klus
   *[small_help] klein helpen
}
scope-field = { $source ->
    [word] { scope-label }
    [words] { scope-label }
   *[field] veld { scope-label }
}
scope-label = { $source ->
    [recurrence] herhaling = { scope-recurrence }
    [duration] duur = { $minutes } min
    [kind] soort = { scope-kind }
   *[words] '{ $text }'
}
scope-recurrence-subject = { $source ->
    [recurrence] { scope-field }
   *[words] herhaling { scope-label }
}
scope-recurrence = { $recurrence ->
    [once] eenmalig
    [occasional] af en toe
    [monthly] maandelijks
    [several_per_week] meermaals per week
    [daily] dagelijks
   *[weekly] wekelijks
}
scope-kind = { $kind ->
    [emotional] emotionele steun
    [companionship] gezelschap
   *[practical] praktische hulp
}
