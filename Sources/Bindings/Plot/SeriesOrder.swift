/// The order in which `plot.lines` draws named series, since a Lua table has none: as Keras lists a
/// training history, `loss` first, then the other names alphabetically, each followed by its
/// validation twin (`loss`, `val_loss`, `accuracy`, `val_accuracy`). Colours follow this order, so
/// the same history always gets the same picture.
enum SeriesOrder {
    static let validationPrefix = "val_"

    static func sorted(_ names: [String]) -> [String] {
        names.sorted { first, second in
            let a = split(first), b = split(second)
            if a.base != b.base {
                if a.base == "loss" || b.base == "loss" { return a.base == "loss" }
                return a.base < b.base
            }
            return !a.isValidation && b.isValidation
        }
    }

    /// `val_loss` is the validation twin of `loss`.
    private static func split(_ name: String) -> (base: Substring, isValidation: Bool) {
        if name.hasPrefix(validationPrefix) && name.count > validationPrefix.count {
            return (name.dropFirst(validationPrefix.count), true)
        }
        return (Substring(name), false)
    }
}
