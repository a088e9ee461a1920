/// Encodes a value (an options struct) straight into configuration values, Swift's camelCase keys to
/// Keras' snake_case, with no JSON text between: a layer's configuration for saving, and the options'
/// defaults. Optional fields that are nil are left out, as `JSONEncoder` leaves them.
struct ConfigEncoder: Encoder {
    /// What has been encoded at one place of the tree: a value, or the fields or elements of a container.
    final class Node {
        var scalar: JSONValue = .null
        var fields: [String: Node]?
        var elements: [Node]?

        var value: JSONValue {
            if let fields { return .object(fields.mapValues(\.value)) }
            if let elements { return .array(elements.map(\.value)) }
            return scalar
        }
    }

    let node: Node
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(node: Node = Node(), codingPath: [CodingKey] = []) {
        self.node = node
        self.codingPath = codingPath
    }

    /// `value` as configuration values.
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = ConfigEncoder()
        try encoder.encode(value)
        return encoder.node.value
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.fields == nil { node.fields = [:] }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        if node.elements == nil { node.elements = [] }
        return UnkeyedNodeContainer(encoder: self)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleNodeContainer(encoder: self) }

    func child(_ key: CodingKey, at node: Node) -> ConfigEncoder { ConfigEncoder(node: node, codingPath: codingPath + [key]) }

    /// Scalars become values here; anything else encodes itself.
    func encode<T: Encodable>(_ value: T) throws {
        switch value {
        case let flag as Bool: node.scalar = .bool(flag)
        case let text as String: node.scalar = .string(text)
        case let number as Double: node.scalar = .number(number)
        case let number as Float: node.scalar = .number(Double(number))
        case let integer as any FixedWidthInteger: node.scalar = .number(Double(integer))
        default: try value.encode(to: self)
        }
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ConfigEncoder

    var codingPath: [CodingKey] { encoder.codingPath }

    private func field(_ key: Key) -> ConfigEncoder {
        let node = ConfigEncoder.Node()
        encoder.node.fields?[ConfigCoding.snakeCase(key.stringValue)] = node
        return encoder.child(key, at: node)
    }

    mutating func encodeNil(forKey key: Key) throws { _ = field(key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encode(value, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try encode(value as Bool, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try encode(value as String, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try encode(value as Double, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(value as Float, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try encode(value as Int, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(value as Int8, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(value as Int16, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(value as Int32, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(value as Int64, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(value as UInt, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(value as UInt8, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(value as UInt16, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(value as UInt32, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(value as UInt64, key) }

    private func encode<T: Encodable>(_ value: T, _ key: Key) throws { try field(key).encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        field(key).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer { field(key).unkeyedContainer() }
    mutating func superEncoder() -> Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> Encoder { field(key) }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let encoder: ConfigEncoder

    var codingPath: [CodingKey] { encoder.codingPath }
    var count: Int { encoder.node.elements?.count ?? 0 }

    private func append() -> ConfigEncoder {
        let node = ConfigEncoder.Node()
        let key = ListIndexKey(count)
        encoder.node.elements?.append(node)
        return encoder.child(key, at: node)
    }

    mutating func encodeNil() throws { _ = append() }
    mutating func encode<T: Encodable>(_ value: T) throws { try append().encode(value) }
    mutating func encode(_ value: Bool) throws { try append().encode(value) }
    mutating func encode(_ value: String) throws { try append().encode(value) }
    mutating func encode(_ value: Double) throws { try append().encode(value) }
    mutating func encode(_ value: Float) throws { try append().encode(value) }
    mutating func encode(_ value: Int) throws { try append().encode(value) }
    mutating func encode(_ value: Int8) throws { try append().encode(value) }
    mutating func encode(_ value: Int16) throws { try append().encode(value) }
    mutating func encode(_ value: Int32) throws { try append().encode(value) }
    mutating func encode(_ value: Int64) throws { try append().encode(value) }
    mutating func encode(_ value: UInt) throws { try append().encode(value) }
    mutating func encode(_ value: UInt8) throws { try append().encode(value) }
    mutating func encode(_ value: UInt16) throws { try append().encode(value) }
    mutating func encode(_ value: UInt32) throws { try append().encode(value) }
    mutating func encode(_ value: UInt64) throws { try append().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        append().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer { append().unkeyedContainer() }
    mutating func superEncoder() -> Encoder { append() }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let encoder: ConfigEncoder

    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node.scalar = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encode(value) }
    mutating func encode(_ value: Bool) throws { try encoder.encode(value) }
    mutating func encode(_ value: String) throws { try encoder.encode(value) }
    mutating func encode(_ value: Double) throws { try encoder.encode(value) }
    mutating func encode(_ value: Float) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int8) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int16) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int32) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int64) throws { try encoder.encode(value) }
    mutating func encode(_ value: UInt) throws { try encoder.encode(value) }
    mutating func encode(_ value: UInt8) throws { try encoder.encode(value) }
    mutating func encode(_ value: UInt16) throws { try encoder.encode(value) }
    mutating func encode(_ value: UInt32) throws { try encoder.encode(value) }
    mutating func encode(_ value: UInt64) throws { try encoder.encode(value) }
}
