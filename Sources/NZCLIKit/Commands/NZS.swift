import ArgumentParser
import NZRuntime

/// The `nzs` command line: check, evaluate and backtest NZS scripts.
public struct NZS: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nzs",
        abstract: "The NeoZork Strategy language: check, evaluate and backtest .nzs scripts.",
        discussion: "Exit status: 0 success, 64 usage error, 65 compile errors, 70 runtime or data errors.",
        subcommands: [CheckCommand.self, EvalCommand.self, RunCommand.self, ParityCommand.self, OptimizeCommand.self, WalkForwardCommand.self, FeaturesCommand.self, MonteCarloCommand.self, StudiesCommand.self, RunsCommand.self, ReportCommand.self, DataCommand.self, BenchCommand.self, DocCommand.self]
    )

    public init() {}
}

/// A subcommand that writes through a `CommandIO` and returns its exit status, so tests can
/// run it in-process.
protocol NZSCommand: ParsableCommand {
    func execute(_ io: CommandIO) -> Int32
}

extension NZSCommand {
    public mutating func run() throws {
        let io = CommandIO.standard()
        let status = execute(io)
        io.flush()
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}

/// Entry points for the executable and for tests.
public enum NZSEntryPoint {
    public static func main() {
        BLASThreads.configure()
        NZS.main()
    }

    /// Runs `nzs` with `arguments` in-process, capturing stdout and stderr.
    public static func run(_ arguments: [String], workingDirectory: String) -> (out: String, error: String, status: Int32) {
        let io = CommandIO.capturing(workingDirectory: workingDirectory)
        do {
            let command = try NZS.parseAsRoot(arguments)
            guard let runnable = command as? any NZSCommand else {
                return (NZS.helpMessage(for: type(of: command)) + "\n", "", ExitStatus.success)
            }
            let status = runnable.execute(io)
            return (io.capturedOut, io.capturedError, status)
        } catch {
            let status = NZS.exitCode(for: error).rawValue
            let message = NZS.fullMessage(for: error)
            return status == 0 ? (message + "\n", "", 0) : ("", message + "\n", status)
        }
    }
}
