# The coach finder, coach pages, the coaches API, and the editing of profiles and availability.

nav-coaches = Coachs
finder-title = Trouver un conseiller numérique
finder-intro = Un conseiller près de chez vous vous aide gratuitement : créer un site, être trouvé en ligne, vendre en ligne, faire vos démarches… Dites qui vous êtes, où, et ce dont vous avez besoin.
finder-form = Rechercher un conseiller
finder-who = Vous êtes
finder-i-am-business = Une entreprise, un commerce ou une association
finder-i-am-resident = Un particulier
finder-place = Où ?
finder-place-hint = Commune ou code postal, par exemple Angers ou 49000.
finder-language = Langue
finder-modality = Rendez-vous
finder-any = Indifférent
finder-need = Votre besoin
finder-submit = Trouver un conseiller
finder-results = Conseillers
finder-around = Autour de { $place }
finder-none = Aucun conseiller ne correspond. Essayez sans la langue ou le type de rendez-vous.
finder-themes = Thèmes
finder-languages = Langues
finder-modalities = Rendez-vous possibles
finder-ways = Rendez-vous : { $modalities } · Langues : { $languages }
finder-distance = À { $distance }
finder-book-next = Réserver le prochain créneau : { $slot }
finder-no-slot = Pas de créneau libre pour le moment.
finder-see-profile = Voir le profil de { $name }
finder-explain-outside = { $distance }, hors de sa zone
finder-explain-outside-zone = hors de sa zone
finder-explain-next-slot = prochain créneau { $slot }
finder-explain-no-slot = aucun créneau libre
finder-error-audience = Choisissez entreprise ou particulier.
finder-error-theme = Ce thème est inconnu.
finder-error-language = Cette langue n'est pas proposée.
finder-error-modality = Ce type de rendez-vous est inconnu.
finder-error-week = Cette semaine est hors des créneaux proposés.

finder-modality-at-business = Dans votre entreprise
finder-modality-at-venue = Dans ses locaux
finder-modality-phone = Par téléphone
finder-modality-video = En visio
finder-audience-business = Entreprises et associations
finder-audience-resident = Particuliers
finder-structure-cci = Chambre de commerce et d'industrie
finder-structure-cma = Chambre de métiers et de l'artisanat
finder-structure-city = Commune
finder-structure-local-authority = Collectivité
finder-structure-association = Association
finder-structure-mediation-place = Lieu de médiation numérique
finder-structure-other = Autre structure
finder-language-fr = Français
finder-language-en = Anglais
finder-language-es = Espagnol
finder-language-de = Allemand
finder-language-it = Italien
finder-language-pt = Portugais
finder-language-ar = Arabe
finder-language-br = Breton

finder-back = Tous les conseillers
finder-zone = Zone d'intervention
finder-zone-radius = jusqu'à { $km } km autour de { $place }
finder-address = Adresse
finder-accessibility = Accessibilité
finder-length = Durée d'un rendez-vous
finder-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
finder-free-slots = Créneaux libres
finder-slots-hint = Heures de Paris. Choisissez un créneau pour le réserver, sans compte.
finder-no-slot-weeks = Pas de créneau libre ces deux semaines.
finder-book-at = Réserver le { $day } à { $time }
finder-weeks = Autres semaines
finder-earlier = Semaines précédentes
finder-later = Semaines suivantes
