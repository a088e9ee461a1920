import Testing
import Synchronization
@testable import Tensors

extension TensorsTests {
    @Suite struct MemoryTests {
        @Test func temporariesKeepLiveBytesBounded() throws {
            // Other suites run at the same time and allocate too, so the bound is loose: a leak of these
            // temporaries would add 40 GB.
            let before = Storage.liveBytes
            var peak = before
            for _ in 0..<10_000 {
                let t = try Tensor.empty([1 << 20]) // 4 MB, freed by ARC at the end of the iteration
                try t.narrow(0, start: 0, length: 16).fill_(1)
                peak = max(peak, Storage.liveBytes)
            }
            #expect(peak - before < 512 << 20)
        }

        @Test func storageIsAligned() throws {
            for count in [0, 1, 3, 17, 1000, 1 << 20] {
                let t = try Tensor.empty([count])
                #expect(Int(bitPattern: t.storage.pointer) % Storage.alignment == 0)
                #expect(t.storage.byteCount == count * 4)
            }
        }

        @Test func allocationsAreCountedAndObserved() throws {
            _ = Storage.takeAllocatedBytes()
            let seen = Atomic<Int>(0)
            Storage.setAllocationObserver { bytes in seen.add(bytes, ordering: .relaxed) }
            defer { Storage.setAllocationObserver(nil) }
            _ = try Tensor.zeros([1000])
            #expect(Storage.takeAllocatedBytes() >= 4000)
            #expect(Storage.takeAllocatedBytes() < 4000)
            #expect(seen.load(ordering: .relaxed) >= 4000)
        }
    }

    @Suite struct FormattingTests {
        @Test func alignedColumnsAndFooter() throws {
            #expect(try tensor([1, 2, 3, 40, 5, 6], [2, 3]).description == " 1  2  3\n40  5  6\n[Tensor float32 2x3]")
            #expect(try tensor([1.5, -2.25], [2]).description == " 1.5000 -2.2500\n[Tensor float32 2]")
            #expect(try tensor([1e-6, 1], [2]).description == "1.0000e-06 1.0000e+00\n[Tensor float32 2]")
            #expect(try Tensor([3, -12] as [Int64]).description == "  3 -12\n[Tensor int64 2]")
            #expect(try Tensor([true, false], shape: [2]).description == " true false\n[Tensor bool 2]")
            #expect(Tensor(scalar: 2.5).description == "2.5000\n[Tensor float32 scalar]")
            #expect(try tensor([.nan, 1], [2]).description == "nan   1\n[Tensor float32 2]")
            #expect(try Tensor.zeros([0, 3]).description == "[]\n[Tensor float32 0x3]")
        }

        @Test func slicesOfHigherRankTensors() throws {
            let x = try tensor((1...8).map(Float.init), [2, 2, 2])
            #expect(x.description == "(0,.,.) =\n1 2\n3 4\n\n(1,.,.) =\n5 6\n7 8\n\n[Tensor float32 2x2x2]")
            #expect(x.format(indexBase: 1).hasPrefix("(1,.,.) =\n1 2"))
        }

        @Test func largeTensorsAreSummarized() throws {
            let text = try Tensor.arange(2000).reshape([40, 50]).description
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 8) // 3 rows, "...", 3 rows, footer
            #expect(lines[0] == "   0    1    2 ...   47   48   49")
            #expect(lines[3] == " ...")
            #expect(lines.last == "[Tensor int64 40x50]")
            // A long row wraps instead of making one very long line, its columns kept: a vector's
            // continuation lines start under its first, a matrix row's one column in.
            let vector = try Tensor.arange(start: 0, end: 100, step: 1).description.split(separator: "\n").dropLast()
            #expect(vector.count == 4 && vector.allSatisfy { $0.count <= 80 })
            #expect(vector[0].hasPrefix(" 0  1  2") && vector[1].hasPrefix("27 28 29"), "\(vector)")
            let matrix = try Tensor.arange(start: 0, end: 60, step: 1).reshape([2, 30]).description.split(separator: "\n")
            #expect(matrix[0].hasPrefix(" 0  1") && matrix[1] == "   27 28 29" && matrix[2].hasPrefix("30 31"), "\(matrix)")
        }
    }

    @Suite struct RandomTests {
        @Test func seedsReproduce() throws {
            Random.manualSeed(42)
            let a = try floats(Tensor.randn([5]))
            Random.manualSeed(42)
            #expect(try floats(Tensor.randn([5])) == a)
            #expect(try floats(Tensor.randn([5])) != a)
        }

        @Test func distributions() throws {
            Random.manualSeed(3)
            let n = try Tensor.randn([200_000])
            #expect(abs(try n.mean().item()) < 0.01)
            #expect(abs(try n.std().item() - 1) < 0.01)
            let u = try Tensor.uniform([100_000], low: -2, high: 6)
            #expect(try u.min().item() >= -2 && u.max().item() < 6)
            #expect(abs(try u.mean().item() - 2) < 0.05)
            let g = try Tensor.normal([100_000], mean: 5, std: 0.5)
            #expect(abs(try g.mean().item() - 5) < 0.01)
            #expect(abs(try g.std().item() - 0.5) < 0.01)
            let r = try Tensor.randint(low: 3, high: 7, [10_000])
            #expect(try r.min().item() == 3 && r.max().item() == 6)
            let counts = try (0..<4).map { try r.eq(Double($0 + 3)).sum().item() }
            #expect(counts.allSatisfy { abs($0 - 2500) < 200 })
            let p = try Tensor.randperm(100)
            #expect(try ints(p.sort().values) == (0..<100).map(Int64.init))
            #expect(try ints(p) != (0..<100).map(Int64.init))
            let mask = try Tensor.bernoulli([100_000], p: 0.3)
            #expect(abs(try mask.mean().item() - 0.3) < 0.01)
            #expect(try mask.eq(0).logicalOr(mask.eq(1)).all())
        }
    }
}
