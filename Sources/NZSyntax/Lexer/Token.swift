/// The kinds of token the lexer produces. Keywords are reserved words; rule words
/// (`enter`, `exit`, `long`, `stop_loss`, ...) stay identifiers and are recognised by the parser
/// only where a rule may start, so users can still name a value `size` or `long`.
public enum TokenKind: String, Hashable, Sendable, CaseIterable {
    // Literals and names
    case integer, float, percent, duration, string, identifier
    // Keywords
    case kwLet = "let", kwParam = "param", kwFn = "fn", kwReturn = "return", kwImport = "import"
    case kwStrategy = "strategy", kwIf = "if", kwThen = "then", kwElse = "else"
    case kwAnd = "and", kwOr = "or", kwNot = "not", kwTrue = "true", kwFalse = "false", kwNa = "na"
    case kwIn = "in", kwStep = "step", kwWhen = "when", kwModel = "model", kwOn = "on"
    // Punctuation and operators
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", comma = ",", colon = ":", semicolon = ";", dot = "."
    case ellipsis = "...", arrow = "->", assign = "="
    case plus = "+", minus = "-", star = "*", slash = "/", percentSign = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    // A character the lexer rejected (already reported)
    case unknown = "unknown character"
    // End of input
    case endOfFile = "end of file"

    /// Reserved words, by spelling.
    public static let keywords: [String: TokenKind] = {
        var table: [String: TokenKind] = [:]
        for kind in allCases where kind.isKeyword { table[kind.rawValue] = kind }
        return table
    }()

    public var isKeyword: Bool { String(describing: self).hasPrefix("kw") }

    /// How the token is named in messages: "`)`", "identifier", "end of file".
    public var displayName: String {
        switch self {
        case .integer, .float, .percent, .duration, .string: return "\(rawValue) literal"
        case .identifier: return "identifier"
        case .endOfFile: return "end of file"
        default: return "`\(rawValue)`"
        }
    }
}

/// One token with its source range. Its text is read back from the source when needed.
public struct Token: Hashable, Sendable {
    public let kind: TokenKind
    public let range: SourceRange
    /// The token's spelling.
    public let text: String
    /// True when the token is the first of its line; the parser resynchronises on rule words
    /// only there.
    public private(set) var isFirstOnLine = false

    public init(kind: TokenKind, range: SourceRange, text: String) {
        self.kind = kind
        self.range = range
        self.text = text
    }

    func startingLine(_ isFirst: Bool) -> Token {
        var copy = self
        copy.isFirstOnLine = isFirst
        return copy
    }
}
