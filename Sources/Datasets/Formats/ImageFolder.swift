import Foundation

/// The image files of a folder, listed but not decoded (decoding belongs to the Imaging library).
/// Laid out either flat (every image directly in the folder, no classes) or one subfolder per class
/// (classes in name order, labels 0-based). Files are .png, in name order.
public struct ImageFolder: Sendable, Equatable {
    public var files: [URL]
    /// The class index of each file; empty for a flat folder.
    public var labels: [Int32]
    /// The subfolder names; empty for a flat folder.
    public var classNames: [String]
    public var source: URL

    public var count: Int { files.count }

    /// File names without extension (e.g. "astronaut").
    public var names: [String] { files.map { $0.deletingPathExtension().lastPathComponent } }

    public static func list(path: String) throws -> ImageFolder {
        let operation = "image_folder"
        let folder = URL(fileURLWithPath: path)
        guard isFolder(folder) else { throw DatasetError(operation, file: path, "no such folder") }
        func pngs(in url: URL) throws -> [URL] {
            try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "png" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        let flat = try pngs(in: folder)
        let classFolders = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter(isFolder).sorted { $0.lastPathComponent < $1.lastPathComponent }
        if !flat.isEmpty || classFolders.isEmpty {
            guard !flat.isEmpty else { throw DatasetError(operation, file: path, "the folder holds no .png images") }
            return ImageFolder(files: flat, labels: [], classNames: [], source: folder)
        }
        var files: [URL] = [], labels: [Int32] = []
        for (label, classFolder) in classFolders.enumerated() {
            let members = try pngs(in: classFolder)
            files += members
            labels += Array(repeating: Int32(label), count: members.count)
        }
        guard !files.isEmpty else { throw DatasetError(operation, file: path, "the class folders hold no .png images") }
        return ImageFolder(files: files, labels: labels, classNames: classFolders.map(\.lastPathComponent), source: folder)
    }
}
