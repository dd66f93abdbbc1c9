extension Parser {
    /// Skips tokens until a place where a new item can start, then leaves panic mode.
    ///
    /// Resync points, most distinctive first: declaration keywords (`let`, `param`, `fn`,
    /// `import`, `strategy`) anywhere; a rule word that begins a line; and, inside a block, the
    /// closing `}` at the block's own nesting level. Brackets opened while skipping are tracked so
    /// a `}` closing an inner group does not end the block early.
    mutating func synchronize(inBlock: Bool) {
        isPanicking = false
        var nesting = 0
        while !check(.endOfFile) {
            if nesting == 0, isResyncPoint(inBlock: inBlock, nesting: nesting) { return }
            switch current.kind {
            case .leftParen, .leftBracket, .leftBrace: nesting += 1
            case .rightParen, .rightBracket, .rightBrace: nesting = max(0, nesting - 1)
            default: break
            }
            advance()
        }
    }

    /// After an error inside a function's `{ ... }`, skips to its closing brace so the block's
    /// own `}` does not end an enclosing strategy block. Stops early at a keyword that cannot
    /// appear in a function body, in case the closing brace is missing.
    mutating func skipRestOfBlock() {
        var nesting = 1
        while !check(.endOfFile) {
            switch current.kind {
            case .leftParen, .leftBracket, .leftBrace: nesting += 1
            case .rightParen, .rightBracket: nesting = max(1, nesting - 1)
            case .rightBrace:
                nesting -= 1
                if nesting == 0 { advance(); return }
            case .kwFn, .kwParam, .kwImport, .kwStrategy: return
            default: break
            }
            advance()
        }
    }

    private func isResyncPoint(inBlock: Bool, nesting: Int) -> Bool {
        switch current.kind {
        case .kwLet, .kwParam, .kwFn, .kwImport, .kwStrategy, .kwModel:
            return true
        case .rightBrace:
            return inBlock
        case .identifier:
            // Rule words resynchronise only inside a strategy; at the top level they would
            // just add "rule outside a strategy" to the error already reported.
            return inBlock && current.isFirstOnLine && Rule.words.contains(current.text)
        default:
            return false
        }
    }
}
