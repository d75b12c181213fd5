site-name = Tremplin
site-tagline = Digital skills for the shops, associations and residents of your territory
skip-to-content = Skip to content
nav-main = Main menu
nav-home = Home
nav-territories = Territories
nav-places = Find a town
nav-login = Log in
nav-signup = Sign up
nav-account = My account
nav-logout = Log out
lang-switch-label = Language
footer-text = Tremplin, free software serving territories. No data is passed to any third party.
footer-api = Open API
footer-openapi = API documentation (OpenAPI)

home-title = Home
home-heading = Digital help, close to home
home-intro = Tremplin helps the shops, craftspeople, associations and residents of a territory find help with digital matters: a directory of local actors, advisers to meet, workshops, a diagnostic and a digital passport. It is run by your local authority, with no advertising and no data resale.
home-territories = Territories served
home-place-search = Search a town or a postcode
home-place-hint = For example “Angers” or “49000”.
home-no-territory = No territory is configured yet.

places-title = Find a town
places-label = Town or postcode
places-submit = Search
places-results = { $count ->
    [0] No town found for “{ $query }”.
    [one] One town found for “{ $query }”.
   *[other] { $count } towns found for “{ $query }”.
}
places-department = Department
places-population = { $population } inhabitants
places-too-short = Type at least two letters or the first digits of the postcode.

territories-title = Territories
territories-intro = The territories using Tremplin, from region to town. Each groups towns and includes the territories it contains.
territory-kind-commune = Town
territory-kind-epci = Intercommunality
territory-kind-department = Department
territory-kind-region = Region
territory-kind-custom = Territory
territory-communes = { $count ->
    [one] one town
   *[other] { $count } towns
}
territory-population = { $population } inhabitants
territory-parent = Part of
territory-children = Territories included
territory-communes-heading = Towns of the territory
territory-commune-name = Town
territory-commune-insee = INSEE code
territory-commune-postcodes = Postcodes
territory-commune-population = Population
territory-team-link = Territory team
pagination = Pagination
pagination-previous = Previous page
pagination-next = Next page
pagination-status = Page { $page } of { $pages }

team-title = Team: { $territory }
team-intro = The people who hold a role in this territory. A role also holds in the territories included.
team-empty = Nobody holds a role here yet.
team-member = Person
team-email = E-mail address
team-role = Role
team-actions = Actions
team-revoke = Remove the role { $role } from { $email }
team-grant-heading = Grant a role
team-grant-email = E-mail address of the person (they need an account)
team-grant-role = Role
team-grant-submit = Grant the role
team-granted = Role granted.
team-revoked = Role removed.

role-admin = Administrator
role-manager = Manager
role-coach = Adviser
role-trainer = Trainer
role-merchant = Merchant
role-member = Member

signup-title = Sign up
signup-intro = An account lets you follow your appointments, workshops and journey. You do not need one to browse the directory or register for a workshop.
field-email = E-mail address
field-email-hint = Example: name@example.com
field-password = Password
field-password-hint = At least 12 characters. An easy-to-remember sentence is fine.
field-new-password = New password
field-display-name = Display name
field-display-name-hint = Optional. The name advisers and trainers will see.
signup-submit = Create my account
signup-have-account = Already have an account?
signup-done = Your account is ready. Welcome!

login-title = Log in
login-submit = Log in
login-no-account = No account yet?
login-link-instead = Get a login link by e-mail
login-forgot = Forgot your password?
login-done = You are logged in.
logout-done = You are logged out.

login-link-title = Get a login link
login-link-intro = Type your address: if it matches an account, you will receive a link valid for 15 minutes to log in without a password.
login-link-submit = Send the link
login-link-sent = If an account exists for this address, a login link has just been sent to it. Check your spam folder too.
login-link-confirm-title = Log in with this link
login-link-confirm-intro = This link logs you into your account. It works only once.
login-link-confirm-submit = Log me in

reset-request-title = Forgot your password
reset-request-intro = Type your address: if it matches an account, you will receive a link valid for one hour to choose a new password.
reset-request-submit = Send the link
reset-request-sent = If an account exists for this address, a link has just been sent to it.
reset-title = Choose a new password
reset-submit = Save the password
reset-done = Your password is changed. You are logged in.

account-title = My account
account-email = E-mail address
account-name = Display name
account-roles = Your roles
account-no-roles = You hold no particular role in a territory.
account-role-in = { $role } — { $territory }
account-platform-admin = You administer this Tremplin installation.

form-errors-heading = The form has errors:
error-invalid-form = The form has errors.
error-email-empty = Type your e-mail address.
error-email-invalid = This e-mail address is not valid. Example: name@example.com
error-email-taken = An account already exists with this address. Log in or ask for a login link.
error-password-empty = Type your password.
error-password-too-short = The password must be at least 12 characters long.
error-password-too-long = The password must be at most 128 characters long.
error-display-name-too-long = The display name must be at most 80 characters long.
error-bad-credentials = Wrong e-mail address or password.
error-rate-limited = Too many attempts. Try again in a few minutes.
error-token-invalid = This link is not valid or has been used already. Ask for a new one.
error-token-expired = This link has expired. Ask for a new one.
error-forbidden = You are not allowed to do this here.
error-not-found = This page does not exist or has moved.
error-internal = Something went wrong on our side. Try again in a moment.
error-csrf = The form has expired or does not come from this site. Reload the page and try again.
error-unavailable = The service is temporarily unavailable. Try again in a moment.
error-bad-request = The request is not valid.
error-user-unknown = No account exists with this address.
error-role-invalid = Choose a role from the list.
error-place-query = Give a town or a postcode (parameter q).
error-page-title = Error { $status }
error-back-home = Back to the home page

nav-directory = Directory
directory-title = Directory of local actors
directory-intro = Shops, craftspeople, associations, digital-help places and public services near you.
directory-what = What?
directory-what-hint = A name, an activity: “bakery”, “phone repair”…
directory-where = Where?
directory-where-hint = A town or a postcode. Leave empty to search everywhere.
directory-radius = Within
directory-radius-km = { $km } km
directory-category = Category
directory-kind = Type
directory-any = Any
directory-services = Services
directory-open-now = Open now
directory-submit = Search
directory-near-me = Near me
directory-results = { $count ->
    [0] No result.
    [one] One result.
   *[other] { $count } results.
}
directory-truncated = Many listings match: refine the search to see them all.
directory-corrected = Search widened: “{ $typed }” read as “{ $used }”.
directory-distance = { $km } km away
directory-open = Open
directory-closed = Closed
directory-hours-unknown = Hours not given
directory-until = until { $time }
directory-opens-at = opens { $when }
directory-map = Map of the results
directory-map-description = Where the results are around the search point; the list gives the same information.
directory-map-center = Search point
directory-around = Around { $place }
directory-list = List of results
error-place-unknown = This town or postcode cannot be found. Example: Angers or 49000.
error-radius = The radius must be a number of kilometres between 0.1 and 200.
error-coordinates = The position needs a valid latitude and longitude.
error-category = This category does not exist.
error-kind = This type does not exist.
error-service = This service does not exist.
error-open-at = The date must be written YYYY-MM-DDTHH:MM, for example 2026-11-26T18:30.
error-page = The page number must be a number from 1.
error-hours-value = These hours are not in OpenStreetMap format.

kind-shop = Shop
kind-craft = Craftsperson
kind-service = Service
kind-association = Association
kind-mediation = Digital-help place
kind-startup = Start-up
kind-public_service = Public service

amenity-click_collect = Click & collect
amenity-delivery = Home delivery
amenity-online_shop = Online shop
amenity-appointment = By appointment
amenity-wheelchair = Wheelchair accessible

listing-address = Address
listing-contact = Contact
listing-phone = Phone
listing-email = E-mail
listing-website = Website
listing-services = Services
listing-hours = Opening hours
listing-hours-week = Opening hours for the next 7 days
listing-day = Day
listing-day-hours = Hours
listing-closed-day = Closed
listing-unknown-slot = by appointment or to be confirmed
listing-category = Category
listing-activity = Activity (NAF code)
listing-osm-link = See the location on OpenStreetMap (external site)
listing-source = Source: { $source }
listing-updated = Updated on { $date }
listing-back = Back to the directory

weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
