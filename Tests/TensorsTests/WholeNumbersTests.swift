import Testing
@testable import Tensors

extension TensorsTests {
    @Suite struct WholeNumbersTests {
        struct NotWhole: Error, Equatable {
            let position: Int
        }

        @Test func integerTensorsAndWholeFloatsAreRead() throws {
            #expect(try Tensor([Int64(-3), 7]).wholeNumbers { position, _ in NotWhole(position: position) } == [-3, 7])
            #expect(try Tensor([UInt8(255)]).wholeNumbers { position, _ in NotWhole(position: position) } == [255])
            #expect(try tensor([2, -0, 16_777_216], [3]).wholeNumbers { position, _ in NotWhole(position: position) } == [2, 0, 16_777_216])
        }

        @Test func theFirstElementThatIsNotWholeIsNamed() {
            // Fractions, NaN and values beyond Int64 are not whole numbers.
            for (values, position) in [([1, 2.5, 0.5], 1), ([Float.nan], 0), ([1, 0x1p63], 1)] as [([Float], Int)] {
                #expect(throws: NotWhole(position: position)) {
                    try tensor(values, [values.count]).wholeNumbers { position, _ in NotWhole(position: position) }
                }
            }
        }
    }
}
