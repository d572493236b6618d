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
}

#[derive(Subcommand)]
enum Command {
    /// Read a crate and write its interface file (the file a person curates).
    /// Onto an existing file: keep its edits and comments, print what changed.
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
    /// file no longer matches its crate (drift).
    Check {
        /// The interface file.
        file: PathBuf,
    },
    /// Render the bindings package (Rust stubs, C source, .pyi) into a folder.
    Gen {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Write nothing; exit 1 with a diff when the folder is not up to date.
        #[arg(long)]
        check: bool,
        /// A folder of templates replacing the built-in ones of the same name
        /// (like `cpython/function.c.j2`).
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Gen and compile: leaves NAME<EXT_SUFFIX> and NAME.pyi in the folder.
    Build {
        file: PathBuf,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// The Python interpreter to build for (default: $PYTHON, else python3).
        #[arg(long)]
        python: Option<String>,
        /// A folder of templates replacing the built-in ones of the same name.
        #[arg(long, value_name = "DIR")]
        templates: Option<PathBuf>,
    },
    /// Print a stage's data for an interface file: the interface model (`idl`),
    /// the checked IR (`ir`) or the backends' view models, what templates print (`view`).
    Dump {
        #[arg(long, value_enum)]
        stage: StageArg,
        file: PathBuf,
    },
    /// Extract and build in one step.
    Bind {
        crate_dir: PathBuf,
        /// Where the module goes (default: the current folder).
        #[arg(short = 'o', long = "output", default_value = ".")]
        output: PathBuf,
        #[arg(long)]
        python: Option<String>,
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
    let outcome = std::thread::Builder::new()
        .stack_size(MAIN_STACK)
        .spawn(move || run(cli.command))
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
            eprint!("{}", failure.render());
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Extract {
            crate_dir,
            output,
            features,
        } => {
            let (interface, report) =
                driver::extract_to_file_with(&crate_dir, &output, features.selection())?;
            eprint!("{}", report.render());
            print_summary(&report);
            eprintln!(
                "wrote {}: {} items bound, {} skipped",
                output.display(),
                interface.items.len(),
                interface.skipped.len()
            );
        }
        Command::Check { file } => {
            let loaded = driver::load(&file)?;
            eprint!("{}", loaded.report.render());
            // Then: does the file still match its crate?
            let drift = driver::check_drift(&file)?;
            eprint!("{}", drift.render());
            eprintln!("{}: ok", file.display());
        }
        Command::Gen {
            file,
            output,
            check,
            templates,
        } => {
            let gen_options = driver::GenOptions { templates };
            if check {
                match driver::gen_check(&file, &output, &gen_options)? {
                    Staleness::UpToDate => eprintln!("{} is up to date", output.display()),
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
                eprint!("{}", loaded.report.render());
                eprintln!(
                    "wrote the bindings package of `{}` to {}",
                    loaded.module.name,
                    output.display()
                );
            }
        }
        Command::Build {
            file,
            output,
            python,
            templates,
        } => {
            let options = driver::BuildOptions::new(driver::python_command(python.as_deref()));
            let gen_options = driver::GenOptions { templates };
            let module = driver::build_with(&file, &output, &options, &gen_options)?;
            eprintln!("built {}", module.display());
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
            features,
        } => {
            let options = driver::BuildOptions::new(driver::python_command(python.as_deref()));
            let (_, lib) = driver::crate_names(&crate_dir)?;
            let ron = output.join(format!("{lib}.ron"));
            let (_, report) = driver::extract_to_file_with(&crate_dir, &ron, features.selection())?;
            eprint!("{}", report.render());
            print_summary(&report);
            let module = driver::build(&ron, &output, &options)?;
            eprintln!(
                "built {} (interface file: {})",
                module.display(),
                display(&ron)
            );
        }
    }
    Ok(())
}

/// After a re-extraction onto an existing file: what changed, on stdout.
fn print_summary(report: &driver::Report) {
    if let Some(summary) = &report.summary {
        if summary.is_empty() {
            println!("the interface file already matched the crate");
        } else {
            print!("{}", summary.render());
        }
    }
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
