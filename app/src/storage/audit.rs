//! Audited writes: every change an organiser or admin makes lands with its
//! audit entry in the same transaction, once, and shows at once.
//!
//! [`audited_write!`] is the sequence each such write repeats: a write
//! transaction, the request's key claimed (so a retried form changes nothing
//! twice, see [`super::write_once`]), the change with its [`audit!`] entries,
//! the commit, and the published copy marked stale. The queries themselves
//! live with their entity (`calendar/db.rs` for groups, areas and term dates,
//! `directory/db.rs` for services, and so on).

/// Makes one audited change with `$store`, as `$by`. `$body` runs inside the
/// transaction `$tx`; its value is what the macro gives back. An early
/// `return` from it (nothing to change) leaves with the transaction dropped,
/// so nothing is written and the key is let go. A `?` on a query error
/// leaves the same way.
macro_rules! audited_write {
    ($store:expr, $by:expr, |$tx:ident| $body:expr) => {{
        let store: &$crate::storage::Store = $store;
        let value = $crate::storage::on_pool!(store, pool => {
            let mut $tx = $crate::storage::BeginWrite::begin_write(pool).await?;
            $crate::storage::write_once::claim!($tx, $by);
            let value = $body;
            $tx.commit().await?;
            Ok::<_, sqlx::Error>(value)
        })?;
        store.published_changed();
        value
    }};
}

/// Adds one audit entry inside transaction `$tx`. `$before` and `$after` are
/// the item as JSON before and after the change (`None` for an item added or
/// taken away).
macro_rules! audit {
    ($tx:ident, $by:expr, $action:expr, $kind:expr, $id:expr, $before:expr, $after:expr) => {{
        let by: &$crate::accounts::User = AsRef::<$crate::accounts::User>::as_ref($by);
        sqlx::query(
            "INSERT INTO audit_log (at, user_id, user_email, action, item_kind, item_id, before, after) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(chrono::Utc::now())
        .bind(&by.id)
        .bind(by.email.as_str())
        .bind($action)
        .bind($kind)
        .bind($id)
        .bind($before)
        .bind($after)
        .execute(&mut *$tx)
        .await?;
    }};
}

/// Asks for one change to wait for an admin, inside transaction `$tx`, with
/// its audit entry.
macro_rules! propose {
    ($tx:ident, $by:expr, $kind:expr, $id:expr, $field:expr, $value:expr, $now:expr) => {{
        let by: &$crate::accounts::User = AsRef::<$crate::accounts::User>::as_ref($by);
        sqlx::query(
            "INSERT INTO pending_changes (at, user_id, user_email, item_kind, item_id, field, value) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind($now)
        .bind(&by.id)
        .bind(by.email.as_str())
        .bind($kind)
        .bind($id)
        .bind($field)
        .bind($value)
        .execute(&mut *$tx)
        .await?;
        $crate::storage::audit::audit!($tx, by, "asked for approval", $kind, $id, None::<String>, Some(format!("{{\"{}\":{}}}", $field, $value)));
    }};
}

pub(crate) use {audit, audited_write, propose};
