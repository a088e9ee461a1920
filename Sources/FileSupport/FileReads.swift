import Synchronization

/// The files the process has read, noted by the libraries' readers (data sets, images, saved models)
/// and by the Lua side's `io.open`, `require` and friends, so a notebook cell's cached results can be
/// tied to the files it read. Off until `start`; notes are cheap when off.
public enum FileReads {
    private static let log = Mutex<Set<String>?>(nil)

    /// Starts noting (forgetting what was noted before).
    public static func start() {
        log.withLock { $0 = [] }
    }

    /// A reader opened `path` for reading.
    public static func note(_ path: String) {
        log.withLock { $0?.insert(path) }
    }

    /// The paths noted since the last call (or `start`), and an empty log.
    public static func take() -> Set<String> {
        log.withLock { log in
            defer { if log != nil { log = [] } }
            return log ?? []
        }
    }
}
