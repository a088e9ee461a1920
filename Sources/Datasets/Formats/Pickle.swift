/// A value of Python's pickle format, as far as NumPy object arrays need it: numbers, strings,
/// bytes, lists, tuples, dicts and objects rebuilt by calling a named global (kept as a description,
/// never run).
public indirect enum PickleValue {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case text(String)
    case bytes([UInt8])
    case list(PickleList)
    case tuple([PickleValue])
    case dict([(PickleValue, PickleValue)])
    /// A module.name reference (GLOBAL, STACK_GLOBAL).
    case global(String)
    /// callee(args...), with the state a BUILD gave it.
    case object(callee: String, arguments: [PickleValue], state: PickleObjectState)
}

/// Lists and object states are shared through the memo and changed in place (APPENDS, BUILD).
public final class PickleList { public var items: [PickleValue] = [] }
public final class PickleObjectState { public var value: PickleValue? = nil }

/// Reads a pickle (protocols 2 to 5) without running anything: the opcodes a NumPy array of Python
/// objects uses. Any other opcode is an error naming it.
struct PickleReader {
    let bytes: [UInt8]
    let operation: String, file: String
    var position = 0
    var stack: [PickleValue] = []
    var marks: [Int] = []
    var memo: [Int: PickleValue] = [:]

    init(_ bytes: [UInt8], operation: String, file: String) {
        self.bytes = bytes
        self.operation = operation
        self.file = file
    }

    func fail(_ reason: String) -> DatasetError {
        DatasetError(operation, file: file, "the pickled data at byte \(position) \(reason)")
    }

    mutating func take(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else { throw fail("needs \(count) bytes but the data ends first") }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func unsigned(_ count: Int) throws -> Int {
        try take(count).reversed().reduce(0) { $0 << 8 | Int($1) }
    }

    mutating func pop() throws -> PickleValue {
        guard let value = stack.popLast(), stack.count >= (marks.last ?? 0) else { throw fail("pops an empty stack") }
        return value
    }

    mutating func popMark() throws -> [PickleValue] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw fail("has no MARK to pop to") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    mutating func line() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw fail("has a GLOBAL without a line end") }
        defer { position = end + 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func text(_ count: Int) throws -> PickleValue { .text(String(decoding: try take(count), as: UTF8.self)) }

    mutating func read() throws -> PickleValue {
        while true {
            let opcode = try unsigned(1)
            switch opcode {
            case 0x80: _ = try take(1)                                   // PROTO
            case 0x95: _ = try take(8)                                   // FRAME
            case 0x2E: return try pop()                                  // STOP
            case 0x28: marks.append(stack.count)                         // MARK
            case 0x4E: stack.append(.none)                               // NONE
            case 0x88: stack.append(.bool(true))                         // NEWTRUE
            case 0x89: stack.append(.bool(false))                        // NEWFALSE
            case 0x4B: stack.append(.int(Int64(try unsigned(1))))        // BININT1
            case 0x4D: stack.append(.int(Int64(try unsigned(2))))        // BININT2
            case 0x4A: stack.append(.int(Int64(Int32(truncatingIfNeeded: try unsigned(4)))))   // BININT
            case 0x8A:                                                   // LONG1: little-endian two's complement
                let count = try unsigned(1)
                guard count <= 8 else { throw fail("holds an integer of \(count) bytes (at most 8 are read)") }
                let raw = try take(count)
                var value = raw.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                if count > 0, count < 8, raw.last! & 0x80 != 0 { value |= ~UInt64(0) << (8 * count) }
                stack.append(.int(Int64(bitPattern: value)))
            case 0x47:                                                   // BINFLOAT, big-endian (UInt64: an Int would trap on a top bit)
                stack.append(.float(Double(bitPattern: try take(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) })))
            case 0x8C: stack.append(try text(try unsigned(1)))           // SHORT_BINUNICODE
            case 0x58: stack.append(try text(try unsigned(4)))           // BINUNICODE
            case 0x55: stack.append(try text(try unsigned(1)))           // SHORT_BINSTRING
            case 0x54: stack.append(try text(try unsigned(4)))           // BINSTRING
            case 0x43: stack.append(.bytes(Array(try take(try unsigned(1)))))   // SHORT_BINBYTES
            case 0x42: stack.append(.bytes(Array(try take(try unsigned(4)))))   // BINBYTES
            case 0x5D: stack.append(.list(PickleList()))                 // EMPTY_LIST
            case 0x29: stack.append(.tuple([]))                          // EMPTY_TUPLE
            case 0x7D: stack.append(.dict([]))                           // EMPTY_DICT
            case 0x74: stack.append(.tuple(try popMark()))               // TUPLE
            case 0x85: stack.append(.tuple([try pop()]))                 // TUPLE1
            case 0x86: let b = try pop(), a = try pop(); stack.append(.tuple([a, b]))          // TUPLE2
            case 0x87: let c = try pop(), b = try pop(), a = try pop(); stack.append(.tuple([a, b, c]))   // TUPLE3
            case 0x61, 0x65:                                             // APPEND, APPENDS
                let items = opcode == 0x61 ? [try pop()] : try popMark()
                guard case .list(let list)? = stack.last else { throw fail("appends to something that is not a list") }
                list.items += items
            case 0x73, 0x75:                                             // SETITEM, SETITEMS
                let items = opcode == 0x73 ? [try pop(), try pop()].reversed() : try popMark()
                guard items.count % 2 == 0, case .dict(var pairs)? = stack.popLast() else { throw fail("sets items of something that is not a dict") }
                for k in stride(from: 0, to: items.count, by: 2) { pairs.append((items[k], items[k + 1])) }
                stack.append(.dict(pairs))
            case 0x63:                                                   // GLOBAL module\nname\n
                let module = try line(), name = try line()
                stack.append(.global(module + "." + name))
            case 0x93:                                                   // STACK_GLOBAL
                guard case .text(let name) = try pop(), case .text(let module) = try pop() else { throw fail("has a STACK_GLOBAL without two strings") }
                stack.append(.global(module + "." + name))
            case 0x52:                                                   // REDUCE: callee(*args)
                guard case .tuple(let arguments) = try pop(), case .global(let callee) = try pop() else {
                    throw fail("has a REDUCE without a global and an argument tuple")
                }
                stack.append(.object(callee: callee, arguments: arguments, state: PickleObjectState()))
            case 0x62:                                                   // BUILD: set the object's state
                let state = try pop()
                guard case .object(_, _, let holder)? = stack.last else { throw fail("builds something that is not an object") }
                holder.value = state
            case 0x94: memo[memo.count] = try peek()                     // MEMOIZE
            case 0x71: memo[try unsigned(1)] = try peek()                // BINPUT
            case 0x72: memo[try unsigned(4)] = try peek()                // LONG_BINPUT
            case 0x68, 0x6A:                                             // BINGET, LONG_BINGET
                let key = try unsigned(opcode == 0x68 ? 1 : 4)
                guard let value = memo[key] else { throw fail("refers to memo entry \(key), which was never stored") }
                stack.append(value)
            default:
                position -= 1
                throw fail("has opcode 0x\(String(opcode, radix: 16)), which this reader does not handle (not a NumPy object array?)")
            }
        }
    }

    func peek() throws -> PickleValue {
        guard let value = stack.last else { throw fail("memoizes an empty stack") }
        return value
    }
}
