-- The web app's account state: e-mail verification, the language pages and e-mails use, and the
-- secret behind each user's one-click unsubscribe link (no sign-in needed, so it must be unguessable:
-- two random UUIDs' hex, 244 random bits).
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
ALTER TABLE users ADD COLUMN locale varchar(8);
ALTER TABLE users ADD COLUMN unsubscribe_token varchar(64) NOT NULL
    DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
CREATE UNIQUE INDEX users_unsubscribe_token_key ON users (unsubscribe_token);
