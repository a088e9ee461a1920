import Tensors

/// Options of the recurrent layers, with Keras' defaults (SimpleRNN ignores the recurrent activation,
/// `unitForgetBias` is LSTM's and `resetAfter` GRU's).
public struct RecurrentOptions: LayerOptions {
    public var activation: ActivationFunction = .tanh
    public var recurrentActivation: ActivationFunction = .sigmoid
    public var useBias = true
    public var returnSequences = false
    public var returnState = false
    public var goBackwards = false
    public var kernelInitializer: Initializer = .glorotUniform
    public var recurrentInitializer: Initializer = .orthogonal(gain: Initializer.Defaults().gain)
    public var biasInitializer: Initializer = .zeros
    public var unitForgetBias = true
    public var resetAfter = true
    public init() {}
}

/// The base of SimpleRNN, LSTM and GRU over (batch, steps, features) sequences: kernel (features,
/// gates·units), recurrent_kernel (units, gates·units), bias (gates·units; GRU with reset_after (2, 3·units)).
/// Gate orders are Keras': LSTM i, f, c, o; GRU z, r, h. Extra inputs after the sequence are initial states.
public class Recurrent: Layer {
    enum Cell { case simple, lstm, gru }

    public let units: Int
    public let options: RecurrentOptions
    let cell: Cell
    public private(set) var kernel: Weight?, recurrentKernel: Weight?, bias: Weight?

    /// The fused kernels' forms of `options.activation` and `options.recurrentActivation`.
    let activation: RecurrentActivation, recurrentActivation: RecurrentActivation

    init(cell: Cell, units: Int, options: RecurrentOptions, name: String?) throws {
        let op = Recurrent.typeName(cell)
        self.cell = cell
        guard units > 0 else { throw NNError(op, .value, "units must be positive, got \(units)") }
        func recurrent(_ function: ActivationFunction, _ option: String) throws -> RecurrentActivation {
            guard !function.isCustom, let activation = RecurrentActivation(rawValue: function.name) else {
                let known = RecurrentActivation.allCases.map(\.rawValue).joined(separator: ", ")
                throw NNError(op, .value, "\(option) must be one of \(known) (the recurrent kernels compute these), got '\(function.name)'")
            }
            return activation
        }
        activation = try recurrent(options.activation, "activation")
        recurrentActivation = cell == .simple ? .sigmoid : try recurrent(options.recurrentActivation, "recurrent_activation")
        if cell == .gru && !options.resetAfter {
            throw NNError(op, .value, "reset_after = false is not supported; the GRU runs Keras 3's default form, reset_after = true")
        }
        self.units = units
        self.options = options
        try super.init(name: name)
    }

    static func typeName(_ cell: Cell) -> String {
        switch cell {
        case .simple: "SimpleRNN"
        case .lstm: "LSTM"
        case .gru: "GRU"
        }
    }

    var gates: Int {
        switch cell {
        case .simple: 1
        case .lstm: 4
        case .gru: 3
        }
    }

    /// The number of state tensors (LSTM has h and c).
    var stateCount: Int { cell == .lstm ? 2 : 1 }

    public override var inputCountRange: ClosedRange<Int> { 1...(1 + stateCount) }

    public override func build(_ inputShapes: [SymbolicShape]) throws {
        let shape = inputShapes[0]
        guard shape.rank == 3, let features = shape[2] else {
            throw shapeError("expected a sequence of rank 3 (batch, steps, features) with known features, got \(shape)")
        }
        kernel = try addWeight("kernel", shape: [features, gates * units], initializer: options.kernelInitializer)
        recurrentKernel = try addWeight("recurrent_kernel", shape: [units, gates * units], initializer: options.recurrentInitializer)
        guard options.useBias else { return }
        let biasShape = cell == .gru ? [2, gates * units] : [gates * units]
        let bias = try addWeight("bias", shape: biasShape, initializer: options.biasInitializer)
        if cell == .lstm && options.unitForgetBias {
            try Autograd.withoutGradients { _ = try bias.value.narrow(0, start: units, length: units).fill_(1) }
        }
        self.bias = bias
    }

    public override func outputShapes(for inputShapes: [SymbolicShape]) throws -> [SymbolicShape] {
        let shape = inputShapes[0]
        let features = kernel?.shape[0]
        guard shape.rank == 3, shape[2] == features else {
            throw shapeError("expected a sequence of shape (batch, steps, \(features.map(String.init) ?? "features")), got \(shape)")
        }
        for state in inputShapes.dropFirst() where state.rank != 2 || (state[1] != nil && state[1] != units) {
            throw shapeError("initial states must have shape (batch, \(units)), got \(state)")
        }
        let main = options.returnSequences ? SymbolicShape([shape[0], shape[1], units]) : SymbolicShape([shape[0], units])
        let states = options.returnState ? Array(repeating: SymbolicShape([shape[0], units]), count: stateCount) : []
        return [main] + states
    }

    public override func forward(_ inputs: [Tensor], training: Bool) throws -> [Tensor] {
        guard let kernel, let recurrentKernel else { throw NNError(label, .usage, "the layer is not built") }
        let x = inputs[0], initial = inputs.count > 1 ? Array(inputs.dropFirst()) : nil
        if let initial, initial.count != stateCount {
            throw shapeError("expected \(stateCount) initial state\(stateCount == 1 ? "" : "s"), got \(initial.count)")
        }
        let result: RecurrentOutput
        switch cell {
        case .simple:
            result = try Functional.simpleRNN(x, kernel: kernel.value, recurrentKernel: recurrentKernel.value, bias: bias?.value,
                                              initialHidden: initial?[0], goBackwards: options.goBackwards, activation: activation)
        case .lstm:
            result = try Functional.lstm(x, kernel: kernel.value, recurrentKernel: recurrentKernel.value, bias: bias?.value,
                                         initialHidden: initial?[0], initialCell: initial?[1], goBackwards: options.goBackwards,
                                         activation: activation, recurrentActivation: recurrentActivation)
        case .gru:
            result = try Functional.gru(x, kernel: kernel.value, recurrentKernel: recurrentKernel.value, bias: bias?.value,
                                        initialHidden: initial?[0], goBackwards: options.goBackwards,
                                        activation: activation, recurrentActivation: recurrentActivation)
        }
        let states = [result.lastHidden] + (result.lastCell.map { [$0] } ?? [])
        let main = options.returnSequences ? result.sequence : result.lastHidden
        return [main] + (options.returnState ? states : [])
    }

    public override func optionsConfig() throws -> [String: JSONValue] {
        var config = try ConfigCoding.encode(options, op: label)
        config["units"] = .number(Double(units))
        if cell != .lstm { config["unit_forget_bias"] = nil }
        if cell != .gru { config["reset_after"] = nil }
        if cell == .simple { config["recurrent_activation"] = nil }
        return config
    }

    /// A layer of the same kind and options under another name, possibly running the other way
    /// (Bidirectional's two directions).
    func copy(name: String, goBackwards: Bool) throws -> Recurrent {
        var copied = options
        copied.goBackwards = goBackwards
        return try Recurrent.make(cell, units: units, options: copied, name: name)
    }

    static func make(_ cell: Cell, units: Int, options: RecurrentOptions, name: String?) throws -> Recurrent {
        switch cell {
        case .simple: try SimpleRNN(units, options: options, name: name)
        case .lstm: try LSTM(units, options: options, name: name)
        case .gru: try GRU(units, options: options, name: name)
        }
    }

    static func fromConfig(_ cell: Cell, _ config: [String: JSONValue], _ context: LoadContext) throws -> Layer {
        let op = typeName(cell)
        return try make(cell, units: try config.requiredInt("units", op: op),
                        options: ConfigCoding.decodeOptions(RecurrentOptions.self, from: config, context: context, op: op),
                        name: config["name"]?.stringValue)
    }
}

/// A fully connected recurrent layer: h = activation(x·W + h·U + b).
public final class SimpleRNN: Recurrent {
    public init(_ units: Int, options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        try super.init(cell: .simple, units: units, options: options, name: name)
    }
}

/// Long short-term memory; states h and c.
public final class LSTM: Recurrent {
    public init(_ units: Int, options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        try super.init(cell: .lstm, units: units, options: options, name: name)
    }
}

/// Gated recurrent unit (Keras 3's default reset_after = true).
public final class GRU: Recurrent {
    public init(_ units: Int, options: RecurrentOptions = RecurrentOptions(), name: String? = nil) throws {
        try super.init(cell: .gru, units: units, options: options, name: name)
    }
}
