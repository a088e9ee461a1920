import Imaging
import LuaHost
import Tensors

/// `image.resize`, `crop`, `pad`, `hflip`, `vflip` and `rot90`: each takes one image or a batch.
/// Resizing computes new values (float32 results); the others move values on the tensor itself and
/// keep its dtype.
func declareImageGeometry(in module: LuaModule) {
    let images = LuaParameter("images", .tensor, "one image (H, W) or (H, W, C), or a batch (N, H, W, C)")

    module.declareRenamingErrors("resize", LuaSignature(
        parameters: [images, LuaParameter("height", .integer, "rows of the result"), LuaParameter("width", .integer, "columns of the result")],
        options: [LuaOption("method", .choice(ResizeMethod.allCases.map(\.rawValue)), default: .string(PictureStyle.resizeMethod.rawValue),
                            "'nearest', 'bilinear', 'area' (averages the covered pixels: right for shrinking) or 'auto' "
                            + "(area when shrinking both ways, else bilinear)")],
        returns: "a float32 image tensor",
        summary: "Resizes to height x width pixels, as torch/image's `image.scale` and PIL's `resize`.",
        example: """
            local small = image.resize(tensor.rand{28, 28}, 14, 14)
            print(small:shape())
            """)) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let height = try call.pixelSize(2), width = try call.pixelSize(3)
        try checkImageArea(height: height, width: width, for: call)
        let options = try call.options(4)
        let method = ResizeMethod(rawValue: try options.value("method")) ?? PictureStyle.resizeMethod
        try options.rejectUnknown()
        return call.push(try input.map { try $0.resized(width: width, height: height, method: method) })
    }

    module.declareRenamingErrors("crop", LuaSignature(
        parameters: [images, LuaParameter("top", .integer, "row of the region's top-left pixel (from 1)"),
                     LuaParameter("left", .integer, "column of the region's top-left pixel (from 1)"),
                     LuaParameter("height", .integer, "rows of the region"), LuaParameter("width", .integer, "columns of the region")],
        returns: "a new tensor of the input's dtype",
        summary: "The region whose top-left pixel is at row `top`, column `left`, as a new tensor (torch/image's `image.crop`).",
        example: """
            local t = tensor.arange(1, 17):reshape{4, 4}:float()
            print(image.crop(t, 2, 2, 2, 2))
            """)) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let top = try call.argument(2, as: Int.self), left = try call.argument(3, as: Int.self)
        let height = try call.pixelSize(4), width = try call.pixelSize(5)
        // Compared without adding, so that no size can overflow.
        guard top >= 1, left >= 1, height <= input.height, width <= input.width,
              top - 1 <= input.height - height, left - 1 <= input.width - width else {
            throw LuaError.message("\(call.name): a region of \(width)x\(height) pixels at row \(top), column \(left) "
                                   + "does not fit inside the \(input.width)x\(input.height) image "
                                   + "(rows 1...\(input.height), columns 1...\(input.width))")
        }
        let region = try input.tensor.narrow(input.rowDimension, start: top - 1, length: height)
            .narrow(input.columnDimension, start: left - 1, length: width)
        return call.push(try region.clone())
    }

    module.declareRenamingErrors("pad", LuaSignature(
        parameters: [images, LuaParameter("padding", .oneOf([.integer, .table]),
                                          "pixels on every side, or a table {top =, bottom =, left =, right =} (missing sides get none)")],
        options: [LuaOption("fill", .number, default: .number(0), "the value of the added pixels")],
        returns: "a tensor of the input's dtype",
        summary: "Adds borders of `fill` around the image, as NumPy's `pad` with a constant.",
        example: """
            print(image.pad(tensor.ones{2, 2}, {left = 1, top = 1}, {fill = 0.5}))
            """)) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let sides = try call.paddingSides(2)
        let options = try call.options(3)
        let fill: Double = try options.value("fill")
        try options.rejectUnknown()
        // Each size is at most 2^28 (checked), so these sums cannot overflow.
        try checkImageArea(height: input.height + sides.top + sides.bottom,
                           width: input.width + sides.left + sides.right, for: call)
        var widths = [(before: Int, after: Int)](repeating: (0, 0), count: input.tensor.rank)
        widths[input.rowDimension] = (sides.top, sides.bottom)
        widths[input.columnDimension] = (sides.left, sides.right)
        return call.push(try input.tensor.pad(widths, value: fill))
    }

    module.declareRenamingErrors("hflip", LuaSignature(
        parameters: [images], returns: "a tensor of the input's dtype",
        summary: "Mirrored left to right (torch/image's `image.hflip`).",
        example: "print(image.hflip(tensor{{1, 2, 3}, {4, 5, 6}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.tensor.flip([input.columnDimension]))
    }

    module.declareRenamingErrors("vflip", LuaSignature(
        parameters: [images], returns: "a tensor of the input's dtype",
        summary: "Mirrored top to bottom (torch/image's `image.vflip`).",
        example: "print(image.vflip(tensor{{1, 2, 3}, {4, 5, 6}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.tensor.flip([input.rowDimension]))
    }

    module.declareRenamingErrors("rot90", LuaSignature(
        parameters: [images, LuaParameter("k", .integer, default: "1", "quarter turns counterclockwise (negative: clockwise)")],
        returns: "a tensor of the input's dtype",
        summary: "Turned k quarter turns counterclockwise, as NumPy's `rot90` turns the first two axes of an image.",
        example: "print(image.rot90(tensor{{1, 2}, {3, 4}}))")) { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let turns = try call.argument(2, default: 1)
        let rows = input.rowDimension, columns = input.columnDimension
        let tensor = input.tensor
        let result: Tensor
        switch ((turns % 4) + 4) % 4 {
        case 1: result = try tensor.transpose(rows, columns).flip([rows])
        case 2: result = try tensor.flip([rows, columns])
        case 3: result = try tensor.flip([rows]).transpose(rows, columns).clone()
        default: result = try tensor.clone()
        }
        return call.push(result)
    }
}

extension LuaCall {
    /// Padding widths: one number for every side, or a table {top =, bottom =, left =, right =}.
    func paddingSides(_ index: Int32) throws -> (top: Int, bottom: Int, left: Int, right: Int) {
        let limit = Image.maximumPixelCount
        func checked(_ value: Int, _ side: String?) throws -> Int {
            guard (0...limit).contains(value) else {
                let what = side.map { "field '\($0)' " } ?? ""
                throw invalid(index, "\(what)must be between 0 and \(limit) pixels, got \(value)")
            }
            return value
        }
        if type(index) == .number {
            let all = try checked(argument(index, as: Int.self), nil)
            return (all, all, all, all)
        }
        let table = try table(index, expected: "a number of pixels or a table {top =, bottom =, left =, right =}")
        let names = ["top", "bottom", "left", "right"]
        try table.forEach { key, _ in
            let name = try? key.value(as: String.self)
            guard let name, names.contains(name) else {
                throw invalid(index, "has an unknown side \(name.map { "'\($0)'" } ?? "key") (sides: 'top', 'bottom', 'left', 'right')")
            }
        }
        let sides = try names.map { name in
            try checked(table.withField(name) { $0.isMissing ? 0 : try $0.value(as: Int.self) }, name)
        }
        return (sides[0], sides[1], sides[2], sides[3])
    }
}
