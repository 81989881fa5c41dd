# Reasons of the scope guard (fr). See nl/scope.ftl.

scope-points-to = { $source ->
    [word] le mot '{ $text }' indique { scope-object }
    [words] les mots '{ $text }' indiquent { scope-object }
   *[field] { scope-field } indique { scope-object }
}
scope-makes-structural = { scope-recurrence-subject } rend la tâche structurelle
scope-one-off = { scope-label } indique une aide ponctuelle
scope-chore-without-recurrence = { scope-label } sans répétition régulière reste une petite aide
scope-recurrence-stays-small = { scope-label } : la répétition ne rend pas structurelle une compagnie ou une petite aide
scope-not-enough-to-refer = { scope-label } seul ne suffit pas pour orienter vers un service
scope-negated = { scope-label } est écarté par la négation '{ $by }'
scope-no-signs = aucun signe de soins, de tâche lourde ou d’aide structurelle
scope-review-weak-signs = signes faibles ({ scope-object }) : à vérifier par un coordinateur
scope-review-just-outweighs = à peine plus de signes ({ scope-object }) que d'une petite aide : à vérifier par un coordinateur
scope-model-reads-words = le modèle appris (vraies demandes) lit { $words } comme { scope-object }
scope-model-reads-text = le modèle appris (vraies demandes) lit le texte comme { scope-object }
scope-model-review = pas de signe net pour les règles, le modèle pense à { scope-object } : à vérifier par un coordinateur
scope-coordinator-chose = le coordinateur a choisi { scope-object }
scope-coordinator-chose-because = le coordinateur a choisi { scope-object } : { $text }
scope-own-words = { $text }

scope-object = { $to ->
    [structural] une aide structurelle
    [heavy] une tâche lourde
    [personal_care] des soins personnels
    [company] de la compagnie
    [emotional] un soutien émotionnel
    [tech] une aide avec un ordinateur ou un téléphone
    [errand] une course ou un trajet
    [repair] un petit bricolage
   *[small_help] une petite aide
}
scope-field = { $source ->
    [word] { scope-label }
    [words] { scope-label }
   *[field] le champ { scope-label }
}
scope-label = { $source ->
    [recurrence] fréquence = { scope-recurrence }
    [duration] durée = { $minutes } min
    [kind] type = { scope-kind }
   *[words] '{ $text }'
}
scope-recurrence-subject = { $source ->
    [recurrence] { scope-field }
   *[words] la répétition { scope-label }
}
scope-recurrence = { $recurrence ->
    [once] une fois
    [occasional] de temps en temps
    [monthly] chaque mois
    [several_per_week] plusieurs fois par semaine
    [daily] chaque jour
   *[weekly] chaque semaine
}
scope-kind = { $kind ->
    [emotional] soutien émotionnel
    [companionship] compagnie
   *[practical] aide pratique
}
