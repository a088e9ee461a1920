import Foundation
import Testing
@testable import Datasets

@Suite("CSV and TSV reader")
struct CSVTests {
    @Test func headerNumbersAndTextColumns() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("people.csv", "name,age,height\nAda,36,1.65\nAlan,41,1.78\n")
        let table = try CSV.read(path: path)
        #expect(table.names == ["name", "age", "height"])
        #expect(table.rowCount == 2)
        #expect(table.columns[0] == .text(["Ada", "Alan"]))
        #expect(table.columns[1] == .numeric([36, 41]))
        #expect(table.columns[2] == .numeric([1.65, 1.78]))
        #expect(try table.numericMatrix() == NumericArray(shape: [2, 2], values: [36, 1.65, 41, 1.78]))
    }

    @Test func rfc4180QuotingWithDelimitersQuotesAndLineBreaks() throws {
        let folder = try TemporaryFolder()
        let text = "id,comment\r\n1,\"plain\"\r\n2,\"has, comma\"\r\n3,\"says \"\"hi\"\"\"\r\n4,\"two\r\nlines\"\r\n5,\r\n"
        let table = try CSV.read(path: try folder.write("quoted.csv", text))
        #expect(table.names == ["id", "comment"])
        #expect(table.columns[0] == .numeric([1, 2, 3, 4, 5]))
        #expect(table.columns[1] == .text(["plain", "has, comma", "says \"hi\"", "two\nlines", ""]))
    }

    @Test func unclosedQuoteNamesTheLineWhereItStarts() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n")
        let error = expectDatasetError { _ = try CSV.read(path: path) }
        #expect(error?.location == .line(3))
        #expect(error?.reason.contains("never closed") == true)
    }

    @Test func detectsTabSemicolonAndPipeDelimiters() throws {
        let folder = try TemporaryFolder()
        for (name, separator): (String, String) in [("t.txt", "\t"), ("s.csv", ";"), ("p.csv", "|")] {
            let rows: [[String]] = [["x", "y"], ["1", "2"], ["3", "4,5"]]
            let text: String = rows.map { $0.joined(separator: separator) + "\n" }.joined()
            let path = try folder.write(name, text)
            let table = try CSV.read(path: path)
            #expect(table.names == ["x", "y"], "delimiter \(separator)")
            #expect(table.columns[0] == .numeric([1, 3]))
            #expect(table.columns[1] == .text(["2", "4,5"]))
        }
    }

    @Test func tsvFilesUseTabsAndGzipIsTransparent() throws {
        let folder = try TemporaryFolder()
        let path = try folder.writeGzip("series.tsv.gz", Array("1\t0.5\t-0.25\n2\t1e-3\t4\n".utf8))
        let table = try CSV.read(path: path)
        #expect(table.names == ["column1", "column2", "column3"])
        #expect(try table.numericMatrix() == NumericArray(shape: [2, 3], values: [1, 0.5, -0.25, 2, 0.001, 4]))
    }

    @Test func noHeaderWhenTheFirstRowHasNumbers() throws {
        let folder = try TemporaryFolder()
        let table = try CSV.read(path: try folder.write("n.csv", "1,2\n3,4\n"))
        #expect(table.rowCount == 2)
        #expect(table.names == ["column1", "column2"])
    }

    @Test func headerCanBeForcedEitherWay() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("w.csv", "apple,red\npear,green\n")
        #expect(try CSV.read(path: path).rowCount == 2)
        let withHeader = try CSV.read(path: path, options: CSVOptions(header: true))
        #expect(withHeader.names == ["apple", "red"])
        #expect(withHeader.columns[1] == .text(["green"]))
    }

    @Test func missingValuesBecomeNaNInNumericColumns() throws {
        let folder = try TemporaryFolder()
        let table = try CSV.read(path: try folder.write("m.csv", "a,b\n1,\nNA,2\n?,3\n"))
        guard case .numeric(let a) = table.columns[0], case .numeric(let b) = table.columns[1] else {
            Issue.record("expected numeric columns, got \(table.columns)")
            return
        }
        #expect(a[0] == 1 && a[1].isNaN && a[2].isNaN)
        #expect(b[0].isNaN && b[1] == 2 && b[2] == 3)
    }

    @Test func selectsColumnsByNameAndIndex() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("s.csv", "a,b,c\n1,2,3\n4,5,6\n")
        let table = try CSV.read(path: path, options: CSVOptions(columns: ["c", .index(0)]))
        #expect(table.names == ["c", "a"])
        #expect(table.columns == [.numeric([3, 6]), .numeric([1, 4])])
        let error = expectDatasetError { _ = try CSV.read(path: path, options: CSVOptions(columns: ["z"])) }
        #expect(error?.reason.contains("no column named 'z'; the columns are 'a', 'b', 'c'") == true)
        let indexError = expectDatasetError { _ = try CSV.read(path: path, options: CSVOptions(columns: [.index(3)])) }
        #expect(indexError?.reason.contains("out of range") == true)
    }

    @Test func limitKeepsTheFirstRows() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("l.csv", "v\n" + (1...50).map(String.init).joined(separator: "\n"))
        let table = try CSV.read(path: path, options: CSVOptions(limit: 30))
        #expect(table.columns == [.numeric((1...30).map(Float.init))])
    }

    @Test func raggedRowNamesTheLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("ragged.csv", "a,b,c\n1,2,3\n4,5,6\n7,8\n")
        let error = expectDatasetError { _ = try CSV.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .line(4))
        #expect(error?.reason == "this row has 2 fields but line 1 has 3; every row needs the same number of fields")
        // Also far past the rows used for header detection.
        let long = "x,y\n" + String(repeating: "1,2\n", count: 100) + "3\n"
        let longPath = try folder.write("ragged-late.csv", long)
        #expect(expectDatasetError { _ = try CSV.read(path: longPath) }?.location == .line(102))
    }

    @Test func emptyFileGivesAnEmptyTable() throws {
        let folder = try TemporaryFolder()
        let table = try CSV.read(path: try folder.write("empty.csv", ""))
        #expect(table.rowCount == 0 && table.columns.isEmpty)
    }
}
