fn main() -> std::process::ExitCode {
    orgit::cli::main()
}
