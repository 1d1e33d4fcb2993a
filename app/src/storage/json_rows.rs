//! Wide reads in pages: the database makes each page of rows into one JSON
//! array of arrays and the server parses it with serde.
//!
//! The published copy reads every group, schedule, exception and service at
//! once (at national scale, about 100,000 rows of up to 49 columns). sqlx's
//! SQLite driver copies each column of each row on its worker thread and
//! hands it across to the async side, so a read of millions of values spent
//! most of its time waking threads and in SQLite's allocator lock: 2.3–2.8 s
//! for the national sample. One JSON text per page of rows is one value to
//! copy. PostgreSQL, whose binary rows were cheap to decode, reads a little
//! slower this way (912 ms before, 1,249 ms after, with other changes): the
//! price of one read path for both databases.
//!
//! The columns are written once, as (field, SQL expression) pairs in the
//! order of the row struct's fields, and each backend gets its own function
//! around them. A row is an array, not an object, so the text carries no
//! field names (half the bytes of a group) and serde fills the struct by
//! position; [`field_order`] lets a test check the order. SQLite has no
//! booleans, so a flag arrives as `0`/`1` there and as `true`/`false` from
//! PostgreSQL: [`flag`] and [`maybe_flag`] take either.
//!
//! The published copy is read again every 30 seconds and after each write,
//! and almost every row is the same as last time. [`Store::json_rows_known`]
//! keeps a [`Print`] of each row's text and, for a row whose text is the
//! same as one of the last read's, gives back what was made of that row
//! instead of parsing it again: what is left of the read for those tables
//! is the database's work, one pass over the text and a hash per row. (The
//! small tables beside them, such as schedules and phones, are still parsed
//! whole and compared with each record's.)

use std::{
    collections::HashMap,
    hash::{BuildHasher, RandomState},
    sync::{Arc, LazyLock},
};

use serde::{de::DeserializeOwned, Deserializer};
use serde_json::value::RawValue;
use sqlx::{Decode, Encode, Postgres, Sqlite, Type};

use super::{Pool, Store, StoreError};

/// One column of a wide read: the row struct's field it fills and the SQL
/// expression that gives it.
pub(crate) type Column = (&'static str, &'static str);

/// PostgreSQL's `json_build_array` takes at most 100 arguments. Readers
/// assert their lists fit.
pub(crate) const MOST_COLUMNS: usize = 100;

/// Rows per page. A page is one value, made and freed whole: about 1.4 MB
/// for a page of the national sample's groups, and at most about 15 MB for
/// groups filling every text field to its limit; the reader works one page
/// ahead of the parser, so a read holds two or three pages of text at most.
const PAGE_ROWS: usize = 1000;

/// A wide read: `columns` of every row `from` (tables and joins), taken
/// in pages in the order of `key`, an expression unique per row.
pub(crate) struct Wide {
    /// What a row is, for the log line when one does not parse.
    pub what: &'static str,
    pub columns: &'static [Column],
    pub from: &'static str,
    pub key: &'static str,
}

/// A key pages can be taken by, in both databases: text or a whole number.
pub(crate) trait PageKey:
    for<'q> Encode<'q, Sqlite>
    + for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'q> Encode<'q, Postgres>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Sync
    + Unpin
    + 'static
{
    /// A value below every key.
    const BEFORE_ALL: Self;
}

impl PageKey for i64 {
    const BEFORE_ALL: Self = i64::MIN;
}

impl PageKey for String {
    const BEFORE_ALL: Self = String::new();
}

/// One page's query: after `$1`, up to [`PAGE_ROWS`] rows as a JSON array
/// of arrays in key order, and the last key (NULL when there are none).
/// The inner query names its columns `c0`, `c1`… so the array is built
/// straight into the aggregate (SQLite would otherwise read each row's
/// JSON text again).
fn page_query(pool: &Pool, wide: &Wide) -> String {
    let Wide {
        columns, from, key, ..
    } = wide;
    let selected = columns
        .iter()
        .enumerate()
        .map(|(n, (_, expression))| format!("{expression} AS c{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let values = (0..columns.len())
        .map(|n| format!("c{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let page = format!(
        "(SELECT {selected}, {key} AS k FROM {from} WHERE {key} > $1 ORDER BY {key} LIMIT {PAGE_ROWS}) page"
    );
    match pool {
        Pool::Sqlite(_) => {
            format!("SELECT json_group_array(json_array({values}) ORDER BY k), max(k) FROM {page}")
        }
        Pool::Postgres(_) => format!(
            "SELECT coalesce(json_agg(json_build_array({values}) ORDER BY k), '[]')::text, max(k) \
             FROM {page}"
        ),
    }
}

/// Sends every page of `sql` read in the transaction `tx` as `key` type
/// `K`, then rolls it back (it only read); `false` when the receiver went.
macro_rules! send_pages {
    ($tx:ident, $sql:expr, $pages:ident, $K:ty) => {{
        let mut after = <$K>::BEFORE_ALL;
        let mut wanted = true;
        loop {
            let (page, last): (String, Option<$K>) = sqlx::query_as($sql)
                .bind(after)
                .fetch_one(&mut *$tx)
                .await?;
            let Some(last) = last else {
                break;
            };
            if $pages.send(Ok(Some(page))).await.is_err() {
                wanted = false;
                break;
            }
            after = last;
        }
        $tx.rollback().await?;
        Ok(wanted)
    }};
}

impl Store {
    /// Every row of a wide read as a `T`, in key order.
    pub(crate) async fn json_rows<T: DeserializeOwned + Send + 'static, K: PageKey>(
        &self,
        wide: &'static Wide,
    ) -> Result<Vec<T>, StoreError> {
        let mut rows = Vec::new();
        self.json_rows_each::<T, K>(wide, |row| rows.push(row))
            .await?;
        Ok(rows)
    }

    /// Gives `each` every row of a wide read as a `T`, in key order, as
    /// it is parsed, so a caller can keep what it makes of a row and never
    /// all the rows at once. A row that no longer parses is skipped with a
    /// log line, as the published copy skips any record it cannot use.
    pub(crate) async fn json_rows_each<T: DeserializeOwned + Send + 'static, K: PageKey>(
        &self,
        wide: &'static Wide,
        each: impl FnMut(T),
    ) -> Result<(), StoreError> {
        let what = wide.what;
        self.pages_each::<T, K>(wide, move |page| parse_page::<T>(page, what), each)
            .await
    }

    /// Like [`Store::json_rows_each`], but a row whose text is the same as
    /// a row's of an earlier read is not parsed again: `each` is given
    /// what was made of that row then, found in `known` by the row's
    /// [`Print`]. Each row comes with its print, so the caller can keep
    /// what it makes of this read's rows for the next.
    ///
    /// A row's text holds every column read, its key among them, so an
    /// equal text is the same record unchanged.
    pub(crate) async fn json_rows_known<T, S, K>(
        &self,
        wide: &'static Wide,
        known: Arc<Known<S>>,
        mut each: impl FnMut(Print, Fresh<T, S>),
    ) -> Result<(), StoreError>
    where
        T: DeserializeOwned + Send + 'static,
        S: Clone + Send + Sync + 'static,
        K: PageKey,
    {
        let what = wide.what;
        self.pages_each::<Printed<T, S>, K>(
            wide,
            move |page| parse_known_page::<T, S>(page, what, &known),
            |(print, row)| each(print, row),
        )
        .await
    }

    /// Reads every page of a wide read, gives each to `parse` on a thread
    /// of its own and each row it makes to `each`, in key order.
    ///
    /// Pages are read on another task while this one parses the last, so
    /// the database's work and the parsing overlap. All the pages of one
    /// read are read in one read-only transaction, so they see the table
    /// as it was at one moment, as a single statement would.
    async fn pages_each<R: Send + 'static, K: PageKey>(
        &self,
        wide: &'static Wide,
        parse: impl Fn(&str) -> Result<Vec<R>, StoreError> + Send + Sync + 'static,
        mut each: impl FnMut(R),
    ) -> Result<(), StoreError> {
        let parse = Arc::new(parse);
        // Each page, then `None` when there are no more: a channel that
        // closes before that was cut short, not finished.
        let (pages, mut next) = tokio::sync::mpsc::channel::<Result<Option<String>, StoreError>>(1);
        let reader = tokio::spawn({
            let store = self.clone();
            async move {
                let sql = page_query(store.pool(), wide);
                // Whether every page was sent (false: nobody wants them).
                let read: Result<bool, sqlx::Error> = async {
                    match store.pool() {
                        Pool::Sqlite(pool) => {
                            // A deferred transaction reads one snapshot of the
                            // database from its first read (WAL).
                            let mut tx = pool.begin().await?;
                            send_pages!(tx, &sql, pages, K)
                        }
                        Pool::Postgres(pool) => {
                            let mut tx = pool.begin().await?;
                            sqlx::query(
                                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                            )
                            .execute(&mut *tx)
                            .await?;
                            send_pages!(tx, &sql, pages, K)
                        }
                    }
                }
                .await;
                let _ = match read {
                    Ok(true) => pages.send(Ok(None)).await,
                    Ok(false) => Ok(()),
                    Err(error) => pages.send(Err(error.into())).await,
                };
            }
        });
        // Dropping the reader's handle does not stop it, so stop it here
        // if this future is dropped or fails.
        let _stop = AbortOnDrop(reader);
        loop {
            let Some(page) = next.recv().await.ok_or(StoreError::Interrupted)?? else {
                return Ok(());
            };
            // Parsed on a thread of its own: a page takes milliseconds of
            // CPU, and on the async threads it would hold up the requests
            // being served from the last copy meanwhile.
            let parse = Arc::clone(&parse);
            let rows = tokio::task::spawn_blocking(move || parse(&page))
                .await
                .map_err(|_| StoreError::Interrupted)??;
            rows.into_iter().for_each(&mut each);
        }
    }
}

/// The rows of one page. A row that does not parse is skipped with a log
/// line naming `what` it was.
fn parse_page<T: DeserializeOwned>(page: &str, what: &str) -> Result<Vec<T>, StoreError> {
    // Almost always every row parses, and the page is read once.
    if let Ok(rows) = serde_json::from_str::<Vec<T>>(page) {
        return Ok(rows);
    }
    // Otherwise row by row, to skip only what does not parse. The database
    // wrote the page, so text that is not an array of arrays is the
    // database's error.
    let values: Vec<&RawValue> =
        serde_json::from_str(page).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
    Ok(values
        .into_iter()
        .filter_map(|value| match serde_json::from_str::<T>(value.get()) {
            Ok(row) => Some(row),
            Err(error) => {
                tracing::warn!(%error, what, "skipping a stored row that does not parse");
                None
            }
        })
        .collect())
}

/// A fingerprint of a row's text: equal texts have equal prints. It is two
/// SipHash values (128 bits), so two of a national copy's texts sharing one
/// by chance is beyond any likelihood; the keys are chosen at random when
/// the server starts, so nobody can make two texts with one print on
/// purpose (say, to have a change go unseen).
pub(crate) type Print = (u64, u64);

static PRINT_KEYS: LazyLock<(RandomState, RandomState)> =
    LazyLock::new(|| (RandomState::new(), RandomState::new()));

fn print_of(text: &str) -> Print {
    let (first, second) = &*PRINT_KEYS;
    (first.hash_one(text), second.hash_one(text))
}

/// What was made of each row of an earlier read, by the row's print.
pub(crate) type Known<S> = HashMap<Print, S>;

/// A row of a read that knows the last one's rows (see
/// [`Store::json_rows_known`]).
pub(crate) enum Fresh<T, S> {
    /// New or changed since: parsed.
    New(T),
    /// The same text as a row of the last read: what was made of it.
    Same(S),
}

/// A row of a read that knows the last one's, with its print.
pub(crate) type Printed<T, S> = (Print, Fresh<T, S>);

/// The rows of one page, each with its print: the known ones as they were
/// made before, the others parsed (and skipped with a log line if they do
/// not parse).
fn parse_known_page<T: DeserializeOwned, S: Clone>(
    page: &str,
    what: &str,
    known: &Known<S>,
) -> Result<Vec<Printed<T, S>>, StoreError> {
    let values: Vec<&RawValue> =
        serde_json::from_str(page).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
    Ok(values
        .into_iter()
        .filter_map(|value| {
            let print = print_of(value.get());
            if let Some(same) = known.get(&print) {
                return Some((print, Fresh::Same(same.clone())));
            }
            match serde_json::from_str::<T>(value.get()) {
                Ok(row) => Some((print, Fresh::New(row))),
                Err(error) => {
                    tracing::warn!(%error, what, "skipping a stored row that does not parse");
                    None
                }
            }
        })
        .collect())
}

/// Aborts a spawned task when dropped, so that a read nobody waits for any
/// more (the request went, or another part of the read failed) stops.
pub(crate) struct AbortOnDrop<T>(pub(crate) tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// A flag as either database gives it in JSON: `true`/`false` or `0`/`1`.
struct Flag;

impl serde::de::Visitor<'_> for Flag {
    type Value = bool;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("true, false, 0 or 1")
    }

    fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<bool, E> {
        Ok(b)
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<bool, E> {
        match n {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(serde::de::Unexpected::Unsigned(n), &self)),
        }
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<bool, E> {
        u64::try_from(n)
            .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(n), &self))
            .and_then(|n| self.visit_u64(n))
    }
}

/// Reads a boolean column.
pub(crate) fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(Flag)
}

/// Reads a boolean column that may be NULL.
pub(crate) fn maybe_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct MaybeFlag;

    impl<'de> serde::de::Visitor<'de> for MaybeFlag {
        type Value = Option<bool>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("null, true, false, 0 or 1")
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Option<bool>, E> {
            Ok(None)
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Option<bool>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<bool>, D::Error> {
            flag(d).map(Some)
        }
    }

    d.deserialize_option(MaybeFlag)
}

/// The names of a row struct's fields in order, as its derived
/// `Deserialize` declares them, for a test that a column list fills them
/// in the same order.
#[cfg(test)]
pub(crate) fn field_order<T: DeserializeOwned>() -> Vec<&'static str> {
    /// Asks for a struct and keeps the field names it is told.
    struct Fields(Vec<&'static str>);

    impl<'de> Deserializer<'de> for &mut Fields {
        type Error = serde::de::value::Error;

        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields.to_vec();
            Err(serde::de::Error::custom("only the field names were wanted"))
        }

        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("not a struct"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }

    let mut fields = Fields(Vec::new());
    let _ = T::deserialize(&mut fields);
    fields.0
}

/// Whether `columns` fill `T`'s fields in order (for tests).
#[cfg(test)]
pub(crate) fn columns_fill<T: DeserializeOwned>(columns: &[Column]) -> bool {
    let fields = field_order::<T>();
    !fields.is_empty() && fields == columns.iter().map(|(name, _)| *name).collect::<Vec<_>>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Row {
        #[serde(deserialize_with = "flag")]
        on: bool,
        #[serde(deserialize_with = "maybe_flag")]
        maybe: Option<bool>,
    }

    #[test]
    fn flags_read_the_same_from_either_database() {
        let sqlite: Row = serde_json::from_str("[1, 0]").expect("0 and 1");
        let postgres: Row = serde_json::from_str("[true, false]").expect("true and false");
        assert_eq!(sqlite, postgres);
        assert_eq!(
            sqlite,
            Row {
                on: true,
                maybe: Some(false)
            }
        );
        let unknown: Row = serde_json::from_str("[0, null]").expect("null");
        assert_eq!(
            unknown,
            Row {
                on: false,
                maybe: None
            }
        );
        for wrong in [r#"["yes", null]"#, "[2, null]", "[-1, null]", "[1, 7]"] {
            assert!(serde_json::from_str::<Row>(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_row_that_does_not_parse_is_skipped_and_the_rest_of_its_page_kept() {
        let rows: Vec<Row> = parse_page("[[1, null], [1, 7], [0, 1]]", "row").expect("a page");
        assert_eq!(
            rows,
            [
                Row {
                    on: true,
                    maybe: None
                },
                Row {
                    on: false,
                    maybe: Some(true)
                }
            ]
        );
        assert!(parse_page::<Row>("not JSON", "row").is_err());
    }

    #[test]
    fn a_row_read_before_is_not_parsed_again() {
        let first = parse_known_page::<Row, &str>("[[1, null], [0, 1]]", "row", &Known::new())
            .expect("a page");
        let mut known = Known::new();
        for ((print, row), name) in first.into_iter().zip(["first", "second"]) {
            assert!(matches!(row, Fresh::New(_)), "nothing was known");
            known.insert(print, name);
        }
        // The same texts are known; a changed one, or the same values
        // written otherwise, is parsed; a bad one is skipped.
        let again = parse_known_page::<Row, &str>(
            "[[0, 1], [1, true], [1,null], [1, 7], [1, null]]",
            "row",
            &known,
        )
        .expect("a page");
        let made: Vec<_> = again
            .iter()
            .map(|(_, row)| match row {
                Fresh::Same(name) => Err(*name),
                Fresh::New(row) => Ok(row),
            })
            .collect();
        assert_eq!(
            made,
            [
                Err("second"),
                Ok(&Row {
                    on: true,
                    maybe: Some(true)
                }),
                Ok(&Row {
                    on: true,
                    maybe: None
                }),
                Err("first"),
            ]
        );
        assert_eq!(again[0].0, print_of("[0, 1]"));
        assert_ne!(print_of("[0, 1]"), print_of("[0,1]"));
        assert!(parse_known_page::<Row, &str>("not JSON", "row", &known).is_err());
    }

    #[test]
    fn a_column_list_must_name_the_fields_in_order() {
        assert_eq!(field_order::<Row>(), ["on", "maybe"]);
        assert!(columns_fill::<Row>(&[("on", "a"), ("maybe", "b")]));
        assert!(!columns_fill::<Row>(&[("maybe", "b"), ("on", "a")]));
        assert!(!columns_fill::<Row>(&[("on", "a")]));
    }
}
