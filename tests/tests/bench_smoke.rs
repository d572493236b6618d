//! The benchmark runner's code paths on tiny sizes: `python3 bench/run.py --quick`
//! builds every binding (rsbind's through the CLI, the hand-written C extension,
//! PyO3 cold, ctypes), times every operation a few times and writes its report.
//! It measures nothing worth keeping; `cargo test` runs no benchmark.

use rsbind_tests::{python, root, scratch};
use std::process::Command;

/// The start of every row of the runner's table (the sizes differ with --quick).
const ROWS: &[&str] = &[
    "| noop() |",
    "| add(1, 2) |",
    "| greet('world') |",
    "| sum(list of ",
    "| sum(array('d') of ",
    "| sum(numpy array of ",
    "| make_vec(",
    "| memoryview(make_vec(",
    "| Counter(0), then dropped |",
    "| c.incr(1) |",
    "| c.count |",
    "| checked_div(1, 0) raises, caught |",
    "| a + b (Money, Add) |",
    "| Money.parse('12.34') (FromStr) |",
    "| w.find(s): Found<'h> borrowing s |",
    "| found.start() on a borrowing Found |",
    "| for x in w.find_iter(s): 1,000 matches |",
    "| call_back(1000, f): Rust calls f 1,000 times |",
    "| pickle.loads(pickle.dumps(a)) (Money) |",
];

/// Rows that only rsbind and PyO3 have.
const RSBIND_AND_PYO3_ROWS: &[&str] = &[
    "| w.find(s): Found<'h> borrowing s |",
    "| found.start() on a borrowing Found |",
    "| for x in w.find_iter(s): 1,000 matches |",
    "| call_back(1000, f): Rust calls f 1,000 times |",
    "| pickle.loads(pickle.dumps(a)) (Money) |",
];

/// The memory section's rows, each with a figure for every binding.
const MEMORY_ROWS: &[&str] = &[
    "| bytes per `Counter(0)`",
    "| bytes per `Money`",
    "| bytes per slice object",
    "| extra peak memory of `make_vec(",
    "| extra peak memory of `sum(numpy array",
];

const BINDINGS: &[&str] = &["C", "rsbind", "PyO3", "ctypes"];

#[test]
fn bench_runner_quick() {
    let out = scratch("bench-smoke");
    let output = Command::new(python())
        .arg(root().join("bench/run.py"))
        .arg("--quick")
        .arg("--out")
        .arg(&out)
        .current_dir(root())
        .output()
        .expect("run python3 bench/run.py");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "bench/run.py --quick failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
    let table = stdout
        .split("## Targets")
        .next()
        .expect("the table comes first");
    for row in ROWS {
        let lines: Vec<&str> = table.lines().filter(|l| l.starts_with(row)).collect();
        assert!(!lines.is_empty(), "no row {row:?} in:\n{stdout}");
        for line in lines {
            // Every binding has a figure (the numpy row is empty without numpy;
            // the rows of results that borrow have no C or ctypes figure).
            assert!(
                !line.contains("error"),
                "a binding failed in {line:?}:\n{stdout}"
            );
            if !line.contains("numpy not installed") && !RSBIND_AND_PYO3_ROWS.contains(row) {
                assert!(
                    !line.contains("error") && !line.contains("| — |"),
                    "a binding has no figure in {line:?}:\n{stdout}"
                );
            }
        }
    }
    assert_eq!(
        table
            .lines()
            .filter(|l| l.starts_with("| make_vec("))
            .count(),
        2,
        "two sizes of make_vec:\n{stdout}"
    );
    for binding in BINDINGS {
        assert!(
            stdout.contains(&format!("| {binding} | `")),
            "no file size for {binding}:\n{stdout}"
        );
    }
    for needle in [
        "- rsbind: `rsbind build`",
        "- PyO3: `cargo build --release`",
        "| benchlib |",
        "| syn-2.",
    ] {
        assert!(stdout.contains(needle), "no {needle:?} in:\n{stdout}");
    }
    let memory = stdout
        .split("## Memory")
        .nth(1)
        .unwrap_or_else(|| panic!("no memory section in:\n{stdout}"));
    for row in MEMORY_ROWS {
        let line = memory
            .lines()
            .find(|l| l.starts_with(row))
            .unwrap_or_else(|| panic!("no memory row {row:?} in:\n{stdout}"));
        assert!(
            !line.contains("failed") && !line.contains("—"),
            "a memory figure is missing in {line:?}"
        );
    }
    // The abi3 section: the same calls on the `--abi3` build, each with both figures.
    let abi3 = stdout
        .split("## abi3: the stable-ABI build")
        .nth(1)
        .unwrap_or_else(|| panic!("no abi3 section in:\n{stdout}"));
    for row in [
        "| noop() |",
        "| Counter(0), then dropped |",
        "| c.incr(1) |",
    ] {
        let line = abi3
            .lines()
            .find(|l| l.starts_with(row))
            .unwrap_or_else(|| panic!("no abi3 row {row:?} in:\n{stdout}"));
        assert!(!line.contains("—"), "an abi3 figure is missing in {line:?}");
    }
    let results = std::fs::read_to_string(out.join("results.md")).expect("results.md");
    assert!(results.contains("| noop() |"), "results.md has the table");
    let png = std::fs::read(out.join("chart.png")).expect("chart.png");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "chart.png is a PNG");
}
