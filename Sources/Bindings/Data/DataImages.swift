import Datasets
import Imaging
import LuaHost
import Tensors

// Image folders, grey copies, random patches and flips: preparing pictures for a network.

func registerDataImages(_ module: LuaModule) {
    /// data.image_folder(path, {size=, color_mode=, interpolation='auto', dtype='float32'})
    ///     -> {images, labels, class_names, names, count, source}
    ///   PNG images of a folder: either directly in it (labels nil) or one subfolder per class (labels
    ///   int64, 0-based, classes in subfolder name order; class_names the subfolder names). images: N x
    ///   H x W x C. size = {height, width} (or one number for squares) resizes every image (interpolation
    ///   'nearest', 'bilinear', 'area' or 'auto': area when shrinking); without it all images must have
    ///   one size. color_mode 'grayscale', 'rgb' or 'rgba' (default: rgb if any image has colour, else
    ///   grayscale). A file that is not a PNG image is an error naming it.
    dataFunction(module, "image_folder") { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let size = try imageSize(options, key: "size", call: call)
        let mode = try options.optional("color_mode", as: String.self).map { name in
            guard let mode = ColorMode(rawValue: name) else {
                throw LuaError.message("\(call.name): option 'color_mode' must be one of 'grayscale', 'rgb', 'rgba', got '\(name)'")
            }
            return mode
        }
        let interpolation = ResizeMethod(rawValue: try options.choice("interpolation", among: ResizeMethod.allCases.map(\.rawValue), default: "auto")) ?? .auto
        let dtype = try imageDType(options)
        try options.rejectUnknown()
        let set = try ImageLoading.folder(path: path, size: size, colorMode: mode, interpolation: interpolation,
                                          dtype: dtype, operation: call.name)
        return call.push(imageSetRecord(set, call: call))
    }

    /// data.grey(images) -> grey images
    ///   Grey copies of colour images by ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B): H x W x 3 (or 4)
    ///   gives H x W x 1, N x H x W x 3 gives N x H x W x 1, float32 or uint8 as given. The inputs of a
    ///   colorization network whose targets are the colour images.
    dataFunction(module, "grey") { call in
        call.push(try GreyImages.grey(try call.tensor(1), operation: call.name))
    }

    /// data.patches(images, {size=, count=, seed=, region='whole', holdout=0.3}) -> patches, sources
    ///   Random crops of size = {height, width} (or one number) from images: a list of H x W x C tensors
    ///   (e.g. data.images().images), one N x H x W x C tensor, or one H x W x C tensor. For each of the
    ///   `count` patches an image is drawn at random, then a position. region = 'train' keeps patches
    ///   out of the bottom `holdout` fraction of each image's rows, region = 'test' takes them only
    ///   from there, so test patches never overlap training ones. patches: count x height x width x C;
    ///   sources: int64, the position (1-based) of the image each patch came from.
    dataFunction(module, "patches") { call in
        let images = try imageList(call, 1)
        let options = try call.options(2)
        guard let size = try imageSize(options, key: "size", call: call) else {
            throw LuaError.message("\(call.name): option 'size' is required (a number or {height, width})")
        }
        guard let count = try options.optional("count", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'count' is required (how many patches)")
        }
        let holdout = try options.value("holdout", default: 0.3)
        let region: PatchRegion
        switch try options.choice("region", among: ["whole", "train", "test"], default: "whole") {
        case "train": region = .train(heldOut: holdout)
        case "test": region = .test(heldOut: holdout)
        default: region = .whole
        }
        let seed = try call.seed(options)
        try options.rejectUnknown()
        let (patches, sources) = try Patches.sample(from: images, count: count, height: size.height, width: size.width,
                                                    region: region, seed: seed, operation: call.name)
        return call.push(call.value(patches), call.value(try Tensor(sources.map { Int64($0 + 1) })))
    }

    /// data.random_flip(images, {mode='horizontal', p=0.5, seed=}) -> flipped copy
    ///   Augmentation as Keras' RandomFlip: each image of an N x H x W x C batch is mirrored left-right
    ///   (mode 'horizontal'), upside-down ('vertical') or each independently ('horizontal_and_vertical'),
    ///   each flip with probability p.
    dataFunction(module, "random_flip") { call in
        let images = try call.tensor(1)
        let options = try call.options(2)
        let mode = RandomFlip.Mode(rawValue: try options.choice("mode", among: RandomFlip.Mode.allCases.map(\.rawValue),
                                                                default: "horizontal")) ?? .horizontal
        let probability = try options.value("p", default: 0.5)
        let seed = try call.seed(options)
        try options.rejectUnknown()
        return call.push(try RandomFlip.apply(images, mode: mode, probability: probability, seed: seed, operation: call.name))
    }
}

/// An image size option: one number (square) or {height, width}; nil when absent.
func imageSize(_ options: LuaOptions, key: String, call: LuaCall) throws -> (height: Int, width: Int)? {
    try options.with(key) { element -> (height: Int, width: Int)? in
        if element.isMissing { return nil }
        let sizes = element.type == .number ? [try element.value(as: Int.self)]
            : try element.table(expected: "a number or {height, width}").array(of: Int.self)
        guard (sizes.count == 1 || sizes.count == 2), sizes.allSatisfy({ $0 >= 1 }) else {
            throw element.invalid("must be a positive number or {height, width} of positive numbers, got \(sizes)")
        }
        return (sizes[0], sizes[sizes.count - 1])
    }
}

/// Images given as a list of H x W x C tensors, one N x H x W x C tensor or one H x W x C tensor.
func imageList(_ call: LuaCall, _ index: Int32) throws -> [Tensor] {
    if let tensor = call.optionalTensor(index) {
        switch tensor.rank {
        case 3: return [tensor]
        case 4: return try (0..<tensor.shape[0]).map { try tensor.select(0, $0) }
        default: throw call.invalid(index, "must be images of shape (H, W, C) or (N, H, W, C), got shape \(shapeText(tensor))")
        }
    }
    let list = try call.table(index, expected: "a tensor or a list of image tensors")
    return try (0..<list.count).map { offset in try list.withElement(offset + 1) { try $0.object(TensorLua.luaClass) } }
}
