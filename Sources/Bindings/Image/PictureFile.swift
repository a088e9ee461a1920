import FileSupport
import Foundation
import Imaging
import LuaHost

/// The one way the `image` and `plot` modules write PNG files (`image.save`, `Chart:save`,
/// `Figure:save`): whatever must happen to every saved picture (a notebook report recording it) is
/// added here, once.
enum PictureFile {
    /// Writes `picture` as an 8-bit PNG, atomically, creating missing folders on the way (scripts
    /// write to `out/...` without making the folder first, and Lua has no function to make one).
    static func save(_ picture: ByteImage, to path: String, for call: LuaCall) throws {
        if let problem = FilePath.problem(with: path) { throw LuaError.message("\(call.name): \(problem)") }
        let (folder, name) = FilePath.split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw LuaError.message("\(call.name): cannot write '\(path)': the path names a folder, not a file")
        }
        do { try Folders.make(folder) } catch { throw LuaError.message("\(call.name): \(error) (the folder for '\(path)')") }
        let png = try PNG.write(picture, to: path)
        try call.host.attachment(ScriptNotebook.self)?.pictureSaved(png: Data(png), path: path)
    }
}
