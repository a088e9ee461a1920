import Imaging
import LuaHost
import Tensors

/// `image.resize`, `crop`, `pad`, `hflip`, `vflip` and `rot90`: each takes one image or a batch.
/// Resizing computes new values (float32 results); the others move values on the tensor itself and
/// keep its dtype.
func declareImageGeometry(in module: LuaModule) {
    // image.resize(t, height, width, {method = 'auto'}): 'nearest', 'bilinear', 'area' (averages the
    // covered pixels: right for shrinking) or 'auto' (area when shrinking both ways, else bilinear).
    module.imagingFunction("resize") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let height = try call.pixelSize(2), width = try call.pixelSize(3)
        try checkImageArea(height: height, width: width, for: call)
        let options = try call.options(4)
        let name = try options.choice("method", among: ResizeMethod.allCases.map(\.rawValue), default: "auto")
        try options.rejectUnknown()
        let method = ResizeMethod(rawValue: name) ?? .auto
        return call.push(try input.map { try $0.resized(width: width, height: height, method: method) })
    }

    // image.crop(t, top, left, height, width): the region whose top-left pixel is at row `top`,
    // column `left` (1-based), as a new tensor.
    module.imagingFunction("crop") { call in
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

    // image.pad(t, padding, {fill = 0}): borders of `fill` added; `padding` is one number for every
    // side or a table {top =, bottom =, left =, right =} (missing sides get none).
    module.imagingFunction("pad") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        let sides = try call.paddingSides(2)
        let options = try call.options(3)
        let fill = try options.value("fill", default: 0.0)
        try options.rejectUnknown()
        // Each size is at most 2^28 (checked), so these sums cannot overflow.
        try checkImageArea(height: input.height + sides.top + sides.bottom,
                           width: input.width + sides.left + sides.right, for: call)
        var widths = [(before: Int, after: Int)](repeating: (0, 0), count: input.tensor.rank)
        widths[input.rowDimension] = (sides.top, sides.bottom)
        widths[input.columnDimension] = (sides.left, sides.right)
        return call.push(try input.tensor.pad(widths, value: fill))
    }

    // image.hflip(t): mirrored left to right.
    module.imagingFunction("hflip") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.tensor.flip([input.columnDimension]))
    }

    // image.vflip(t): mirrored top to bottom.
    module.imagingFunction("vflip") { call in
        let input = try call.imageTensor(1, .singleOrBatch)
        return call.push(try input.tensor.flip([input.rowDimension]))
    }

    // image.rot90(t, k = 1): turned k quarter turns counterclockwise (negative k: clockwise), as
    // NumPy's rot90 turns the first two axes of an image.
    module.imagingFunction("rot90") { call in
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
        guard type(index) == .table else {
            throw mismatch(index, expected: "a number of pixels or a table {top =, bottom =, left =, right =}")
        }
        let sides = try options(index)
        let result = (top: try checked(sides.value("top", default: 0), "top"),
                      bottom: try checked(sides.value("bottom", default: 0), "bottom"),
                      left: try checked(sides.value("left", default: 0), "left"),
                      right: try checked(sides.value("right", default: 0), "right"))
        try sides.rejectUnknown()
        return result
    }
}
