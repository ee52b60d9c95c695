//! A thread kept for the other half of a large search.
//!
//! Splitting a search between two threads pays only if starting the second
//! one costs little. A thread started per search costs its start and, worse,
//! fresh memory for its stack and its allocator's heap, which the kernel
//! zeroes page by page. So one helper thread lives as long as the process and
//! takes the halves handed to it. A half it has not started by the time the
//! caller is done with its own is taken back and run by the caller: searches
//! running side by side never wait for each other's halves.
//!
//! A thread asleep on a queue or a condition variable takes tens of
//! microseconds to wake on this machine's virtual cores (30 µs at the median,
//! traced at a million listings), which is a twentieth of a median search,
//! paid twice per search (its matches, then its page of hits) and once more
//! by the caller waiting for the helper's half. So each side keeps looking
//! for a short while before it sleeps: the helper for the next half after
//! finishing one ([`SPIN`]; a search's second half and the next search's
//! first come sooner than that), the caller for the helper's half to end.
//! While looking, each yields its core to any other thread that wants it,
//! so searches on every core lose nothing to the looking.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a side looks for what it waits for before it sleeps.
const SPIN: Duration = Duration::from_micros(300);

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
    /// Set once the state is `Done`, for the caller to look at without the lock.
    finished: AtomicBool,
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
        self.finished.store(true, Ordering::Release);
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
                    drop(state);
                    // Looked for a while, then slept on (checked again under the lock).
                    spin_until(|| self.finished.load(Ordering::Acquire));
                    state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
                    if !self.finished.load(Ordering::Acquire) {
                        state = self.done.wait(state).unwrap_or_else(PoisonError::into_inner);
                    }
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
            while let (Some(job), _) = next_job(&receiver) {
                job();
            }
        });
    if started.is_ok() && sender.send(job).is_ok() {
        *helper = Some(sender);
    }
    // Without a helper the work stays waiting, and the caller runs it.
}

/// Yields the core until `ready` or [`SPIN`] has passed; whether `ready`.
fn spin_until(mut ready: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    loop {
        if ready() {
            return true;
        }
        if started.elapsed() >= SPIN {
            return false;
        }
        std::thread::yield_now();
    }
}

/// The helper's next job (`None` once the queue is gone), and whether it
/// slept for it: it looks for one for [`SPIN`] first.
fn next_job(receiver: &Receiver<Job>) -> (Option<Job>, bool) {
    // `Some` once the queue has answered: a job, or `None` for gone.
    let mut answer = None;
    spin_until(|| {
        answer = match receiver.try_recv() {
            Ok(job) => Some(Some(job)),
            Err(TryRecvError::Disconnected) => Some(None),
            Err(TryRecvError::Empty) => None,
        };
        answer.is_some()
    });
    match answer {
        Some(job) => (job, false),
        None => (receiver.recv().ok(), true),
    }
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
        finished: AtomicBool::new(false),
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
    fn the_helper_finds_a_job_sent_soon_after_without_sleeping() {
        let (sender, receiver) = mpsc::channel::<Job>();
        // A thread's start may take longer than the look on a loaded
        // machine: one job of twenty found awake is enough.
        let mut awake = false;
        for _ in 0..20 {
            let later = sender.clone();
            let sending = std::thread::spawn(move || {
                std::thread::sleep(Duration::from_micros(20));
                later.send(Box::new(|| ())).is_ok()
            });
            let (job, slept) = next_job(&receiver);
            assert!(sending.join().unwrap_or(false));
            assert!(job.is_some());
            if !slept {
                awake = true;
                break;
            }
        }
        assert!(awake, "the helper slept for every job");
        drop(sender);
        assert!(next_job(&receiver).0.is_none());
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
