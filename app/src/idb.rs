//! A small typed wrapper over the browser's IndexedDB, for the diary and the
//! directory's offline copy, each in a database of its own.
//! Opened from effects and event handlers after hydration, never during
//! server rendering. Values are JSON text; every write waits for its
//! transaction to commit (with strict durability) before it reports success.

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction};

/// A database: its name on this origin, its schema version, and the upgrade
/// steps. Each step takes the previous version one step on, so a phone that
/// skipped versions still arrives in order.
pub struct Schema {
    pub name: &'static str,
    pub version: u32,
    pub upgrade: fn(&IdbDatabase, u32),
}

pub const BLOCKED: &str =
    "Village is open in another tab. Close the other tab, then reload this page.";

/// The browser could not open or write this storage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbError(pub String);

impl From<JsValue> for DbError {
    fn from(value: JsValue) -> Self {
        let message = value
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| {
                value
                    .dyn_ref::<web_sys::DomException>()
                    .map(|e| e.message())
            })
            .or_else(|| value.as_string())
            .unwrap_or_else(|| "unknown storage error".to_owned());
        DbError(message)
    }
}

pub type DbResult<T> = Result<T, DbError>;

/// An open database.
#[derive(Clone)]
pub struct Db {
    db: IdbDatabase,
}

impl Db {
    /// Opens (creating or upgrading) a database.
    pub async fn open(schema: &Schema) -> DbResult<Db> {
        let factory = web_sys::window()
            .ok_or_else(|| DbError("no window".into()))?
            .indexed_db()?
            .ok_or_else(|| DbError("this browser has no IndexedDB".into()))?;
        let request: IdbOpenDbRequest = factory.open_with_u32(schema.name, schema.version)?;
        let upgrade = schema.upgrade;
        let upgrade = Closure::once_into_js(move |event: web_sys::IdbVersionChangeEvent| {
            let Some(request) = event
                .target()
                .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            else {
                return;
            };
            if let Ok(db) = request.result().and_then(|r| r.dyn_into::<IdbDatabase>()) {
                upgrade(&db, event.old_version() as u32);
            }
        });
        request.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
        // An older Village open in another tab can hold the upgrade up; say
        // so rather than wait for ever.
        let promise = Promise::new(&mut |resolve: Function, reject: Function| {
            request.set_onsuccess(Some(&resolve));
            request.set_onerror(Some(&reject));
            request.set_onblocked(Some(&reject));
        });
        let outcome = JsFuture::from(promise).await;
        request.set_onupgradeneeded(None);
        request.set_onblocked(None);
        if outcome.is_err() {
            return Err(DbError(BLOCKED.into()));
        }
        let db = request.result()?.dyn_into::<IdbDatabase>()?;
        // A newer Village in another tab wants to upgrade: step aside.
        let close = Closure::once_into_js({
            let db = db.clone();
            move || db.close()
        });
        db.set_onversionchange(Some(close.unchecked_ref()));
        Ok(Db { db })
    }

    /// Every value in a store, as JSON text, with its key.
    pub async fn all(&self, store: &str) -> DbResult<Vec<(String, String)>> {
        let tx = self.transaction(&[store], false)?;
        let object_store = tx.object_store(store)?;
        let keys = finished(&object_store.get_all_keys()?).await?;
        let values = finished(&object_store.get_all()?).await?;
        let keys = Array::from(&keys);
        let values = Array::from(&values);
        Ok(keys
            .iter()
            .zip(values.iter())
            .filter_map(|(k, v)| Some((k.as_string()?, v.as_string()?)))
            .collect())
    }

    /// One value, if there is one.
    pub async fn get(&self, store: &str, key: &str) -> DbResult<Option<String>> {
        let tx = self.transaction(&[store], false)?;
        let value = finished(&tx.object_store(store)?.get(&JsValue::from_str(key))?).await?;
        Ok(value.as_string())
    }

    /// Applies every change in one transaction: all are kept or none are.
    pub async fn write(&self, changes: &[Change]) -> DbResult<()> {
        let mut stores: Vec<&str> = changes.iter().map(Change::store).collect();
        stores.sort_unstable();
        stores.dedup();
        if stores.is_empty() {
            return Ok(());
        }
        let tx = self.transaction(&stores, true)?;
        if let Err(error) = Self::apply(&tx, changes) {
            // Nothing of a half-made change is kept.
            let _ = tx.abort();
            return Err(error.into());
        }
        committed(&tx).await
    }

    fn apply(tx: &IdbTransaction, changes: &[Change]) -> Result<(), JsValue> {
        for change in changes {
            let store: IdbObjectStore = tx.object_store(change.store())?;
            match change {
                Change::Put { key, value, .. } => {
                    store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))?;
                }
                Change::Delete { key, .. } => {
                    store.delete(&JsValue::from_str(key))?;
                }
                Change::Clear { .. } => {
                    store.clear()?;
                }
            }
        }
        Ok(())
    }

    fn transaction(&self, stores: &[&str], write: bool) -> DbResult<IdbTransaction> {
        let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
        let mode = if write { "readwrite" } else { "readonly" };
        // Strict durability: a save is reported only once it is on disk, so a
        // phone that dies straight after "Saved" still has the entry.
        let options = Object::new();
        Reflect::set(&options, &"durability".into(), &"strict".into())?;
        let open = Reflect::get(&self.db, &"transaction".into())?.dyn_into::<Function>()?;
        Ok(open
            .call3(&self.db, &names, &mode.into(), &options)?
            .dyn_into::<IdbTransaction>()?)
    }
}

/// One change inside a `Db::write`.
pub enum Change {
    Put {
        store: &'static str,
        key: String,
        value: String,
    },
    Delete {
        store: &'static str,
        key: String,
    },
    Clear {
        store: &'static str,
    },
}

impl Change {
    fn store(&self) -> &'static str {
        match self {
            Change::Put { store, .. } | Change::Delete { store, .. } | Change::Clear { store } => {
                store
            }
        }
    }
}

/// Waits for a request to succeed and gives its result.
async fn finished(request: &IdbRequest) -> DbResult<JsValue> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => Ok(request.result()?),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map(|e| DbError(e.message()))
            .unwrap_or_else(|| DbError("the browser refused to store this".into()))),
    }
}

/// Waits for a transaction to commit.
async fn committed(tx: &IdbTransaction) -> DbResult<()> {
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx
            .error()
            .map(|e| DbError(e.message()))
            .unwrap_or_else(|| DbError("the browser did not keep this change".into()))),
    }
}
