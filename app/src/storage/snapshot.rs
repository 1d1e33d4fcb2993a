//! A value read from the database once and shared by every request, until it
//! is older than its maximum age or a write has made it stale.
//!
//! Public pages are read far more often than organisers change anything, so
//! the busiest page should not wait on the database at all. Only one request
//! reads at a time; the others wait for its answer rather than piling on.

use std::{
    fmt,
    future::Future,
    sync::{
        atomic::{AtomicU64, Ordering},
        Arc, PoisonError, RwLock,
    },
    time::{Duration, Instant},
};

pub struct Snapshot<T> {
    max_age: Duration,
    current: RwLock<Option<Entry<T>>>,
    /// Bumped by every write; an entry read before the bump is stale even if
    /// its read finished after it.
    generation: AtomicU64,
    reading: tokio::sync::Mutex<()>,
}

struct Entry<T> {
    value: Arc<T>,
    read_at: Instant,
    generation: u64,
}

impl<T> Snapshot<T> {
    pub fn new(max_age: Duration) -> Self {
        Self {
            max_age,
            current: RwLock::new(None),
            generation: AtomicU64::new(0),
            reading: tokio::sync::Mutex::new(()),
        }
    }

    /// The value, read again first if it is stale. When reading fails and an
    /// older value exists, the older value is served (and the failure logged
    /// by the caller's error type): slightly old listings beat an error page.
    ///
    /// A caller gets a value at least as new as every write marked before it
    /// asked, unless reading fails (then the last copy, as above). Writes marked while it waits for another caller's read do not
    /// send it to read once more: otherwise a steady stream of writes would
    /// make every waiting request read in turn, and the wait grow with the
    /// queue.
    ///
    /// `read` is given the last copy, however old, so it can keep what has
    /// not changed.
    pub async fn get_or_read<F, Fut, E>(&self, read: F) -> Result<Arc<T>, E>
    where
        F: FnOnce(Option<Arc<T>>) -> Fut,
        Fut: Future<Output = Result<T, E>>,
        E: fmt::Display,
    {
        let wanted = self.generation.load(Ordering::Acquire);
        if let Some(fresh) = self.fresh_since(wanted) {
            return Ok(fresh);
        }
        let _one_reader = match self.reading.try_lock() {
            Ok(reader) => reader,
            // Another request is reading already. If the copy is only old
            // (no write since this request asked), it is served meanwhile:
            // at national size a read takes a second, and every request
            // waiting on it would take that second too.
            Err(_) => {
                if let Some(old) = self.unchanged_since(wanted) {
                    return Ok(old);
                }
                let reader = self.reading.lock().await;
                // The read waited for began after every write this request
                // saw: it will do, however old it is by now.
                if let Some(read) = self.unchanged_since(wanted) {
                    return Ok(read);
                }
                reader
            }
        };
        if let Some(fresh) = self.fresh_since(wanted) {
            return Ok(fresh);
        }
        let generation = self.generation.load(Ordering::Acquire);
        let read_at = Instant::now();
        match read(self.any()).await {
            Ok(value) => {
                let value = Arc::new(value);
                let replaced = self
                    .current
                    .write()
                    .unwrap_or_else(PoisonError::into_inner)
                    .replace(Entry {
                        value: Arc::clone(&value),
                        read_at,
                        generation,
                    });
                // The last copy goes (if no request holds it) after the
                // lock is let go: freeing it takes time every request
                // would otherwise wait for.
                drop(replaced);
                Ok(value)
            }
            Err(err) => match self.any() {
                Some(older) => {
                    tracing::warn!(error = %err, "could not refresh published data; serving the last copy");
                    Ok(older)
                }
                None => Err(err),
            },
        }
    }

    /// Marks the current value stale; the next request reads it again.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// The value, if its read began after every write up to `wanted` was
    /// marked, and it is not too old.
    fn fresh_since(&self, wanted: u64) -> Option<Arc<T>> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let entry = current.as_ref()?;
        (entry.generation >= wanted && entry.read_at.elapsed() < self.max_age)
            .then(|| Arc::clone(&entry.value))
    }

    /// The value, however old, if its read began after every write up to
    /// `wanted` was marked.
    fn unchanged_since(&self, wanted: u64) -> Option<Arc<T>> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let entry = current.as_ref()?;
        (entry.generation >= wanted).then(|| Arc::clone(&entry.value))
    }

    fn any(&self) -> Option<Arc<T>> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        current.as_ref().map(|entry| Arc::clone(&entry.value))
    }
}

impl<T> fmt::Debug for Snapshot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Snapshot")
            .field("max_age", &self.max_age)
            .field("generation", &self.generation.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a runtime")
            .block_on(future)
    }

    async fn counted(reads: &AtomicUsize) -> Result<usize, String> {
        Ok(reads.fetch_add(1, Ordering::SeqCst) + 1)
    }

    #[test]
    fn a_fresh_value_is_read_once_and_shared() {
        block_on(async {
            let snapshot = Snapshot::new(Duration::from_secs(60));
            let reads = AtomicUsize::new(0);
            for _ in 0..5 {
                let value = snapshot.get_or_read(|_| counted(&reads)).await;
                assert_eq!(value.map(|v| *v), Ok(1));
            }
            assert_eq!(reads.load(Ordering::SeqCst), 1);
        });
    }

    #[test]
    fn a_write_or_old_age_makes_it_read_again() {
        block_on(async {
            let snapshot = Snapshot::new(Duration::from_secs(60));
            let reads = AtomicUsize::new(0);
            let _ = snapshot.get_or_read(|_| counted(&reads)).await;
            snapshot.invalidate();
            let value = snapshot.get_or_read(|_| counted(&reads)).await;
            assert_eq!(value.map(|v| *v), Ok(2));

            let ageing = Snapshot::new(Duration::ZERO);
            let _ = ageing.get_or_read(|_| counted(&reads)).await;
            let value = ageing.get_or_read(|_| counted(&reads)).await;
            assert_eq!(value.map(|v| *v), Ok(4));
        });
    }

    #[test]
    fn a_write_during_a_read_is_not_lost() {
        block_on(async {
            let snapshot = Snapshot::new(Duration::from_secs(60));
            let first = snapshot
                .get_or_read(|_| async {
                    snapshot.invalidate();
                    Ok::<_, String>("read before the write")
                })
                .await;
            assert_eq!(first.map(|v| *v), Ok("read before the write"));
            let second = snapshot
                .get_or_read(|_| async { Ok::<_, String>("read after the write") })
                .await;
            assert_eq!(second.map(|v| *v), Ok("read after the write"));
        });
    }

    #[test]
    fn writes_marked_while_a_request_waits_do_not_send_it_to_read_again() {
        block_on(async {
            let snapshot = Snapshot::new(Duration::from_secs(60));
            let reads = AtomicUsize::new(0);
            // The first caller's read lets the second arrive, then a write is
            // marked before the read ends.
            let first = snapshot.get_or_read(|_| async {
                tokio::task::yield_now().await;
                snapshot.invalidate();
                counted(&reads).await
            });
            let second = snapshot.get_or_read(|_| counted(&reads));
            let (first, second) = tokio::join!(first, second);
            assert_eq!(first.map(|v| *v), Ok(1));
            assert_eq!(
                second.map(|v| *v),
                Ok(1),
                "the second caller asked before the write: the first read serves it"
            );
            // A caller asking after the write gets a read that began after it.
            let third = snapshot.get_or_read(|_| counted(&reads)).await;
            assert_eq!(third.map(|v| *v), Ok(2));
            assert_eq!(reads.load(Ordering::SeqCst), 2);
        });
    }

    #[test]
    fn while_one_request_reads_an_old_copy_again_the_others_are_served_it() {
        block_on(async {
            let snapshot = Snapshot::new(Duration::ZERO);
            let reads = AtomicUsize::new(0);
            let _ = snapshot.get_or_read(|_| counted(&reads)).await;
            // The copy is too old: one request reads it again, and another
            // asking meanwhile gets the old copy rather than wait.
            let reading = snapshot.get_or_read(|_| async {
                tokio::task::yield_now().await;
                counted(&reads).await
            });
            let meanwhile = snapshot.get_or_read(|_| counted(&reads));
            let (reading, meanwhile) = tokio::join!(reading, meanwhile);
            assert_eq!(reading.map(|v| *v), Ok(2));
            assert_eq!(meanwhile.map(|v| *v), Ok(1), "the old copy, at once");
            assert_eq!(reads.load(Ordering::SeqCst), 2);

            // After a write, nobody is served the copy from before it.
            snapshot.invalidate();
            let reading = snapshot.get_or_read(|_| async {
                tokio::task::yield_now().await;
                counted(&reads).await
            });
            let meanwhile = snapshot.get_or_read(|_| counted(&reads));
            let (reading, meanwhile) = tokio::join!(reading, meanwhile);
            assert_eq!(reading.map(|v| *v), Ok(3));
            assert_eq!(
                meanwhile.map(|v| *v),
                Ok(3),
                "a request after a write waits for a read that began after it, and no more"
            );
            assert_eq!(reads.load(Ordering::SeqCst), 3);
        });
    }

    #[test]
    fn a_failed_read_serves_the_last_copy_or_the_error() {
        block_on(async {
            let snapshot = Snapshot::<&str>::new(Duration::ZERO);
            let nothing_yet = snapshot
                .get_or_read(|_| async { Err("down".to_owned()) })
                .await;
            assert_eq!(nothing_yet, Err("down".to_owned()));
            let _ = snapshot
                .get_or_read(|_| async { Ok::<_, String>("last copy") })
                .await;
            let during_outage = snapshot
                .get_or_read(|_| async { Err("down".to_owned()) })
                .await;
            assert_eq!(during_outage.map(|v| *v), Ok("last copy"));
        });
    }
}
