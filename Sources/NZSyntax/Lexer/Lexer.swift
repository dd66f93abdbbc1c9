/// Turns source bytes into tokens. Hand-written, one pass, no backtracking beyond one byte.
///
/// It never fails: an unexpected byte, an unterminated string or comment, or a malformed number
/// becomes a diagnostic, and lexing continues after it so that the parser sees the rest of the
/// file. Comments are `// ...` to the end of the line and `/* ... */` (not nested).
public struct Lexer {
    /// Longest source accepted, in bytes. A larger file is refused with E4002 rather than
    /// slowing every later stage down.
    public static let maximumSourceBytes = 4 << 20

    private let file: SourceFile
    private let bytes: [UInt8]
    private var position = 0
    private var sawLineBreak = false
    public private(set) var diagnostics = Diagnostics()

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// Tokenizes the whole file; the last token is always `.endOfFile`.
    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], diagnostics: Diagnostics) {
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenizeAll()
        return (tokens, lexer.diagnostics)
    }

    public mutating func tokenizeAll() -> [Token] {
        var tokens: [Token] = []
        if bytes.count > Self.maximumSourceBytes {
            diagnostics.append(SyntaxDiagnostics.sourceTooLarge(at: range(0, 0), bytes: bytes.count))
            tokens.append(Token(kind: .endOfFile, range: range(0, 0), text: ""))
            return tokens
        }
        while true {
            skipTrivia()
            guard position < bytes.count else { break }
            let lineBreakBefore = tokens.isEmpty || sawLineBreak
            sawLineBreak = false
            if let token = lexToken() {
                tokens.append(token.startingLine(lineBreakBefore))
            }
        }
        tokens.append(Token(kind: .endOfFile, range: range(bytes.count, bytes.count), text: ""))
        return tokens
    }

    // MARK: - Trivia

    private mutating func skipTrivia() {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A {
                sawLineBreak = true
                position += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                position += 1
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var closed = false
                while position < bytes.count {
                    if bytes[position] == 0x0A { sawLineBreak = true }
                    if bytes[position] == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        position += 2
                        closed = true
                        break
                    }
                    position += 1
                }
                if !closed { diagnostics.append(SyntaxDiagnostics.unterminatedComment(at: range(start, start + 2))) }
            } else {
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func lexToken() -> Token? {
        let start = position
        let byte = bytes[position]
        if isDigit(byte) || (byte == UInt8(ascii: ".") && isDigit(peek(1))) { return lexNumber() }
        if isIdentifierStart(byte) { return lexIdentifier() }
        if byte == UInt8(ascii: "\"") { return lexString() }
        if let kind = punctuation(byte) { return make(kind, from: start) }
        // Skip one whole UTF-8 scalar so the message quotes a real character.
        position += 1
        while position < bytes.count, bytes[position] & 0xC0 == 0x80 { position += 1 }
        let text = file.text(of: range(start, position))
        diagnostics.append(SyntaxDiagnostics.unexpectedCharacter(text, at: range(start, position)))
        return Token(kind: .unknown, range: range(start, position), text: text)
    }

    private mutating func punctuation(_ byte: UInt8) -> TokenKind? {
        let next = peek(1)
        switch byte {
        case UInt8(ascii: "("): position += 1; return .leftParen
        case UInt8(ascii: ")"): position += 1; return .rightParen
        case UInt8(ascii: "["): position += 1; return .leftBracket
        case UInt8(ascii: "]"): position += 1; return .rightBracket
        case UInt8(ascii: "{"): position += 1; return .leftBrace
        case UInt8(ascii: "}"): position += 1; return .rightBrace
        case UInt8(ascii: ","): position += 1; return .comma
        case UInt8(ascii: ":"): position += 1; return .colon
        case UInt8(ascii: ";"): position += 1; return .semicolon
        case UInt8(ascii: "+"): position += 1; return .plus
        case UInt8(ascii: "*"): position += 1; return .star
        case UInt8(ascii: "/"): position += 1; return .slash
        case UInt8(ascii: "%"): position += 1; return .percentSign
        case UInt8(ascii: "."):
            if next == UInt8(ascii: "."), peek(2) == UInt8(ascii: ".") { position += 3; return .ellipsis }
            position += 1; return .dot
        case UInt8(ascii: "-"):
            if next == UInt8(ascii: ">") { position += 2; return .arrow }
            position += 1; return .minus
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") { position += 2; return .equal }
            position += 1; return .assign
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { position += 2; return .notEqual }
            return nil
        case UInt8(ascii: "<"):
            if next == UInt8(ascii: "=") { position += 2; return .lessEqual }
            position += 1; return .less
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { position += 2; return .greaterEqual }
            position += 1; return .greater
        default: return nil
        }
    }

    private mutating func lexIdentifier() -> Token {
        let start = position
        while position < bytes.count, isIdentifierContinue(bytes[position]) { position += 1 }
        let text = file.text(of: range(start, position))
        return Token(kind: TokenKind.keywords[text] ?? .identifier, range: range(start, position), text: text)
    }

    /// Numbers: `12`, `1.5`, `.5`, `1e-3`, then an optional suffix glued to the digits:
    /// `%` makes a percent literal and one of `s m h d w` a duration (integers only).
    private mutating func lexNumber() -> Token {
        let start = position
        var kind = TokenKind.integer
        while isDigit(peek(0)) || peek(0) == UInt8(ascii: "_") { position += 1 }
        // A fraction, but not the `...` of a range such as `5...50`.
        if peek(0) == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
            kind = .float
            position += 1
            while isDigit(peek(0)) || peek(0) == UInt8(ascii: "_") { position += 1 }
        }
        if peek(0) == UInt8(ascii: "e") || peek(0) == UInt8(ascii: "E") {
            let signOffset = (peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")) ? 2 : 1
            if isDigit(peek(signOffset)) {
                kind = .float
                position += signOffset
                while isDigit(peek(0)) { position += 1 }
            }
        }
        if peek(0) == UInt8(ascii: "%") {
            position += 1
            kind = .percent
        } else if kind == .integer, "smhdw".utf8.contains(peek(0)), !isIdentifierContinue(peek(1)) {
            position += 1
            kind = .duration
        }
        // Letters or digits glued to a number (`12abc`, `1.5.2`) make the whole run malformed.
        if isIdentifierContinue(peek(0)) || (peek(0) == UInt8(ascii: ".") && isDigit(peek(1))) {
            while isIdentifierContinue(peek(0)) || peek(0) == UInt8(ascii: ".") && isDigit(peek(1)) {
                position += 1
            }
            let text = file.text(of: range(start, position))
            diagnostics.append(SyntaxDiagnostics.malformedNumber(text, at: range(start, position)))
            return Token(kind: .float, range: range(start, position), text: "0")
        }
        return make(kind, from: start)
    }

    private mutating func lexString() -> Token {
        let start = position
        position += 1
        var value: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return Token(kind: .string, range: range(start, position), text: String(decoding: value, as: UTF8.self))
            }
            if byte == 0x0A { break }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] != 0x0A {
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): value.append(escaped)
                default:
                    diagnostics.append(SyntaxDiagnostics.invalidEscape(at: range(position, position + 2)))
                }
                position += 2
                continue
            }
            value.append(byte)
            position += 1
        }
        diagnostics.append(SyntaxDiagnostics.unterminatedString(at: range(start, position)))
        return Token(kind: .string, range: range(start, position), text: String(decoding: value, as: UTF8.self))
    }

    // MARK: - Helpers

    private func peek(_ offset: Int) -> UInt8 {
        let index = position + offset
        return index < bytes.count ? bytes[index] : 0
    }

    private func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(file: file.id, start: start, end: end)
    }

    private func make(_ kind: TokenKind, from start: Int) -> Token {
        Token(kind: kind, range: range(start, position), text: file.text(of: range(start, position)))
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == UInt8(ascii: "_")
    }

    private func isIdentifierContinue(_ byte: UInt8) -> Bool { isIdentifierStart(byte) || isDigit(byte) }
}
