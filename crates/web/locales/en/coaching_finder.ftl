# The coach finder, coach pages, the coaches API, and the editing of profiles and availability.

nav-coaches = Coaches
finder-title = Find a digital coach
finder-intro = A coach near you helps you for free: create a website, be found online, sell online, do your paperwork online… Say who you are, where, and what you need.
finder-form = Search for a coach
finder-who = You are
finder-i-am-business = A business, a shop or an association
finder-i-am-resident = A resident
finder-place = Where?
finder-place-hint = Town or postcode, for example Angers or 49000.
finder-language = Language
finder-modality = Appointment
finder-any = Any
finder-need = What you need
finder-submit = Find a coach
finder-results = Coaches
finder-around = Around { $place }
finder-none = No coach matches. Try without the language or the kind of appointment.
finder-themes = Themes
finder-languages = Languages
finder-modalities = Appointments offered
finder-ways = Appointments: { $modalities } · Languages: { $languages }
finder-distance = { $distance } away
finder-book-next = Book the next slot: { $slot }
finder-no-slot = No free slot at the moment.
finder-see-profile = See { $name }'s profile
finder-explain-outside = { $distance }, outside their area
finder-explain-outside-zone = outside their area
finder-explain-next-slot = next slot { $slot }
finder-explain-no-slot = no free slot
finder-error-audience = Choose business or resident.
finder-error-theme = This theme is unknown.
finder-error-language = This language is not offered.
finder-error-modality = This kind of appointment is unknown.
finder-error-week = This week is outside the slots offered.

finder-modality-at-business = At your business
finder-modality-at-venue = At their office
finder-modality-phone = By phone
finder-modality-video = By video call
finder-audience-business = Businesses and associations
finder-audience-resident = Residents
finder-structure-cci = Chamber of commerce and industry
finder-structure-cma = Chamber of trades and crafts
finder-structure-city = Town
finder-structure-local-authority = Local authority
finder-structure-association = Association
finder-structure-mediation-place = Digital mediation place
finder-structure-other = Other organisation
finder-language-fr = French
finder-language-en = English
finder-language-es = Spanish
finder-language-de = German
finder-language-it = Italian
finder-language-pt = Portuguese
finder-language-ar = Arabic
finder-language-br = Breton

finder-back = All coaches
finder-zone = Area served
finder-zone-radius = up to { $km } km around { $place }
finder-address = Address
finder-accessibility = Accessibility
finder-length = Length of an appointment
finder-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
finder-free-slots = Free slots
finder-slots-hint = Paris time. Choose a slot to book it, no account needed.
finder-no-slot-weeks = No free slot these two weeks.
finder-book-at = Book { $day } at { $time }
finder-weeks = Other weeks
finder-earlier = Earlier weeks
finder-later = Later weeks
