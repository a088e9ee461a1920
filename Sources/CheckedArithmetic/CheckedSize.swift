/// Sizes, counts and byte lengths computed from values a user or a file chose. Swift traps on `Int`
/// overflow and on `Int(x)` of a Double that is NaN, infinite or out of range, which would end the
/// process; these return nil instead, so that each caller throws an error naming what was too large.
/// Inlinable: tensor creation and views call them on every operation.
public enum CheckedSize {
    /// The product of `factors` (1 for none), or nil when it overflows `Int`.
    @inlinable public static func product(_ factors: some Sequence<Int>) -> Int? {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            result = next
        }
        return result
    }

    /// `a × b`, or nil when it overflows `Int`.
    @inlinable public static func product(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// `a + b`, or nil when it overflows `Int`.
    @inlinable public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : result
    }

    /// `x` rounded toward zero, or nil when `x` is NaN, infinite or outside `Int`'s range.
    @inlinable public static func integer(_ x: Double) -> Int? {
        Int(exactly: x.rounded(.towardZero))
    }
}
