import Foundation

/// Finds the folders of the built-in data sets. Each set lives in a folder of its own name (mnist,
/// fashion-mnist, ecg5000, ecg-mitbih, reuters, images, faces) under a data root. The host decides
/// the roots: usually LUNETTE_DATA (the full sets) first, then the embedded `data/` folder shipped
/// next to the executable (small subsets).
public struct DataLocator: Sendable {
    /// Searched in order.
    public var roots: [URL]

    public init(roots: [URL]) {
        self.roots = roots
    }

    /// LUNETTE_DATA (when set and not empty), then `embedded`.
    public static func standard(embedded: URL?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataLocator {
        var roots: [URL] = []
        if let value = environment["LUNETTE_DATA"], !value.isEmpty { roots.append(URL(fileURLWithPath: value)) }
        if let embedded { roots.append(embedded) }
        return DataLocator(roots: roots)
    }

    /// The folder of set `name`: `path` when given (the set's own folder, or a root that holds it),
    /// else the first root that holds it.
    public func folder(for name: String, path: URL? = nil) throws -> URL {
        if let path { return try BuiltinDatasets.setFolder(name, path: path) }
        for root in roots where isFolder(root.appendingPathComponent(name)) {
            return root.appendingPathComponent(name)
        }
        let searched = roots.isEmpty ? "no data folder was given" : "looked in " + roots.map(\.path).joined(separator: ", ")
        throw DatasetError(name, "the data set '\(name)' was not found (\(searched)); set LUNETTE_DATA to a folder laid out like the shared data, or pass a path")
    }
}

func isFolder(_ url: URL) -> Bool {
    var folder: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &folder) && folder.boolValue
}
