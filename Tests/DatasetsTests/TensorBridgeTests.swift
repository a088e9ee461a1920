import Foundation
import Testing
import Tensors
@testable import Datasets

@Suite("Readers' arrays as tensors")
struct TensorBridgeTests {
    @Test func typedArraysKeepBytesWidenIntegersAndNarrowDoubles() throws {
        let bytes = try TypedArray(shape: [2, 2], elements: .uint8([0, 1, 254, 255])).tensor()
        #expect(bytes.dtype == .uint8 && Array(bytes.shape) == [2, 2])
        #expect(try bytes.toArray(UInt8.self) == [0, 1, 254, 255])
        let shorts = try TypedArray(shape: [3], elements: .int16([-32768, 0, 32767])).tensor()
        #expect(shorts.dtype == .int64)
        #expect(try shorts.toArray(Int64.self) == [-32768, 0, 32767])
        let signed = try TypedArray(shape: [2], elements: .int8([-128, 127])).tensor()
        #expect(try signed.toArray(Int64.self) == [-128, 127])
        let ints = try TypedArray(shape: [1, 2], elements: .int32([Int32.min, Int32.max])).tensor()
        #expect(try ints.toArray(Int64.self) == [Int64(Int32.min), Int64(Int32.max)])
        let doubles = try TypedArray(shape: [2], elements: .float64([0.1, 1e300])).tensor()
        #expect(doubles.dtype == .float32)
        #expect(try doubles.toArray(Float.self) == [Float(0.1), Float.infinity])
        let scalar = try TypedArray(shape: [], elements: .float32([2.5])).tensor()
        #expect(scalar.rank == 0)
        #expect(try scalar.item() == 2.5)
    }

    @Test func tensorsBecomeFileElements() throws {
        let floats = try TypedArray(try Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3]).t())
        #expect(floats == TypedArray(shape: [3, 2], elements: .float32([1, 4, 2, 5, 3, 6])))
        let flags = try TypedArray(try Tensor([true, false, true], shape: [3]))
        #expect(flags == TypedArray(shape: [3], elements: .uint8([1, 0, 1])))
        let longs = try TypedArray(try Tensor([Int64(-5), 1 << 40]))
        #expect(longs.elements == .int64([-5, 1 << 40]))
    }

    @Test func npyAndNpzRoundTripsThroughTensors() throws {
        let folder = try TemporaryFolder()
        let values = try Tensor((0..<24).map { Float($0) * 0.5 - 3 }, shape: [2, 3, 4])
        let npy = folder.url.appendingPathComponent("x.npy").path
        try NPY.write(TypedArray(values), to: npy)
        let back = try NPY.read(path: npy).tensor()
        #expect(Array(back.shape) == [2, 3, 4])
        #expect(try back.toArray(Float.self) == values.toArray(Float.self))

        let npz = folder.url.appendingPathComponent("both.npz").path
        let labels = try Tensor([Int64(3), -1, 7])
        try NPZ.write([NPZ.NamedArray(name: "x", array: TypedArray(values)),
                       NPZ.NamedArray(name: "labels", array: TypedArray(labels))], to: npz)
        let arrays = try NPZ.read(path: npz)
        #expect(arrays.map(\.name) == ["x", "labels"])
        #expect(arrays[0].array == (try TypedArray(values)))
        #expect(arrays[1].array.elements == .int64([3, -1, 7]))
        // Same arrays, same bytes (fixed dates), and nothing left behind but the file.
        let first = try Data(contentsOf: URL(fileURLWithPath: npz))
        try NPZ.write([NPZ.NamedArray(name: "x", array: TypedArray(values)),
                       NPZ.NamedArray(name: "labels", array: TypedArray(labels))], to: npz)
        #expect(try Data(contentsOf: URL(fileURLWithPath: npz)) == first)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == ["both.npz", "x.npy"])
        let duplicate = expectDatasetError {
            try NPZ.write([NPZ.NamedArray(name: "a", array: TypedArray(labels)), NPZ.NamedArray(name: "a", array: TypedArray(labels))], to: npz)
        }
        #expect(duplicate?.reason.contains("distinct") == true)
    }

    @Test func npzWriterMatchesTheZipLayout() throws {
        // Checked field by field against the zip specification (APPNOTE 4.3.7, 4.3.12, 4.3.16).
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("one.npz").path
        try NPZ.write([NPZ.NamedArray(name: "v", array: TypedArray(shape: [2], elements: .uint8([7, 9])))], to: path)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let npy = try NPY.encoded(TypedArray(shape: [2], elements: .uint8([7, 9])), operation: "test", file: path)
        #expect(bytes.uint32(at: 0) == 0x0403_4B50)                 // local header
        #expect(bytes.uint16(at: 8) == 0)                            // stored
        #expect(Int(bytes.uint32(at: 18)) == npy.count && Int(bytes.uint32(at: 22)) == npy.count)
        #expect(String(decoding: bytes[30..<35], as: UTF8.self) == "v.npy")
        #expect(Array(bytes[35..<35 + npy.count]) == npy)
        #expect(UInt(bytes.uint32(at: 14)) == crc32(of: npy))
        let directory = 35 + npy.count
        #expect(bytes.uint32(at: directory) == 0x0201_4B50)
        let end = bytes.count - 22
        #expect(bytes.uint32(at: end) == 0x0605_4B50)
        #expect(bytes.uint16(at: end + 10) == 1)
        #expect(Int(bytes.uint32(at: end + 16)) == directory)
    }

    @Test func embeddedSetsAsTensors() throws {
        let mnist = try BuiltinDatasets.mnist(path: embeddedData, trainLimit: 100, testLimit: 10)
        let images = try mnist.train.imageTensor(), labels = try mnist.train.labelTensor()
        #expect(images.dtype == .uint8 && Array(images.shape) == [100, 28, 28])
        #expect(labels.dtype == .int64)
        #expect(try labels.toArray(Int64.self) == mnist.train.labels.map(Int64.init))
        #expect(try images.toArray(UInt8.self) == mnist.train.pixels)
        let ecg = try BuiltinDatasets.ecg5000(path: embeddedData)
        #expect(Array(try ecg.train.valueTensor().shape) == [500, 140])
        let classes = try ecg.test.classTensor().toArray(Int64.self), normal = try ecg.test.normalTensor().toArray(Int64.self)
        #expect(zip(classes, normal).allSatisfy { ($0 == 1) == ($1 == 1) && ($1 == 0 || $1 == 1) })
        let record = try BuiltinDatasets.ecgRecord(path: embeddedData).signalTensor()
        #expect(Array(record.shape) == [108_000] && record.dtype == .float32)
    }
}
