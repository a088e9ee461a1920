/// An sRGB colour with components in [0, 1].
public struct Color: Equatable, Sendable {
    public var r: Float
    public var g: Float
    public var b: Float

    public init(_ r: Float, _ g: Float, _ b: Float) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// From 0xRRGGBB.
    public init(rgb: UInt32) {
        self.init(Float((rgb >> 16) & 0xFF) / 255, Float((rgb >> 8) & 0xFF) / 255, Float(rgb & 0xFF) / 255)
    }

    public static let black = Color(0, 0, 0)
    public static let white = Color(1, 1, 1)

    /// Names accepted by `Color(named:)`: matplotlib's single letters, common CSS names and the tab10 names.
    public static let names: [String: Color] = [
        "black": .black, "k": .black, "white": .white, "w": .white,
        "red": Color(rgb: 0xFF0000), "r": Color(1, 0, 0), "green": Color(rgb: 0x008000), "g": Color(0, 0.5, 0),
        "blue": Color(rgb: 0x0000FF), "b": Color(0, 0, 1), "cyan": Color(0, 1, 1), "c": Color(0, 0.75, 0.75),
        "magenta": Color(1, 0, 1), "m": Color(0.75, 0, 0.75), "yellow": Color(1, 1, 0), "y": Color(0.75, 0.75, 0),
        "gray": Color(rgb: 0x808080), "grey": Color(rgb: 0x808080), "orange": Color(rgb: 0xFFA500),
        "purple": Color(rgb: 0x800080), "brown": Color(rgb: 0xA52A2A), "pink": Color(rgb: 0xFFC0CB),
        "tab:blue": Palette.tab10[0], "tab:orange": Palette.tab10[1], "tab:green": Palette.tab10[2],
        "tab:red": Palette.tab10[3], "tab:purple": Palette.tab10[4], "tab:brown": Palette.tab10[5],
        "tab:pink": Palette.tab10[6], "tab:gray": Palette.tab10[7], "tab:olive": Palette.tab10[8],
        "tab:cyan": Palette.tab10[9],
    ]

    /// A colour from a name (`"red"`, `"k"`, `"tab:blue"`), `"#rrggbb"`/`"#rgb"`, or `"C0"`…`"C9"`
    /// (the default colour cycle, as in matplotlib).
    public init(named text: String) throws {
        let name = text.lowercased()
        if let color = Color.names[name] {
            self = color
            return
        }
        if name.hasPrefix("c"), let index = Int(name.dropFirst()), index >= 0 {
            self = Palette.cycle(index)
            return
        }
        if name.hasPrefix("#") {
            var digits = String(name.dropFirst())
            if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
            if digits.count == 6, let value = UInt32(digits, radix: 16) {
                self.init(rgb: value)
                return
            }
        }
        throw ImagingError("color: unknown colour '\(text)'; use a name like 'red' or 'tab:blue', "
                           + "'#rrggbb', or 'C0'...'C9'")
    }

    /// Relative luminance (Rec. 709 weights on linear light), to pick black or white text over it.
    var luminance: Float {
        0.2126 * ColorSpace.decodeSRGB(r) + 0.7152 * ColorSpace.decodeSRGB(g) + 0.0722 * ColorSpace.decodeSRGB(b)
    }
}

/// The default colours of series, in order.
public enum Palette {
    /// Tableau's 10 categorical colours, matplotlib's default cycle.
    public static let tab10: [Color] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { Color(rgb: $0) }

    /// The colour of the `index`-th series (0-based), repeating after ten.
    public static func cycle(_ index: Int) -> Color {
        tab10[((index % tab10.count) + tab10.count) % tab10.count]
    }
}
