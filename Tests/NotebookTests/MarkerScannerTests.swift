import Testing
import Notebook

/// The stream as the scanner hands it out, markers shown as `<M>`, for chunks cut at the given places.
private func scanned(_ stream: String, cuts: [Int], marker: String = "\u{1B}]mark\u{07}") -> String {
    var scanner = MarkerScanner(marker: Array(marker.utf8))
    let bytes = Array(stream.utf8)
    var result: [UInt8] = []
    var start = 0
    for end in cuts + [bytes.count] where end >= start {
        bytes[start..<end].withUnsafeBytes { chunk in
            scanner.scan(chunk) { piece in
                switch piece {
                case .text(let text): result += text
                case .marker: result += Array("<M>".utf8)
                }
                return true
            }
        }
        start = end
    }
    scanner.finish { result += $0 }
    return String(decoding: result, as: UTF8.self)
}

@Suite struct MarkerScannerTests {
    let stream = "before \u{1B}[1mbold\u{1B}]mark\u{07}after\u{1B}]mark\u{07}\u{1B}]mar end \u{1B}"

    @Test func findsMarkersWhereverTheChunksAreCut() {
        let expected = "before \u{1B}[1mbold<M>after<M>\u{1B}]mar end \u{1B}"
        #expect(scanned(stream, cuts: []) == expected)
        for cut in 1..<stream.utf8.count {
            #expect(scanned(stream, cuts: [cut]) == expected, "cut at byte \(cut)")
        }
        #expect(scanned(stream, cuts: Array(1..<stream.utf8.count)) == expected, "one byte at a time")
    }

    @Test func stopsWhenAsked() {
        var scanner = MarkerScanner(marker: Array("<>".utf8))
        var seen: [String] = []
        Array("a<>b<>c".utf8).withUnsafeBytes { chunk in
            scanner.scan(chunk) { piece in
                switch piece {
                case .text(let text): seen.append(String(decoding: text, as: UTF8.self))
                case .marker: seen.append("marker")
                }
                return seen.count < 3
            }
        }
        #expect(seen == ["a", "marker", "b"])
    }
}
