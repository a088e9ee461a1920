// swift-tools-version:6.0
// Lunette: Lua 5.4 scripts with tensors, autograd, neural networks, data loaders, images and charts.
//
// Dependency direction (nothing below knows about anything above it):
//   lunette (CLI) -> Bindings -> LuaHost, NN, Datasets, Imaging, Notebook -> Tensors -> C modules;
//   FileSupport (atomic file writes) sits at the bottom, under every library that writes files;
//   CheckedArithmetic (overflow-checked sizes) under every library that computes sizes from user values.
import PackageDescription

let package = Package(
    name: "Lunette",
    products: [
        .executable(name: "lunette", targets: ["lunette"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C libraries, found through pkg-config.
        .systemLibrary(name: "CLua", pkgConfig: "lua5.4", providers: [.apt(["liblua5.4-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng16", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CEdit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Matrix products and convolutions on oneDNN (run-time AVX2/AVX-512 kernels), one thread per call.
        // -fno-math-errno: sqrt without errno is one instruction, so the update loops vectorize.
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-fno-math-errno"])],
                linkerSettings: [.linkedLibrary("dnnl"), .linkedLibrary("gomp")]),
        // The C half of the Lua boundary: trampolines and protected calls (see LuaShim/include/lunette_lua.h).
        .target(name: "LuaShim", dependencies: ["CLua"]),

        // Libraries, each usable without Lua.
        // Overflow-checked sizes from user-chosen values, under every library that computes them.
        .target(name: "CheckedArithmetic"),
        .target(name: "FileSupport"),
        .target(name: "Tensors", dependencies: ["CBLAS", "CKernels", "CheckedArithmetic"]),
        .target(name: "NN", dependencies: ["Tensors", "CKernels", "FileSupport", "CheckedArithmetic"]),
        .target(name: "Imaging", dependencies: ["CPNG", "FileSupport", "CheckedArithmetic"]),
        .target(name: "Datasets", dependencies: ["Tensors", "Imaging", "CZlib", "FileSupport", "CheckedArithmetic"]),
        .target(name: "Notebook", dependencies: ["FileSupport"]),

        // The Lua side: the host (state, calling convention, REPL) and one binding folder per Lua module.
        .target(name: "LuaHost", dependencies: ["CLua", "LuaShim", "CEdit", "FileSupport"]),
        .target(name: "Bindings",
                dependencies: ["LuaHost", "Tensors", "NN", "Datasets", "Imaging", "Notebook", "FileSupport",
                               "CheckedArithmetic"]),
        // The reference in docs/api/, written from what the modules declare (`lunette doc`).
        .target(name: "APIReference", dependencies: ["LuaHost"]),
        .executableTarget(name: "lunette",
                          dependencies: ["Bindings", "LuaHost", "APIReference",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Swift-level benchmarks (bench/run drives them together with the Lua and PyTorch ones).
        .executableTarget(name: "lunette-bench",
                          dependencies: ["Tensors", "NN", "Imaging", "Datasets", "CBLAS"],
                          path: "bench/swift"),

        // Helpers shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FileSupportTests", dependencies: ["FileSupport"]),
        .testTarget(name: "TensorsTests", dependencies: ["Tensors", "CKernels"]),
        .testTarget(name: "NNTests", dependencies: ["NN", "Tensors"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Tensors"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "TestSupport"]),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost", "CLua"]),
        // End to end: the built `lunette` executable runs Lua test files, the REPL and the experiments.
        .testTarget(name: "LunetteTests", dependencies: ["lunette", "TestSupport"]),
    ]
)
