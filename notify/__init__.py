"""E-mail to users through Resend: templates (change alerts, digests, reconnect, scan failure),
the preference rules deciding what goes out and when, and the mailer. Imports only ``core``."""
