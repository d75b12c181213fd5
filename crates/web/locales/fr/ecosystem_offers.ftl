## ecosystem_offers

eco-offer-catalogue-title = Offres partenaires
eco-offer-catalogue-intro = Des outils et des services gratuits ou à tarif préférentiel pour les petites entreprises du territoire, validés par l'équipe du territoire. Pour chaque besoin, les logiciels libres sont présentés à côté des offres payantes.
eco-offer-order = Aucune place ne s'achète : les offres sont rangées par besoin, puis en trois colonnes (logiciels libres, gratuit, tarif préférentiel), puis par ordre alphabétique du fournisseur et du titre.
eco-offer-filter = Filtrer les offres
eco-offer-territory = Territoire
eco-offer-all-territories = Tous les territoires
eco-offer-category = Besoin
eco-offer-all-categories = Tous les besoins
eco-offer-filter-submit = Afficher les offres
eco-offer-propose-link = Vous êtes fournisseur ? Proposer une offre
eco-offer-count = { $count ->
    [0] Aucune offre en cours.
    [one] 1 offre en cours.
   *[other] { $count } offres en cours.
}
eco-offer-column-open_source = Logiciels libres
eco-offer-column-free = Gratuit
eco-offer-column-preferential = Tarif préférentiel
eco-offer-column-empty = Aucune offre dans cette colonne pour l'instant.
eco-offer-pricing = Prix
eco-offer-licence = Licence
eco-offer-open-source = Logiciel libre
eco-offer-not-open-source = Logiciel non libre
eco-offer-conditions = Conditions
eco-offer-until = Jusqu'au
eco-offer-expired = terminée
eco-offer-data-shared = Données transmises au fournisseur :
eco-offer-visit = « { $title } » sur le site de { $provider }
eco-offer-back = Toutes les offres partenaires
eco-offer-not-public = Cette offre n'est pas visible dans le catalogue : { $status }
eco-offer-period = Période
eco-offer-from = du { $day }
eco-offer-to = au { $day }
eco-offer-status-submitted = en attente de validation
eco-offer-status-approved = validée
eco-offer-status-rejected = refusée
eco-offer-status-withdrawn = retirée

eco-offer-mine-title = Mes offres proposées
eco-offer-mine-link = Voir mes offres proposées
eco-offer-mine-none = Vous n'avez proposé aucune offre.
eco-offer-propose-another = Proposer une offre
eco-offer-status = État :
eco-offer-review-note = Note de l'équipe du territoire :
eco-offer-withdraw = Retirer l'offre « { $title } »

eco-offer-submit-title = Proposer une offre partenaire
eco-offer-submit-intro = Votre offre sera examinée par l'équipe du territoire avant de paraître. Soyez précis sur le prix, les conditions et les données que vous recevrez : les entreprises choisissent en connaissance de cause.
eco-offer-form-territory = Territoire de l'offre
eco-offer-form-provider = Fournisseur (votre entreprise ou association)
eco-offer-form-title = Titre de l'offre
eco-offer-form-category = Besoin auquel elle répond
eco-offer-form-description = Description : ce que l'entreprise obtient
eco-offer-form-pricing = Prix
eco-offer-form-price-terms = Prix ou remise
eco-offer-form-price-terms-hint = Obligatoire pour un tarif préférentiel, par exemple « 9 € par mois au lieu de 19 € pendant un an ».
eco-offer-form-conditions = Conditions
eco-offer-form-conditions-hint = Qui peut en profiter, durée d'engagement, ce qui se passe à la fin de l'offre.
eco-offer-form-data-shared = Données transmises au fournisseur
eco-offer-form-data-shared-hint = Ce que vous recevrez sur l'entreprise et ses clients, dans vos mots. S'il n'y en a aucune, écrivez « Aucune donnée ».
eco-offer-form-software = Logiciel
eco-offer-form-open-source = C'est un logiciel libre (open source)
eco-offer-form-licence = Licence du logiciel libre
eco-offer-form-licence-hint = Obligatoire pour un logiciel libre, par exemple GPL-3.0 ou AGPL-3.0.
eco-offer-form-url = Adresse de l'offre sur votre site
eco-offer-form-url-hint = Commence par https://
eco-offer-form-starts-on = Premier jour
eco-offer-form-starts-on-hint = Au format AAAA-MM-JJ ; aujourd'hui si vide.
eco-offer-form-ends-on = Dernier jour
eco-offer-form-ends-on-hint = Au format AAAA-MM-JJ ; l'offre dure trois ans au plus.
eco-offer-form-submit = Envoyer l'offre

eco-offer-review-title = Offres partenaires — { $territory }
eco-offer-review-intro = Validez les offres proposées pour ce territoire et les territoires qu'il contient. Une note est obligatoire pour refuser ; le fournisseur la reçoit par e-mail.
eco-offer-review-submitted = En attente de validation
eco-offer-review-approved = Validées
eco-offer-review-others = Refusées ou retirées
eco-offer-review-none = Aucune.
eco-offer-review-note-label = Note au fournisseur
eco-offer-review-note-hint = Obligatoire pour refuser.
eco-offer-approve = Valider « { $title } »
eco-offer-reject = Refuser « { $title } »

eco-offer-error-territory = Choisissez le territoire de l'offre.
eco-offer-error-provider = Indiquez le fournisseur (150 caractères au plus).
eco-offer-error-title = Indiquez le titre de l'offre (150 caractères au plus).
eco-offer-error-category = Choisissez le besoin auquel l'offre répond.
eco-offer-error-description = Décrivez l'offre (2 000 caractères au plus).
eco-offer-error-pricing = Indiquez si l'offre est gratuite ou à tarif préférentiel.
eco-offer-error-price-terms = Indiquez le prix ou la remise du tarif préférentiel.
eco-offer-error-too-long = Ce texte est trop long.
eco-offer-error-data-shared = Indiquez les données transmises au fournisseur, ou écrivez « Aucune donnée » (1 000 caractères au plus).
eco-offer-error-licence = Indiquez la licence du logiciel libre.
eco-offer-error-url = Indiquez une adresse web qui commence par http:// ou https://.
eco-offer-error-starts-on = Indiquez le premier jour au format AAAA-MM-JJ.
eco-offer-error-ends-on = Indiquez le dernier jour au format AAAA-MM-JJ.
eco-offer-error-ends-past = Le dernier jour est déjà passé.
eco-offer-error-ends-before-start = Le dernier jour est avant le premier.
eco-offer-error-too-long-period = Une offre dure trois ans au plus.
eco-offer-error-note = Expliquez au fournisseur pourquoi l'offre est refusée.

eco-offer-submitted = Offre envoyée : elle paraîtra quand l'équipe du territoire l'aura validée.
eco-offer-withdrawn = Offre retirée du catalogue.
eco-offer-not-withdrawable = Cette offre n'est plus en attente ni en cours.
eco-offer-already-decided = Cette offre a déjà été examinée.
eco-offer-approved = Offre validée ; le fournisseur est prévenu par e-mail.
eco-offer-rejected = Offre refusée ; le fournisseur est prévenu par e-mail.
eco-offer-in-territory = Territoire : { $territory }
eco-offer-review-link = Offres partenaires à valider
eco-offer-error-too-many = Vous avez déjà 10 offres en attente de validation : attendez la décision de l'équipe du territoire ou retirez-en une.
