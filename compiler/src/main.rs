//! The `rsbind` command line. Every command is a thin call into
//! [`rsbind::driver`]; diagnostics go to stderr, exit code 1 on any error.

use clap::{Parser, Subcommand};
use rsbind::driver::{self, Failure, Staleness};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "rsbind",
    version,
    about = "Bind an unmodified Rust crate as a CPython extension module"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors (no progress, no summaries).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more: every skipped item in the summaries.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// Colours: `auto` (when stderr is a terminal and NO_COLOR is unset), `always`, `never`.
    #[arg(long, value_enum, global = true, default_value = "auto")]
    color: ColorArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// How much the commands print, and whether in colour.
#[derive(Clone, Copy)]
struct Out {
    quiet: bool,
    verbose: bool,
    color: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Read a crate and write its interface file (the file a person curates).
    /// Onto an existing file: keep its edits and comments, print what changed.
    #[command(after_help = "Example:\n  rsbind extract path/to/mycrate -o mycrate.ron")]
    Extract {
        /// The crate's folder (with Cargo.toml).
        crate_dir: PathBuf,
        /// The interface file to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        #[command(flatten)]
        features: FeatureArgs,
    },
    /// Check an interface file; report every problem with its place, and where the
    /// file no longer matches its crate (drift). The verdict goes to stdout.
    #[command(
        after_help = "Examples:\n  rsbind check mycrate.ron\n  rsbind check --skipped mycrate.ron   # every skipped item with its reason"
    )]
    Check {
        /// The interface file.
        file: PathBuf,
        /// List every item the file skips, with the reason, instead of checking.
        #[arg(long)]
        skipped: bool,
    },
    /// Render the bindings package into a folder: a Python project (pyproject.toml)
    /// of Rust stubs, C source and stubs, which `pip install FOLDER` builds and installs.
    #[command(
        after_help = "Examples:\n  rsbind gen mycrate.ron -o bindings/\n  pip install ./bindings\n  rsbind gen mycrate.ron -o bindings/ --check   # exit 1 and a diff when stale"
    )]
    Gen {
        file: PathBuf,
        /// The package folder.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Write nothing; exit 1 with a diff when the folder is not up to date.
        #[arg(long)]
        check: bool,
        /// A folder of templates replacing the built-in ones of the same name
        /// (like `cpython/function.c.j2`).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// A package on the stable ABI: one module (NAME.abi3.so, a wheel
        /// tagged abi3) for CPython 3.10 and every later version.
        #[arg(long)]
        abi3: bool,
    },
    /// Gen and compile: the package folder as `gen` writes it, with the module
    /// NAME<EXT_SUFFIX> built into it (`PYTHONPATH=FOLDER` imports it). With
    /// `--wheel`, a wheel in the folder instead (built by pip with the package's
    /// build backend).
    #[command(
        after_help = "Examples:\n  rsbind build mycrate.ron -o bindings/ && PYTHONPATH=bindings python3 -c 'import mycrate'\n  rsbind build mycrate.ron --wheel -o dist/ && pip install dist/*.whl"
    )]
    Build {
        file: PathBuf,
        /// The package folder (with `--wheel`: where the wheel goes).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Build a wheel into the `-o` folder.
        #[arg(long)]
        wheel: bool,
        /// With `--wheel`: where the package is generated (default: a folder
        /// beside the interface file, `NAME-bindings/`).
        #[arg(long, value_name = "DIR", requires = "wheel")]
        package_dir: Option<PathBuf>,
        /// The Python interpreter to build for (default: $PYTHON, else python3).
        #[arg(long)]
        python: Option<String>,
        /// A folder of templates replacing the built-in ones of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
        /// Build on the stable ABI: one module NAME.abi3.so (with `--wheel`, a
        /// wheel tagged abi3) that CPython 3.10 and every later version import.
        #[arg(long)]
        abi3: bool,
    },
    /// Print a stage's data for an interface file: the interface model (`idl`),
    /// the checked IR (`ir`) or the backends' view models, what templates print (`view`).
    #[command(after_help = "Example:\n  rsbind dump --stage ir mycrate.ron")]
    Dump {
        #[arg(long, value_enum)]
        stage: StageArg,
        file: PathBuf,
    },
    /// Extract and build in one step: the interface file, the package and the
    /// module all go into one folder.
    #[command(
        after_help = "Example:\n  rsbind bind path/to/mycrate -o mycrate-bindings/ && PYTHONPATH=mycrate-bindings python3 -c 'import mycrate'"
    )]
    Bind {
        crate_dir: PathBuf,
        /// The folder (default: `LIB-bindings/` in the current folder).
        #[arg(short = 'o', long = "output")]
        output: Option<PathBuf>,
        #[arg(long)]
        python: Option<String>,
        /// Build on the stable ABI: one module NAME.abi3.so for CPython 3.10+.
        #[arg(long)]
        abi3: bool,
        #[command(flatten)]
        features: FeatureArgs,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StageArg {
    Idl,
    Ir,
    View,
}

/// Which cargo features the crate is read and compiled with; written into the
/// interface file (default: the file's own list on re-extraction, else the
/// crate's default features).
#[derive(clap::Args)]
struct FeatureArgs {
    /// Features to enable, comma- or space-separated.
    #[arg(long, short = 'F', value_delimiter = ',')]
    features: Vec<String>,
    /// Enable every feature of the crate.
    #[arg(long)]
    all_features: bool,
    /// Do not enable the crate's default features.
    #[arg(long)]
    no_default_features: bool,
}

impl FeatureArgs {
    /// `None` when no flag was given: the existing file's choice stands.
    fn selection(self) -> Option<driver::FeatureSelection> {
        if self.features.is_empty() && !self.all_features && !self.no_default_features {
            return None;
        }
        Some(driver::FeatureSelection {
            features: self
                .features
                .iter()
                .flat_map(|f| f.split_whitespace())
                .map(str::to_string)
                .collect(),
            all_features: self.all_features,
            no_default_features: self.no_default_features,
        })
    }
}

/// The stack the command runs on: a crate may nest its types as deep as rustc
/// lets it (thousands of levels), and reading, converting and dropping them
/// recurses once per level. Reserved, used only as needed.
const MAIN_STACK: usize = 512 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    rsbind::rustdoc_json::set_quiet(cli.quiet);
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let out = Out {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => !no_color && std::io::stderr().is_terminal(),
        },
    };
    let outcome = std::thread::Builder::new()
        .stack_size(MAIN_STACK)
        .spawn(move || run(cli.command, out))
        .map(|handle| handle.join());
    let result = match outcome {
        Ok(Ok(result)) => result,
        // A panic is a bug: let it end the process as one.
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => Err(Failure::message(format!("cannot start a thread: {e}"))),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{}", failure.render_styled(out.color));
            ExitCode::FAILURE
        }
    }
}

impl Out {
    /// Progress and summaries, on stderr unless `--quiet`.
    fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }

    /// Warnings, on stderr unless `--quiet`.
    fn report(&self, report: &driver::Report) {
        if !self.quiet {
            eprint!("{}", report.render_styled(self.color));
        }
    }

    fn build_options(&self, python: Option<&str>) -> driver::BuildOptions {
        let mut options = driver::BuildOptions::new(driver::python_command(python));
        options.quiet = self.quiet;
        options
    }
}

fn run(command: Command, out: Out) -> Result<(), Failure> {
    match command {
        Command::Extract {
            crate_dir,
            output,
            features,
        } => {
            let (interface, report) =
                driver::extract_to_file_with(&crate_dir, &output, features.selection())?;
            out.report(&report);
            print_summary(&report, out);
            out.note(&bound_summary(&interface, &output, out.verbose));
        }
        Command::Check { file, skipped } => {
            if skipped {
                let interface = driver::read_interface(&file)?;
                print!("{}", skipped_list(&interface));
                return Ok(());
            }
            let loaded = driver::load(&file)?;
            out.report(&loaded.report);
            // Then: does the file still match its crate?
            let drift = driver::check_drift(&file)?;
            out.report(&drift);
            println!("{}: ok", file.display());
        }
        Command::Gen {
            file,
            output,
            check,
            templates,
            abi3,
        } => {
            let gen_options = driver::GenOptions { templates, abi3 };
            if check {
                match driver::gen_check(&file, &output, &gen_options)? {
                    Staleness::UpToDate => out.note(&format!("{} is up to date", output.display())),
                    Staleness::Stale(diff) => {
                        print!("{diff}");
                        return Err(Failure::message(format!(
                            "{} is not up to date with {}: run `rsbind gen {} -o {}`",
                            output.display(),
                            file.display(),
                            file.display(),
                            output.display()
                        )));
                    }
                }
            } else {
                let loaded = driver::gen(&file, &output, &gen_options)?;
                out.report(&loaded.report);
                out.note(&format!(
                    "wrote the bindings package of `{}` to {} (`pip install {}` builds and installs it)",
                    loaded.module.name,
                    output.display(),
                    display_dir(&output)
                ));
            }
        }
        Command::Build {
            file,
            output,
            wheel,
            package_dir,
            python,
            templates,
            abi3,
        } => {
            let options = out.build_options(python.as_deref());
            let gen_options = driver::GenOptions { templates, abi3 };
            if wheel {
                let package_dir = match package_dir {
                    Some(dir) => dir,
                    None => {
                        let module = driver::load(&file)?.module.name;
                        file.parent()
                            .unwrap_or(Path::new("."))
                            .join(format!("{module}-bindings"))
                    }
                };
                let wheel =
                    driver::build_wheel(&file, &package_dir, &output, &options, &gen_options)?;
                out.note(&format!(
                    "built {} (package: {})",
                    wheel.display(),
                    package_dir.display()
                ));
            } else {
                let module = driver::build_with(&file, &output, &options, &gen_options)?;
                out.note(&format!("built {}", module.display()));
            }
        }
        Command::Dump { stage, file } => {
            let stage = match stage {
                StageArg::Idl => driver::Stage::Idl,
                StageArg::Ir => driver::Stage::Ir,
                StageArg::View => driver::Stage::View,
            };
            print!("{}", driver::dump(&file, stage)?);
        }
        Command::Bind {
            crate_dir,
            output,
            python,
            abi3,
            features,
        } => {
            let options = out.build_options(python.as_deref());
            let (_, lib) = driver::crate_names(&crate_dir)?;
            let output = output.unwrap_or_else(|| PathBuf::from(format!("{lib}-bindings")));
            let ron = output.join(format!("{lib}.ron"));
            let (interface, report) =
                driver::extract_to_file_with(&crate_dir, &ron, features.selection())?;
            out.report(&report);
            print_summary(&report, out);
            out.note(&bound_summary(&interface, &ron, out.verbose));
            let gen_options = driver::GenOptions {
                abi3,
                ..Default::default()
            };
            let module = driver::build_with(&ron, &output, &options, &gen_options)?;
            out.note(&format!(
                "built {} (interface file: {}); PYTHONPATH={} imports it",
                module.display(),
                display(&ron),
                display(&output)
            ));
        }
    }
    Ok(())
}

/// After a re-extraction onto an existing file: what changed, on stdout.
fn print_summary(report: &driver::Report, out: Out) {
    if out.quiet {
        return;
    }
    if let Some(summary) = &report.summary {
        if summary.is_empty() {
            println!("the interface file already matched the crate");
        } else {
            print!("{}", summary.render());
        }
    }
}

/// How many names of each reason the summary shows (all with `--verbose`).
const NAMES_SHOWN: usize = 3;

/// What an interface file binds and skips: the skipped items grouped by
/// reason (most common first) with their first names, and how to see them all.
fn bound_summary(interface: &rsbind::idl::Interface, file: &Path, verbose: bool) -> String {
    let mut text = format!(
        "wrote {}: {} items bound, {} skipped",
        file.display(),
        interface.items.len(),
        interface.skipped.len()
    );
    let groups = skipped_groups(&interface.skipped);
    for (reason, paths) in &groups {
        text.push_str(&format!("\n  {} × {reason}: ", paths.len()));
        let shown = if verbose { paths.len() } else { NAMES_SHOWN };
        text.push_str(
            &paths
                .iter()
                .take(shown)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        );
        if paths.len() > shown {
            text.push_str(", ...");
        }
    }
    if !groups.is_empty() && !verbose {
        text.push_str(&format!(
            "\n  every skipped item with its reason: rsbind check --skipped {}",
            file.display()
        ));
    }
    text
}

/// Skipped items by their reason, the particular names in it (between
/// backticks) and a leading `parameter `x`: ` left out, most common first.
fn skipped_groups(skipped: &[rsbind::idl::Skipped]) -> Vec<(String, Vec<String>)> {
    let mut groups: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for s in skipped {
        groups
            .entry(general_reason(&s.reason))
            .or_default()
            .push(s.path.clone());
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    groups
}

fn general_reason(reason: &str) -> String {
    let reason = match reason.split_once(": ") {
        Some((head, rest)) if head.starts_with("parameter `") || head == "the result" => rest,
        _ => reason,
    };
    let mut out = String::new();
    for (i, piece) in reason.split('`').enumerate() {
        out.push_str(if i % 2 == 1 { "`…`" } else { piece });
    }
    out
}

/// `rsbind check --skipped`: every skipped item, one a line, on stdout.
fn skipped_list(interface: &rsbind::idl::Interface) -> String {
    let mut text = String::new();
    for s in &interface.skipped {
        text.push_str(&format!("{} {}: {}\n", s.kind, s.path, s.reason));
    }
    text.push_str(&format!("{} skipped\n", interface.skipped.len()));
    text
}

fn display(p: &Path) -> String {
    p.display().to_string()
}

/// A folder as pip takes it: `./name` rather than `name`.
fn display_dir(p: &Path) -> String {
    if p.is_relative() && !p.starts_with(".") && !p.starts_with("..") {
        format!("./{}", p.display())
    } else {
        p.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{bound_summary, general_reason};
    use rsbind::idl::Skipped;

    fn skipped(path: &str, reason: &str) -> Skipped {
        Skipped {
            path: path.to_string(),
            kind: "fn".to_string(),
            reason: reason.to_string(),
        }
    }

    #[test]
    fn skipped_items_are_grouped_by_their_general_reason() {
        assert_eq!(
            general_reason(
                "parameter `input`: `&Input`: references to this type are not supported"
            ),
            "`…`: references to this type are not supported"
        );
        let text = "Interface(format: 8, module: \"m\", crate: CrateRef(package: \"m\", lib: \"m\", path: \".\"), items: [], skipped: [])";
        let mut interface = rsbind::idl::parse(text, "m.ron").expect("a minimal file");
        interface.skipped = (0..5)
            .map(|i| {
                skipped(
                    &format!("f{i}"),
                    &format!("parameter `x`: `T{i}` is not a type rsbind can bind"),
                )
            })
            .chain([skipped("g", "generic functions need instantiations")])
            .collect();
        let summary = bound_summary(&interface, std::path::Path::new("m.ron"), false);
        assert!(
            summary.contains("5 × `…` is not a type rsbind can bind: f0, f1, f2, ..."),
            "{summary}"
        );
        assert!(
            summary.contains("1 × generic functions need instantiations: g"),
            "{summary}"
        );
        assert!(
            summary.contains("rsbind check --skipped m.ron"),
            "{summary}"
        );
        let verbose = bound_summary(&interface, std::path::Path::new("m.ron"), true);
        assert!(verbose.contains("f3, f4"), "{verbose}");
    }
}
