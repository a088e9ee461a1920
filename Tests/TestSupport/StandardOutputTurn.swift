import Foundation

/// Tests that replace this process's descriptor 1 (captures) take turns, across suites and test
/// targets (all run in one process): a lock on a file, which every such test holds while it runs.
public func withStandardOutputTurn<Result>(_ body: () throws -> Result) rethrows -> Result {
    let lock = open(FileManager.default.temporaryDirectory.appendingPathComponent("lunette-tests-stdout.lock").path,
                    O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    defer { if lock >= 0 { close(lock) } }
    while lock >= 0 && flock(lock, LOCK_EX) != 0 && errno == EINTR {}
    return try body()
}
