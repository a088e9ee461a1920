import FileSupport
import Foundation
import Synchronization

/// Catches everything the process writes to standard output (Lua's `print` and `io.write`, Swift's
/// `print` and `FileHandle` writes, child processes) while still showing it on the terminal.
///
/// Descriptor 1 is redirected to a pipe. A reader thread copies what arrives to the original output
/// and hands it to `onText`. Events (a new cell, a picture) travel in-band: `send` flushes C's buffered
/// stdout, queues the event and writes a marker (an escape sequence with a random token) to the same
/// descriptor, so the reader meets each event exactly between the bytes written before and after it.
/// The handlers run on the reader thread, one at a time, in stream order.
public final class OutputCapture<Event: Sendable>: Sendable {
    private struct Queue: Sendable {
        var items: [CaptureItem<Event>] = []
        var stopped = false
        var readerEnded = false
    }

    private let marker: [UInt8]
    private let originalOutput: Int32
    private let originalIsTerminal: Bool
    private let readEnd: Int32
    private let queue = Mutex(Queue())
    private let readerFinished = DispatchSemaphore(value: 0)

    /// Starts capturing. `onText` receives output bytes, `onEvent` the events sent, both on the reader
    /// thread.
    public init(onText: @escaping @Sendable (UnsafeRawBufferPointer) -> Void,
                onEvent: @escaping @Sendable (Event) -> Void) throws {
        var token = "\u{1B}]lunette-report:"
        for _ in 0..<4 { token += String(UInt32.random(in: 0...UInt32.max), radix: 16) }
        marker = Array((token + "\u{07}").utf8)

        StandardOutput.flush()
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw NotebookError.cannotCapture(reason: Self.lastError()) }
        _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC) // child processes inherit descriptor 1 only
        let original = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        guard original >= 0, dup2(ends[1], STDOUT_FILENO) >= 0 else {
            let reason = Self.lastError()
            if original >= 0 { close(original) }
            close(ends[0]); close(ends[1])
            throw NotebookError.cannotCapture(reason: reason)
        }
        close(ends[1]) // descriptor 1 is now the only write end
        originalOutput = original
        originalIsTerminal = isatty(original) == 1
        readEnd = ends[0]
        StandardOutput.originalDescriptor.store(original, ordering: .relaxed)
        // A pipe would make C's stdout fully buffered; lines must reach the terminal as they are written.
        StandardOutput.setLineBuffered(true)

        let reader = Reader(descriptor: ends[0], originalOutput: original, marker: marker,
                            nextItem: { self.queue.withLock { $0.items.isEmpty ? .stop : $0.items.removeFirst() } },
                            onText: onText, onEvent: onEvent)
        let thread = Thread {
            reader.run()
            self.readerEnded()
        }
        thread.name = "lunette report capture"
        thread.start()
    }

    /// Queues an event behind everything written so far. `terminalNote` is written to the original
    /// output when the reader reaches the event (the terminal's view of a picture, say). With
    /// `waitUntilHandled`, returns once `onEvent` has run for it.
    public func send(_ event: Event, terminalNote: String? = nil, waitUntilHandled: Bool = false) {
        StandardOutput.flush()
        let handled = waitUntilHandled ? DispatchSemaphore(value: 0) : nil
        let queued = queue.withLock { queue -> Bool in
            guard !queue.stopped && !queue.readerEnded else { return false }
            queue.items.append(.event(event, terminalNote: terminalNote, handled: handled))
            return true
        }
        guard queued else { return }
        guard writeMarker() else {
            // Descriptor 1 was closed by the script: no marker will come for this event.
            queue.withLock { _ = $0.items.popLast() }
            return
        }
        handled?.wait()
    }

    /// Delivers everything written so far, then gives descriptor 1 back to the original output.
    /// Calling it again does nothing.
    public func stop() {
        StandardOutput.flush()
        let first = queue.withLock { queue -> Bool in
            guard !queue.stopped else { return false }
            queue.stopped = true
            queue.items.append(.stop)
            return true
        }
        guard first else { return }
        let markerWritten = writeMarker()
        dup2(originalOutput, STDOUT_FILENO) // closes the pipe's write end: the reader sees the end after the marker
        // Without the marker, the reader ends when the last writer closes the pipe; a child process
        // that keeps it open must not hold the script's exit forever.
        if markerWritten {
            readerFinished.wait()
        } else if readerFinished.wait(timeout: .now() + 2) == .timedOut {
            return
        }
        StandardOutput.originalDescriptor.store(STDOUT_FILENO, ordering: .relaxed)
        close(originalOutput)
        close(readEnd)
        StandardOutput.setLineBuffered(originalIsTerminal)
    }

    /// The reader returned: anyone waiting for an event it will never handle is released.
    private func readerEnded() {
        let abandoned = queue.withLock { queue -> [CaptureItem<Event>] in
            queue.readerEnded = true
            defer { queue.items.removeAll() }
            return queue.items
        }
        for case .event(_, _, let handled?) in abandoned { handled.signal() }
        readerFinished.signal()
    }

    private func writeMarker() -> Bool {
        writeAll(marker, to: STDOUT_FILENO)
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

private enum CaptureItem<Event: Sendable>: Sendable {
    case event(Event, terminalNote: String?, handled: DispatchSemaphore?)
    case stop
}

/// The reader thread's loop: splits the stream at markers, tees text, hands out events.
private struct Reader<Event: Sendable>: Sendable {
    let descriptor: Int32
    let originalOutput: Int32
    let marker: [UInt8]
    let nextItem: @Sendable () -> CaptureItem<Event>
    let onText: @Sendable (UnsafeRawBufferPointer) -> Void
    let onEvent: @Sendable (Event) -> Void

    func run() {
        var scanner = MarkerScanner(marker: marker)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var stopped = false
        while !stopped {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { // every writer closed descriptor 1 without stopping (the script closed io.stdout)
                scanner.finish(tee)
                return
            }
            buffer.withUnsafeBytes { bytes in
                scanner.scan(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) { piece in
                    switch piece {
                    case .text(let text):
                        tee(text)
                    case .marker:
                        guard case .event(let event, let note, let handled) = nextItem() else {
                            stopped = true
                            return false
                        }
                        if let note { writeAll(Array(note.utf8), to: originalOutput) }
                        onEvent(event)
                        handled?.signal()
                    }
                    return true
                }
            }
        }
    }

    private func tee(_ text: UnsafeRawBufferPointer) {
        writeAll(text, to: originalOutput)
        onText(text)
    }
}
