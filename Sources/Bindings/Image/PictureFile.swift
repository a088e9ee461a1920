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
        guard !path.isEmpty else { throw LuaError.message("\(call.name): the file name is empty") }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw LuaError.message("\(call.name): cannot create the folder '\(folder)' for '\(path)': "
                                       + "\((error as NSError).localizedDescription)")
            }
        }
        let png = try PNG.write(picture, to: path)
        try call.host.attachment(ScriptNotebook.self)?.pictureSaved(png: Data(png), path: path)
    }
}
