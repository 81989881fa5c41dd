# Reasons of the scope guard (en). See nl/scope.ftl.

scope-points-to = { $source ->
    [word] word '{ $text }' points to { scope-object }
    [words] words '{ $text }' point to { scope-object }
   *[field] { scope-field } points to { scope-object }
}
scope-makes-structural = { scope-recurrence-subject } makes the task structural
scope-one-off = { scope-label } points to one-off help
scope-chore-without-recurrence = { scope-label } without regular recurrence stays small help
scope-recurrence-stays-small = { scope-label }: recurrence does not make companionship or small help structural
scope-not-enough-to-refer = { scope-label } alone is not enough to refer
scope-negated = { scope-label } is negated by '{ $by }'
scope-no-signs = no signs of care, heavy or structural help
scope-review-weak-signs = weak signs of { scope-object }: a coordinator should check
scope-review-just-outweighs = { scope-object } only just outweighs the signs of small help: a coordinator should check
scope-model-reads-words = the learned model (real requests) reads { $words } as { scope-object }
scope-model-reads-text = the learned model (real requests) reads the text as { scope-object }
scope-model-review = no clear sign for the rules, the model suggests { scope-object }: a coordinator should check
scope-coordinator-chose = coordinator chose { scope-object }
scope-coordinator-chose-because = coordinator chose { scope-object }: { $text }
scope-own-words = { $text }

scope-object = { $to ->
    [structural] structural help
    [heavy] a heavy task
    [personal_care] personal care
    [company] companionship
    [emotional] emotional support
    [tech] help with a computer or phone
    [errand] an errand or a ride
    [repair] a small repair
   *[small_help] small help
}
scope-field = { $source ->
    [word] { scope-label }
    [words] { scope-label }
   *[field] field { scope-label }
}
scope-label = { $source ->
    [recurrence] recurrence = { scope-recurrence }
    [duration] duration = { $minutes } min
    [kind] kind = { scope-kind }
   *[words] '{ $text }'
}
scope-recurrence-subject = { $source ->
    [recurrence] { scope-field }
   *[words] recurrence { scope-label }
}
scope-recurrence = { $recurrence ->
    [once] once
    [occasional] occasional
    [monthly] monthly
    [several_per_week] several times a week
    [daily] daily
   *[weekly] weekly
}
scope-kind = { $kind ->
    [emotional] emotional support
    [companionship] companionship
   *[practical] practical help
}
