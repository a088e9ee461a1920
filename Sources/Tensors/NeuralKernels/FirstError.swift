import Synchronization

/// Collects the first error thrown by work running on several threads, to rethrow it afterwards.
final class FirstError: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    func record(_ error: any Error) {
        stored.withLock { if $0 == nil { $0 = error } }
    }

    func rethrow() throws {
        if let error = stored.withLock({ $0 }) { throw error }
    }
}
