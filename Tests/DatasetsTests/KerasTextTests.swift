import Foundation
import Testing
@testable import Datasets

@Suite("Keras text archives (reuters.npz)")
struct KerasTextTests {
    func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// The stories and topics make_fixtures.py writes.
    let stories: [[Int64]] = [[1, 14, 300], [70000, 2, 2, 9], [], [255, 256, 65535, 65536]]
    let topics: [Int64] = [3, 4, 0, 45]

    @Test func readsArchivesWrittenByNumPyWithPickleProtocols4And2() throws {
        for name in ["keras_text.npz", "keras_text_protocol2.npz"] {
            let examples = try KerasText.read(path: fixture(name))
            #expect(examples.sequences == stories, "\(name)")
            #expect(examples.labels == topics, "\(name)")
        }
    }

    @Test func preparesIdsAsKerasLoadData() {
        // Shifted by 3, 1 in front, ids of 10 and more (after the shift) become 2.
        #expect(KerasText.prepare([1, 5, 7, 6], numWords: 10) == [1, 4, 8, 2, 9])
        #expect(KerasText.prepare([1, 5], numWords: nil) == [1, 4, 8])
        #expect(KerasText.prepare([1, 5], numWords: 10, skipTop: 5) == [2, 2, 8])
        #expect(KerasText.prepare([4], numWords: nil, startChar: nil, indexFrom: 0) == [4])
    }

    /// An .npz archive written here: 'x' with the given .npy header descr and pickle bytes, 'y' labels.
    func archive(descr: String = "|O", pickle: [UInt8], labels: [Int64] = [1], in folder: TemporaryFolder) throws -> String {
        var npy = NPY.headerBytes(descriptor: descr, shape: [labels.count])
        npy += pickle
        var zip = ZipBuilder()
        _ = zip.add(name: "x.npy", contents: npy)
        _ = zip.add(name: "y.npy", contents: try NPY.encoded(TypedArray(shape: [labels.count], elements: .int64(labels)),
                                                              operation: "test", file: "y"))
        return try folder.write("archive-\(UUID().uuidString).npz", zip.finish())
    }

    /// The pickle bytes of one Python list of ids: EMPTY_LIST MARK ids APPENDS.
    func list(_ ids: [UInt8], memo: UInt8? = nil) -> [UInt8] {
        [0x5D] + (memo.map { [0x71, $0] } ?? []) + [0x28] + ids + [0x65]
    }

    /// A protocol-2 pickle of an object array whose elements are the given pickled values, opcode by
    /// opcode as NumPy writes it (without the dtype object, which the reader does not need).
    func pickle(_ elements: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = [0x80, 2]
        bytes += [0x63] + Array("numpy.core.multiarray\n_reconstruct\n".utf8)
        bytes += [0x63] + Array("numpy\nndarray\n".utf8)
        bytes += [0x4B, 0, 0x85, 0x43, 1, 0x62, 0x87, 0x52]          // (ndarray, (0,), b'b') REDUCE
        bytes += [0x28, 0x4B, 1, 0x4B, UInt8(elements.count), 0x85, 0x4E, 0x89, 0x5D, 0x28]   // MARK 1 (n,) None False [ MARK
        for element in elements { bytes += element }
        bytes += [0x65, 0x74, 0x62, 0x2E]                            // APPENDS TUPLE BUILD STOP
        return bytes
    }

    @Test func readsAHandWrittenPickleAndItsMemo() throws {
        let folder = try TemporaryFolder()
        // [5, 300], [65535], then the first list again through the memo (BINPUT 7, BINGET 7).
        let elements = [list([0x4B, 5, 0x4D, 0x2C, 0x01], memo: 7), list([0x4A, 0xFF, 0xFF, 0x00, 0x00]), [0x68, 7]]
        let path = try archive(pickle: pickle(elements), labels: [1, 2, 3], in: folder)
        let examples = try KerasText.read(path: path)
        #expect(examples.sequences == [[5, 300], [65535], [5, 300]])
        #expect(examples.labels == [1, 2, 3])
    }

    /// A float whose top bit is set (negative, or NaN with its sign) once trapped converting to an Int:
    /// found by the file fuzzer (seed 9, case 1894103).
    @Test func readsBinaryFloatsWithTheTopBitSet() throws {
        var reader = PickleReader([0x47, 0xC0, 0x04, 0, 0, 0, 0, 0, 0, 0x2E], operation: "test", file: "floats")
        guard case .float(let value) = try reader.read() else { Issue.record("not a float"); return }
        #expect(value == -2.5)
    }

    func failure(_ path: String) -> String {
        do {
            _ = try KerasText.read(path: path)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func damagedArchivesGiveClearErrors() throws {
        let folder = try TemporaryFolder()
        let good = pickle([list([0x4B, 5])])
        #expect(failure(try archive(pickle: Array(good.dropLast(6)), in: folder)).contains("needs 1 bytes but the data ends first"))
        var unknown = good
        unknown[unknown.count - 5] = 0x49   // INT (text integers), never written by NumPy
        #expect(failure(try archive(pickle: unknown, in: folder)).contains("opcode 0x49"))
        #expect(failure(try archive(pickle: pickle([list([0x4A, 0xFF, 0xFF, 0xFF, 0xFF])]), in: folder)).contains("holds something other than a word id"))
        #expect(failure(try archive(pickle: pickle([list([0x4E])]), in: folder)).contains("holds something other than a word id"))
        #expect(failure(try archive(descr: "<i8", pickle: [], in: folder)).contains("must be an object array"))
        #expect(failure(try archive(pickle: good, labels: [1, 2], in: folder)).contains("'x' has 1 sequences but 'y' 2 labels"))
        #expect(failure(try archive(pickle: [0x80, 2, 0x4B, 3, 0x2E], in: folder)).contains("not a NumPy object array"))
        // A BINUNICODE claiming 4 GB is checked against the data, not trusted.
        #expect(failure(try archive(pickle: [0x80, 2, 0x58, 0xFF, 0xFF, 0xFF, 0xFF, 0x61], in: folder)).contains("needs 4294967295 bytes"))
        #expect(failure(try archive(pickle: pickle([[0x68, 9]]), in: folder)).contains("memo entry 9, which was never stored"))
        let onlyX = try folder.write("stored-only.npz", try Data(contentsOf: URL(fileURLWithPath: fixture("stored.npz"))).map { $0 })
        #expect(failure(onlyX).contains("needs arrays 'x' and 'y'"))
    }

    @Test func wordIndexReadsRanksAndRefusesOtherValues() throws {
        let folder = try TemporaryFolder()
        let index = try KerasText.readWordIndex(path: try folder.write("index.json", #"{"the": 1, "of": 2, "said": 3}"#))
        #expect(index == ["the": 1, "of": 2, "said": 3])
        for (text, fragment) in [(#"{"the": 1.5}"#, "the word 'the' has the rank 1.5"), (#"{"the": 0}"#, "the word 'the' has the rank 0"),
                                 (#"{"the": "one"}"#, "has the rank one"), (#"{"the": true}"#, "the word 'the' has the rank"),
                                 (#"[1, 2]"#, "a word index is a JSON object"), (#"{"the": 1"#, "this is not valid JSON")] {
            do {
                _ = try KerasText.readWordIndex(path: try folder.write("bad.json", text))
                Issue.record("\(text) was accepted")
            } catch let error as DatasetError {
                #expect(error.description.contains(fragment), "\(error.description)")
            }
        }
    }
}
