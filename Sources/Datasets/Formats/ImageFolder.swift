import FileSupport
import Foundation

/// The image files of a folder, listed but not decoded (`ImageLoading` decodes them). Laid out either
/// flat (every image directly in the folder, no classes) or one subfolder per class (classes in name
/// order, labels 0-based). Images are .png files, in name order; hidden files (names starting with a
/// dot) are skipped, and any other file is an error naming it, so a stray file never passes silently.
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

    static let operation = "image_folder"

    public static func list(path: String) throws -> ImageFolder {
        if let problem = FilePath.problem(with: path) { throw DatasetError(operation, problem) }
        let folder = URL(fileURLWithPath: path)
        guard isFolder(folder) else { throw DatasetError(operation, file: path, "no such folder") }
        let (files, subfolders) = try visibleEntries(of: folder)
        if subfolders.isEmpty {
            guard !files.isEmpty else { throw DatasetError(operation, file: path, "the folder holds no .png images") }
            return ImageFolder(files: try pngs(files), labels: [], classNames: [], source: folder)
        }
        guard files.isEmpty else {
            throw DatasetError(operation, file: files[0].path,
                               "this file lies beside the class subfolders; put images either directly in the folder or in one subfolder per class")
        }
        var images: [URL] = [], labels: [Int32] = []
        for (label, classFolder) in subfolders.enumerated() {
            let (members, nested) = try visibleEntries(of: classFolder)
            if let inner = nested.first {
                throw DatasetError(operation, file: inner.path, "class folders must hold images, not further folders")
            }
            images += try pngs(members)
            labels += Array(repeating: Int32(label), count: members.count)
        }
        guard !images.isEmpty else { throw DatasetError(operation, file: path, "the class folders hold no .png images") }
        return ImageFolder(files: images, labels: labels, classNames: subfolders.map(\.lastPathComponent), source: folder)
    }

    /// Files and folders of `folder` not starting with a dot, each sorted by name.
    private static func visibleEntries(of folder: URL) throws -> (files: [URL], folders: [URL]) {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        } catch {
            throw DatasetError(operation, file: folder.path, "cannot list the folder")
        }
        let visible = entries.filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        return (visible.filter { !isFolder($0) }, visible.filter(isFolder))
    }

    private static func pngs(_ files: [URL]) throws -> [URL] {
        if let other = files.first(where: { $0.pathExtension.lowercased() != "png" }) {
            throw DatasetError(operation, file: other.path, "this is not a .png image; image folders hold PNG files only")
        }
        return files
    }
}
