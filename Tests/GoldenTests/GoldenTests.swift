import Foundation
import NZCLIKit
import Testing

/// Runs every `Tests/Golden/<area>/<behaviour>.nzs` as its own case.
///
/// A case's first comment lines may hold directives:
/// - `// args: run {file} --data data/GOOG_1d.csv --json` — the `nzs` arguments
///   (default `check {file}`); `{file}` is the case's path relative to the repository root,
///   which is also the working directory.
/// - `// exit: 70` — the expected exit status (default 0 without errors, 65 with).
///
/// Expected stdout is in `<behaviour>.out` and expected stderr (rendered diagnostics) in
/// `<behaviour>.diag`; a missing file means "empty". `NZS_RECORD_GOLDEN=1` rewrites both
/// and then fails the case, so a freshly recorded case never passes silently.
@Suite struct GoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var cases: [String] {
        let base = root.appendingPathComponent("Tests/Golden")
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".nzs") }.sorted().map { "Tests/Golden/" + $0 }
    }

    @Test("golden case", arguments: cases)
    func golden(_ path: String) throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent(path), encoding: .utf8)
        let directives = Self.directives(source)
        let arguments = Self.split(directives["args"] ?? "check {file}").map { $0.replacingOccurrences(of: "{file}", with: path) }
        let result = NZSEntryPoint.run(arguments, workingDirectory: Self.root.path)
        let stem = Self.root.appendingPathComponent(String(path.dropLast(4)))
        let outURL = stem.appendingPathExtension("out")
        let diagURL = stem.appendingPathExtension("diag")
        if ProcessInfo.processInfo.environment["NZS_RECORD_GOLDEN"] == "1" {
            try Self.record(result.out, to: outURL)
            try Self.record(result.error, to: diagURL)
            Issue.record("recorded \(path); unset NZS_RECORD_GOLDEN and run again")
            return
        }
        let expectedOut = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let expectedDiag = (try? String(contentsOf: diagURL, encoding: .utf8)) ?? ""
        #expect(result.out == expectedOut, "stdout of \(path)")
        #expect(result.error == expectedDiag, "stderr of \(path)")
        let hasErrors = expectedDiag.contains(": error: ")
        let expectedStatus = directives["exit"].flatMap { Int32($0) } ?? (hasErrors ? 65 : 0)
        #expect(result.status == expectedStatus, "exit status of \(path)")
        // Every diagnostic has a location: each `error:` line starts with `file:line:col:`.
        for line in result.error.split(separator: "\n") where line.contains(": error: ") && !line.hasPrefix("error:") {
            #expect(line.range(of: #"^[^:]+:\d+:\d+: error: .* \[[ER]\d{4}\]$"#, options: .regularExpression) != nil, "located diagnostic: \(line)")
        }
    }

    static func directives(_ source: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("//") else { break }
            let body = line.dropFirst(2).trimmingCharacters(in: .whitespaces)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            guard ["args", "exit"].contains(key) else { continue }
            result[key] = body[body.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Splits arguments on spaces, keeping single-quoted runs together.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var hasToken = false
        for character in text {
            if character == "'" { quoted.toggle(); hasToken = true; continue }
            if character == " ", !quoted {
                if hasToken { parts.append(current) }
                current = ""
                hasToken = false
                continue
            }
            current.append(character)
            hasToken = true
        }
        if hasToken { parts.append(current) }
        return parts
    }

    static func record(_ text: String, to url: URL) throws {
        if text.isEmpty {
            try? FileManager.default.removeItem(at: url)
        } else {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }
}
