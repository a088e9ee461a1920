import FileSupport
import Foundation

/// A file a cell read, as it was then.
public struct FileStamp: Codable, Equatable, Sendable {
    public let path: String
    public let size: Int64
    public let modified: Int64

    /// The file as it is now; nil when it is gone.
    public init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.path = path
        size = Int64(status.st_size)
        modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }
}

/// What the cache holds for one cell.
public struct CachedCell: Codable, Sendable {
    /// The fingerprint of the run's arguments and the sources of this cell and those before it.
    public let key: String
    /// How long the cell took when it ran.
    public let seconds: Double
    public let filesRead: [FileStamp]
    public let transcript: CellTranscript
    /// The Lua state the cell left (a file in the cache folder, read by the Lua side); nil for the
    /// script's last cell, which leaves nothing to later cells.
    public let stateFile: String?
    /// The top-level locals the state brings back, in order.
    public let locals: [String]
    /// Locals and globals left out of the state because no later cell mentioned them then: the entry
    /// no longer fits a script whose later cells mention one of them.
    public let omitted: [String]
    /// Files in the cache folder the entry needs (its state's tensors and models, its pictures).
    public let files: [String]

    public init(key: String, seconds: Double, filesRead: [FileStamp], transcript: CellTranscript, stateFile: String?,
                locals: [String], omitted: [String], files: [String]) {
        self.key = key
        self.seconds = seconds
        self.filesRead = filesRead
        self.transcript = transcript
        self.stateFile = stateFile
        self.locals = locals
        self.omitted = omitted
        self.files = files
    }
}

/// The cache of a script's cells beside its report (`DIR/cache/`): one entry per cell that ran, keyed
/// by a fingerprint of the arguments and the sources of the cell and all cells before it. A run takes
/// the longest run of leading cells whose entries still fit (same key, the files they read unchanged,
/// state present) from the cache and runs the rest.
public struct CellCache: Sendable {
    public let folder: URL

    public init(reportFolder: URL) {
        folder = reportFolder.appendingPathComponent("cache")
    }

    /// One key per cell: each folds the previous key with the cell's source, starting from `context`
    /// (Lunette's version, the script's arguments).
    public static func keys(for script: NotebookScript, context: [String]) -> [String] {
        var hash = ContentHash()
        for part in context { hash.update(part) }
        return script.cells.map { cell in
            hash.update(cell.source)
            return hash.hex
        }
    }

    /// The entries of the leading cells that can be taken from the cache, in order.
    public func reusablePrefix(of script: NotebookScript, keys: [String]) -> [CachedCell] {
        var reusable: [CachedCell] = []
        for cell in script.cells {
            guard let entry = entry(cell.number), entry.key == keys[cell.number - 1],
                  entry.filesRead.allSatisfy({ FileStamp(path: $0.path) == $0 }),
                  entry.files.allSatisfy({ FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }),
                  entry.stateFile != nil || cell.number == script.cells.count,
                  script.namesMentioned(after: cell.number).isDisjoint(with: entry.omitted) else { break }
            reusable.append(entry)
        }
        return reusable
    }

    public func entry(_ number: Int) -> CachedCell? {
        guard let data = FileManager.default.contents(atPath: entryURL(number).path) else { return nil }
        return try? JSONDecoder().decode(CachedCell.self, from: data)
    }

    /// Writes a cell's entry (the files it names are written first).
    public func store(_ entry: CachedCell, number: Int) throws {
        try createFolder()
        try AtomicFile.write(try JSONEncoder().encode(entry), to: entryURL(number).path, syncToDisk: false)
    }

    /// Forgets the entries of cell `number` and after (they ran again, or could not be cached).
    public func remove(from number: Int) {
        var next = number
        while FileManager.default.fileExists(atPath: entryURL(next).path) {
            try? FileManager.default.removeItem(at: entryURL(next))
            next += 1
        }
    }

    /// Stores a file the cache names by its content (a picture, a tensor); returns its name.
    public func storeContent(_ bytes: some ContiguousBytes, suffix: String) throws -> String {
        try createFolder()
        let name = ContentHash.of(bytes) + suffix
        let url = folder.appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: url.path) {
            try AtomicFile.write(bytes, to: url.path, syncToDisk: false)
        }
        return name
    }

    /// Deletes content files no entry names (left by earlier versions of the cells).
    public func removeUnusedFiles() {
        var used: Set<String> = []
        var number = 1
        while let entry = entry(number) {
            used.formUnion(entry.files)
            number += 1
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where !name.hasPrefix("cell-") && !used.contains(name) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    public func createFolder() throws {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NotebookError.cannotCreateFolder(path: folder.path, reason: systemReason(error))
        }
    }

    private func entryURL(_ number: Int) -> URL {
        folder.appendingPathComponent("cell-\(String(format: "%03d", number)).json")
    }
}
