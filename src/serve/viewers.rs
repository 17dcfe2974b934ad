//! The pages open in browsers, by the output file they show: after a front-matter edit, the
//! rebuild waits for those that reload the edited page before it makes the rest.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The open pages, as their reload scripts listen to `/__balise/events?page=…`.
#[derive(Default)]
pub(super) struct Viewers {
    pages: Mutex<HashMap<String, Count>>,
    arrived: Condvar,
}

#[derive(Default)]
struct Count {
    /// Pages listening now.
    open: usize,
    /// Pages that started listening so far: a page that reloads stops listening, and listens
    /// again once its reload script runs.
    arrivals: u64,
}

/// One open page, until its connection closes.
pub(super) struct Viewer {
    viewers: Arc<Viewers>,
    page: String,
}

impl Viewers {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Count>> {
        // Poisoned: a connection's thread panicked while counting; the counts are whole
        // (each change is one statement).
        self.pages.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page that shows the output file `page` listens, until the `Viewer` is dropped.
    pub(super) fn arrive(self: &Arc<Self>, page: String) -> Viewer {
        let mut pages = self.lock();
        let count = pages.entry(page.clone()).or_default();
        count.open += 1;
        count.arrivals += 1;
        drop(pages);
        self.arrived.notify_all();
        Viewer {
            viewers: self.clone(),
            page,
        }
    }

    /// How many pages show one of `files` now, and how many started listening so far.
    pub(super) fn on(&self, files: &[String]) -> (usize, u64) {
        count_on(&self.lock(), files)
    }

    /// Waits until `count` pages showing `files` started listening since there were `before`,
    /// or `grace` went by; returns how many did.
    pub(super) fn wait_for(
        &self,
        files: &[String],
        before: u64,
        count: usize,
        grace: Duration,
    ) -> usize {
        let deadline = Instant::now() + grace;
        let mut pages = self.lock();
        loop {
            let (_, arrivals) = count_on(&pages, files);
            let made = usize::try_from(arrivals.saturating_sub(before)).unwrap_or(usize::MAX);
            let left = deadline.saturating_duration_since(Instant::now());
            if made >= count || left.is_zero() {
                return made;
            }
            pages = self
                .arrived
                .wait_timeout(pages, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }
}

/// See [`Viewers::on`].
fn count_on(pages: &HashMap<String, Count>, files: &[String]) -> (usize, u64) {
    files
        .iter()
        .filter_map(|f| pages.get(f))
        .fold((0, 0), |(open, arrivals), c| {
            (open + c.open, arrivals + c.arrivals)
        })
}

impl Drop for Viewer {
    fn drop(&mut self) {
        if let Some(count) = self.viewers.lock().get_mut(&self.page) {
            count.open = count.open.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reload_is_a_page_gone_and_the_same_page_listening_again() {
        let viewers = Arc::new(Viewers::default());
        let page = vec!["droits/age/index.html".to_string()];
        let first = viewers.arrive(page[0].clone());
        let _other = viewers.arrive("droits/index.html".into());
        let (open, before) = viewers.on(&page);
        assert_eq!((open, before), (1, 1));
        // Nobody reloads: the wait ends at its grace, with nobody arrived.
        let quiet = viewers.wait_for(&page, before, open, Duration::from_millis(20));
        assert_eq!(quiet, 0);
        // The page reloads on another thread: the wait ends as it listens again.
        let reloading = viewers.clone();
        let reload = std::thread::spawn(move || {
            drop(first);
            reloading.arrive("droits/age/index.html".into())
        });
        let made = viewers.wait_for(&page, before, open, Duration::from_secs(30));
        assert_eq!(made, 1);
        let _again = reload.join().unwrap();
        assert_eq!(viewers.on(&page), (1, 2));
    }
}
