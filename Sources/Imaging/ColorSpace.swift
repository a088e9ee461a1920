import Foundation

/// sRGB companding and CIE L*a*b* (D65 white), the conversions used for colorization experiments.
/// Formulas: IEC 61966-2-1 for sRGB, CIE 15 for L*a*b*; matrices for linear sRGB ↔ XYZ (D65).
public enum ColorSpace {
    /// sRGB-encoded value in [0, 1] → linear light.
    @inline(__always)
    public static func decodeSRGB(_ value: Float) -> Float {
        value <= 0.04045 ? value / 12.92 : powf((value + 0.055) / 1.055, 2.4)
    }

    /// Linear light in [0, 1] → sRGB-encoded value.
    @inline(__always)
    public static func encodeSRGB(_ value: Float) -> Float {
        value <= 0.0031308 ? value * 12.92 : 1.055 * powf(value, 1 / 2.4) - 0.055
    }

    // D65 reference white, Y normalized to 1.
    static let whiteX: Float = 0.95047, whiteZ: Float = 1.08883
    // The CIE constants: f(t) = cbrt(t) above (6/29)^3, a line below it.
    static let epsilon: Float = 216.0 / 24389.0
    static let delta: Float = 6.0 / 29.0

    /// sRGB (components in [0, 1]) → L* in [0, 100], a*, b* roughly in [-128, 127].
    public static func rgbToLab(_ r: Float, _ g: Float, _ b: Float) -> (l: Float, a: Float, b: Float) {
        let lr = decodeSRGB(r), lg = decodeSRGB(g), lb = decodeSRGB(b)
        let x = (0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb) / whiteX
        let y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb
        let z = (0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb) / whiteZ
        let fx = labF(x), fy = labF(y), fz = labF(z)
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))
    }

    /// L*a*b* → sRGB components, clamped to [0, 1] (colours outside the sRGB gamut are clipped).
    public static func labToRGB(_ l: Float, _ a: Float, _ b: Float) -> (r: Float, g: Float, b: Float) {
        let fy = (l + 16) / 116
        let x = labFInverse(fy + a / 500) * whiteX
        let y = labFInverse(fy)
        let z = labFInverse(fy - b / 200) * whiteZ
        let lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
        let lg = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z
        let lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
        return (encodeSRGB(clampUnit(lr)), encodeSRGB(clampUnit(lg)), encodeSRGB(clampUnit(lb)))
    }

    @inline(__always)
    static func labF(_ t: Float) -> Float {
        t > epsilon ? cbrtf(t) : t / (3 * delta * delta) + 4.0 / 29.0
    }

    @inline(__always)
    static func labFInverse(_ t: Float) -> Float {
        t > delta ? t * t * t : 3 * delta * delta * (t - 4.0 / 29.0)
    }

    @inline(__always)
    static func clampUnit(_ value: Float) -> Float {
        !(value > 0) ? 0 : min(value, 1)
    }
}
