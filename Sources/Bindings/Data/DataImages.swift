import Datasets
import Imaging
import LuaHost
import Tensors

// Image folders, grey copies, random patches and flips: preparing pictures for a network.

func declareDataImages(_ module: LuaModule) {
    let sizeKind = LuaValueKind.oneOf([.integer, .list(.integer)])
    module.declareTranslatingErrors("image_folder", LuaSignature(
        parameters: [LuaParameter("path", .string, "a folder of PNG images, or of one subfolder per class")],
        options: [
            LuaOption("size", sizeKind, default: .described("the images' own (all must have one size)"),
                      "{height, width}, or one number for squares: every image is resized to it"),
            LuaOption("color_mode", .choice(ColorMode.allCases.map(\.rawValue)),
                      default: .described("'rgb' if any image has colour, else 'grayscale'"), "the channels of the images"),
            LuaOption("interpolation", .choice(ResizeMethod.allCases.map(\.rawValue)),
                      default: .string(ImageLoading.defaultInterpolation.rawValue), "how images are resized ('auto': area when shrinking)"),
            imageDTypeOption,
        ],
        returns: "a table {images, labels, class_names, names, count, source}",
        summary: """
            The PNG images of a folder, as keras.utils.image_dataset_from_directory: either directly in it \
            (labels nil) or one subfolder per class (labels int64, 0-based, classes in subfolder name order; \
            class_names the subfolder names). images: N x H x W x C. A file that is not a PNG image is an \
            error naming it.
            """,
        example: """
            lunette.mkdir('squares')
            image.save('squares/black.png', tensor.zeros{4, 4, 3})
            image.save('squares/white.png', tensor.ones{4, 4, 3})
            local set = data.image_folder('squares', {size = 2})
            print(set.count, set.names[1], set.images:size(2))
            """)) { call in
        let path = try call.argument(1, as: String.self)
        let options = try call.options(2)
        let size = try imageSize(options, key: "size", call: call)
        let mode = try options.optional("color_mode", as: String.self).flatMap(ColorMode.init(rawValue:))
        let interpolation = ResizeMethod(rawValue: try options.value("interpolation")) ?? ImageLoading.defaultInterpolation
        let dtype = try imageDType(options)
        try options.rejectUnknown()
        let set = try ImageLoading.folder(path: path, size: size, colorMode: mode, interpolation: interpolation,
                                          dtype: dtype, operation: call.name)
        return call.push(imageSetRecord(set, call: call))
    }

    module.declareTranslatingErrors("grey", LuaSignature(
        parameters: [LuaParameter("images", .tensor, "H x W x 3 (or 4), or N x H x W x 3 (or 4)")],
        returns: "a tensor of grey images, one channel",
        summary: """
            Grey copies of colour images by ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B), as \
            tf.image.rgb_to_grayscale: H x W x 3 gives H x W x 1, N x H x W x 3 gives N x H x W x 1, float32 or \
            uint8 as given. The inputs of a colorization network whose targets are the colour images.
            """,
        example: """
            local red = tensor.zeros{1, 1, 3}
            red[1][1][1] = 1
            print(data.grey(red):item())
            """)) { call in
        call.push(try GreyImages.grey(try call.tensor(1), operation: call.name))
    }

    module.declareTranslatingErrors("patches", LuaSignature(
        parameters: [LuaParameter("images", .oneOf([.tensor, .list(.tensor)]), "a list of H x W x C tensors, one N x H x W x C tensor or one H x W x C tensor")],
        options: [
            LuaOption("size", sizeKind, "{height, width} of the patches, or one number (required)"),
            LuaOption("count", .integer, "how many patches (required)"),
            LuaOption("region", .choice(["whole", "train", "test"]), default: .string("whole"),
                      "'train' keeps patches out of the bottom `holdout` share of each image's rows, 'test' takes them only from there"),
            LuaOption("holdout", .number, default: .number(0.3), "the share of rows held out for test patches"),
            seedOption,
        ],
        returns: "patches (count x height x width x C), sources (int64: the 1-based position of each patch's image)",
        summary: """
            Random crops of one size, as sklearn.feature_extraction.image.extract_patches_2d with \
            max_patches: for each patch an image is drawn at random, then a position. With region 'train' \
            and 'test', test patches never overlap training ones.
            """,
        example: """
            tensor.manual_seed(1)
            local patches, sources = data.patches(data.images().images, {size = 8, count = 4})
            print(patches:size(1), patches:size(2), sources:size(1))
            """)) { call in
        let images = try imageList(call, 1)
        let options = try call.options(2)
        guard let size = try imageSize(options, key: "size", call: call) else {
            throw LuaError.message("\(call.name): option 'size' is required (a number or {height, width})")
        }
        guard let count = try options.optional("count", as: Int.self) else {
            throw LuaError.message("\(call.name): option 'count' is required (how many patches)")
        }
        let holdout = try options.value("holdout", as: Double.self)
        let region: PatchRegion
        switch try options.value("region", as: String.self) {
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

    module.declareTranslatingErrors("random_flip", LuaSignature(
        parameters: [LuaParameter("images", .tensor, "a batch N x H x W x C")],
        options: [
            LuaOption("mode", .choice(RandomFlip.Mode.allCases.map(\.rawValue)), default: .string(RandomFlip.defaultMode.rawValue),
                      "mirror left-right, upside-down, or each independently"),
            LuaOption("p", .number, default: .number(RandomFlip.defaultProbability), "the probability of each flip"),
            seedOption,
        ],
        returns: "a flipped copy",
        summary: "Augmentation as Keras' RandomFlip layer: each image of the batch is mirrored with probability p.",
        example: """
            local batch = tensor{{{{1}, {2}}}}
            print(data.random_flip(batch, {p = 1}):view(-1))
            """)) { call in
        let images = try call.tensor(1)
        let options = try call.options(2)
        let mode = RandomFlip.Mode(rawValue: try options.value("mode")) ?? RandomFlip.defaultMode
        let probability = try options.value("p", as: Double.self)
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
        default: throw call.invalid(index, "must be images of shape (H, W, C) or (N, H, W, C), got shape \(tensor.shape)")
        }
    }
    let list = try call.table(index, expected: "a tensor or a list of image tensors")
    return try (0..<list.count).map { offset in try list.withElement(offset + 1) { try $0.object(TensorLua.luaClass) } }
}
