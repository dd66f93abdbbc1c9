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
            io.out(BuiltinReference.markdown(workingDirectory: io.workingDirectory))
            return ExitStatus.success
        }
        guard let name else {
            for builtin in Builtin.allCases {
                io.out(builtin.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0) + builtin.signature.summary + "\n")
            }
            for entry in ModuleReference.entries(workingDirectory: io.workingDirectory) {
                io.out(entry.name.padding(toLength: 20, withPad: " ", startingAt: 0) + "(import \(entry.module)) " + firstSentence(entry.summary) + "\n")
            }
            return ExitStatus.success
        }
        guard let builtin = Builtin(rawValue: name) else {
            if let entry = ModuleReference.entry(named: name, workingDirectory: io.workingDirectory) {
                io.out(ModuleReference.text(entry))
                return ExitStatus.success
            }
            let suggestion = SpellingSuggestionLookup.closest(name, also: ModuleReference.entries(workingDirectory: io.workingDirectory).map(\.name))
            io.error("error: no builtin or stdlib function `\(name)`" + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + "\n")
            return ExitStatus.usage
        }
        io.out(BuiltinReference.entry(builtin))
        return ExitStatus.success
    }
}

/// The first sentence of a doc comment, at most about 100 characters, for the one-line list.
func firstSentence(_ text: String) -> String {
    var sentence = text.range(of: ". ").map { String(text[..<$0.lowerBound]) } ?? text
    if sentence.count > 100 { sentence = String(sentence.prefix(99)) + "…" }
    return sentence
}

enum SpellingSuggestionLookup {
    static func closest(_ name: String, also others: [String] = []) -> String? {
        NZSyntaxSuggestion.closest(to: name, in: Builtin.allCases.map(\.rawValue) + others)
    }
}
