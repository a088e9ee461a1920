import Tensors

// The built-in sets as tensors: images as uint8 (values 0...255, to scale as the user likes), series
// as float32, labels and class ids as int64.

extension LabeledImages {
    /// The images as a uint8 tensor [count, height, width].
    public func imageTensor() throws -> Tensor { try Tensor(pixels, shape: shape) }

    /// The class ids (0-based) as an int64 tensor [count].
    public func labelTensor() throws -> Tensor { try int64Tensor(labels) }
}

extension LabeledSeries {
    /// The series as a float32 tensor [count, length].
    public func valueTensor() throws -> Tensor { try values.tensor() }

    /// The classes as in the file (ECG5000: 1 to 5), int64 [count].
    public func classTensor() throws -> Tensor { try int64Tensor(classes) }

    /// 1 for a normal beat, 0 for an abnormal one, int64 [count].
    public func normalTensor() throws -> Tensor { try int64Tensor(normal) }
}

extension ECGRecord {
    /// The samples in millivolts, float32 [count].
    public func signalTensor() throws -> Tensor { try Tensor(millivolts) }
}
