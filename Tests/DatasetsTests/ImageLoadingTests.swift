import Foundation
import Imaging
import Testing
import Tensors
@testable import Datasets

@Suite("Images: folders, photographs, grey copies, patches, flips")
struct ImageLoadingTests {
    /// A 2 x 3 RGB image whose component values are k / 255 for k = 10, 20, ... (row-major HWC).
    static let smallPixels: [UInt8] = (1...18).map { UInt8($0 * 10) }

    func writeSmallPNG(_ folder: TemporaryFolder, _ name: String) throws -> String {
        let path = folder.url.appendingPathComponent(name).path
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try PNG.write(ByteImage(width: 3, height: 2, channels: 3, bytes: Self.smallPixels), to: path)
        return path
    }

    @Test func pngFileAsFloatAndByteTensors() throws {
        let folder = try TemporaryFolder()
        let path = try writeSmallPNG(folder, "small.png")
        let floats = try ImageLoading.file(path: path)
        #expect(Array(floats.shape) == [2, 3, 3] && floats.dtype == .float32)
        #expect(try floats.toArray(Float.self) == Self.smallPixels.map { Float($0) / 255 })
        let bytes = try ImageLoading.file(path: path, dtype: .uint8)
        #expect(try bytes.toArray(UInt8.self) == Self.smallPixels)
        // ITU-R 601 luma of the first pixel (10, 20, 30): 0.299 x 10 + 0.587 x 20 + 0.114 x 30 = 18.15
        let grey = try ImageLoading.file(path: path, colorMode: .grayscale)
        #expect(Array(grey.shape) == [2, 3, 1])
        #expect(abs(try grey.toArray(Float.self)[0] - 18.15 / 255) < 1e-6)
        #expect(expectDatasetError { _ = try ImageLoading.file(path: path, dtype: .int64) }?.reason.contains("float32") == true)
    }

    @Test func folderWithClassSubfolders() throws {
        let folder = try TemporaryFolder()
        for name in ["cats/b.png", "cats/a.png", "dogs/c.png", "cats/.hidden"] { _ = try writeSmallPNG(folder, name) }
        let set = try ImageLoading.folder(path: folder.url.path)
        #expect(Array(set.images.shape) == [3, 2, 3, 3])
        #expect(set.classNames == ["cats", "dogs"] && set.names == ["a", "b", "c"])
        #expect(try set.labels?.toArray(Int64.self) == [0, 0, 1])
        let resized = try ImageLoading.folder(path: folder.url.path, size: (4, 6), colorMode: .grayscale, dtype: .uint8)
        #expect(Array(resized.images.shape) == [3, 4, 6, 1] && resized.images.dtype == .uint8)
    }

    @Test func strayFilesAreErrorsNamingThem() throws {
        let folder = try TemporaryFolder()
        _ = try writeSmallPNG(folder, "flat/a.png")
        try folder.write("flat/notes.txt", "not an image")
        let stray = expectDatasetError { _ = try ImageLoading.folder(path: folder.url.appendingPathComponent("flat").path) }
        #expect(stray?.file?.hasSuffix("flat/notes.txt") == true)
        #expect(stray?.reason.contains("not a .png image") == true)

        try folder.write("fake/b.png", "a text file with a .png name")
        let fake = expectDatasetError { _ = try ImageLoading.folder(path: folder.url.appendingPathComponent("fake").path) }
        #expect(fake?.file?.hasSuffix("fake/b.png") == true)
        #expect(fake?.reason.contains("not a PNG image") == true)

        _ = try writeSmallPNG(folder, "mixed/class/a.png")
        _ = try writeSmallPNG(folder, "mixed/loose.png")
        #expect(expectDatasetError { _ = try ImageFolder.list(path: folder.url.appendingPathComponent("mixed").path) }?
            .reason.contains("beside the class subfolders") == true)
    }

    @Test func differentSizesNeedASize() throws {
        let folder = try TemporaryFolder()
        _ = try writeSmallPNG(folder, "a.png")
        try PNG.write(ByteImage(width: 2, height: 2, channels: 1, bytes: [0, 50, 100, 150]), to: folder.url.appendingPathComponent("b.png").path)
        let error = expectDatasetError { _ = try ImageLoading.folder(path: folder.url.path) }
        #expect(error?.reason == "this image is 2x2 but a.png is 3x2 (width x height); give a size to resize them all")
        // Mixed grey and colour become RGB; the grey image repeats its value.
        let set = try ImageLoading.folder(path: folder.url.path, size: (2, 2), interpolation: .nearest, dtype: .uint8)
        #expect(Array(set.images.shape) == [2, 2, 2, 3])
        #expect(Array(try set.images.toArray(UInt8.self)[12..<18]) == [0, 0, 0, 50, 50, 50])
    }

    @Test func embeddedFacesAndPhotographs() throws {
        let faces = try BuiltinDatasets.faceImages(path: embeddedData)
        #expect(Array(faces.images.shape) == [200, 25, 25, 1])
        let labels = try #require(try faces.labels?.toArray(Int64.self))
        #expect(labels.filter { $0 == 0 }.count == 100 && labels.filter { $0 == 1 }.count == 100)
        #expect(faces.classNames == ["face", "other"])
        let values = try faces.images.toArray(Float.self)
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 } && Set(values).count > 100)

        let photos = try BuiltinDatasets.photographs(path: embeddedData)
        #expect(photos.map(\.name) == ["astronaut", "baboon", "chelsea", "coffee", "flower", "fruits", "happyfish", "smarties"])
        for photo in photos {
            #expect(photo.image.rank == 3 && photo.image.shape[2] == 3)
            #expect(max(photo.image.shape[0], photo.image.shape[1]) == 256)
        }
    }

    @Test func greyCopiesUseITU601() throws {
        // Two 1 x 2 RGB images: pure red, green / blue, white.
        let batch = try Tensor([Float(1), 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1], shape: [2, 1, 2, 3])
        let grey = try GreyImages.grey(batch)
        #expect(Array(grey.shape) == [2, 1, 2, 1])
        let expected: [Float] = [0.299, 0.587, 0.114, 1]
        #expect(zip(try grey.toArray(Float.self), expected).allSatisfy { abs($0 - $1) < 1e-6 })
        let bytes = try GreyImages.grey(Tensor([UInt8(255), 0, 0, 0, 0, 255], shape: [1, 2, 3]))
        #expect(try bytes.toArray(UInt8.self) == [76, 29])   // 0.299 x 255 = 76.2, 0.114 x 255 = 29.1
        #expect(expectDatasetError { _ = try GreyImages.grey(Tensor.zeros([4, 4, 1])) } != nil)
    }

    /// An H x W x 1 image whose pixel (r, c) holds 1000 r + c, so a patch shows where it was cut.
    func positionImage(height: Int, width: Int) throws -> Tensor {
        try Tensor((0..<height * width).map { Float(1000 * ($0 / width) + $0 % width) }, shape: [height, width, 1])
    }

    @Test func patchesAreCropsInsideTheirRegion() throws {
        let image = try positionImage(height: 100, width: 40)
        for region in [PatchRegion.whole, .train(heldOut: 0.3), .test(heldOut: 0.3)] {
            let (patches, sources) = try Patches.sample(from: [image], count: 200, height: 8, width: 5, region: region, seed: 11)
            #expect(Array(patches.shape) == [200, 8, 5, 1] && sources == Array(repeating: 0, count: 200))
            let values = try patches.toArray(Float.self)
            var tops = Set<Int>()
            for patch in 0..<200 {
                let origin = Int(values[patch * 40])
                let (top, left) = (origin / 1000, origin % 1000)
                tops.insert(top)
                for row in 0..<8 { for column in 0..<5 {
                    #expect(values[patch * 40 + row * 5 + column] == Float(1000 * (top + row) + left + column))
                } }
                #expect(left + 5 <= 40)
                switch region {
                case .whole: #expect(top + 8 <= 100)
                case .train: #expect(top + 8 <= 70)
                case .test: #expect(top >= 70 && top + 8 <= 100)
                }
            }
            #expect(tops.count > 10, "positions vary")
        }
        let again = try Patches.sample(from: [image], count: 50, height: 8, width: 5, seed: 3).patches
        #expect(try again.toArray(Float.self) == Patches.sample(from: [image], count: 50, height: 8, width: 5, seed: 3).patches.toArray(Float.self))
        let small = expectDatasetError { _ = try Patches.sample(from: [image], count: 1, height: 40, width: 5, region: .test(heldOut: 0.3), seed: 1) }
        #expect(small?.reason.contains("smaller than the patch size") == true)
    }

    @Test func patchesDrawImagesUniformly() throws {
        let images = try [positionImage(height: 20, width: 20), positionImage(height: 30, width: 10), positionImage(height: 10, width: 10)]
        let (_, sources) = try Patches.sample(from: images, count: 3000, height: 4, width: 4, seed: 5)
        for index in 0..<3 { #expect(abs(sources.filter { $0 == index }.count - 1000) < 100) }   // sd about 26
    }

    @Test func randomFlipsMirrorWholeImages() throws {
        // Image i holds pixels 100 i + 10 r + c.
        let values: [Float] = (0..<24).map { index in
            let (image, row, column) = (index / 6, index % 6 / 3, index % 3)
            return Float(100 * image + 10 * row + column)
        }
        let batch = try Tensor(values, shape: [4, 2, 3, 1])
        let mirrored = try RandomFlip.apply(batch, probability: 1, seed: 0).toArray(Float.self)
        #expect(Array(mirrored[0..<6]) == [2, 1, 0, 12, 11, 10])
        let upsideDown = try RandomFlip.apply(batch, mode: .vertical, probability: 1, seed: 0).toArray(Float.self)
        #expect(Array(upsideDown[6..<12]) == [110, 111, 112, 100, 101, 102])
        #expect(try RandomFlip.apply(batch, mode: .horizontalAndVertical, probability: 0, seed: 0).toArray(Float.self) == batch.toArray(Float.self))

        let many = try Tensor.zeros([1000, 1, 2, 1]).add(try Tensor([Float(0), 1], shape: [1, 1, 2, 1]))
        let flipped = try RandomFlip.apply(many, probability: 0.5, seed: 8).toArray(Float.self)
        let count = stride(from: 0, to: 2000, by: 2).filter { flipped[$0] == 1 }.count
        #expect(abs(count - 500) < 80)   // sd about 16
        #expect(expectDatasetError { _ = try RandomFlip.apply(Tensor.zeros([2, 2, 1]), seed: 0) } != nil)
    }
}
