#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The C math library, named so the op semantics read clearly.
@inlinable public func cLog(_ x: Double) -> Double { log(x) }
@inlinable public func cExp(_ x: Double) -> Double { exp(x) }
@inlinable public func cPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
