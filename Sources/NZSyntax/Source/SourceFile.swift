/// Identifies one source file among those a compilation loaded (the script and its imports).
public struct SourceFileID: Hashable, Sendable, Comparable {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A half-open byte range `[start, end)` in one source file. Every token, AST node, typed
/// expression and diagnostic carries one, so any message can point at the exact text.
public struct SourceRange: Hashable, Sendable {
    public let file: SourceFileID
    public let start: Int
    public let end: Int

    public init(file: SourceFileID, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The smallest range covering both (they must be in the same file).
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(file: file, start: min(start, other.start), end: max(end, other.end))
    }
}

/// A 1-based line and column; the column counts characters (Unicode scalars), so carets line
/// up under non-ASCII text.
public struct LineColumn: Hashable, Sendable {
    public let line: Int
    public let column: Int
}

/// The text of one `.nzs` file and its line table.
public struct SourceFile: Sendable {
    public let id: SourceFileID
    /// The path as the user gave it; diagnostics print it unchanged.
    public let path: String
    public let bytes: [UInt8]
    let lineStarts: [Int]

    public init(id: SourceFileID, path: String, text: String) {
        self.id = id
        self.path = path
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The source text of a range.
    public func text(of range: SourceRange) -> String {
        let lower = min(max(0, range.start), bytes.count)
        let upper = min(max(lower, range.end), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// Line and column of a byte offset.
    /// - Complexity: O(log lines).
    public func lineColumn(of offset: Int) -> LineColumn {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let clamped = min(max(offset, lineStarts[low]), bytes.count)
        let scalars = bytes[lineStarts[low]..<clamped].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return LineColumn(line: low + 1, column: scalars + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// Every file of one compilation, indexed by `SourceFileID`.
public struct SourceMap: Sendable {
    public private(set) var files: [SourceFile] = []

    public init() {}

    /// Adds a file and returns its identifier.
    public mutating func add(path: String, text: String) -> SourceFileID {
        let id = SourceFileID(files.count)
        files.append(SourceFile(id: id, path: path, text: text))
        return id
    }

    public subscript(id: SourceFileID) -> SourceFile { files[id.rawValue] }

    public func text(of range: SourceRange) -> String { self[range.file].text(of: range) }
}
