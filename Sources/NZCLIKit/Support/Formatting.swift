/// Number and text formats shared by every machine-readable output (`nzs eval` CSV, `--json`).
public enum Formatting {
    /// The shortest decimal that reads back as the same Double; integral values print without
    /// a fraction (`5`, not `5.0`). NaN is the empty string (CSV `na`).
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), Swift.abs(value) < 1e15 {
            return value == 0 ? (value.sign == .minus ? "-0" : "0") : String(Int64(value))
        }
        return "\(value)"
    }

    /// A CSV field, quoted only when it has a comma, quote or line break (RFC 4180).
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A JSON number, or `null` for NaN and infinities (which JSON cannot hold).
    public static func jsonNumber(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return number(value)
    }

    /// A JSON string literal.
    public static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
