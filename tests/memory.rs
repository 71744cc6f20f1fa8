//! A TBX is read as a stream: a 60 MB file whose bulk is data hcgloss
//! leaves out (long definitions) is imported in a fraction of its size.
//! The 200 MB files are measured by `scripts/big_inputs.sh`.
//!
//! This test has a file of its own: the peak memory the kernel reports for
//! a child counts the memory of the process that started it, so the test
//! process must stay small (no other test running beside it, and the file
//! written as it is made, never held whole).

#![cfg(target_os = "linux")]

mod common;

use std::io::Write;

use common::Env;

/// The peak resident memory of the binary run with `args`, in KiB, and
/// its exit code, as `wait4` reports them. The child is reaped by `wait4`
/// itself, which the standard library cannot do (it has no rusage).
#[allow(clippy::zombie_processes)]
fn peak_memory_kib(env: &Env, args: &[&str]) -> (i64, Option<i32>) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_hcgloss"))
        .arg("--db")
        .arg(&env.db)
        .args(args)
        .current_dir(env.dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value to be overwritten.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own child, not yet waited for; the pointers
    // are valid for the call.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as i32);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (usage.ru_maxrss, code)
}

#[test]
fn a_large_tbx_is_streamed_in_bounded_memory() {
    let env = Env::new();
    let path = env.path("big.tbx");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let definition = "A definition the importer leaves out. ".repeat(500);
    file.write_all(b"<?xml version=\"1.0\"?>\n<martif type=\"TBX\" xml:lang=\"en\"><martifHeader/><text><body>\n")
        .unwrap();
    let mut entries = 0;
    let mut size = 0;
    while size < 60 * 1024 * 1024 {
        let entry = format!(
            "<termEntry id=\"entry-{entries}\"><descrip type=\"definition\">{definition}</descrip><langSet xml:lang=\"en\"><tig><term>entry {entries}</term></tig></langSet></termEntry>\n"
        );
        file.write_all(entry.as_bytes()).unwrap();
        size += entry.len();
        entries += 1;
    }
    file.write_all(b"</body></text></martif>\n").unwrap();
    file.flush().unwrap();
    drop(file);
    let size_kib = size as i64 / 1024;
    let (peak, code) = peak_memory_kib(&env, &["import", "big.tbx"]);
    assert_eq!(code, Some(0));
    eprintln!("import of a {size_kib} KiB TBX: peak resident memory {peak} KiB");
    assert!(
        peak < size_kib / 2,
        "peak {peak} KiB for a file of {size_kib} KiB"
    );
    assert_eq!(env.export().lines().count(), entries + 1);
}
