//! Changes that land once, however often they are sent. A client may send an
//! `Idempotency-Key` with a change; the key is stored in the change's own
//! transaction, with the request it came with and the answer to give. When
//! the answer is lost (a dropped connection, a server killed mid-request)
//! and the client sends the change again, the server finds the key and
//! gives the same answer without changing anything twice.

use chrono::{DateTime, TimeDelta, Utc};

use super::{on_pool, Store, StoreError};
use crate::accounts::User;

/// How long a key is kept: retries come within seconds or minutes.
pub const KEY_LIFETIME: TimeDelta = TimeDelta::days(1);

/// Who makes a change and, when their client sent a key, what makes the
/// change land once.
#[derive(Clone, Debug)]
pub struct Author {
    pub user: User,
    pub once: Option<WriteOnce>,
}

impl Author {
    /// A change made without a key (as plain browser forms send them).
    pub fn plain(user: &User) -> Self {
        Self {
            user: user.clone(),
            once: None,
        }
    }
}

impl AsRef<User> for Author {
    fn as_ref(&self) -> &User {
        &self.user
    }
}

/// A client's key for one change, the request it came with (method, path
/// and a digest of the form) and the answer to give again (where to go).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteOnce {
    pub key: String,
    pub request: String,
    pub answer: String,
}

/// What a key was used for before.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub request: String,
    pub answer: String,
}

/// Claims `$by`'s key (if any) inside transaction `$tx`, before the change.
/// A key already stored means the change was made: the transaction is
/// dropped (rolled back) and the method returns
/// [`StoreError::AlreadyWritten`]. Keys past [`KEY_LIFETIME`] are cleared.
macro_rules! claim {
    ($tx:ident, $by:expr) => {{
        let by: &$crate::storage::write_once::Author = $by;
        if let Some(once) = &by.once {
            let now = chrono::Utc::now();
            sqlx::query("DELETE FROM write_keys WHERE at < $1")
                .bind(now - $crate::storage::write_once::KEY_LIFETIME)
                .execute(&mut *$tx)
                .await?;
            let claimed = sqlx::query(
                "INSERT INTO write_keys (user_id, key, request, answer, at) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(&by.user.id)
            .bind(&once.key)
            .bind(&once.request)
            .bind(&once.answer)
            .bind(now)
            .execute(&mut *$tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                return Err($crate::storage::StoreError::AlreadyWritten);
            }
        }
    }};
}
pub(crate) use claim;

/// A fresh key for the forms of one page a signed-in person opens: each
/// form sends it (with the form's name) as its `idempotency_key`, so a
/// double tap, or the form sent again after going back, changes nothing
/// twice. Unique, not secret: keys belong to one account.
pub fn form_key(user_id: &str) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static MADE: AtomicU64 = AtomicU64::new(0);
    let mut digest = Sha256::new();
    digest.update(user_id.as_bytes());
    digest.update(std::process::id().to_be_bytes());
    digest.update(MADE.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    digest.update(
        Utc::now()
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .to_be_bytes(),
    );
    digest.finalize()[..16]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

impl Store {
    /// What `user_id`'s `key` was used for, if it was (within a day).
    pub async fn written_with(
        &self,
        user_id: &str,
        key: &str,
    ) -> Result<Option<Written>, StoreError> {
        let since: DateTime<Utc> = Utc::now() - KEY_LIFETIME;
        let row = on_pool!(self, pool => sqlx::query_as::<_, (String, String)>(
            "SELECT request, answer FROM write_keys WHERE user_id = $1 AND key = $2 AND at >= $3",
        )
        .bind(user_id)
        .bind(key)
        .bind(since)
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(request, answer)| Written { request, answer }))
    }
}

impl AsRef<User> for User {
    fn as_ref(&self) -> &User {
        self
    }
}
