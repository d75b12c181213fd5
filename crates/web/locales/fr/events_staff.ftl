# Workshops and events: the staff side (sessions, check-in, attendance, survey results).
