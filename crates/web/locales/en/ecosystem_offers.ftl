## ecosystem_offers

eco-offer-catalogue-title = Partner offers
eco-offer-catalogue-intro = Tools and services, free or at preferential rates, for the territory's small businesses, approved by the territory's team. For each need, free and open-source software is shown beside paid offers.
eco-offer-order = No place can be bought: offers are sorted by need, then in three columns (open-source software, free, preferential rate), then alphabetically by provider and title.
eco-offer-filter = Filter the offers
eco-offer-territory = Territory
eco-offer-all-territories = All territories
eco-offer-category = Need
eco-offer-all-categories = All needs
eco-offer-filter-submit = Show offers
eco-offer-propose-link = Are you a provider? Propose an offer
eco-offer-count = { $count ->
    [0] No current offer.
    [one] 1 current offer.
   *[other] { $count } current offers.
}
eco-offer-column-open_source = Open-source software
eco-offer-column-free = Free
eco-offer-column-preferential = Preferential rate
eco-offer-column-empty = No offer in this column yet.
eco-offer-pricing = Price
eco-offer-licence = Licence
eco-offer-open-source = Open-source software
eco-offer-not-open-source = Not open source
eco-offer-conditions = Conditions
eco-offer-until = Until
eco-offer-expired = ended
eco-offer-data-shared = Data shared with the provider:
eco-offer-visit = “{ $title }” on the site of { $provider }
eco-offer-back = All partner offers
eco-offer-not-public = This offer is not shown in the catalogue: { $status }
eco-offer-period = Period
eco-offer-from = from { $day }
eco-offer-to = to { $day }
eco-offer-status-submitted = awaiting review
eco-offer-status-approved = approved
eco-offer-status-rejected = rejected
eco-offer-status-withdrawn = withdrawn

eco-offer-mine-title = My proposed offers
eco-offer-mine-link = See my proposed offers
eco-offer-mine-none = You have not proposed any offer.
eco-offer-propose-another = Propose an offer
eco-offer-status = Status:
eco-offer-review-note = Note from the territory's team:
eco-offer-withdraw = Withdraw the offer “{ $title }”

eco-offer-submit-title = Propose a partner offer
eco-offer-submit-intro = The territory's team reviews your offer before it shows. Be precise about the price, the conditions and the data you will receive: businesses choose knowingly.
eco-offer-form-territory = Territory of the offer
eco-offer-form-provider = Provider (your firm or association)
eco-offer-form-title = Title of the offer
eco-offer-form-category = The need it answers
eco-offer-form-description = Description: what the business gets
eco-offer-form-pricing = Price
eco-offer-form-price-terms = Price or discount
eco-offer-form-price-terms-hint = Required for a preferential rate, for example “€9 a month instead of €19 for one year”.
eco-offer-form-conditions = Conditions
eco-offer-form-conditions-hint = Who may use it, commitment, what happens when the offer ends.
eco-offer-form-data-shared = Data shared with the provider
eco-offer-form-data-shared-hint = What you will receive about the business and its customers, in your own words. If none, write “No data”.
eco-offer-form-software = Software
eco-offer-form-open-source = It is free and open-source software
eco-offer-form-licence = Open-source licence
eco-offer-form-licence-hint = Required for open-source software, for example GPL-3.0 or AGPL-3.0.
eco-offer-form-url = Address of the offer on your site
eco-offer-form-url-hint = Starts with https://
eco-offer-form-starts-on = First day
eco-offer-form-starts-on-hint = As YYYY-MM-DD; today when empty.
eco-offer-form-ends-on = Last day
eco-offer-form-ends-on-hint = As YYYY-MM-DD; an offer lasts three years at most.
eco-offer-form-submit = Send the offer

eco-offer-review-title = Partner offers — { $territory }
eco-offer-review-intro = Review the offers proposed for this territory and the territories in it. A note is required to reject; the provider receives it by e-mail.
eco-offer-review-submitted = Awaiting review
eco-offer-review-approved = Approved
eco-offer-review-others = Rejected or withdrawn
eco-offer-review-none = None.
eco-offer-review-note-label = Note to the provider
eco-offer-review-note-hint = Required to reject.
eco-offer-approve = Approve “{ $title }”
eco-offer-reject = Reject “{ $title }”

eco-offer-error-territory = Choose the territory of the offer.
eco-offer-error-provider = Give the provider (150 characters at most).
eco-offer-error-title = Give the title of the offer (150 characters at most).
eco-offer-error-category = Choose the need the offer answers.
eco-offer-error-description = Describe the offer (2,000 characters at most).
eco-offer-error-pricing = Say whether the offer is free or at a preferential rate.
eco-offer-error-price-terms = Give the price or the discount of the preferential rate.
eco-offer-error-too-long = This text is too long.
eco-offer-error-data-shared = Give the data shared with the provider, or write “No data” (1,000 characters at most).
eco-offer-error-licence = Give the licence of the open-source software.
eco-offer-error-url = Give a web address starting with http:// or https://.
eco-offer-error-starts-on = Give the first day as YYYY-MM-DD.
eco-offer-error-ends-on = Give the last day as YYYY-MM-DD.
eco-offer-error-ends-past = The last day is already over.
eco-offer-error-ends-before-start = The last day is before the first.
eco-offer-error-too-long-period = An offer lasts three years at most.
eco-offer-error-note = Tell the provider why the offer is rejected.

eco-offer-submitted = Offer sent: it will show once the territory's team approves it.
eco-offer-withdrawn = Offer withdrawn from the catalogue.
eco-offer-not-withdrawable = This offer is neither awaiting review nor current.
eco-offer-already-decided = This offer was reviewed already.
eco-offer-approved = Offer approved; the provider is told by e-mail.
eco-offer-rejected = Offer rejected; the provider is told by e-mail.
eco-offer-in-territory = Territory: { $territory }
eco-offer-review-link = Partner offers to review
eco-offer-error-too-many = You already have 10 offers awaiting review: wait for the territory team's decision or withdraw one.
