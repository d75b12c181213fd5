# H6: staff call off a whole session.
call-off-link = Cancel the session…
call-off-title = Cancel the session “{ $title }”
call-off-back = Back to the session's management
call-off-effects-heading = What will happen
call-off-effect-confirmed = { $count ->
    [0] No registered person has an e-mail to tell.
    [one] One registered person will be told by e-mail.
   *[other] { $count } registered people will be told by e-mail.
}
call-off-effect-waitlisted = { $count ->
    [0] Nobody on the waiting list to tell.
    [one] One person on the waiting list will be told by e-mail.
   *[other] { $count } people on the waiting list will be told by e-mail.
}
call-off-effect-not-told = { $count ->
    [one] One person left only a phone number: call them.
   *[other] { $count } people left only a phone number: call them.
}
call-off-effect-closed = Registration closes and the session shows as cancelled; the list of registrants is kept.
call-off-reason-label = Reason (shown to registrants)
call-off-reason-hint = One short sentence, { $max } characters at most. For example: “The trainer is ill.”
call-off-submit = Cancel the session and tell the registrants
call-off-done = The session is cancelled; registrants are told by e-mail.
call-off-already = This session was already cancelled.
call-off-cancelled-notice = Session cancelled
call-off-reason = Reason: { $reason }
event-error-reason-required = Give the reason for the cancellation.
event-error-reason-too-long = The reason is too long.
