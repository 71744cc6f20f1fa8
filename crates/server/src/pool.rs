//! The threads that do the store work of read requests: a fixed number
//! of them, taking requests from one queue in the order they came.
//!
//! Why a pool of our own rather than tokio's blocking pool: that pool
//! starts a thread for every request in flight, so with 32 clients on 2
//! cores 32 threads share the cores, and every request takes as long as
//! the number in flight times its own work; a slow lookup keeps its
//! client waiting many times its cost. Bounding it with a semaphore in
//! front (the first remedy tried) left a gap between one request's end
//! and the next one's start: the permit went back through the async
//! side, which then handed the next request to a blocking thread, three
//! thread switches in all, and on a busy machine each switch waits for a
//! core. Here a worker that finishes one request takes the next from the
//! queue itself. A request whose client has gone (timed out, hung up)
//! while it waited is dropped without running.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

type Job = Box<dyn FnOnce() + Send>;

pub struct ReadPool {
    queue: Sender<Job>,
}

impl ReadPool {
    /// Starts `workers` threads (at least one).
    pub fn new(workers: usize) -> std::io::Result<ReadPool> {
        let (queue, jobs) = channel::<Job>();
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..workers.max(1) {
            let jobs = Arc::clone(&jobs);
            std::thread::Builder::new()
                .name(format!("read-{n}"))
                .spawn(move || work(&jobs))?;
        }
        Ok(ReadPool { queue })
    }

    /// Runs `f` on a worker when its turn comes. `None` when it did not
    /// finish: it panicked (a bug, which costs this request only), or the
    /// pool is gone.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move || {
            if answer.is_closed() {
                return;
            }
            let _ = answer.send(f());
        });
        self.queue.send(job).ok()?;
        answered.await.ok()
    }
}

/// A worker's life: take the next job, run it, until the pool is
/// dropped.
fn work(jobs: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let jobs = jobs.lock().unwrap_or_else(|e| e.into_inner());
            match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        // A panicking job drops its answer's sender: its request is
        // answered 500 and the worker goes on.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn jobs_run_in_turn_and_a_panic_costs_only_its_own() {
        let pool = ReadPool::new(1).unwrap();
        assert_eq!(pool.run(|| 2 + 2).await, Some(4));
        let panicked = pool.run(|| -> u8 { panic!("a bug") }).await;
        assert_eq!(panicked, None);
        assert_eq!(pool.run(|| "still here").await, Some("still here"));
    }

    #[tokio::test]
    async fn a_job_whose_request_is_gone_does_not_run() {
        let pool = Arc::new(ReadPool::new(1).unwrap());
        let (hold, held) = std::sync::mpsc::channel::<()>();
        let (started, has_started) = oneshot::channel::<()>();
        // Keep the one worker busy until told.
        let busy = tokio::spawn({
            let pool = Arc::clone(&pool);
            async move {
                pool.run(move || {
                    started.send(()).unwrap();
                    held.recv().ok()
                })
                .await
            }
        });
        has_started.await.unwrap();
        let ran = Arc::new(Mutex::new(false));
        let flag = Arc::clone(&ran);
        let abandoned = pool.run(move || *flag.lock().unwrap() = true);
        // The second request's client gives up while it waits its turn.
        let gave_up = tokio::time::timeout(std::time::Duration::from_millis(10), abandoned).await;
        assert!(gave_up.is_err());
        hold.send(()).unwrap();
        assert_eq!(busy.await.unwrap(), Some(Some(())));
        assert_eq!(pool.run(|| ()).await, Some(()));
        assert!(!*ran.lock().unwrap());
    }
}
