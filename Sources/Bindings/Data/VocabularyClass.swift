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
        let luaClass = LuaClass<VocabularyObject>(name: "Vocabulary", summary: """
            Word ids (data.vocabulary), as Keras' Tokenizer numbers them: 0 = padding, 1 = the \
            out-of-vocabulary token when there is one, then the words, most frequent first. #vocab is \
            vocab:size().
            """, fields: [
                LuaParameter("word_index", .table, "word_index[word]: the word's id"),
                LuaParameter("index_word", .list(.string), "index_word[id]: the word of id"),
                LuaParameter("counts", .list(.integer), "counts[id]: the word's occurrences"),
                LuaParameter("oov_token", .string, "the out-of-vocabulary token, or nil"),
            ])
        luaClass.declareTranslatingErrors("encode", LuaSignature(
            parameters: [LuaParameter("document", .oneOf([.string, .list(.string)]), "a text (tokenized as the vocabulary's) or a list of tokens")],
            returns: "an int64 tensor of ids",
            summary: "The ids of a document's words, as Keras' texts_to_sequences: unknown words are dropped, or get the oov_token's id.",
            example: """
                local vocab = data.vocabulary({'a b b'}, {oov_token = '?'})
                print(vocab:encode('b a c'))
                """)) { call, object in
            call.push(try object.encode(call, 2))
        }
        luaClass.declareTranslatingErrors("encode_all", LuaSignature(
            parameters: [LuaParameter("documents", .list(.oneOf([.string, .list(.string)])), "texts or token lists")],
            returns: "a list of int64 id tensors, one per document",
            summary: "vocab:encode for each document.",
            example: """
                local vocab = data.vocabulary{'a b', 'b'}
                local encoded = vocab:encode_all{'b b', 'a'}
                print(encoded[1], encoded[2])
                """)) { call, object in
            let documents = try tokenLists(try call.table(2, expected: "a list of texts or token lists"), tokenizer: object.tokenizer)
            return call.push(try documents.map { call.value(try int64Tensor(object.vocabulary.encode($0))) })
        }
        luaClass.declareTranslatingErrors("decode", LuaSignature(
            parameters: [LuaParameter("ids", .oneOf([.tensor, .list(.integer)]), "word ids")],
            returns: "a list of words (padding left out)",
            summary: "The words of ids, as Keras' sequences_to_texts before joining.",
            example: """
                local vocab = data.vocabulary{'to be or not to be'}
                print(table.concat(vocab:decode{1, 2, 3}, ' '))
                """)) { call, object in
            call.push(try object.vocabulary.decode(try call.integers(2, expected: "a tensor or list of word ids")))
        }
        luaClass.declareTranslatingErrors("size", LuaSignature(
            returns: "the number of ids, padding included",
            summary: "The input size of an embedding for these ids (nn.Embedding(vocab:size(), d)).",
            example: """
                print(data.vocabulary{'a b c'}:size())
                """)) { call, object in
            call.push(object.vocabulary.count)
        }
        luaClass.metamethod("__len") { call in call.push(try call.object(1, luaClass).vocabulary.count) }
        luaClass.metamethod("__tostring") { call in
            let vocabulary = try call.object(1, luaClass).vocabulary
            return call.push("Vocabulary (\(vocabulary.count) ids: padding\(vocabulary.unknownIndex == nil ? "" : ", the out-of-vocabulary token") and \(vocabulary.count - 1 - (vocabulary.unknownIndex == nil ? 0 : 1)) words)")
        }
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
