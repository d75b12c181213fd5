# Workshops and events: the staff side (sessions, check-in, attendance, survey results).

## Creating sessions
create-title = New session — { $territory }
create-what = The workshop
create-where = Place
create-when = Date and time
create-who = Seats and trainers
create-field-title = Title
create-field-description = Description
create-field-themes = Themes
create-field-modules = Modules covered
create-field-modules-hint = Attending the session (checked in) validates these modules of the digital passport.
create-field-audiences = Audiences
create-field-level = Level
create-field-language = Language
create-field-language-hint = Code of the session's language: fr, en…
create-field-venue = Where the session takes place
create-field-venue-place = Directory place (identifier)
create-field-venue-place-hint = The identifier of the directory listing, for example mediatheque-toussaint-angers. Otherwise fill in the name, address and commune.
create-field-venue-name = Name of the place
create-field-venue-address = Address
create-field-venue-commune = Commune
create-field-venue-commune-hint = Name or postcode of the commune.
create-field-room = Room
create-field-online-url = Link to attend online
create-field-online-url-hint = For an online session: the link starts with https://
create-field-accessibility = Accessibility and practical information
create-field-date = Date
create-field-date-hint = As YYYY-MM-DD, Paris time.
create-field-start = Start time
create-field-end = End time
create-field-time-hint = As HH:MM, Paris time.
create-field-repeat = Number of weekly sessions
create-field-repeat-hint = 1 for a single session; otherwise the same session every week, this many times (52 at most).
create-field-opens = Registration opens (optional)
create-field-closes = Registration closes (optional)
create-field-moment-hint = Date and time, for example 2026-12-01T09:00. By default registration closes when the session starts.
create-field-capacity = Number of seats
create-field-trainers = Trainers
create-no-trainers = No trainer belongs to this territory.
create-submit = Create
staff-created = The session is created.
staff-series-created = The sessions of the series are created.
staff-error-too-long = This text is too long.
staff-error-audience-required = Choose at least one audience.
staff-error-level = Unknown level.
staff-error-language = Give a language code, for example en.
staff-error-trainer = This trainer does not belong to the territory.
staff-error-time = Time expected as HH:MM, for example 14:00.
staff-error-moment = Date and time expected as YYYY-MM-DDTHH:MM, for example 2026-12-01T09:00.
staff-error-repeat = Give a number of sessions between 1 and 52.
staff-error-place-unknown = No directory place has this identifier.
staff-error-commune-unknown = Commune not found: give its name or postcode.
staff-error-contact-invalid = Give a valid e-mail address or phone number.

## Editing a session
session-edit-title = Edit — { $title }
session-edit-submit = Save the changes
session-edit-saved = The changes are saved.
session-edit-capacity-elsewhere = The number of seats is changed on the session's management page.
session-edit-will-tell = { $count ->
    [0] Nobody registered gave an e-mail address: nobody will be told of a change.
    [one] If you change the date, time or place, the person registered (confirmed or on the waiting list) will be told by e-mail, with the updated calendar invitation.
   *[other] If you change the date, time or place, the { $count } people registered (confirmed or on the waiting list) will be told by e-mail, with the updated calendar invitation.
}
session-edit-saved-told = { $count ->
    [one] The changes are saved; 1 registered person has been told by e-mail.
   *[other] The changes are saved; { $count } registered people have been told by e-mail.
}
staff-edit = Edit the session

## My sessions
mine-title = My workshops
mine-empty = No upcoming session.
mine-create = Create a session — { $territory }
mine-results = Survey results — { $territory }
mine-col-session = Session
mine-col-when = Date

## The staff page of a session
staff-gestion-title = Manage — { $title }
staff-online = online
staff-public-page = Public page
staff-attendance-csv = Attendance list (CSV)
staff-attendance-print = Sign-in sheet to print
staff-my-sessions = My workshops
staff-counts-heading = At a glance
staff-confirmed = Confirmed
staff-waitlisted = On the waiting list
staff-present = Present
staff-capacity-heading = Capacity
staff-capacity-label = Number of seats
staff-capacity-hint = Raising the capacity gives the seats to the waiting list, in order. Lowering it below the confirmed count is refused: nobody is removed without knowing.
staff-capacity-submit = Change the capacity
staff-capacity-changed = The capacity is changed.
staff-capacity-changed-promoted = The capacity is changed; people from the waiting list got a seat and are told by e-mail.
staff-capacity-below-confirmed = { $confirmed ->
    [one] Not possible: one person is confirmed. Cancel registrations first to lower the capacity.
   *[other] Not possible: { $confirmed } people are confirmed. Cancel registrations first to lower the capacity.
}
staff-registrants-heading = Registrants
staff-search-label = Search a name
staff-search-submit = Search
staff-search-clear = Show all
staff-scan-start = Scan a QR code
staff-scan-stop = Stop the camera
staff-scan-video = Camera view
staff-scan-marked = Checked in:
staff-scan-already = This person was already marked present.
staff-scan-unknown = Code not recognised for this session.
staff-scan-other-session = This code belongs to another session: the person is not checked in here.
staff-confirmed-heading = Confirmed
staff-waitlist-heading = Waiting list
staff-cancelled-heading = Cancelled
staff-none = Nobody.
staff-col-name = Name
staff-col-contact = Contact
staff-col-business = Business
staff-col-walk-in = Walk-in
staff-col-present = Present
staff-col-actions = Actions
staff-col-position = Rank
staff-col-signature = Signature
staff-yes = yes
staff-present-yes = present
staff-present-no = no
staff-mark-present = Present: { $name }
staff-undo-present = Undo presence: { $name }
staff-cancel-registration = Cancel the registration: { $name }
staff-checked-in = Checked in.
staff-check-in-undone = Presence undone.
staff-not-confirmed = This person has no confirmed seat: they cannot be marked present.
staff-cancelled = The registration is cancelled.
staff-cancelled-promoted = The registration is cancelled; the first person on the waiting list got the seat and is told by e-mail.
staff-already-cancelled = This registration was cancelled already.
staff-walk-in-heading = Add a walk-in
staff-walk-in-intro = For a person who came without registering, while seats remain. They are marked present at once.
staff-walk-in-name = Name
staff-walk-in-contact = E-mail or phone (optional)
staff-walk-in-contact-hint = To send them the satisfaction survey.
staff-walk-in-submit = Add and mark present
staff-walk-in-added = The person is added and marked present.
staff-walk-in-already = This person is registered already: mark them present in the list.
staff-walk-in-full = The session is full: no walk-in can be added.
staff-survey-heading = Satisfaction survey
staff-survey-answers = { $count ->
    [0] No answer yet.
    [one] One answer.
   *[other] { $count } answers.
}
staff-survey-too-few = Averages are shown from three answers on.
staff-survey-comments = Comments
staff-status-confirmed = confirmed
staff-status-waitlisted = waiting list
staff-status-cancelled = cancelled
staff-csv-name = Name
staff-csv-business = Business
staff-csv-email = E-mail
staff-csv-phone = Phone
staff-csv-status = Status
staff-csv-walk-in = Walk-in
staff-csv-present-at = Present at
staff-print-title = Sign-in sheet — { $title }
staff-print-hint = Print this page from your browser.
staff-print-caption = { $count ->
    [one] One confirmed person
   *[other] { $count } confirmed people
}

## The check-in link (QR code)
checkin-title = Check-in
checkin-invalid = This code is not valid, or not now: it works from the day before until the end of the session.
checkin-public = This code is for welcoming you: show it at the entrance of the workshop, the team will scan it.
checkin-staff-login = Do you run this session? Log in.
checkin-mark = Mark present
checkin-already-present = This person is already marked present.
checkin-back = Back to the session's management

## The satisfaction survey
survey-title = Your opinion of the workshop
survey-intro = Four questions and a free comment. The trainer and the territory's team see the answers without your name. One answer per registration.
survey-q-content = Content of the workshop
survey-q-trainer = Quality of the trainer
survey-q-usefulness = Usefulness for you
survey-q-recommend = Would you recommend it?
survey-score-1 = 1 — not satisfied at all
survey-score-2 = 2 — hardly satisfied
survey-score-3 = 3 — fairly
survey-score-4 = 4 — satisfied
survey-score-5 = 5 — very satisfied
survey-comment = Comment (optional)
survey-comment-hint = 2,000 characters at most.
survey-submit = Send my opinion
survey-thanks = Thank you for your answer!
survey-already = You have already answered this survey. Thank you!
survey-invalid = This survey link is not valid, or no longer: the survey stays open for 30 days after the session.
survey-error-score = Choose a score from 1 to 5.
survey-error-comment-too-long = This comment is too long (2,000 characters at most).

## Survey results
results-title = Satisfaction surveys — { $territory }
results-intro = Averages out of 5. An average is shown only from { $min } answers on, so that nobody can be recognised.
results-none = No answer.
results-per-session = Per session
results-per-workshop = Per workshop
results-per-trainer = Per trainer
results-per-theme = Per theme
results-col-session = Session
results-col-workshop = Workshop
results-col-trainer = Trainer
results-col-theme = Theme
results-col-answers = Answers

## Large events (H4)
programme-create-title = New large event — { $territory }
programme-create-intro = A large event gathers many sessions, over several days and in several rooms. Create it here, then add sessions to it from its programme page.
programme-field-title = Title
programme-field-title-hint = For example: Two digital days. The page's address is made of this title.
programme-field-description = Description
programme-create-submit = Create the large event
programme-created = The large event is created. Add sessions to it.
programme-error-title-letters = The title must contain at least one letter or digit.
programme-add-session = Add a session
create-programme-link = Create a large event (several days, several rooms)
create-field-programme = Large event
create-field-programme-hint = Optional: the session then appears in that large event's programme, by day and room (give the room above).
create-field-programme-none = None (a single session)
staff-error-programme = Choose a large event from the list.
mine-create-programme = Create a large event — { $territory }
event-manage-link = Manage this session
calendar-webcal = Subscribe in my calendar app (webcal)
