import Testing
@testable import Imaging

func grey(_ width: Int, _ height: Int, _ values: [Float]) throws -> Image {
    try Image(width: width, height: height, channels: 1, pixels: values)
}

func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Float = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (index, (a, e)) in zip(actual, expected).enumerated() where !(abs(a - e) <= tolerance) {
        Issue.record("value \(index): \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}

@Suite struct ResizeTests {
    @Test func areaAveragesCoveredPixels() throws {
        expectClose(try grey(4, 1, [0, 1, 2, 3]).resized(width: 2, height: 1, method: .area).pixels, [0.5, 2.5])
        // 3 → 2: each output covers 1.5 source pixels: (0·1 + 3·0.5)/1.5 and (3·0.5 + 6·1)/1.5.
        expectClose(try grey(3, 1, [0, 3, 6]).resized(width: 2, height: 1, method: .area).pixels, [1, 5])
        // 2-D: 4x4 → 2x2 is the mean of each 2x2 block.
        let image = try grey(4, 4, (0..<16).map(Float.init))
        expectClose(try image.resized(width: 2, height: 2, method: .area).pixels, [2.5, 4.5, 10.5, 12.5])
    }

    @Test func bilinearAlignsPixelCentres() throws {
        // Same as PyTorch interpolate(mode="bilinear", align_corners=False): [0, 1] → [0, .25, .75, 1].
        expectClose(try grey(2, 1, [0, 1]).resized(width: 4, height: 1, method: .bilinear).pixels, [0, 0.25, 0.75, 1])
        let square = try grey(2, 2, [0, 1, 2, 3]).resized(width: 4, height: 4, method: .bilinear)
        expectClose(Array(square.pixels[4..<8]), [0.5, 0.75, 1.25, 1.5])
    }

    @Test func nearestPicksThePixelUnderTheCentre() throws {
        expectClose(try grey(2, 1, [5, 9]).resized(width: 4, height: 1, method: .nearest).pixels, [5, 5, 9, 9])
        expectClose(try grey(4, 1, [1, 2, 3, 4]).resized(width: 2, height: 1, method: .nearest).pixels, [2, 4])
    }

    @Test(arguments: ResizeMethod.allCases)
    func constantImageStaysConstant(method: ResizeMethod) throws {
        let image = try Image(width: 13, height: 7, channels: 3, fill: [0.2, 0.5, 0.9])
        for (w, h) in [(5, 3), (28, 28), (1, 1), (13, 20), (40, 2)] {
            let result = try image.resized(width: w, height: h, method: method)
            #expect(result.width == w && result.height == h && result.channels == 3)
            for index in stride(from: 0, to: result.pixels.count, by: 3) {
                expectClose(Array(result.pixels[index..<index + 3]), [0.2, 0.5, 0.9])
            }
        }
    }

    @Test func autoUsesAreaForShrinking() throws {
        let image = try grey(4, 1, [0, 1, 2, 3])
        #expect(try image.resized(width: 2, height: 1) == image.resized(width: 2, height: 1, method: .area))
        #expect(try image.resized(width: 8, height: 2) == image.resized(width: 8, height: 2, method: .bilinear))
    }

    @Test func badSizesThrow() throws {
        let image = try grey(2, 2, [0, 1, 2, 3])
        #expect(throws: ImagingError.self) { try image.resized(width: 0, height: 5) }
        #expect(throws: ImagingError.self) { try image.resized(width: -3, height: 5) }
        #expect(throws: ImagingError.self) { try image.resized(width: 1 << 20, height: 1 << 20) }
    }
}

@Suite struct GeometryTests {
    // 3 columns, 2 rows:  1 2 3
    //                     4 5 6
    let image = try! grey(3, 2, [1, 2, 3, 4, 5, 6])

    @Test func quarterTurnsMatchNumPyRot90() {
        let left = image.rotated90()
        #expect(left.width == 2 && left.height == 3)
        #expect(left.pixels == [3, 6, 2, 5, 1, 4])
        #expect(image.rotated90(2).pixels == [6, 5, 4, 3, 2, 1])
        #expect(image.rotated90(-1).pixels == [4, 1, 5, 2, 6, 3])
        #expect(image.rotated90(3) == image.rotated90(-1))
        #expect(image.rotated90(4) == image)
    }

    @Test func flips() {
        #expect(image.flippedHorizontally().pixels == [3, 2, 1, 6, 5, 4])
        #expect(image.flippedVertically().pixels == [4, 5, 6, 1, 2, 3])
    }

    @Test func cropAndPad() throws {
        #expect(try image.cropped(x: 1, y: 0, width: 2, height: 2).pixels == [2, 3, 5, 6])
        let padded = try image.padded(top: 1, bottom: 0, left: 0, right: 1, fill: [9])
        #expect(padded.width == 4 && padded.height == 3)
        #expect(padded.pixels == [9, 9, 9, 9, 1, 2, 3, 9, 4, 5, 6, 9])
        let rgb = try Image(width: 1, height: 1, channels: 3, pixels: [0.1, 0.2, 0.3])
        #expect(try rgb.padded(top: 0, bottom: 0, left: 1, right: 0, fill: [1, 0, 0]).pixels == [1, 0, 0, 0.1, 0.2, 0.3])
    }

    @Test func badRegionsThrowWithTheirValues() throws {
        do {
            _ = try image.cropped(x: 2, y: 0, width: 2, height: 1)
            Issue.record("crop outside the image should throw")
        } catch let error as ImagingError {
            #expect(error.message.contains("crop") && error.message.contains("3x2"))
        }
        #expect(throws: ImagingError.self) { try image.padded(top: -1, bottom: 0, left: 0, right: 0) }
        #expect(throws: ImagingError.self) { try image.padded(top: 1, bottom: 0, left: 0, right: 0, fill: [1, 2]) }
    }
}

@Suite struct ColorTests {
    @Test func greyscaleUsesITU601Luma() throws {
        let rgb = try Image(width: 3, height: 1, channels: 3, pixels: [1, 0, 0, 0, 1, 0, 0.2, 0.4, 0.6])
        expectClose(rgb.greyscale().pixels, [0.299, 0.587, 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6])
        let rgba = try Image(width: 1, height: 1, channels: 4, pixels: [0, 0, 1, 0.5])
        expectClose(rgba.greyscale().pixels, [0.114, 0.5])
        let back = try rgb.greyscale().converted(toChannels: 4)
        expectClose(Array(back.pixels[0..<4]), [0.299, 0.299, 0.299, 1])
    }

    @Test func labMatchesPublishedValues() throws {
        // sRGB primaries and white in CIE L*a*b* (D65), as tabulated by B. Lindbloom's calculator.
        let rgb = try Image(width: 5, height: 1, channels: 3,
                            pixels: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0])
        let lab = rgb.rgbToLab()
        expectClose(lab.pixels, [53.2408, 80.0925, 67.2032, 87.7347, -86.1827, 83.1793,
                                 32.2970, 79.1875, -107.8602, 100, 0, 0, 0, 0, 0], tolerance: 0.02)
        expectClose(try lab.labToRGB().pixels, rgb.pixels, tolerance: 1e-4)
    }

    @Test func labRoundTripsAPhotoLikeRange() throws {
        var values: [Float] = []
        for r in stride(from: Float(0), through: 1, by: 0.125) {
            for g in stride(from: Float(0), through: 1, by: 0.25) { values += [r, g, 1 - r * g] }
        }
        let image = try Image(width: values.count / 3, height: 1, channels: 3, pixels: values)
        expectClose(try image.rgbToLab().labToRGB().pixels, values, tolerance: 1e-4)
        #expect(throws: ImagingError.self) { try image.greyscale().labToRGB() }
    }
}
