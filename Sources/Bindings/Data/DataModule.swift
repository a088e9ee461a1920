import Datasets
import Foundation
import LuaHost

/// Registers `data` and its classes. `dataFolder` is the embedded default data shipped with the
/// program; LUNETTE_DATA, when set, names the folder of the full sets, searched first.
func registerDataModule(in host: LuaHost, dataFolder: String?) {
    host.install(BatchesLua.luaClass)
    host.install(ScalerLua.luaClass)
    host.install(LabelEncoderLua.luaClass)
    host.install(VocabularyLua.luaClass)
    host.install(NegativeSamplerLua.luaClass)
    let locator = DataLocator.standard(embedded: dataFolder.map { URL(fileURLWithPath: $0) })
    host.register(module: "data", summary: """
        Built-in data sets, file readers and writers, image preparation, preprocessing and text, as \
        keras.datasets, keras.utils and scikit-learn's preprocessing offer them. Positions are 1-based \
        (dimensions, the `sources` of patches, k_fold positions, columns of read_csv); class ids and word \
        ids are data, 0-based as in Keras: MNIST digit 5 is label 5 and one_hot puts its 1 in column 6, \
        word id 0 is padding. Labels and ids are int64 tensors; images are N x H x W x C (uint8 for the IDX \
        sets, float32 in [0, 1] for PNG folders unless dtype = 'uint8'). Every loader's result says where it \
        read from in `source`. Anything random takes a `seed` option; without one it draws from \
        tensor.manual_seed's generator. The loaders read the full sets from the folder LUNETTE_DATA names, \
        else the small subsets embedded in the program.
        """) { module in
        declareDataLoaders(module, locator: locator)
        declareDataReaders(module)
        declareDataAudio(module)
        declareDataKerasText(module)
        declareDataImages(module)
        declareDataLabels(module)
        declareDataSplitting(module)
        declareDataSequences(module)
        declareDataScaling(module)
        declareDataText(module)
    }
}
