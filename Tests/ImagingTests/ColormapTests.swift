import Foundation
import Testing
@testable import Imaging

@Suite struct ColormapTests {
    struct Reference: Decodable {
        let points: [Float]
        let maps: [String: [[Float]]]
    }

    /// matplotlib's colours at a few points, computed once by scripts/imaging/make_colormaps.py.
    static let reference: Reference? = {
        let url = URL(fileURLWithPath: "\(Fixtures.folder)/colormap_reference.json")
        return (try? Data(contentsOf: url)).flatMap { try? JSONDecoder().decode(Reference.self, from: $0) }
    }()

    @Test(arguments: Colormap.allCases)
    func matchesMatplotlib(map: Colormap) throws {
        let reference = try #require(Self.reference)
        let expected = try #require(reference.maps[map.rawValue])
        for (t, rgb) in zip(reference.points, expected) {
            let color = map.color(t)
            // Tables hold 8-bit colours: within half a level of matplotlib's floats.
            expectClose([color.r, color.g, color.b], rgb, tolerance: 0.5 / 255 + 1e-6)
        }
    }

    @Test func publishedEndpointColours() {
        // The hex colours published with viridis and magma (matplotlib's documentation): t = 0, 0.5, 1.
        func hex(_ color: Color) -> String {
            String(format: "%02x%02x%02x", Int((color.r * 255).rounded()), Int((color.g * 255).rounded()),
                   Int((color.b * 255).rounded()))
        }
        #expect([0, 0.5, 1].map { hex(Colormap.viridis.color($0)) } == ["440154", "21918c", "fde725"])
        #expect([0, 0.5, 1].map { hex(Colormap.magma.color($0)) } == ["000004", "b73779", "fcfdbf"])
        #expect(hex(Colormap.jet.color(0)) == "000080" && hex(Colormap.jet.color(1)) == "800000")
        #expect(hex(Colormap.gray.color(1)) == "ffffff")
    }

    @Test func applyScalesTheValueRange() throws {
        let map = try ScalarMap([[10, 20], [30, .nan]])
        let image = try Colormap.gray.apply(to: map)
        #expect(image.channels == 3 && image.width == 2 && image.height == 2)
        // 10 → 0, 20 → 0.5 (entry 128), 30 → 1, NaN → lowest colour.
        expectClose(stride(from: 0, to: 12, by: 3).map { image.pixels[$0] }, [0, 128 / 255, 1, 0])
        let fixed = try Colormap.gray.apply(to: map, range: 0...40)
        expectClose([fixed.pixels[0], fixed.pixels[6]], [64 / 255, 192 / 255])
        let flat = try Colormap.gray.apply(to: try ScalarMap([[5, 5]]))
        #expect(flat.pixels.allSatisfy { $0 == 0 })
        #expect(throws: ImagingError.self) { try Colormap.gray.apply(to: map, range: -Float.infinity...0) }
    }

    @Test func namesAndErrors() throws {
        #expect(try Colormap(named: "Viridis") == .viridis && Colormap(named: "grey") == .gray)
        do {
            _ = try Colormap(named: "rainbow")
            Issue.record("unknown colormap should throw")
        } catch let error as ImagingError {
            #expect(error.message.contains("rainbow") && error.message.contains("viridis"))
        }
        #expect(try Color(named: "#ff8000") == Color(1, 128 / 255, 0))
        #expect(try Color(named: "C1") == Palette.tab10[1])
        #expect(throws: ImagingError.self) { try Color(named: "#12345") }
    }
}

@Suite struct OverlayAndGridTests {
    @Test func heatmapOverlayBlendsTheColouredMap() throws {
        let image = try Image(width: 4, height: 4, channels: 1, fill: [0.5])
        // A 2x2 map: top-left hot, the rest cold. Upsampled to 4x4: corner (0,0) keeps the maximum.
        let map = try ScalarMap([[1, 0], [0, 0]])
        let result = try image.heatmapOverlay(map, colormap: .gray, alpha: 0.4)
        #expect(result.channels == 3 && result.width == 4)
        expectClose(Array(result.pixels[0..<3]), [0.6 * 0.5 + 0.4, 0.6 * 0.5 + 0.4, 0.6 * 0.5 + 0.4])
        // Bottom-right corner: value 0 → black at weight 0.4.
        expectClose(Array(result.pixels[45..<48]), [0.3, 0.3, 0.3])
        // Default jet: hottest pixel is jet(1) = dark red blended over grey.
        let jet = try image.heatmapOverlay(map)
        expectClose(Array(jet.pixels[0..<3]), [0.3 + 0.4 * 0.5, 0.3, 0.3], tolerance: 0.003)
        #expect(throws: ImagingError.self) { try image.heatmapOverlay(map, alpha: 1.5) }
    }

    @Test func gridPlacesCellsWithPadding() throws {
        let black = try Image(width: 2, height: 3, channels: 1, fill: [0])
        let grid = try Image.grid([black, black, black], padding: 1)
        // ceil(√3) = 2 columns, 2 rows: width 2·2 + 3·1, height 2·3 + 3·1.
        #expect(grid.width == 7 && grid.height == 9 && grid.channels == 1)
        #expect(grid.value(x: 0, y: 0, channel: 0) == 1)       // padding
        #expect(grid.value(x: 1, y: 1, channel: 0) == 0)       // first image
        #expect(grid.value(x: 1, y: 5, channel: 0) == 0)       // third image, second row
        #expect(grid.value(x: 4, y: 6, channel: 0) == 1)       // empty fourth cell
        let colored = try Image.grid([black, try Image(width: 2, height: 2, channels: 3, fill: [1, 0, 0])], columns: 2)
        #expect(colored.channels == 3)
    }

    @Test func gridTitlesAreDrawnAboveEachCell() throws {
        let images = try (0..<4).map { _ in try Image(width: 28, height: 28, channels: 1, fill: [0.5]) }
        let grid = try Image.grid(images, columns: 4, titles: ["Label: 5", "Label: 0", "Label: 4", "Label: 1"])
        // Titles make small images scale up (28 → 84) and add a title band above them.
        #expect(grid.width == 4 * 84 + 5 * 2)
        let band = try grid.cropped(x: 2, y: 2, width: 84, height: 14)
        #expect(band.pixels.contains { $0 < 0.3 }, "title text should be dark on the white band")
        #expect(throws: ImagingError.self) { try Image.grid(images, titles: ["only one"]) }
        #expect(throws: ImagingError.self) { try Image.grid([]) }
    }
}

@Suite struct ColorbarTests {
    @Test func colorbarRunsFromLowAtTheBottomToHighAtTheTop() throws {
        let image = try Colormap.viridis.colorbar(low: 0, high: 1, height: 200, label: "probability")
        #expect(image.height == 200 && image.channels == 3 && image.width > 40)
        let pixels = Pixels(image: image)
        // The strip starts 4 pixels in and is 16 wide; rows 8...192.
        // Row r (pixel centre r + 0.5) shows the value at its height: (192 − r − 0.5) / 184; rows
        // 8 and 191 are the black frame.
        for row in [9, 10, 100, 150, 190] {
            let t = (192 - Float(row) - 0.5) / 184
            #expect(pixels.distance(12, row, Colormap.viridis.color(t)) < 0.01, "row \(row)")
        }
        #expect(pixels.isBlack(12, 8) && pixels.isBlack(12, 191))
        // Tick labels (dark text) to the right of the strip.
        var dark = 0
        for y in 0..<200 { for x in 24..<image.width where pixels.distance(x, y, .black) < 0.3 { dark += 1 } }
        #expect(dark > 20)
        #expect(throws: ImagingError.self) { try Colormap.jet.colorbar(low: 1, high: 0) }
    }
}
