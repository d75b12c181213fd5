# Workshops and events: the staff side (sessions, check-in, attendance, survey results).

## Creating sessions
create-title = Nouvelle séance — { $territory }
create-what = L'atelier
create-where = Lieu
create-when = Date et heure
create-who = Places et formateurs
create-field-title = Titre
create-field-description = Description
create-field-themes = Thèmes
create-field-modules = Modules couverts
create-field-modules-hint = Participer à la séance (présence pointée) valide ces modules du passeport numérique.
create-field-audiences = Publics
create-field-level = Niveau
create-field-language = Langue
create-field-language-hint = Code de la langue de la séance : fr, en…
create-field-venue = Lieu de la séance
create-field-venue-place = Lieu de l'annuaire (identifiant)
create-field-venue-place-hint = L'identifiant de la fiche dans l'annuaire, par exemple mediatheque-toussaint-angers. Sinon, remplissez le nom, l'adresse et la commune.
create-field-venue-name = Nom du lieu
create-field-venue-address = Adresse
create-field-venue-commune = Commune
create-field-venue-commune-hint = Nom ou code postal de la commune.
create-field-room = Salle
create-field-online-url = Lien pour suivre en ligne
create-field-online-url-hint = Pour une séance en ligne : le lien commence par https://
create-field-accessibility = Accessibilité et informations pratiques
create-field-date = Date
create-field-date-hint = Au format AAAA-MM-JJ, heure de Paris.
create-field-start = Heure de début
create-field-end = Heure de fin
create-field-time-hint = Au format HH:MM, heure de Paris.
create-field-repeat = Nombre de séances hebdomadaires
create-field-repeat-hint = 1 pour une seule séance ; sinon la même séance chaque semaine, ce nombre de fois (52 au plus).
create-field-opens = Ouverture des inscriptions (facultatif)
create-field-closes = Clôture des inscriptions (facultatif)
create-field-moment-hint = Date et heure, par exemple 2026-12-01T09:00. Par défaut, les inscriptions ferment au début de la séance.
create-field-capacity = Nombre de places
create-field-trainers = Formateurs
create-no-trainers = Aucun formateur n'est rattaché à ce territoire.
create-submit = Créer
staff-created = La séance est créée.
staff-series-created = Les séances de la série sont créées.
staff-error-too-long = Ce texte est trop long.
staff-error-audience-required = Choisissez au moins un public.
staff-error-level = Niveau inconnu.
staff-error-language = Indiquez un code de langue, par exemple fr.
staff-error-trainer = Ce formateur ne fait pas partie du territoire.
staff-error-time = Heure attendue au format HH:MM, par exemple 14:00.
staff-error-moment = Date et heure attendues au format AAAA-MM-JJTHH:MM, par exemple 2026-12-01T09:00.
staff-error-repeat = Indiquez un nombre de séances entre 1 et 52.
staff-error-place-unknown = Aucun lieu de l'annuaire ne porte cet identifiant.
staff-error-commune-unknown = Commune introuvable : indiquez son nom ou son code postal.
staff-error-contact-invalid = Indiquez une adresse e-mail ou un numéro de téléphone valide.

## Editing a session
session-edit-title = Modifier — { $title }
session-edit-submit = Enregistrer les modifications
session-edit-saved = Les modifications sont enregistrées.
session-edit-capacity-elsewhere = Le nombre de places se change sur la page de gestion de la séance.
session-edit-will-tell = { $count ->
    [0] Aucune personne inscrite n'a donné d'adresse e-mail : personne ne sera prévenu d'un changement.
    [one] Si vous changez la date, l'heure ou le lieu, la personne inscrite (confirmée ou en liste d'attente) sera prévenue par e-mail, avec l'invitation d'agenda mise à jour.
   *[other] Si vous changez la date, l'heure ou le lieu, les { $count } personnes inscrites (confirmées ou en liste d'attente) seront prévenues par e-mail, avec l'invitation d'agenda mise à jour.
}
session-edit-saved-told = { $count ->
    [one] Les modifications sont enregistrées ; 1 personne inscrite est prévenue par e-mail.
   *[other] Les modifications sont enregistrées ; { $count } personnes inscrites sont prévenues par e-mail.
}
staff-edit = Modifier la séance

## My sessions
mine-title = Mes ateliers
mine-empty = Aucune séance à venir.
mine-create = Créer une séance — { $territory }
mine-results = Résultats des enquêtes — { $territory }
mine-col-session = Séance
mine-col-when = Date

## The staff page of a session
staff-gestion-title = Gestion — { $title }
staff-online = en ligne
staff-public-page = Page publique
staff-attendance-csv = Liste de présence (CSV)
staff-attendance-print = Feuille d'émargement à imprimer
staff-my-sessions = Mes ateliers
staff-counts-heading = En bref
staff-confirmed = Confirmés
staff-waitlisted = En liste d'attente
staff-present = Présents
staff-capacity-heading = Capacité
staff-capacity-label = Nombre de places
staff-capacity-hint = Augmenter la capacité donne les places à la liste d'attente, dans l'ordre. La baisser sous le nombre de confirmés est refusé : personne n'est retiré sans le savoir.
staff-capacity-submit = Changer la capacité
staff-capacity-changed = La capacité est changée.
staff-capacity-changed-promoted = La capacité est changée ; des personnes de la liste d'attente ont obtenu une place et sont prévenues par e-mail.
staff-capacity-below-confirmed = { $confirmed ->
    [one] Impossible : une personne est confirmée. Annulez d'abord des inscriptions pour baisser la capacité.
   *[other] Impossible : { $confirmed } personnes sont confirmées. Annulez d'abord des inscriptions pour baisser la capacité.
}
staff-registrants-heading = Inscrits
staff-search-label = Rechercher un nom
staff-search-submit = Rechercher
staff-search-clear = Tout afficher
staff-scan-start = Scanner un code QR
staff-scan-stop = Arrêter la caméra
staff-scan-video = Image de la caméra
staff-scan-marked = Présence enregistrée :
staff-scan-already = Cette personne était déjà marquée présente.
staff-scan-unknown = Code non reconnu pour cette séance.
staff-scan-other-session = Ce code est celui d'une autre séance : la personne n'est pas marquée présente ici.
staff-confirmed-heading = Confirmés
staff-waitlist-heading = Liste d'attente
staff-cancelled-heading = Annulés
staff-none = Personne.
staff-col-name = Nom
staff-col-contact = Contact
staff-col-business = Entreprise
staff-col-walk-in = Sur place
staff-col-present = Présent
staff-col-actions = Actions
staff-col-position = Rang
staff-col-signature = Signature
staff-yes = oui
staff-present-yes = présent
staff-present-no = non
staff-mark-present = Présent : { $name }
staff-undo-present = Annuler la présence : { $name }
staff-cancel-registration = Annuler l'inscription : { $name }
staff-checked-in = Présence enregistrée.
staff-check-in-undone = Présence annulée.
staff-not-confirmed = Cette personne n'a pas de place confirmée : elle ne peut pas être marquée présente.
staff-cancelled = L'inscription est annulée.
staff-cancelled-promoted = L'inscription est annulée ; la première personne de la liste d'attente a obtenu la place et est prévenue par e-mail.
staff-already-cancelled = Cette inscription était déjà annulée.
staff-walk-in-heading = Ajouter une personne sur place
staff-walk-in-intro = Pour une personne venue sans inscription, tant qu'il reste des places. Elle est aussitôt marquée présente.
staff-walk-in-name = Nom
staff-walk-in-contact = E-mail ou téléphone (facultatif)
staff-walk-in-contact-hint = Pour lui envoyer l'enquête de satisfaction.
staff-walk-in-submit = Ajouter et marquer présent
staff-walk-in-added = La personne est ajoutée et marquée présente.
staff-walk-in-already = Cette personne est déjà inscrite : marquez-la présente dans la liste.
staff-walk-in-full = La séance est complète : impossible d'ajouter une personne sur place.
staff-survey-heading = Enquête de satisfaction
staff-survey-answers = { $count ->
    [0] Aucune réponse pour l'instant.
    [one] Une réponse.
   *[other] { $count } réponses.
}
staff-survey-too-few = Les moyennes s'affichent à partir de trois réponses.
staff-survey-comments = Commentaires
staff-status-confirmed = confirmé
staff-status-waitlisted = liste d'attente
staff-status-cancelled = annulé
staff-csv-name = Nom
staff-csv-business = Entreprise
staff-csv-email = E-mail
staff-csv-phone = Téléphone
staff-csv-status = Statut
staff-csv-walk-in = Sur place
staff-csv-present-at = Présent à
staff-print-title = Émargement — { $title }
staff-print-hint = Imprimez cette page depuis votre navigateur.
staff-print-caption = { $count ->
    [one] Une personne confirmée
   *[other] { $count } personnes confirmées
}

## The check-in link (QR code)
checkin-title = Pointage
checkin-invalid = Ce code n'est pas valable, ou pas en ce moment : il sert de la veille à la fin de la séance.
checkin-public = Ce code sert à vous accueillir : montrez-le à l'entrée de l'atelier, l'équipe le scannera.
checkin-staff-login = Vous animez cette séance ? Connectez-vous.
checkin-mark = Marquer présent
checkin-already-present = Cette personne est déjà marquée présente.
checkin-back = Retour à la gestion de la séance

## The satisfaction survey
survey-title = Votre avis sur l'atelier
survey-intro = Quatre questions et un commentaire libre. Le formateur et l'équipe du territoire voient les réponses sans votre nom. Une seule réponse par inscription.
survey-q-content = Contenu de l'atelier
survey-q-trainer = Qualité du formateur
survey-q-usefulness = Utilité pour vous
survey-q-recommend = Le recommanderiez-vous ?
survey-score-1 = 1 — pas du tout satisfait
survey-score-2 = 2 — peu satisfait
survey-score-3 = 3 — moyennement
survey-score-4 = 4 — satisfait
survey-score-5 = 5 — très satisfait
survey-comment = Commentaire (facultatif)
survey-comment-hint = 2 000 caractères au plus.
survey-submit = Envoyer mon avis
survey-thanks = Merci pour votre réponse !
survey-already = Vous avez déjà répondu à cette enquête. Merci !
survey-invalid = Ce lien d'enquête n'est pas valable, ou plus : l'enquête reste ouverte 30 jours après la séance.
survey-error-score = Choisissez une note de 1 à 5.
survey-error-comment-too-long = Ce commentaire est trop long (2 000 caractères au plus).

## Survey results
results-title = Enquêtes de satisfaction — { $territory }
results-intro = Moyennes sur 5. Une moyenne n'est affichée qu'à partir de { $min } réponses, pour que personne ne soit reconnu.
results-none = Aucune réponse.
results-per-session = Par séance
results-per-workshop = Par atelier
results-per-trainer = Par formateur
results-per-theme = Par thème
results-col-session = Séance
results-col-workshop = Atelier
results-col-trainer = Formateur
results-col-theme = Thème
results-col-answers = Réponses

## Large events (H4)
programme-create-title = Nouveau grand événement — { $territory }
programme-create-intro = Un grand événement réunit de nombreuses séances, sur plusieurs jours et dans plusieurs salles. Créez-le ici, puis ajoutez-lui des séances depuis sa page de programme.
programme-field-title = Titre
programme-field-title-hint = Par exemple : Deux jours du numérique. L'adresse de la page est faite de ce titre.
programme-field-description = Description
programme-create-submit = Créer le grand événement
programme-created = Le grand événement est créé. Ajoutez-lui des séances.
programme-error-title-letters = Le titre doit contenir au moins une lettre ou un chiffre.
programme-add-session = Ajouter une séance
create-programme-link = Créer un grand événement (plusieurs jours, plusieurs salles)
create-field-programme = Grand événement
create-field-programme-hint = Facultatif : la séance figure alors au programme de ce grand événement, par jour et par salle (indiquez la salle ci-dessus).
create-field-programme-none = Aucun (séance seule)
staff-error-programme = Choisissez un grand événement de la liste.
mine-create-programme = Créer un grand événement — { $territory }
event-manage-link = Gérer cette séance
calendar-webcal = S'abonner dans mon application d'agenda (webcal)
