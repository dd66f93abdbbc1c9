import Foundation

/// The k-th smallest value of an array (0-based), by Floyd and Rivest's SELECT ("Algorithm
/// 489", CACM 18(3), 1975): a recursive selection on a sample brackets the k-th value closely,
/// so the partitions that follow touch little more than n elements in all. The array is
/// reordered so that every value before k is at most the result and every value after it at
/// least it. Values must not be NaN.
enum OrderStatistic {
    /// - Complexity: O(n) expected, n + min(k, n − k) + o(n) comparisons.
    /// Only `values[..<below]` takes part (default: all of them).
    static func select(_ values: inout [Double], _ k: Int, below: Int? = nil) -> Double {
        let end = below ?? values.count
        return values.withUnsafeMutableBufferPointer { buffer in
            select(buffer, left: 0, right: end - 1, k)
            return buffer[k]
        }
    }

    private static func select(_ a: UnsafeMutableBufferPointer<Double>, left: Int, right: Int, _ k: Int) {
        var left = left, right = right
        while right > left {
            if right - left > 600 {
                // Select within a sample of the range first: its bounds bracket the k-th value.
                let n = Double(right - left + 1), i = Double(k - left + 1)
                let z = Foundation.log(n), s = 0.5 * Foundation.exp(2 * z / 3)
                let spread = 0.5 * (z * s * (n - s) / n).squareRoot() * (i < n / 2 ? -1 : 1)
                select(a, left: max(left, Int(Double(k) - i * s / n + spread)), right: min(right, Int(Double(k) + (n - i) * s / n + spread)), k)
            }
            let pivot = a[k]
            var i = left, j = right
            a.swapAt(left, k)
            if a[right] > pivot { a.swapAt(right, left) }
            while i < j {
                a.swapAt(i, j)
                i += 1
                j -= 1
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
            }
            if a[left] == pivot {
                a.swapAt(left, j)
            } else {
                j += 1
                a.swapAt(j, right)
            }
            if j <= k { left = j + 1 }
            if k <= j { right = j - 1 }
        }
    }
}
