site-name = Tremplin
site-tagline = Le numérique pour les commerces, associations et habitants de votre territoire
skip-to-content = Aller au contenu
nav-main = Menu principal
nav-home = Accueil
nav-territories = Territoires
nav-places = Trouver une commune
nav-login = Connexion
nav-signup = Créer un compte
nav-account = Mon compte
nav-logout = Se déconnecter
lang-switch-label = Langue
footer-text = Tremplin, logiciel libre au service des territoires. Aucune donnée n'est transmise à un tiers.
footer-api = API ouverte
footer-openapi = Documentation de l'API (OpenAPI)

home-title = Accueil
home-heading = Le numérique, près de chez vous
home-intro = Tremplin aide les commerces, artisans, associations et habitants d'un territoire à trouver de l'aide pour le numérique : un annuaire des acteurs locaux, des conseillers à rencontrer, des ateliers, un diagnostic et un passeport numérique. Il est géré par votre collectivité, sans publicité ni revente de données.
home-territories = Territoires accompagnés
home-place-search = Chercher une commune ou un code postal
home-place-hint = Par exemple « Angers » ou « 49000 ».
home-no-territory = Aucun territoire n'est encore configuré.

places-title = Trouver une commune
places-label = Commune ou code postal
places-submit = Chercher
places-results = { $count ->
    [0] Aucune commune trouvée pour « { $query } ».
    [one] Une commune trouvée pour « { $query } ».
   *[other] { $count } communes trouvées pour « { $query } ».
}
places-department = Département
places-population = { $population } habitants
places-too-short = Tapez au moins deux lettres ou les premiers chiffres du code postal.

territories-title = Territoires
territories-intro = Les territoires qui utilisent Tremplin, de la région à la commune. Chacun regroupe des communes et comprend les territoires qu'il contient.
territory-kind-commune = Commune
territory-kind-epci = Intercommunalité
territory-kind-department = Département
territory-kind-region = Région
territory-kind-custom = Territoire
territory-communes = { $count ->
    [one] une commune
   *[other] { $count } communes
}
territory-population = { $population } habitants
territory-parent = Fait partie de
territory-children = Territoires inclus
territory-communes-heading = Communes du territoire
territory-commune-name = Commune
territory-commune-insee = Code INSEE
territory-commune-postcodes = Codes postaux
territory-commune-population = Population
territory-team-link = Équipe du territoire
pagination = Pagination
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-status = Page { $page } sur { $pages }

team-title = Équipe : { $territory }
team-intro = Les personnes qui ont un rôle dans ce territoire. Un rôle vaut aussi dans les territoires inclus.
team-empty = Personne n'a encore de rôle ici.
team-member = Personne
team-email = Adresse e-mail
team-role = Rôle
team-actions = Actions
team-revoke = Retirer le rôle { $role } à { $email }
team-grant-heading = Donner un rôle
team-grant-email = Adresse e-mail de la personne (elle doit avoir un compte)
team-grant-role = Rôle
team-grant-submit = Donner le rôle
team-granted = Rôle donné.
team-revoked = Rôle retiré.

role-admin = Administrateur
role-manager = Gestionnaire
role-coach = Conseiller
role-trainer = Formateur
role-merchant = Commerçant
role-member = Membre

signup-title = Créer un compte
signup-intro = Un compte sert à suivre vos rendez-vous, ateliers et votre parcours. Il n'est pas nécessaire pour consulter l'annuaire ou s'inscrire à un atelier.
field-email = Adresse e-mail
field-email-hint = Exemple : nom@exemple.fr
field-password = Mot de passe
field-password-hint = Au moins 12 caractères. Une phrase facile à retenir convient très bien.
field-new-password = Nouveau mot de passe
field-display-name = Nom affiché
field-display-name-hint = Facultatif. Le nom que verront les conseillers et formateurs.
signup-submit = Créer mon compte
signup-have-account = Vous avez déjà un compte ?
signup-done = Votre compte est créé. Bienvenue !

login-title = Connexion
login-submit = Se connecter
login-no-account = Pas encore de compte ?
login-link-instead = Recevoir un lien de connexion par e-mail
login-forgot = Mot de passe oublié ?
login-done = Vous êtes connecté.
logout-done = Vous êtes déconnecté.

login-link-title = Recevoir un lien de connexion
login-link-intro = Indiquez votre adresse : si elle correspond à un compte, vous recevrez un lien valable 15 minutes pour vous connecter sans mot de passe.
login-link-submit = Recevoir le lien
login-link-sent = Si un compte existe pour cette adresse, un lien de connexion vient d'y être envoyé. Pensez à regarder dans les indésirables.
login-link-confirm-title = Se connecter avec ce lien
login-link-confirm-intro = Ce lien vous connecte à votre compte. Il ne peut servir qu'une fois.
login-link-confirm-submit = Me connecter

reset-request-title = Mot de passe oublié
reset-request-intro = Indiquez votre adresse : si elle correspond à un compte, vous recevrez un lien valable une heure pour choisir un nouveau mot de passe.
reset-request-submit = Recevoir le lien
reset-request-sent = Si un compte existe pour cette adresse, un lien vient d'y être envoyé.
reset-title = Choisir un nouveau mot de passe
reset-submit = Enregistrer le mot de passe
reset-done = Votre mot de passe est changé. Vous êtes connecté.

account-title = Mon compte
account-email = Adresse e-mail
account-name = Nom affiché
account-roles = Vos rôles
account-no-roles = Vous n'avez pas de rôle particulier dans un territoire.
account-role-in = { $role } — { $territory }
account-platform-admin = Vous administrez cette installation de Tremplin.

form-errors-heading = Le formulaire contient des erreurs :
error-invalid-form = Le formulaire contient des erreurs.
error-email-empty = Indiquez votre adresse e-mail.
error-email-invalid = Cette adresse e-mail n'est pas valide. Exemple : nom@exemple.fr
error-email-taken = Un compte existe déjà avec cette adresse. Connectez-vous ou demandez un lien de connexion.
error-password-empty = Indiquez votre mot de passe.
error-password-too-short = Le mot de passe doit faire au moins 12 caractères.
error-password-too-long = Le mot de passe doit faire au plus 128 caractères.
error-display-name-too-long = Le nom affiché doit faire au plus 80 caractères.
error-bad-credentials = Adresse e-mail ou mot de passe incorrect.
error-rate-limited = Trop de tentatives. Réessayez dans quelques minutes.
error-token-invalid = Ce lien n'est pas valide ou a déjà servi. Demandez-en un nouveau.
error-token-expired = Ce lien a expiré. Demandez-en un nouveau.
error-forbidden = Vous n'avez pas le droit de faire cela ici.
error-not-found = Cette page n'existe pas ou a été déplacée.
error-internal = Une erreur s'est produite de notre côté. Réessayez dans un instant.
error-csrf = Le formulaire a expiré ou ne vient pas de ce site. Rechargez la page et recommencez.
error-unavailable = Le service est momentanément indisponible. Réessayez dans un instant.
error-bad-request = La demande n'est pas valide.
error-user-unknown = Aucun compte n'existe avec cette adresse.
error-role-invalid = Choisissez un rôle dans la liste.
error-place-query = Indiquez une commune ou un code postal (paramètre q).
error-page-title = Erreur { $status }
error-back-home = Revenir à l'accueil

nav-directory = Annuaire
directory-title = Annuaire des acteurs locaux
directory-intro = Commerces, artisans, associations, lieux de médiation numérique et services publics près de chez vous.
directory-what = Quoi ?
directory-what-hint = Un nom, une activité : « boulangerie », « réparation téléphone »…
directory-where = Où ?
directory-where-hint = Une commune ou un code postal. Laissez vide pour chercher partout.
directory-radius = Dans un rayon de
directory-radius-km = { $km } km
directory-category = Catégorie
directory-kind = Type
directory-any = Indifférent
directory-services = Services
directory-open-now = Ouvert maintenant
directory-submit = Rechercher
directory-near-me = Autour de moi
directory-results = { $count ->
    [0] Aucun résultat.
    [one] Un résultat.
   *[other] { $count } résultats.
}
directory-truncated = Beaucoup de fiches correspondent : précisez la recherche pour tout voir.
directory-corrected = Recherche élargie : « { $typed } » compris comme « { $used } ».
directory-distance = à { $km } km
directory-open = Ouvert
directory-closed = Fermé
directory-hours-unknown = Horaires non renseignés
directory-until = jusqu'à { $time }
directory-opens-at = ouvre { $when }
directory-map = Carte des résultats
directory-map-description = Position des résultats autour du point de recherche ; la liste donne les mêmes informations.
directory-map-center = Point de recherche
directory-around = Autour de { $place }
directory-list = Liste des résultats
error-place-unknown = Cette commune ou ce code postal est introuvable. Exemple : Angers ou 49000.
error-radius = Le rayon doit être un nombre de kilomètres entre 0,1 et 200.
error-coordinates = La position doit avoir une latitude et une longitude valides.
error-category = Cette catégorie n'existe pas.
error-kind = Ce type n'existe pas.
error-service = Ce service n'existe pas.
error-open-at = La date doit être au format AAAA-MM-JJTHH:MM, par exemple 2026-11-26T18:30.
error-page = Le numéro de page doit être un nombre à partir de 1.
error-hours-value = Ces horaires ne sont pas au format OpenStreetMap.

kind-shop = Commerce
kind-craft = Artisan
kind-service = Service
kind-association = Association
kind-mediation = Lieu de médiation numérique
kind-startup = Start-up
kind-public_service = Service public

amenity-click_collect = Retrait en boutique (click & collect)
amenity-delivery = Livraison à domicile
amenity-online_shop = Boutique en ligne
amenity-appointment = Sur rendez-vous
amenity-wheelchair = Accessible en fauteuil roulant

listing-address = Adresse
listing-contact = Contact
listing-phone = Téléphone
listing-email = E-mail
listing-website = Site web
listing-services = Services
listing-hours = Horaires
listing-hours-week = Horaires des 7 prochains jours
listing-day = Jour
listing-day-hours = Horaires
listing-closed-day = Fermé
listing-unknown-slot = sur rendez-vous ou à confirmer
listing-category = Catégorie
listing-activity = Activité (code NAF)
listing-osm-link = Voir l'emplacement sur OpenStreetMap (site externe)
listing-source = Source : { $source }
listing-updated = Mis à jour le { $date }
listing-back = Retour à l'annuaire

weekday-1 = Lundi
weekday-2 = Mardi
weekday-3 = Mercredi
weekday-4 = Jeudi
weekday-5 = Vendredi
weekday-6 = Samedi
weekday-7 = Dimanche
