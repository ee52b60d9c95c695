//! A thread kept for the other half of a large search.
//!
//! Splitting a search between two threads pays only if starting the second
//! one costs little. A thread started per search costs its start and, worse,
//! fresh memory for its stack and its allocator's heap, which the kernel
//! zeroes page by page. So one helper thread lives as long as the process and
//! takes the halves handed to it. A half it has not started by the time the
//! caller is done with its own is taken back and run by the caller: searches
//! running side by side never wait for each other's halves.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// The helper's queue (`None` until the first large search).
static HELPER: Mutex<Option<Sender<Job>>> = Mutex::new(None);

enum State<T> {
    Waiting(Box<dyn FnOnce() -> T + Send + 'static>),
    Running,
    Done(std::thread::Result<T>),
    Taken,
}

struct Shared<T> {
    state: Mutex<State<T>>,
    done: Condvar,
}

impl<T> Shared<T> {
    /// Runs the work if nobody has started it yet (on the helper).
    fn run(&self) {
        let work = {
            let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
            match std::mem::replace(&mut *state, State::Running) {
                State::Waiting(work) => work,
                other => {
                    *state = other;
                    return;
                }
            }
        };
        let result = catch_unwind(AssertUnwindSafe(work));
        *self.state.lock().unwrap_or_else(PoisonError::into_inner) = State::Done(result);
        self.done.notify_all();
    }

    /// The work's result: run here if the helper has not started it, else waited for.
    fn join(&self) -> std::thread::Result<T> {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            match std::mem::replace(&mut *state, State::Taken) {
                State::Waiting(work) => {
                    drop(state);
                    return catch_unwind(AssertUnwindSafe(work));
                }
                State::Done(result) => return result,
                running => {
                    *state = running;
                    state = self.done.wait(state).unwrap_or_else(PoisonError::into_inner);
                }
            }
        }
    }
}

/// Hands `job` to the helper thread, starting one if there is none (or it is gone).
fn submit(job: Job) {
    let mut helper = HELPER.lock().unwrap_or_else(PoisonError::into_inner);
    let job = match helper.as_ref() {
        Some(sender) => match sender.send(job) {
            Ok(()) => return,
            Err(mpsc::SendError(job)) => job,
        },
        None => job,
    };
    let (sender, receiver) = mpsc::channel::<Job>();
    let started = std::thread::Builder::new()
        .name("hulian-search".to_owned())
        .spawn(move || {
            while let Ok(job) = receiver.recv() {
                job();
            }
        });
    if started.is_ok() && sender.send(job).is_ok() {
        *helper = Some(sender);
    }
    // Without a helper the work stays waiting, and the caller runs it.
}

/// Runs `theirs` on the helper thread (or here, if the helper is busy) and
/// `mine` here, and returns both results; `Err` if `theirs` panicked.
pub(crate) fn both<A, B: Send + 'static>(
    theirs: impl FnOnce() -> B + Send + 'static,
    mine: impl FnOnce() -> A,
) -> (A, std::thread::Result<B>) {
    let shared = Arc::new(Shared {
        state: Mutex::new(State::Waiting(Box::new(theirs))),
        done: Condvar::new(),
    });
    let helper_side = Arc::clone(&shared);
    submit(Box::new(move || helper_side.run()));
    let a = mine();
    (a, shared.join())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn both_halves_run_once_and_a_panic_is_reported() {
        let runs = Arc::new(AtomicUsize::new(0));
        for i in 0..200u64 {
            let counter = Arc::clone(&runs);
            let (a, b) = both(
                move || {
                    counter.fetch_add(1, Ordering::SeqCst);
                    i * 2
                },
                || i + 1,
            );
            assert_eq!(a, i + 1);
            assert_eq!(b.ok(), Some(i * 2));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 200);
        let (_, failed) = both(|| -> u32 { panic!("half failed") }, || ());
        assert!(failed.is_err());
        // The helper survives a panicking half.
        let (_, after) = both(|| 7, || ());
        assert_eq!(after.ok(), Some(7));
    }

    #[test]
    fn the_other_half_runs_on_the_kept_thread_when_it_is_free() {
        let mut names = std::collections::HashSet::new();
        for _ in 0..50 {
            let (_, name) = both(
                || std::thread::current().name().map(str::to_owned),
                || std::thread::sleep(std::time::Duration::from_millis(2)),
            );
            names.insert(name.ok().flatten());
        }
        assert!(names.contains(&Some("hulian-search".to_owned())), "{names:?}");
    }
}
