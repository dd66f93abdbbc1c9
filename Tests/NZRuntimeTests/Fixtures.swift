import Foundation

/// Paths of the repository and its test fixtures.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// A CSV as a header and rows of fields (no quoting beyond simple double quotes).
    static func csv(_ relative: String) throws -> (header: [String], rows: [[String]]) {
        try csv(text: String(contentsOfFile: path(relative), encoding: .utf8))
    }

    static func csv(text: String) -> (header: [String], rows: [[String]]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return ([], []) }
        let header = splitCSVLine(lines.removeFirst())
        return (header, lines.map(splitCSVLine))
    }

    static func splitCSVLine(_ line: String) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle(); continue }
            if character == ",", !quoted { fields.append(current); current = ""; continue }
            current.append(character)
        }
        fields.append(current)
        return fields
    }
}
