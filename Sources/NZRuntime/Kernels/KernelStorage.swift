/// A kernel's window of values: fixed-size storage without an array's per-write bounds check
/// and out-of-line uniqueness call, since every kernel step writes its window. Indices are the
/// kernel's own ring positions, always in 0..<count.
///
/// It has reference semantics: a copy of a kernel shares its window with the original. The
/// drivers make each kernel fresh (`KernelFactory`) and only ever move it between a box and a
/// local copy that replaces the original, so no two live copies are ever stepped; make a new
/// kernel rather than copying one that is in use.
public struct KernelStorage: RandomAccessCollection {
    @usableFromInline final class Buffer {
        @usableFromInline let count: Int
        @usableFromInline let base: UnsafeMutablePointer<Double>

        @usableFromInline init(count: Int, repeating value: Double) {
            self.count = count
            base = UnsafeMutablePointer<Double>.allocate(capacity: Swift.max(1, count))
            base.initialize(repeating: value, count: Swift.max(1, count))
        }

        deinit { base.deallocate() }
    }

    @usableFromInline let buffer: Buffer

    public init(repeating value: Double, count: Int) {
        buffer = Buffer(count: Swift.max(0, count), repeating: value)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { buffer.count }

    public subscript(position: Int) -> Double {
        @inlinable @inline(__always) get { buffer.base[position] }
        @inlinable @inline(__always) nonmutating set { buffer.base[position] = newValue }
    }
}
