import Foundation

/// One glyph of the embedded atlas: where its image lies and how it sits on the baseline.
struct Glyph: Sendable {
    let atlasX: Int, atlasY: Int, width: Int, height: Int
    /// Offset of the glyph image from the pen position: right, and down from the baseline (negative = up).
    let left: Int, top: Int
    /// How far the pen moves after the glyph, in pixels.
    let advance: Float
}

/// DejaVu Sans at one embedded pixel size.
struct FontFace: Sendable {
    let size: Int
    let ascent: Int
    let descent: Int
    let glyphs: [UInt32: Glyph]
    /// Drawn for characters the atlas lacks.
    let fallback: Glyph

    func glyph(_ scalar: Unicode.Scalar) -> Glyph {
        glyphs[scalar.value] ?? fallback
    }

    /// Width of `text` on one line, in pixels.
    func width(of text: String) -> Float {
        text.unicodeScalars.reduce(0) { $0 + glyph($1).advance }
    }

    var lineHeight: Int { ascent + descent }
}

/// The embedded font: a glyph atlas of DejaVu Sans at a few pixel sizes (see FontAtlasData.swift).
enum Font {
    /// The atlas pixels, 0...255 coverage; nil only if the embedded data were damaged.
    static let atlas: ByteImage? = {
        let text = FontAtlasData.atlasPNG.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text) else { return nil }
        return try? PNG.decodeBytes([UInt8](data), name: "the embedded font atlas")
    }()

    static let faces: [FontFace] = {
        let perGlyph = 7, characters = FontAtlasData.characters
        return FontAtlasData.sizes.enumerated().map { sizeIndex, size in
            var glyphs: [UInt32: Glyph] = [:]
            for (index, scalar) in characters.enumerated() {
                let base = (sizeIndex * characters.count + index) * perGlyph
                let v = FontAtlasData.glyphs[base..<base + perGlyph].map(Int.init)
                glyphs[scalar.value] = Glyph(atlasX: v[0], atlasY: v[1], width: v[2], height: v[3],
                                             left: v[4], top: v[5], advance: Float(v[6]) / 64)
            }
            let metrics = FontAtlasData.lineMetrics[sizeIndex]
            // "?" is in the atlas; the force-free fallback keeps the type total.
            let fallback = glyphs[UInt32(UInt8(ascii: "?"))] ?? Glyph(atlasX: 0, atlasY: 0, width: 0, height: 0,
                                                                       left: 0, top: 0, advance: Float(size) / 2)
            return FontFace(size: size, ascent: metrics.ascent, descent: metrics.descent,
                            glyphs: glyphs, fallback: fallback)
        }
    }()

    /// The embedded face closest to `size` pixels.
    static func face(size: Float) -> FontFace {
        faces.min { abs(Float($0.size) - size) < abs(Float($1.size) - size) } ?? faces[0]
    }
}
