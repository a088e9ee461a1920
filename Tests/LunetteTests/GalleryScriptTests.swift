import Foundation
import Imaging
import Testing

/// scripts/gallery.lua through the built executable: every PNG it lists must decode, have the size it
/// lists (and the size the script asked for, where the test knows it independently) and show
/// something.
@Suite struct GalleryScriptTests {
    /// Sizes fixed by the API's documented defaults: charts are 640x480, a 2x2 figure 2 x 440 by
    /// 2 x 360, a colorbar as tall as asked.
    static let knownSizes: [String: (width: Int, height: Int)] = [
        "chart_lines": (640, 480), "chart_lines_log": (640, 480), "chart_dense": (640, 480),
        "chart_scatter_classes": (640, 480), "chart_scatter_values": (640, 480), "chart_scatter_words": (640, 480),
        "chart_bars": (640, 480), "chart_hist": (640, 480), "chart_matrix": (640, 480),
        "chart_confusion": (640, 480), "chart_confusion_normalized": (640, 480), "figure": (880, 720),
        "photo_uint8": (160, 160),
    ]

    @Test func galleryWritesEveryPicture() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lunette-gallery-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Executable.run(["run", "scripts/gallery.lua", folder.path])
        try #require(result.status == 0, "gallery.lua failed:\n\(result.output)\(result.error)")

        var listed: [String: (path: String, width: Int, height: Int)] = [:]
        for line in result.output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, fields[0].hasSuffix(".png") else { continue }
            let size = fields[1].split(separator: "x").compactMap { Int($0) }
            try #require(size.count == 2, "unreadable size in: \(line)")
            let name = ((String(fields[0]) as NSString).lastPathComponent as NSString).deletingPathExtension
            listed[name] = (String(fields[0]), size[0], size[1])
        }
        // Every chart kind and every image operation has its picture (faces need the embedded data).
        let expected = Set(Self.knownSizes.keys).union(["photo", "resize", "geometry", "colour", "colormaps",
                                                        "colorbar", "heatmap_overlay", "grid_photos", "grid_faces"])
        #expect(Set(listed.keys) == expected, "listed: \(listed.keys.sorted())")

        for (name, file) in listed.sorted(by: { $0.key < $1.key }) {
            #expect(file.path.hasPrefix(folder.path), "\(name) was written outside the folder given")
            let picture = try PNG.read(file.path)
            #expect(picture.width == file.width && picture.height == file.height,
                    "\(name): listed as \(file.width)x\(file.height), the file is \(picture.width)x\(picture.height)")
            if let known = Self.knownSizes[name] {
                #expect(picture.width == known.width && picture.height == known.height, "\(name) has the wrong size")
            }
            #expect(Self.isNotBlank(picture), "\(name) is blank")
        }
        #expect(listed["colorbar"]?.height == 300)
    }

    /// Not blank: values span most of [0, 1], and the picture has many distinct colours.
    static func isNotBlank(_ picture: Image) -> Bool {
        let low = picture.pixels.min() ?? 0, high = picture.pixels.max() ?? 0
        var colours = Set<[Float]>()
        for index in stride(from: 0, to: picture.pixels.count, by: picture.channels) where colours.count < 16 {
            colours.insert(Array(picture.pixels[index..<index + picture.channels]))
        }
        return high - low > 0.5 && colours.count >= 16
    }
}
