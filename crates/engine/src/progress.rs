//! Progress reporting for long operations. The library only reports; the
//! binary decides whether and how to draw (a bar on a terminal, nothing
//! otherwise).

pub trait Progress {
    /// A task of `len` steps begins.
    fn start(&mut self, _len: u64, _what: &str) {}
    /// `n` more steps are done.
    fn advance(&mut self, _n: u64) {}
    /// The task is over (done or abandoned).
    fn finish(&mut self) {}
}

/// Reports nowhere.
pub struct Silent;

impl Progress for Silent {}
