/// A line of text rasterized to coverage values: `width` x `height` pixels, the baseline `ascent`
/// pixels below the top.
struct TextMask {
    let width: Int
    let height: Int
    let ascent: Int
    var coverage: [Float]

    init(_ text: String, face: FontFace) {
        ascent = face.ascent
        height = face.lineHeight
        // The last glyph's image may reach past its advance (italics-like overhangs are tiny here).
        var right: Float = 0, pen: Float = 0
        for scalar in text.unicodeScalars {
            let glyph = face.glyph(scalar)
            right = max(right, pen.rounded() + Float(glyph.left + glyph.width))
            pen += glyph.advance
        }
        width = max(1, Int(max(right, pen).rounded(.up)))
        coverage = [Float](repeating: 0, count: width * height)
        guard let atlas = Font.atlas else { return }
        let levels = Image.byteLevels
        pen = 0
        let (width, height, ascent) = (width, height, ascent)
        coverage.withUnsafeMutableBufferPointer { target in
            atlas.bytes.withUnsafeBufferPointer { source in
                for scalar in text.unicodeScalars {
                    let glyph = face.glyph(scalar)
                    let originX = Int(pen.rounded()) + glyph.left, originY = ascent + glyph.top
                    for row in 0..<glyph.height where (0..<height).contains(originY + row) {
                        for column in 0..<glyph.width where (0..<width).contains(originX + column) {
                            let value = levels[Int(source[(glyph.atlasY + row) * atlas.width + glyph.atlasX + column])]
                            let index = (originY + row) * width + originX + column
                            target[index] = min(1, target[index] + value)
                        }
                    }
                    pen += glyph.advance
                }
            }
        }
    }
}
