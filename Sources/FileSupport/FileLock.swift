import Foundation

/// An exclusive lock on a lock file, shared with other processes through `flock`: a second holder
/// (another process, or another `FileLock` on the same file in this one) waits until it is released.
/// The kernel releases it when the descriptor closes, so a process that dies loses its locks and a
/// lock on a crashed worker's file can be taken again.
public final class FileLock {
    public let path: String
    private var descriptor: Int32

    /// Why a lock could not be taken.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Another holder kept it past the timeout.
        case timedOut(path: String, seconds: Double)
        /// The lock file could not be opened or locked; the value is `errno`.
        case system(path: String, code: Int32)

        public var description: String {
            switch self {
            case let .timedOut(path, seconds):
                return "'\(path)' is locked by another holder (waited \(seconds) s)"
            case let .system(path, code):
                return "cannot lock '\(FilePath.printable(path))': \(FilePath.problem(with: path) ?? String(cString: strerror(code)))"
            }
        }
    }

    /// Opens (creating it if needed) and locks `path`. Without a timeout it waits as long as it takes;
    /// `shouldStop` is asked while waiting, so a caller can give up (an interrupt) by throwing.
    public init(path: String, timeout: Double? = nil, shouldStop: () throws -> Void = {}) throws {
        self.path = path
        guard FilePath.problem(with: path) == nil else { throw Failure.system(path: path, code: EINVAL) }
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure.system(path: path, code: errno) }
        let deadline = timeout.map { Self.now() + $0 }
        // Polling rather than a blocking flock, so that a timeout and an interrupt can end the wait.
        var pause: useconds_t = 1_000
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            if code != EWOULDBLOCK && code != EINTR {
                close(descriptor)
                throw Failure.system(path: path, code: code)
            }
            if let deadline, Self.now() >= deadline {
                close(descriptor)
                throw Failure.timedOut(path: path, seconds: timeout ?? 0)
            }
            do { try shouldStop() } catch {
                close(descriptor)
                throw error
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
    }

    /// True until `unlock`.
    public var isHeld: Bool { descriptor >= 0 }

    /// Releases the lock; unlocking twice does nothing.
    public func unlock() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { unlock() }

    /// Seconds on a clock that never goes back (for timeouts and durations, not dates).
    public static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
