import FileSupport
import Foundation
import LuaHost
import NN
import Notebook

/// One run's use of the cell cache beside its report: which leading cells come from the cache, and the
/// entries the cells that run leave for the next run. Saving stops at the first cell whose state cannot
/// be saved, so that cell and every later one run again next time.
final class CellCacheRun {
    let script: NotebookScript
    let cache: CellCache
    /// The entries of the leading cells taken from the cache.
    let reused: [CachedCell]
    private(set) var isSaving = true
    private let keys: [String]
    /// States saved at cell boundaries, waiting for their cell's transcript.
    private var savedStates: [Int: (file: String, locals: [String], omitted: [String], files: [String])] = [:]

    /// `context` is what every key depends on besides the cells (Lunette's version, the arguments);
    /// `fresh` ignores the cache's entries (the run still writes new ones).
    init(script: NotebookScript, reportFolder: URL, context: [String], fresh: Bool) {
        self.script = script
        cache = CellCache(reportFolder: reportFolder)
        keys = CellCache.keys(for: script, context: context)
        reused = fresh ? [] : cache.reusablePrefix(of: script, keys: keys)
        cache.remove(from: reused.count + 1)
    }

    /// The top-level locals the restored state brings back.
    var restoredLocals: [String] { reused.last?.locals ?? [] }

    /// Whether the state left by cell `number` is to be saved.
    func savesState(after number: Int) -> Bool { isSaving && number > reused.count }

    func stop() { isSaving = false }

    func stateSaved(cell number: Int, manifest: [UInt8], locals: [String], omitted: [String], files: [String]) throws {
        let file = try cache.storeContent(manifest, suffix: ".state.lua")
        savedStates[number] = (file, locals, omitted, files + [file])
    }

    /// Stores the entry of cell `number`, which ran and took `seconds`, now that its transcript is complete.
    func cellFinished(_ number: Int, seconds: Double, transcript: CellTranscript, reportFolder: URL) throws {
        let reads = FileReads.take()
        guard savesState(after: number), number <= script.cells.count else { return }
        let state = savedStates.removeValue(forKey: number)
        guard state != nil || number == script.cells.count else { return }
        var pictures: [String] = []
        let stored = try transcript.replacingPictureFiles { file in
            let png = try Data(contentsOf: reportFolder.appendingPathComponent(file))
            let name = try cache.storeContent(png, suffix: ".png")
            pictures.append(name)
            return name
        }
        let ownFolder = cache.folder.path + "/"
        let stamps = reads.sorted().filter { !$0.hasPrefix(ownFolder) }.compactMap(FileStamp.init(path:))
        try cache.store(CachedCell(key: keys[number - 1], seconds: seconds, filesRead: stamps, transcript: stored,
                                   stateFile: state?.file, locals: state?.locals ?? [], omitted: state?.omitted ?? [],
                                   files: (state?.files ?? []) + pictures), number: number)
    }

    /// The Lua state cached for cell `number` (a table constructor; its strings may hold any bytes),
    /// or nil for the last cell.
    func state(of number: Int) throws -> Data? {
        guard let file = reused[number - 1].stateFile else { return nil }
        return try read(file)
    }

    func read(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path(of: name)))
    }

    func path(of name: String) -> String {
        cache.folder.appendingPathComponent(name).path
    }

    /// Stores a model with its optimizer state; one the cache could not load again (a Lambda layer
    /// needs its function) is refused with the reason.
    func saveModel(_ model: Model) throws -> String {
        try cache.createFolder()
        let temporary = cache.folder.appendingPathComponent(".model-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try model.saveTrainingState(temporary.path)
            _ = try NN.load(temporary.path)
        } catch {
            throw LuaError.message("a model the cache cannot save and load again (\(error))")
        }
        return try cache.storeContent(try Data(contentsOf: temporary), suffix: ".safetensors")
    }
}
