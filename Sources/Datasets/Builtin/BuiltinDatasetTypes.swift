import Foundation

/// Grey images with class labels, e.g. one split of MNIST.
public struct LabeledImages: Sendable, Equatable {
    /// Pixel values 0...255, row-major, shape [count, height, width].
    public var pixels: [UInt8]
    public var shape: [Int]
    /// One class index (0-based) per image.
    public var labels: [Int32]

    public var count: Int { labels.count }
}

/// An image classification set in two splits (MNIST, Fashion-MNIST).
public struct ImageClassificationData: Sendable {
    public var train: LabeledImages
    public var test: LabeledImages
    /// The name of each class index.
    public var classNames: [String]
    /// The folder the files were read from.
    public var source: URL
}

/// Fixed-length series with class labels (ECG5000 heartbeats).
public struct LabeledSeries: Sendable, Equatable {
    /// Shape [count, length].
    public var values: NumericArray
    /// The original classes: 1 = normal beat, 2-5 = kinds of abnormal beat.
    public var classes: [Int32]
    /// 1 for a normal beat (class 1), 0 for an abnormal one (classes 2-5).
    public var normal: [Int32]

    public var count: Int { classes.count }
}

public struct ECG5000Data: Sendable {
    /// 500 beats in the full set.
    public var train: LabeledSeries
    /// 4,500 beats in the full set.
    public var test: LabeledSeries
    public var source: URL
}

/// News texts with binary topic labels, in the ModApte split.
public struct ReutersTexts: Sendable, Equatable {
    /// Title and body of each story.
    public var texts: [String]
    /// 1 if the story is about grain, else 0.
    public var grain: [Int32]
    /// 1 if the story is about corn, else 0.
    public var corn: [Int32]

    public var count: Int { texts.count }
}

public struct ReutersData: Sendable {
    /// 1,554 stories in the full set.
    public var train: ReutersTexts
    /// 604 stories in the full set.
    public var test: ReutersTexts
    /// Stories in the original markup with all their topics and places (the tm folder), if present.
    public var stories: [ReutersStory]
    public var source: URL
}

/// A continuous single-lead ECG.
public struct ECGRecord: Sendable, Equatable {
    public var millivolts: [Float]
    /// Samples per second.
    public var samplingRate: Double
    public var source: URL
}
