/// "Did you mean" suggestions by edit distance, shared by the parser and the checker.
public enum SpellingSuggestion {
    /// The closest candidate within a third of the name's length (at least 1 edit), if any.
    public static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let limit = max(1, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(name, candidate)
            guard distance <= limit else { continue }
            if let current = best {
                if distance > current.distance { continue }
                // On a tie, prefer a reordering of the same letters (`sam` → `sma`), then the
                // alphabetically first, so the choice never depends on iteration order.
                if distance == current.distance {
                    let (isAnagram, currentIsAnagram) = (name.sorted() == candidate.sorted(), name.sorted() == current.name.sorted())
                    if currentIsAnagram && !isAnagram { continue }
                    if isAnagram == currentIsAnagram && candidate >= current.name { continue }
                }
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Levenshtein distance, with a transposition counted as one edit.
    /// - Complexity: O(n × m).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous2 = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[y.count]
    }
}
