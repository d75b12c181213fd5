# H6: staff call off a whole session.
call-off-link = Annuler la séance…
call-off-title = Annuler la séance « { $title } »
call-off-back = Retour à la gestion de la séance
call-off-effects-heading = Ce qui va se passer
call-off-effect-confirmed = { $count ->
    [0] Aucune personne inscrite n'a d'e-mail à prévenir.
    [one] Une personne inscrite sera prévenue par e-mail.
   *[other] { $count } personnes inscrites seront prévenues par e-mail.
}
call-off-effect-waitlisted = { $count ->
    [0] Personne en liste d'attente à prévenir.
    [one] Une personne en liste d'attente sera prévenue par e-mail.
   *[other] { $count } personnes en liste d'attente seront prévenues par e-mail.
}
call-off-effect-not-told = { $count ->
    [one] Une personne n'a laissé qu'un téléphone : appelez-la.
   *[other] { $count } personnes n'ont laissé qu'un téléphone : appelez-les.
}
call-off-effect-closed = Les inscriptions sont fermées et la séance apparaît comme annulée ; la liste des inscrits est conservée.
call-off-reason-label = Motif (montré aux inscrits)
call-off-reason-hint = Une phrase courte, { $max } caractères au plus. Par exemple : « La formatrice est malade. »
call-off-submit = Annuler la séance et prévenir les inscrits
call-off-done = La séance est annulée ; les inscrits sont prévenus par e-mail.
call-off-already = Cette séance était déjà annulée.
call-off-cancelled-notice = Séance annulée
call-off-reason = Motif : { $reason }
event-error-reason-required = Indiquez le motif de l'annulation.
event-error-reason-too-long = Le motif est trop long.
