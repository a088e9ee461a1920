import Datasets
import Foundation
import LuaHost

// The Lua module `data`: built-in data sets, file readers, image preparation, preprocessing and text.
//
// Conventions (shared with the tensor module): positions are 1-based (dimensions, the `sources` of
// patches, k_fold positions, columns of read_csv); class ids and word ids are data, 0-based as in
// Keras: MNIST digit 5 is label 5 and one_hot puts its 1 in column 6, ECG5000 keeps its file classes
// 1-5 (and `normal`: 1 = normal, 0 = abnormal), word id 0 is padding. Labels and ids are int64
// tensors; images N x H x W x C (uint8 for the IDX sets, float32 in [0, 1] for PNG folders unless
// dtype = 'uint8'). Every loader returns a table whose `source` says where it read from. Anything
// random takes a `seed` option; without one it draws from tensor.manual_seed's generator.

/// Registers `data` and its classes. `dataFolder` is the embedded default data shipped with the
/// program; LUNETTE_DATA, when set, names the folder of the full sets, searched first.
func registerDataModule(in host: LuaHost, dataFolder: String?) {
    host.install(BatchesLua.luaClass)
    host.install(ScalerLua.luaClass)
    host.install(LabelEncoderLua.luaClass)
    host.install(VocabularyLua.luaClass)
    host.install(NegativeSamplerLua.luaClass)
    let locator = DataLocator.standard(embedded: dataFolder.map { URL(fileURLWithPath: $0) })
    host.register(module: "data") { module in
        registerDataLoaders(module, locator: locator)
        registerDataReaders(module)
        registerDataAudio(module)
        registerDataKerasText(module)
        registerDataImages(module)
        registerDataPreprocessing(module)
        registerDataText(module)
    }
}
