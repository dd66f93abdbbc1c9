/// Renders diagnostics as `file:line:col: error: message [CODE]`, the source line, a caret
/// span, and each note on its own located line. Colour is opt-in (the CLI enables it only on
/// a terminal without `NO_COLOR`).
public struct DiagnosticRenderer: Sendable {
    public let sources: SourceMap
    public let useColor: Bool
    /// Longest source line shown; longer lines are cut to a window around the caret.
    static let maximumSnippetWidth = 160

    public init(sources: SourceMap, useColor: Bool = false) {
        self.sources = sources
        self.useColor = useColor
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined()
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        var out = header(diagnostic.severity, diagnostic.message + " [\(diagnostic.code)]", at: diagnostic.range)
        out += snippet(diagnostic.range)
        for note in diagnostic.notes {
            if let range = note.range {
                out += header(.note, note.message, at: range)
                out += snippet(range)
            } else {
                out += header(.note, note.message, at: diagnostic.range)
            }
        }
        return out
    }

    private func header(_ severity: Severity, _ message: String, at range: SourceRange) -> String {
        let file = sources[range.file]
        let position = file.lineColumn(of: range.start)
        let location = "\(file.path):\(position.line):\(position.column): "
        return paint(location, nil) + paint("\(severity.rawValue): ", severity) + message + "\n"
    }

    /// The source line and a caret under the range (clipped to the first line of the range).
    private func snippet(_ range: SourceRange) -> String {
        let file = sources[range.file]
        let position = file.lineColumn(of: range.start)
        let line = file.lineText(position.line)
        var characters = Array(line.unicodeScalars)
        var startColumn = min(position.column - 1, characters.count)
        // Very long lines show a window around the caret.
        var prefix = ""
        if characters.count > Self.maximumSnippetWidth {
            let first = max(0, startColumn - Self.maximumSnippetWidth / 2)
            prefix = first > 0 ? "..." : ""
            characters = Array(characters[first..<min(characters.count, first + Self.maximumSnippetWidth)])
            startColumn -= first - prefix.count
            characters = Array(prefix.unicodeScalars) + characters
        }
        let end = file.lineColumn(of: range.end)
        let width = end.line == position.line ? max(1, end.column - position.column) : characters.count - startColumn
        let spanEnd = min(startColumn + max(1, width), max(characters.count, startColumn + 1))
        var caretLine = ""
        for character in characters.prefix(startColumn) {
            caretLine += character == "\t" ? "\t" : " "
        }
        caretLine += "^" + String(repeating: "~", count: max(0, spanEnd - startColumn - 1))
        var shown = ""
        shown.unicodeScalars.append(contentsOf: characters)
        return "    " + shown + "\n    " + paint(caretLine, .error) + "\n"
    }

    private func paint(_ text: String, _ severity: Severity?) -> String {
        guard useColor else { return text }
        let code: String
        switch severity {
        case .error?: code = "\u{1B}[1;31m"
        case .warning?: code = "\u{1B}[1;33m"
        case .note?: code = "\u{1B}[1;36m"
        case nil: code = "\u{1B}[1m"
        }
        return code + text + "\u{1B}[0m"
    }
}
