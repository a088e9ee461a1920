import Datasets
import LuaHost
import Tensors

/// A vocabulary as Lua holds it: the word ids and the tokenizer that splits texts given to encode.
final class VocabularyObject {
    let vocabulary: Vocabulary
    let tokenizer: Tokenizer
    /// The word_index and index_word tables, built on first use and kept.
    var wordIndex: LuaReference?
    var indexWord: LuaReference?

    init(vocabulary: Vocabulary, tokenizer: Tokenizer) {
        self.vocabulary = vocabulary
        self.tokenizer = tokenizer
    }

    /// The ids of a document given as a text (tokenized here) or a list of tokens.
    func encode(_ call: LuaCall, _ index: Int32) throws -> Tensor {
        let tokens = try call.type(index) == .string ? tokenizer.tokenize(try call.argument(index, as: String.self))
            : call.strings(index, expected: "a text or a list of tokens")
        return try int64Tensor(vocabulary.encode(tokens))
    }
}

/// The Vocabulary class (data.vocabulary). Ids are data: 0 = padding, 1 = the out-of-vocabulary token
/// when there is one, then the words most frequent first.
enum VocabularyLua {
    nonisolated(unsafe) static let luaClass: LuaClass<VocabularyObject> = {
        let luaClass = LuaClass<VocabularyObject>(name: "Vocabulary")
        // vocab:encode(text_or_tokens) -> int64 ids (unknown words dropped, or the OOV id)
        luaClass.method("encode") { call, object in
            try translatingErrors(call) { call.push(try object.encode(call, 2)) }
        }
        // vocab:encode_all(documents) -> a list of int64 id tensors, one per document
        luaClass.method("encode_all") { call, object in
            try translatingErrors(call) {
                let documents = try call.table(2, expected: "a list of texts or token lists")
                var encoded: [TensorValue] = []
                for position in stride(from: 1, through: documents.count, by: 1) {
                    let tokens = try documents.withElement(position) { element -> [String] in
                        if let text = String.read(element.state, element.index) { return object.tokenizer.tokenize(text) }
                        return try element.table(expected: "a text or a list of tokens").array(of: String.self)
                    }
                    encoded.append(call.value(try int64Tensor(object.vocabulary.encode(tokens))))
                }
                return call.push(encoded)
            }
        }
        // vocab:decode(ids) -> the words (padding left out); ids a tensor or a list
        luaClass.method("decode") { call, object in
            try translatingErrors(call) {
                call.push(try object.vocabulary.decode(try call.integers(2, expected: "a tensor or list of word ids")))
            }
        }
        // vocab:size() -> the number of ids, padding included (the input size of an embedding)
        luaClass.method("size") { call, object in call.push(object.vocabulary.count) }
        luaClass.metamethod("__len") { call in call.push(try call.object(1, luaClass).vocabulary.count) }
        luaClass.metamethod("__tostring") { call in
            let vocabulary = try call.object(1, luaClass).vocabulary
            return call.push("Vocabulary (\(vocabulary.count) ids: padding\(vocabulary.unknownIndex == nil ? "" : ", the out-of-vocabulary token") and \(vocabulary.count - 1 - (vocabulary.unknownIndex == nil ? 0 : 1)) words)")
        }
        // Fields: word_index[word] -> id; index_word[id] -> word; counts[id] -> occurrences; oov_token.
        luaClass.index { call, object in
            let vocabulary = object.vocabulary
            switch String.read(call.state, 2) {
            case "word_index":
                let table = object.wordIndex ?? cached(call, LuaRecord(vocabulary.words.enumerated().dropFirst().map { ($1, $0) }))
                object.wordIndex = table
                return call.push(table)
            case "index_word":
                let table = object.indexWord ?? cached(call, Array(vocabulary.words.dropFirst()))
                object.indexWord = table
                return call.push(table)
            case "counts": return call.push(Array(vocabulary.counts.dropFirst()))
            case "oov_token": return call.push(vocabulary.unknownIndex.map { vocabulary.words[$0] })
            default: return call.pushNil()
            }
        }
        return luaClass
    }()

    /// Builds `value` once and keeps it in the registry (the copy left on the stack lies below the
    /// results and is ignored).
    private static func cached(_ call: LuaCall, _ value: any LuaPushable) -> LuaReference {
        value.push(onto: call.state)
        return call.reference(-1)
    }
}
