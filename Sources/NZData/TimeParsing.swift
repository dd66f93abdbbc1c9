/// Parses and formats bar times. Accepted: ISO-8601 (`2024-01-31`, `2024-01-31T09:30:00Z`,
/// with a space for `T`, optional seconds, fraction and `±HH:MM` offset), MetaTrader's
/// `2024.01.31 09:30`, and epoch seconds or milliseconds (an integer of 12 digits or more is
/// milliseconds).
public enum TimeParsing {
    /// UTC epoch milliseconds, or nil when the text is not a time.
    public static func epochMilliseconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || (bytes[0] == UInt8(ascii: "-") && bytes.count > 1) {
            return epoch(bytes)
        }
        return calendar(bytes)
    }

    public static func epochMilliseconds(_ text: String) -> Int64? {
        var copy = Array(text.utf8)
        return copy.withUnsafeMutableBufferPointer { epochMilliseconds(UnsafeBufferPointer($0)) }
    }

    private static func epoch(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var value: Int64 = 0
        var negative = false
        for (index, byte) in bytes.enumerated() {
            if index == 0, byte == UInt8(ascii: "-") { negative = true; continue }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(byte - 0x30))
            guard !o1, !o2 else { return nil }
            value = sum
        }
        let digits = bytes.count - (negative ? 1 : 0)
        let milliseconds = digits >= 12 ? value : value * 1000
        return negative ? -milliseconds : milliseconds
    }

    private static func calendar(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var position = 0
        func number(_ width: Int) -> Int? {
            guard position + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[position + offset]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            position += width
            return value
        }
        func accept(_ options: String) -> Bool {
            guard position < bytes.count, options.utf8.contains(bytes[position]) else { return false }
            position += 1
            return true
        }
        guard let year = number(4), accept("-."), let month = number(2), accept("-."), let day = number(2) else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day) else { return nil }
        var seconds = 0
        var milliseconds = 0
        if position < bytes.count {
            guard accept("T "), let hour = number(2), accept(":"), let minute = number(2),
                  hour < 24, minute < 60 else { return nil }
            seconds = hour * 3600 + minute * 60
            if accept(":") {
                guard let second = number(2), second < 61 else { return nil }
                seconds += second
                if accept(".") {
                    var scale = 100
                    while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                        milliseconds += Int(bytes[position] - 0x30) * scale
                        scale /= 10
                        position += 1
                    }
                }
            }
            if accept("Z") {
            } else if position < bytes.count {
                let sign = bytes[position] == UInt8(ascii: "-") ? -1 : 1
                guard accept("+-"), let offsetHours = number(2) else { return nil }
                _ = accept(":")
                guard let offsetMinutes = number(2) else { return nil }
                seconds -= sign * (offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        guard position == bytes.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return (Int64(days) * 86_400 + Int64(seconds)) * 1000 + Int64(milliseconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2004-12-21T00:00:00Z` (milliseconds shown only when not zero).
    public static func iso8601(_ epochMilliseconds: Int64) -> String {
        let totalSeconds = epochMilliseconds >= 0 ? epochMilliseconds / 1000 : (epochMilliseconds - 999) / 1000
        let milliseconds = Int(epochMilliseconds - totalSeconds * 1000)
        var days = Int(totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400)
        let secondOfDay = Int(totalSeconds - Int64(days) * 86_400)
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if milliseconds != 0 { text += "." + pad(milliseconds, 3) }
        return text + "Z"
    }
}
