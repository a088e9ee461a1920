import Testing

/// Checks that `landmarks` appear in `text` in this order.
public func expectInOrder(_ text: String, _ landmarks: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    var position = text.startIndex
    for landmark in landmarks {
        guard let found = text.range(of: landmark, range: position..<text.endIndex) else {
            Issue.record("missing, or out of order: \(landmark.debugDescription)", sourceLocation: sourceLocation)
            return
        }
        position = found.upperBound
    }
}
