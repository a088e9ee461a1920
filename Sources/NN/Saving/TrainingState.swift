import Foundation
import Tensors

/// A model saved to go on training in another process: `save`'s file (architecture and weights) with
/// the compiled optimizer's update count and per-weight buffers (Adam's moments, momentum) added under
/// `optimizer/<weight name>/<slot>`. `NN.load` reads it as any saved model; after compiling the loaded
/// model as before, `loadOptimizerState` puts the optimizer's state back.
extension Model {
    static let iterationsKey = "lunette_optimizer_iterations"

    public func saveTrainingState(_ path: String) throws {
        try save(path, extraTensors: optimizerTensors(), extraMetadata: [Model.iterationsKey: String(optimizer?.iterations ?? 0)])
    }

    public func loadOptimizerState(_ path: String) throws {
        guard let optimizer else { return }
        let (tensors, metadata) = try SafeTensors.decode(try Model.read(path, op: "load_optimizer_state"), path: path)
        optimizer.iterations = Int(metadata[Model.iterationsKey] ?? "") ?? 0
        for (name, weight) in namedWeights {
            var buffers: [SlotBuffer] = []
            while let saved = tensors["optimizer/\(name)/\(buffers.count)"] {
                let values = try saved.toArray(Float.self)
                let buffer = SlotBuffer(count: values.count, value: 0)
                buffer.pointer.update(from: values, count: values.count)
                buffers.append(buffer)
            }
            if !buffers.isEmpty { optimizer.slots[ObjectIdentifier(weight.value)] = (weight.value, buffers) }
        }
    }

    private func optimizerTensors() throws -> [(name: String, value: Tensor)] {
        guard let optimizer else { return [] }
        var tensors: [(name: String, value: Tensor)] = []
        for (name, weight) in namedWeights {
            guard let slot = optimizer.slots[ObjectIdentifier(weight.value)] else { continue }
            for (index, buffer) in slot.buffers.enumerated() {
                let values = Array(UnsafeBufferPointer(start: buffer.pointer, count: buffer.count))
                tensors.append(("optimizer/\(name)/\(index)", try Tensor(values, shape: [values.count])))
            }
        }
        return tensors
    }
}
