//! Server-only queries for accounts.

use chrono::{DateTime, Utc};
use village_core::account::{wait_after, Email, Role, SessionTimes, Throttled};

use super::User;
use crate::storage::{on_pool, BeginWrite, Store, StoreError};

#[derive(sqlx::FromRow)]
struct UserRow {
    id: String,
    email: String,
    role: String,
    organisation_id: Option<String>,
}

impl UserRow {
    /// `None` for a row Village could not have written (it checks on the way in).
    fn into_user(self) -> Option<User> {
        Some(User {
            id: self.id,
            email: Email::parse(&self.email).ok()?,
            role: Role::from_code(&self.role)?,
            organisation_id: self.organisation_id,
        })
    }
}

/// Why an account was not created.
#[derive(Debug, thiserror::Error)]
pub enum NewUserError {
    #[error("There is already an account for {0}.")]
    Exists(Email),
    #[error("There is no organisation {0:?}.")]
    NoOrganisation(String),
    #[error("An organiser needs an organisation (--organisation <id>); an admin has none.")]
    OrganisationForRole,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for NewUserError {
    fn from(err: sqlx::Error) -> Self {
        Self::Store(StoreError::from(err))
    }
}

impl Store {
    /// Adds an account under a new random `id` with an already hashed
    /// password. Organisers belong to one organisation; admins to none.
    pub async fn create_user(
        &self,
        id: &str,
        email: &Email,
        password_hash: &str,
        role: Role,
        organisation_id: Option<&str>,
    ) -> Result<User, NewUserError> {
        if (role == Role::Organiser) != organisation_id.is_some() {
            return Err(NewUserError::OrganisationForRole);
        }
        if let Some(id) = organisation_id {
            if self.organisation(id).await?.is_none() {
                return Err(NewUserError::NoOrganisation(id.to_owned()));
            }
        }
        if self.user_by_email(email).await?.is_some() {
            return Err(NewUserError::Exists(email.clone()));
        }
        let inserted = on_pool!(self, pool => sqlx::query(
            "INSERT INTO users (id, email, password_hash, role, organisation_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING",
        )
        .bind(id)
        .bind(email.as_str())
        .bind(password_hash)
        .bind(role.code())
        .bind(organisation_id)
        .bind(Utc::now())
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))
        .map_err(StoreError::from)?;
        if inserted == 0 {
            return Err(NewUserError::Exists(email.clone()));
        }
        Ok(User {
            id: id.to_owned(),
            email: email.clone(),
            role,
            organisation_id: organisation_id.map(str::to_owned),
        })
    }

    /// The account for an email, with its password hash.
    pub async fn user_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (String, String, String, Option<String>, String)>(
            "SELECT id, email, role, organisation_id, password_hash FROM users WHERE email = $1 AND disabled_at IS NULL",
        )
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(|(id, email, role, organisation_id, hash)| {
            let user = UserRow {
                id,
                email,
                role,
                organisation_id,
            }
            .into_user()?;
            Some((user, hash))
        }))
    }

    /// Every account, by email.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, UserRow>(
            "SELECT id, email, role, organisation_id FROM users ORDER BY email",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows.into_iter().filter_map(UserRow::into_user).collect())
    }

    /// Starts a session for `user_id`, kept by the hash of its token.
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, signed_in_at, last_seen_at) VALUES ($1, $2, $3, $3)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }

    /// The account a live session belongs to, noting that it was used now;
    /// a session idle too long or too old is ended instead.
    pub async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (DateTime<Utc>, DateTime<Utc>, String, String, String, Option<String>)>(
            "SELECT s.signed_in_at, s.last_seen_at, u.id, u.email, u.role, u.organisation_id \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)?;
        let Some((signed_in, last_seen, id, email, role, organisation_id)) = row else {
            return Ok(None);
        };
        if !(SessionTimes {
            signed_in,
            last_seen,
        })
        .is_live(now)
        {
            self.end_session(token_hash).await?;
            return Ok(None);
        }
        on_pool!(self, pool => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(UserRow {
            id,
            email,
            role,
            organisation_id,
        }
        .into_user())
    }

    pub async fn end_session(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Signs an account out everywhere; returns how many sessions ended.
    pub async fn end_sessions_of(&self, user_id: &str) -> Result<u64, StoreError> {
        let ended = on_pool!(self, pool => sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected()))?;
        Ok(ended)
    }

    /// Failed sign-ins in a row for a key, and when the last was.
    pub async fn sign_in_failures(
        &self,
        key: &str,
    ) -> Result<Option<(u32, DateTime<Utc>)>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (i64, DateTime<Utc>)>(
            "SELECT CAST(failures AS BIGINT), last_failed_at FROM sign_in_failures WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(n, at)| (u32::try_from(n).unwrap_or(u32::MAX), at)))
    }

    /// Counts an attempt to sign in (or type a code) against each key
    /// *before* it is checked, in one write, so that a burst sent at once
    /// is counted one by one: `Some(until)` when a key must wait first
    /// (nothing is counted), else `None`, the attempt counted as a failure
    /// until [`Store::forgive_attempt`] or [`Store::clear_sign_in_failures`].
    pub async fn claim_attempt(
        &self,
        keys: &[(Throttled, String)],
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // PostgreSQL locks the rows read; SQLite's write lock covers all.
        let lock = match self.pool() {
            crate::storage::Pool::Sqlite(_) => "",
            crate::storage::Pool::Postgres(_) => " FOR UPDATE",
        };
        let read = format!(
            "SELECT CAST(failures AS BIGINT), last_failed_at FROM sign_in_failures WHERE key = $1{lock}"
        );
        let wait = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut until: Option<DateTime<Utc>> = None;
            for (kind, key) in keys {
                // The row first, so that attempts sent at once all queue on
                // its lock (none finds "no row" and slips past).
                sqlx::query(
                    "INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES ($1, 0, $2) \
                     ON CONFLICT (key) DO NOTHING",
                )
                .bind(key)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let row: Option<(i64, DateTime<Utc>)> = sqlx::query_as(&read)
                    .bind(key)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some((failures, last)) = row {
                    let failures = u32::try_from(failures).unwrap_or(u32::MAX);
                    let free_at = last + wait_after(kind.counted(failures));
                    if free_at > now && until.is_none_or(|u| free_at > u) {
                        until = Some(free_at);
                    }
                }
            }
            if until.is_none() {
                for (_, key) in keys {
                    sqlx::query(
                        "INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES ($1, 1, $2) \
                         ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1, \
                         last_failed_at = excluded.last_failed_at",
                    )
                    .bind(key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(until)
        })?;
        Ok(wait)
    }

    /// An attempt counted by [`Store::claim_attempt`] that turned out
    /// right: it no longer counts against `key` (the others it counted
    /// against keep theirs).
    pub async fn forgive_attempt(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0",
        )
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ()))?;
        Ok(())
    }

    /// Deletes what no longer matters: failed sign-ins a day old (their
    /// waits, an hour at most, are long over, and they hold typed emails
    /// and raw addresses), sessions past their idle or absolute limit, and
    /// half-done sign-ins past theirs, and form keys past their day.
    /// Returns how many rows went.
    pub async fn forget_what_no_longer_matters(
        &self,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        use village_core::account::{ABSOLUTE_LIMIT, IDLE_LIMIT, SECOND_STEP_LIMIT};
        let failures_before = now - FAILURES_KEPT;
        let gone = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut gone = sqlx::query("DELETE FROM sign_in_failures WHERE last_failed_at < $1")
                .bind(failures_before)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            gone += sqlx::query("DELETE FROM sessions WHERE last_seen_at <= $1 OR signed_in_at <= $2")
                .bind(now - IDLE_LIMIT)
                .bind(now - ABSOLUTE_LIMIT)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            gone += sqlx::query("DELETE FROM sign_in_steps WHERE created_at <= $1")
                .bind(now - SECOND_STEP_LIMIT)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Forms sent twice are answered once for a day; then the key goes,
            // even on a quiet instance where nobody saves another form.
            gone += sqlx::query("DELETE FROM write_keys WHERE at < $1")
                .bind(now - crate::storage::write_once::KEY_LIFETIME)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            Ok::<_, sqlx::Error>(gone)
        })?;
        Ok(gone)
    }

    /// Every failure counted against `key` is forgotten (the account's, once
    /// someone has signed in to it).
    pub async fn clear_sign_in_failures(&self, key: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

/// How long failed sign-ins are kept: a day, long after the longest wait.
pub const FAILURES_KEPT: chrono::Duration = chrono::Duration::days(1);

/// An invitation as its link finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub email: Email,
    pub role: Role,
    pub organisation_id: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
    /// A link that sets a new password for the existing account with this
    /// email (a forgotten one), rather than making an account.
    pub resets_password: bool,
}

impl Store {
    /// Keeps a new invitation (by its token's hash) with its audit entry,
    /// made by `by` (or the command line when `None`).
    pub async fn create_invitation(
        &self,
        token_hash: &str,
        invitation: &Invitation,
        by: Option<&User>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (by_id, by_email) = by.map_or(("command-line", "the command line".to_owned()), |u| {
            (u.id.as_str(), u.email.to_string())
        });
        let action = if invitation.resets_password {
            "made a password-reset link"
        } else {
            "invited"
        };
        let after = serde_json::json!({
            "email": invitation.email.as_str(),
            "role": invitation.role.code(),
            "organisation": invitation.organisation_id,
            "expires": invitation.expires_at,
        })
        .to_string();
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO invitations (token_hash, email, role, organisation_id, invited_by, created_at, expires_at, resets_password) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(token_hash).bind(invitation.email.as_str()).bind(invitation.role.code())
            .bind(invitation.organisation_id.as_deref()).bind(by_id).bind(now).bind(invitation.expires_at)
            .bind(invitation.resets_password)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
                 VALUES ($1, $2, $3, $4, 'account', $5, NULL, $6)",
            )
            .bind(now).bind(by_id).bind(&by_email).bind(action).bind(invitation.email.as_str()).bind(&after)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })?;
        Ok(())
    }

    pub async fn invitation(&self, token_hash: &str) -> Result<Option<Invitation>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (String, String, Option<String>, DateTime<Utc>, Option<DateTime<Utc>>, bool)>(
            "SELECT email, role, organisation_id, expires_at, used_at, resets_password FROM invitations WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)?;
        Ok(row.and_then(
            |(email, role, organisation_id, expires_at, used_at, resets_password)| {
                Some(Invitation {
                    email: Email::parse(&email).ok()?,
                    role: Role::from_code(&role)?,
                    organisation_id,
                    expires_at,
                    used: used_at.is_some(),
                    resets_password,
                })
            },
        ))
    }

    /// Uses an invitation: marks it used and creates its account, in one
    /// transaction. `Ok(None)` when it was used or expired meanwhile.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        user_id: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, NewUserError> {
        let Some(invitation) = self.invitation(token_hash).await? else {
            return Ok(None);
        };
        if invitation.resets_password {
            return Ok(self
                .reset_password(token_hash, &invitation.email, password_hash, now)
                .await?);
        }
        if self.user_by_email(&invitation.email).await?.is_some() {
            return Err(NewUserError::Exists(invitation.email));
        }
        let accepted = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let claimed = sqlx::query(
                "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
            )
            .bind(now).bind(token_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 1 {
                sqlx::query(
                    "INSERT INTO users (id, email, password_hash, role, organisation_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(user_id).bind(invitation.email.as_str()).bind(password_hash)
                .bind(invitation.role.code()).bind(invitation.organisation_id.as_deref()).bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(claimed == 1)
        })?;
        Ok(accepted.then(|| User {
            id: user_id.to_owned(),
            email: invitation.email,
            role: invitation.role,
            organisation_id: invitation.organisation_id,
        }))
    }
}

impl Store {
    /// Uses a password-reset link: the account with `email` (if it is on)
    /// gets the new password, its sessions and half-done sign-ins end and
    /// its failed sign-ins are forgotten, audited, in one transaction.
    /// `None` when the link was used or expired meanwhile.
    async fn reset_password(
        &self,
        token_hash: &str,
        email: &Email,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, StoreError> {
        let Some((user, _)) = self.user_by_email(email).await? else {
            return Ok(None);
        };
        let reset = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let claimed = sqlx::query(
                "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
            )
            .bind(now).bind(token_hash)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 1 {
                sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash).bind(&user.id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(&user.id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sign_in_steps WHERE user_id = $1").bind(&user.id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                    .bind(Throttled::Account.key(email.as_str())).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
                     VALUES ($1, $2, $3, 'reset the password with a link', 'account', $2, NULL, NULL)",
                )
                .bind(now).bind(&user.id).bind(email.as_str())
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
            }
            Ok::<_, sqlx::Error>(claimed == 1)
        })?;
        Ok(reset.then_some(user))
    }
}

/// An account's two-step sign-in: its secret (base32), one being set up,
/// and the last step a code was used for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TwoStep {
    pub secret: Option<String>,
    pub pending: Option<String>,
    pub last_step: Option<i64>,
}

impl Store {
    pub async fn two_step(&self, user_id: &str) -> Result<TwoStep, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (Option<String>, Option<String>, Option<i64>)>(
            "SELECT totp_secret, totp_pending, CAST(totp_last_step AS BIGINT) FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
        let open = |stored: Option<String>| -> Option<Option<String>> {
            let stored = stored?;
            Some(self.secret_key().and_then(|key| key.open(&stored)))
        };
        Ok(row
            .map(|(secret, pending, last_step)| TwoStep {
                // A secret that will not open (another key) is still on:
                // no code matches an empty one, so nobody gets in without it.
                secret: open(secret).map(|opened| {
                    opened.unwrap_or_else(|| {
                        tracing::warn!("a two-step secret would not open: is VILLAGE_SECRET_KEY the one it was sealed with?");
                        String::new()
                    })
                }),
                pending: open(pending).flatten(),
                last_step,
            })
            .unwrap_or_default())
    }

    /// Seals every two-step secret stored before sealing began (run as the
    /// server starts); returns how many.
    pub async fn seal_two_step_secrets(&self) -> Result<u64, StoreError> {
        let Some(key) = self.secret_key() else {
            return Ok(0);
        };
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (String, Option<String>, Option<String>)>(
            "SELECT id, totp_secret, totp_pending FROM users WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL",
        )
        .fetch_all(pool)
        .await)?;
        let mut sealed = 0;
        for (id, secret, pending) in rows {
            let reseal = |value: Option<String>| -> Result<Option<String>, StoreError> {
                match value {
                    Some(plain) if !crate::accounts::sealed::SecretKey::is_sealed(&plain) => key
                        .seal(&plain)
                        .map(Some)
                        .map_err(|_| StoreError::NoSecretKey),
                    other => Ok(other),
                }
            };
            let (new_secret, new_pending) = (reseal(secret.clone())?, reseal(pending.clone())?);
            if (&new_secret, &new_pending) == (&secret, &pending) {
                continue;
            }
            on_pool!(self, pool => sqlx::query("UPDATE users SET totp_secret = $1, totp_pending = $2 WHERE id = $3")
                .bind(&new_secret)
                .bind(&new_pending)
                .bind(&id)
                .execute(pool)
                .await
                .map(|_| ()))?;
            sealed += 1;
        }
        Ok(sealed)
    }

    /// Forgets a secret being set up and never confirmed.
    pub async fn forget_two_step_pending(&self, user_id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE users SET totp_pending = NULL WHERE id = $1 AND totp_pending IS NOT NULL")
            .bind(user_id)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Whether this store's secret key is the one the database was first
    /// served with; the first server to ask records its key's fingerprint (a
    /// keyed hash, of no use without the key). Without a key (command-line
    /// tools), there is nothing to compare.
    pub async fn secret_key_is_the_databases(&self) -> Result<bool, StoreError> {
        let Some(key) = self.secret_key() else {
            return Ok(true);
        };
        let ours = key.keyed_hash("secret-key-check", "village");
        let recorded = on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO secret_key_fingerprint (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&ours)
            .execute(pool)
            .await?;
            sqlx::query_scalar::<_, String>("SELECT fingerprint FROM secret_key_fingerprint WHERE id = 1")
                .fetch_one(pool)
                .await
        })?;
        Ok(recorded == ours)
    }

    /// How many stored two-step secrets will not open with this store's
    /// key (sealed with another).
    pub async fn unopenable_two_step_secrets(&self) -> Result<usize, StoreError> {
        let Some(key) = self.secret_key() else {
            return Ok(0);
        };
        let rows = on_pool!(self, pool => sqlx::query_scalar::<_, String>(
            "SELECT totp_secret FROM users WHERE totp_secret IS NOT NULL",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .iter()
            .filter(|stored| key.open(stored).is_none())
            .count())
    }

    /// Keeps a secret being set up (not yet asked for at sign-in).
    pub async fn set_two_step_pending(
        &self,
        user_id: &str,
        secret: &str,
    ) -> Result<(), StoreError> {
        let sealed = self
            .secret_key()
            .ok_or(StoreError::NoSecretKey)?
            .seal(secret)
            .map_err(|_| StoreError::NoSecretKey)?;
        on_pool!(self, pool => sqlx::query("UPDATE users SET totp_pending = $1 WHERE id = $2")
            .bind(sealed)
            .bind(user_id)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Turns two-step sign-in on with the secret being set up, whose code
    /// for `step` was just typed.
    pub async fn turn_two_step_on(
        &self,
        user_id: &str,
        step: i64,
        by: &User,
    ) -> Result<(), StoreError> {
        self.change_two_step(
            "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, totp_last_step = $1 \
             WHERE id = $2 AND totp_pending IS NOT NULL",
            Some(step),
            user_id,
            "turned on two-step sign-in",
            by,
        )
        .await
    }

    /// Turns two-step sign-in off (the caller checked a code first), with
    /// its audit entry.
    pub async fn turn_two_step_off(&self, user_id: &str, by: &User) -> Result<(), StoreError> {
        self.change_two_step(
            "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = $1 WHERE id = $2",
            None,
            user_id,
            "turned off two-step sign-in",
            by,
        )
        .await
    }

    /// One change to an account's two-step sign-in (`update` binds the last
    /// used step as $1 and the account as $2) and its audit entry, together.
    async fn change_two_step(
        &self,
        update: &'static str,
        step: Option<i64>,
        user_id: &str,
        action: &'static str,
        by: &User,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(update).bind(step).bind(user_id).execute(&mut *tx).await?;
            sqlx::query(
                "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
                 VALUES ($1, $2, $3, $4, 'account', $3, NULL, NULL)",
            )
            .bind(Utc::now())
            .bind(&by.id)
            .bind(by.email.as_str())
            .bind(action)
            .execute(&mut *tx)
            .await?;
            tx.commit().await
        })?;
        Ok(())
    }

    /// Uses a code's step: `false` when that step (or a later one) was
    /// used already, so the same code never works twice.
    pub async fn use_two_step(&self, user_id: &str, step: i64) -> Result<bool, StoreError> {
        let used = on_pool!(self, pool => sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|done| done.rows_affected()))?;
        Ok(used == 1)
    }

    pub async fn create_sign_in_step(
        &self,
        token_hash: &str,
        user_id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("INSERT INTO sign_in_steps (token_hash, user_id, created_at) VALUES ($1, $2, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// The account a half-done sign-in belongs to, with its secret, if it
    /// began within the limit.
    pub async fn sign_in_step(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(User, TwoStep)>, StoreError> {
        let row = on_pool!(self, pool => sqlx::query_as::<_, (DateTime<Utc>, String, String, String, Option<String>)>(
            "SELECT s.created_at, u.id, u.email, u.role, u.organisation_id FROM sign_in_steps s \
             JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(pool)
        .await)?;
        let Some((created, id, email, role, organisation_id)) = row else {
            return Ok(None);
        };
        if now >= created + village_core::account::SECOND_STEP_LIMIT {
            self.end_sign_in_step(token_hash).await?;
            return Ok(None);
        }
        let Some(user) = (UserRow {
            id,
            email,
            role,
            organisation_id,
        })
        .into_user() else {
            return Ok(None);
        };
        let two_step = self.two_step(&user.id).await?;
        Ok(Some((user, two_step)))
    }

    pub async fn end_sign_in_step(&self, token_hash: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM sign_in_steps WHERE token_hash = $1")
            .bind(token_hash)
            .execute(pool)
            .await
            .map(|_| ()))?;
        Ok(())
    }
}

/// An account as the admins' list shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccountLine {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub organisation_id: Option<String>,
    pub disabled: bool,
    pub two_step: bool,
}

/// What an admin (or the command line) does to someone's account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccountChange {
    /// Turned off: no sign-in, and every session ends at once.
    Disable,
    Enable,
    /// Every session ends (a stolen one with them).
    EndSessions,
    /// Two-step sign-in is off (a lost phone); sessions end too.
    ResetTwoStep,
    /// An organiser moves to another organisation; sessions end too.
    MoveTo(String),
}

impl AccountChange {
    fn action(&self) -> &'static str {
        match self {
            Self::Disable => "turned the account off",
            Self::Enable => "turned the account on",
            Self::EndSessions => "ended the account's sessions",
            Self::ResetTwoStep => "reset two-step sign-in",
            Self::MoveTo(_) => "moved the account to another organisation",
        }
    }
}

impl Store {
    /// Every account, by email.
    pub async fn accounts(&self) -> Result<Vec<AccountLine>, StoreError> {
        let rows = on_pool!(self, pool => sqlx::query_as::<_, (String, String, String, Option<String>, bool, bool)>(
            "SELECT id, email, role, organisation_id, disabled_at IS NOT NULL, totp_secret IS NOT NULL FROM users ORDER BY email",
        )
        .fetch_all(pool)
        .await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(id, email, role, organisation_id, disabled, two_step)| {
                Some(AccountLine {
                    id,
                    email,
                    role: Role::from_code(&role)?,
                    organisation_id,
                    disabled,
                    two_step,
                })
            })
            .collect())
    }

    /// Changes someone's account, audited (by `by`, or the command line
    /// when `None`), in one transaction; `false` when there is no such
    /// account (or an organisation to move to). Every change but turning
    /// an account on ends its sessions and half-done sign-ins at once.
    pub async fn change_account(
        &self,
        user_id: &str,
        change: &AccountChange,
        by: Option<&User>,
    ) -> Result<bool, StoreError> {
        let now = Utc::now();
        let (by_id, by_email) = by.map_or(("command-line", "the command line".to_owned()), |u| {
            (u.id.as_str(), u.email.to_string())
        });
        let done = on_pool!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = match change {
                AccountChange::Disable => sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
                    .bind(now).bind(user_id).execute(&mut *tx).await?.rows_affected(),
                AccountChange::Enable => sqlx::query("UPDATE users SET disabled_at = NULL WHERE id = $1")
                    .bind(user_id).execute(&mut *tx).await?.rows_affected(),
                AccountChange::EndSessions => sqlx::query("SELECT id FROM users WHERE id = $1")
                    .bind(user_id).fetch_optional(&mut *tx).await?.map_or(0, |_| 1),
                AccountChange::ResetTwoStep => sqlx::query(
                    "UPDATE users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = $1",
                )
                .bind(user_id).execute(&mut *tx).await?.rows_affected(),
                AccountChange::MoveTo(organisation) => sqlx::query(
                    "UPDATE users SET organisation_id = $1 WHERE id = $2 AND role = 'organiser' \
                     AND EXISTS (SELECT 1 FROM organisations WHERE id = $1)",
                )
                .bind(organisation).bind(user_id).execute(&mut *tx).await?.rows_affected(),
            };
            if changed == 0 {
                return Ok(false);
            }
            if *change == AccountChange::Disable {
                // Links it made, or made for it, stop working too.
                sqlx::query(
                    "DELETE FROM invitations WHERE used_at IS NULL AND (invited_by = $1 \
                     OR email = (SELECT email FROM users WHERE id = $1))",
                )
                .bind(user_id).execute(&mut *tx).await?;
            }
            if *change != AccountChange::Enable {
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
                sqlx::query("DELETE FROM sign_in_steps WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
            }
            let after = match change {
                AccountChange::MoveTo(organisation) => Some(organisation.clone()),
                _ => None,
            };
            sqlx::query(
                "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
                 VALUES ($1, $2, $3, $4, 'account', $5, NULL, $6)",
            )
            .bind(now).bind(by_id).bind(&by_email).bind(change.action()).bind(user_id).bind(after)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok::<_, sqlx::Error>(true)
        })?;
        Ok(done)
    }
}
