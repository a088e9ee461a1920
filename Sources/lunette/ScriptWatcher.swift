import Foundation

/// `--watch`: runs the script, then again each time its file changes (its modification time or size,
/// polled twice a second: no file-system events are needed), until interrupted.
struct ScriptWatcher {
    let script: String
    /// One run; returns its exit status.
    let runOnce: () -> Int32

    func watch() throws {
        var seen = stamp()
        while true {
            let status = runOnce()
            FileHandle.standardError.write(Data("lunette: \(status == 0 ? "done" : "failed (status \(status))"); watching \(script) for changes (Ctrl-C stops)\n".utf8))
            while stamp() == seen { usleep(500_000) }
            // An editor may write the file in several steps: wait until it stays the same.
            repeat {
                seen = stamp()
                usleep(200_000)
            } while stamp() != seen
        }
    }

    private func stamp() -> [Int64] {
        var status = stat()
        guard stat(script, &status) == 0 else { return [] }
        return [Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec), Int64(status.st_size)]
    }
}
