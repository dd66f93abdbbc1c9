import ArgumentParser
import NZEval
import NZIR
import NZSema

/// `nzs doc [NAME]`: the reference of every builtin function, from the one signature table
/// the checker uses, with warm-ups computed by compiling each function. `--markdown` prints
/// the whole reference as docs/indicators.md (a test keeps that file equal to it).
struct DocCommand: NZSCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Show the reference of a builtin function, or list them all."
    )

    @ArgumentParser.Argument(help: "A builtin function, such as `sma` or `macd`.")
    var name: String?

    @Flag(help: "Print every entry as Markdown (the content of docs/indicators.md).")
    var markdown = false

    func execute(_ io: CommandIO) -> Int32 {
        if markdown {
            io.out(BuiltinReference.markdown())
            return ExitStatus.success
        }
        guard let name else {
            for builtin in Builtin.allCases {
                io.out(builtin.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + builtin.signature.summary + "\n")
            }
            return ExitStatus.success
        }
        guard let builtin = Builtin(rawValue: name) else {
            let suggestion = SpellingSuggestionLookup.closest(name)
            io.error("error: no builtin function `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n")
            return ExitStatus.usage
        }
        io.out(BuiltinReference.entry(builtin))
        return ExitStatus.success
    }
}

enum SpellingSuggestionLookup {
    static func closest(_ name: String) -> String? {
        NZSyntaxSuggestion.closest(to: name, in: Builtin.allCases.map(\.rawValue))
    }
}
