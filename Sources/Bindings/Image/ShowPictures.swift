import Datasets
import Foundation
import Imaging
import LuaHost
import Tensors

/// How `show(x)` presents tensors, charts and figures: image-like tensors and charts as pictures,
/// other tensors as their printed values.
func registerPictureDisplays(in notebook: ScriptNotebook) {
    notebook.showable(TensorLua.luaClass) { tensor in
        guard let picture = try displayablePicture(tensor) else { return .text(tensor.format(indexBase: 1)) }
        let kind = picture.channels == 1 ? "grey" : picture.channels == 3 ? "RGB" : "\(picture.channels)-channel"
        return .picture(png: Data(try PNG.encode(picture.toBytes())),
                        summary: "Image \(picture.width)x\(picture.height) \(kind) from [Tensor \(tensor.dtype) \(tensor.shape.array.map(String.init).joined(separator: "x"))]")
    }
    notebook.showable(ChartLua.luaClass) { object in
        let picture = try object.chart.render()
        return .picture(png: Data(try PNG.encode(picture.toBytes())), summary: "Chart \(picture.width)x\(picture.height)")
    }
    notebook.showable(FigureLua.luaClass) { object in
        let picture = try object.figure.render()
        return .picture(png: Data(try PNG.encode(picture.toBytes())), summary: "Figure \(picture.width)x\(picture.height)")
    }
}

/// A tensor that looks like a picture, as an image: (H, W) or (H, W, C) with C in 1...4 and both
/// sides at least 8 (smaller ones read better as numbers). float32 values outside [0, 1] are stretched
/// to it (a heatmap or a feature map), uint8 values are levels.
private func displayablePicture(_ tensor: Tensor) throws -> Image? {
    let sizes = tensor.shape.array
    guard sizes.count <= 3, sizes.count >= 2, sizes[0] >= 8, sizes[1] >= 8,
          var picture = try? ImageTensor(tensor, .single, operation: "show").image(0) else { return nil }
    if let low = picture.pixels.min(), let high = picture.pixels.max(), low < 0 || high > 1 {
        let span = high > low ? high - low : 1
        picture.pixels = picture.pixels.map { ($0 - low) / span }
    }
    return picture
}
