import Datasets
import LuaHost
import Tensors

/// A negative-sampling table with its own seeded generator: each draw continues the same stream.
final class NegativeSamplerObject {
    let sampler: NegativeSampler
    var generator: SeededGenerator

    init(sampler: NegativeSampler, seed: UInt64) {
        self.sampler = sampler
        generator = SeededGenerator(seed: seed)
    }
}

/// The NegativeSampler class (data.negative_sampler).
enum NegativeSamplerLua {
    nonisolated(unsafe) static let luaClass: LuaClass<NegativeSamplerObject> = {
        let luaClass = LuaClass<NegativeSamplerObject>(name: "NegativeSampler", summary: """
            word2vec's table of "negative" word ids (data.negative_sampler): each draw continues one seeded stream.
            """, fields: [LuaParameter("probabilities", .list(.number), "probabilities[id]: the chance of drawing word id")])
        luaClass.declareTranslatingErrors("sample", LuaSignature(
            parameters: [LuaParameter("shape", .oneOf([.integer, .list(.integer)]), "a count n, or {rows, k}")],
            returns: "int64 word ids: n of them, or rows x k",
            summary: "Draws word ids with the sampler's probabilities.",
            example: """
                local sampler = data.negative_sampler({1, 0, 1}, {seed = 1})
                print(sampler:sample{2, 3})
                """)) { call, object in
            let shape = call.type(2) == .table ? try call.table(2).array(of: Int.self) : [try call.argument(2, as: Int.self)]
            guard (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 0 }) else {
                throw call.invalid(2, "must be a count or {rows, k} of counts 0 or more")
            }
            // Allocating the tensor first checks the size before any draw.
            let count = try Tensor.empty(shape, dtype: .int64).count
            let ids = object.sampler.sample(count: count, using: &object.generator)
            return call.push(try Tensor(ids.map(Int64.init), shape: shape))
        }
        luaClass.index { call, object in
            switch String.read(call.state, 2) {
            case "probabilities": return call.push(Array(object.sampler.probabilities.dropFirst()))
            default: return call.pushNil()
            }
        }
        luaClass.metamethod("__tostring") { call in
            let sampler = try call.object(1, luaClass).sampler
            return call.push("NegativeSampler (\(sampler.probabilities.count - 1) word ids, table of \(sampler.table.count))")
        }
        return luaClass
    }()
}
