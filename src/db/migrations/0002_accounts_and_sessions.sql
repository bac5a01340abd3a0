-- Sign-in accounts, server-side sessions, failed-login throttling and password resets.

CREATE TABLE accounts (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id      uuid NOT NULL UNIQUE REFERENCES people(id) ON DELETE CASCADE,
  email          text NOT NULL,
  password_hash  text,
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz
);
-- Sign-in is by e-mail alone, so an address opens at most one account across all organizations.
CREATE UNIQUE INDEX accounts_email_idx ON accounts (lower(email));

CREATE TABLE sessions (
  id            text PRIMARY KEY,            -- sha256 of the cookie token; the token itself is never stored
  account_id    uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  user_agent    text
);
CREATE INDEX sessions_account_idx ON sessions (account_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE login_attempts (
  id            bigserial PRIMARY KEY,
  email         text NOT NULL,
  ip            text NOT NULL,
  succeeded     boolean NOT NULL,
  attempted_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (lower(email), attempted_at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, attempted_at);

CREATE TABLE password_resets (
  token_hash   text PRIMARY KEY,
  account_id   uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
