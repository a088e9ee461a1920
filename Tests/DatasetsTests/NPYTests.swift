import Foundation
import Testing
@testable import Datasets

@Suite("NumPy .npy and .npz")
struct NPYTests {
    func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The values make_fixtures.py gives f4_2x3: element k = k * 0.25 - 1.
    let f4Values: [Float] = (0..<6).map { Float($0) * 0.25 - 1 }

    @Test func readsEveryElementType() throws {
        let f4 = try NPY.read(path: fixture("f4_2x3.npy"))
        #expect(f4 == TypedArray(shape: [2, 3], elements: .float32(f4Values)))
        #expect(try NPY.read(path: fixture("f8_3.npy")) == TypedArray(shape: [3], elements: .float64([0.5, -2, 1e-300])))
        #expect(try NPY.read(path: fixture("u1_2x2.npy")) == TypedArray(shape: [2, 2], elements: .uint8([0, 1, 254, 255])))
        let i8 = (0..<5).map { Int64($0) * 1_000_000_000_000 - 2 }
        #expect(try NPY.read(path: fixture("i8_5.npy")) == TypedArray(shape: [5], elements: .int64(i8)))
        #expect(try NPY.read(path: fixture("i4_4.npy")) == TypedArray(shape: [4], elements: .int32([Int32.min, -1, 0, Int32.max])))
        #expect(try NPY.read(path: fixture("f4_big_endian.npy")) == TypedArray(shape: [2], elements: .float32([1.5, -3])))
        #expect(try NPY.read(path: fixture("f4_empty_0x4.npy")) == TypedArray(shape: [0, 4], elements: .float32([])))
        #expect(try NPY.read(path: fixture("f8_scalar.npy")) == TypedArray(shape: [], elements: .float64([2.5])))
    }

    @Test func readsVersion2And3Headers() throws {
        for name in ["f4_version2.npy", "f4_version3.npy"] {
            #expect(try NPY.read(path: fixture(name)) == TypedArray(shape: [2, 3], elements: .float32(f4Values)))
        }
    }

    @Test func fortranOrderComesBackInCOrder() throws {
        let array = try NPY.read(path: fixture("f8_fortran_2x3x4.npy"))
        var expected: [Double] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { expected.append(Double(100 * i + 10 * j + k)) } } }
        #expect(array == TypedArray(shape: [2, 3, 4], elements: .float64(expected)))
    }

    @Test func writerMatchesNumPyBytesExactly() throws {
        let folder = try TemporaryFolder()
        let cases: [(String, TypedArray)] = [
            ("f4_2x3.npy", TypedArray(shape: [2, 3], elements: .float32(f4Values))),
            ("i8_5.npy", TypedArray(shape: [5], elements: .int64((0..<5).map { Int64($0) * 1_000_000_000_000 - 2 }))),
            ("u1_2x2.npy", TypedArray(shape: [2, 2], elements: .uint8([0, 1, 254, 255]))),
            ("f8_scalar.npy", TypedArray(shape: [], elements: .float64([2.5]))),
            ("f4_empty_0x4.npy", TypedArray(shape: [0, 4], elements: .float32([]))),
        ]
        for (name, array) in cases {
            let path = folder.url.appendingPathComponent(name).path
            try NPY.write(array, to: path)
            let ours = try Data(contentsOf: URL(fileURLWithPath: path))
            let numpys = try Data(contentsOf: URL(fileURLWithPath: fixture(name)))
            #expect(ours == numpys, "\(name)")
            #expect(try NPY.read(path: path) == array)
        }
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("out.npy").path
        try NPY.write(TypedArray(shape: [2], elements: .int32([1, 2])), to: path)
        try NPY.write(TypedArray(shape: [3], elements: .int32([7, 8, 9])), to: path)
        #expect(try NPY.read(path: path).elements == .int32([7, 8, 9]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.npy"])
    }

    @Test func writerRejectsMismatchedShapeAndMissingFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("x.npy").path
        let error = expectDatasetError { try NPY.write(TypedArray(shape: [2, 2], elements: .float32([1, 2, 3])), to: path) }
        #expect(error?.reason.contains("needs 4 elements but the array has 3") == true)
        let nowhere = folder.url.appendingPathComponent("no/such/folder/x.npy").path
        let folderError = expectDatasetError { try NPY.write(TypedArray(shape: [1], elements: .float32([1])), to: nowhere) }
        #expect(folderError?.reason.contains("does not exist") == true)
    }

    @Test func truncatedNPYNamesTheByteOffset() throws {
        let folder = try TemporaryFolder()
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("f4_2x3.npy"))))   // 128 + 24 bytes
        let path = try folder.write("cut.npy", Array(whole[0..<140]))
        let error = expectDatasetError { _ = try NPY.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .byte(140))
        #expect(error?.reason.contains("expected 24 bytes from byte 128") == true)
        let headerCut = try folder.write("header.npy", Array(whole[0..<50]))
        #expect(expectDatasetError { _ = try NPY.read(path: headerCut) }?.location == .byte(50))
    }

    @Test func unsupportedTypeAndWrongMagicAreClear() throws {
        let folder = try TemporaryFolder()
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("f4_2x3.npy"))))
        let descriptor = Array("<f4".utf8), replacement = Array("<c8".utf8)
        let position = try #require((0..<bytes.count - 3).first { Array(bytes[$0..<$0 + 3]) == descriptor })
        bytes.replaceSubrange(position..<position + 3, with: replacement)
        let complex = try folder.write("complex.npy", bytes)
        #expect(expectDatasetError { _ = try NPY.read(path: complex) }?.reason.contains("'<c8'") == true)
        let text = try folder.write("text.npy", "hello, this is not numpy")
        #expect(expectDatasetError { _ = try NPY.read(path: text) }?.reason.contains("not a .npy file") == true)
    }

    @Test func readsStoredAndDeflatedArchives() throws {
        for name in ["stored.npz", "deflated.npz"] {
            let arrays = try NPZ.read(path: fixture(name))
            #expect(arrays.first { $0.name == "weights" }?.array == TypedArray(shape: [2, 3], elements: .float32(f4Values)), "\(name)")
            #expect(arrays.first { $0.name == "labels" }?.array == TypedArray(shape: [3], elements: .int64([3, 1, 2])), "\(name)")
        }
        let big = try #require(try NPZ.read(path: fixture("deflated.npz")).first { $0.name == "big" })
        #expect(big.array == TypedArray(shape: [10000], elements: .float32((0..<10000).map(Float.init))))
    }

    @Test func truncatedArchiveIsAClearError() throws {
        let folder = try TemporaryFolder()
        let whole = try Array(Data(contentsOf: URL(fileURLWithPath: fixture("deflated.npz"))))
        let path = try folder.write("cut.npz", Array(whole[0..<whole.count / 2]))
        let error = expectDatasetError { _ = try NPZ.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.reason.contains("not a zip archive") == true)
    }
}
