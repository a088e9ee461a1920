import Foundation
import Testing
@testable import Datasets

@Suite("ARFF reader")
struct ARFFTests {
    let weather = """
    % The weather example with every kind of attribute.
    @RELATION 'weather data'

    @attribute outlook {sunny, overcast, 'light rain'}
    @attribute temperature real
    @attribute humidity INTEGER
    @attribute 'wind note' string
    @attribute day date "yyyy-MM-dd"
    @attribute play {yes,no}

    @data
    sunny,85,85,'calm',2024-01-02,no
    % a comment between rows
    overcast, 83.5 , ?, "it's \\"gusty\\"", 2024-01-03, yes
    'light rain',70,96,'line one\\nline two\\\\end',?,yes
    ?,-1e2,0,'O\\'Neil',2024-01-05,?
    """

    @Test func readsHeaderAndEveryAttributeKind() throws {
        let folder = try TemporaryFolder()
        let dataset = try ARFF.read(path: try folder.write("weather.arff", weather))
        #expect(dataset.relation == "weather data")
        #expect(dataset.attributes.map(\.name) == ["outlook", "temperature", "humidity", "wind note", "day", "play"])
        #expect(dataset.attributes[0].kind == .nominal(["sunny", "overcast", "light rain"]))
        #expect(dataset.attributes[1].kind == .numeric)
        #expect(dataset.attributes[3].kind == .string)
        #expect(dataset.attributes[4].kind == .date(format: "yyyy-MM-dd"))
        let table = dataset.table
        #expect(table.rowCount == 4)
        #expect(table.columns[0] == .categorical(codes: [0, 1, 2, -1], categories: ["sunny", "overcast", "light rain"]))
        #expect(table.columns[1] == .numeric([85, 83.5, 70, -100]))
        guard case .numeric(let humidity) = table.columns[2] else { Issue.record("humidity not numeric"); return }
        #expect(humidity[0] == 85 && humidity[1].isNaN && humidity[2] == 96 && humidity[3] == 0)
        #expect(table.columns[3] == .text(["calm", "it's \"gusty\"", "line one\nline two\\end", "O'Neil"]))
        #expect(table.columns[4] == .text(["2024-01-02", "2024-01-03", "", "2024-01-05"]))
        #expect(table.columns[5] == .categorical(codes: [1, 0, 0, -1], categories: ["yes", "no"]))
    }

    @Test func sparseRowsLeaveOutZeros() throws {
        let folder = try TemporaryFolder()
        let text = "@relation s\n@attribute a numeric\n@attribute b numeric\n@attribute c {x,y}\n@attribute d string\n@data\n{1 2.5, 3 'w'}\n{}\n{0 1,2 y}\n"
        let table = try ARFF.read(path: try folder.write("sparse.arff", text)).table
        #expect(table.columns[0] == .numeric([0, 0, 1]))
        #expect(table.columns[1] == .numeric([2.5, 0, 0]))
        #expect(table.columns[2] == .categorical(codes: [0, 0, 1], categories: ["x", "y"]))
        #expect(table.columns[3] == .text(["w", "", ""]))
    }

    @Test func unknownAttributeTypeNamesTheLine() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.arff", "@relation r\n\n@attribute x numeric\n@attribute y colour\n@data\n1,red\n")
        let error = expectDatasetError { _ = try ARFF.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.location == .line(4))
        #expect(error?.reason.contains("unknown type 'colour' for attribute 'y'") == true)
    }

    @Test func badRowsNameTheLine() throws {
        let folder = try TemporaryFolder()
        let header = "@relation r\n@attribute x numeric\n@attribute c {a,b}\n@data\n"
        let cases: [(String, String)] = [
            ("1,a\n2\n", "1 values but 2 attributes"),
            ("1,a\n2,a,3\n", "more values"),
            ("1,a\nten,a\n", "numeric but the value is 'ten'"),
            ("1,a\n2,z\n", "'z' is not one of the values"),
            ("1,a\n2,'b\n", "never closed"),
        ]
        for (index, (rows, message)) in cases.enumerated() {
            let path = try folder.write("row\(index).arff", header + rows)
            let error = expectDatasetError { _ = try ARFF.read(path: path) }
            #expect(error?.location == .line(6), "case \(index)")
            #expect(error?.reason.contains(message) == true, "case \(index): \(String(describing: error))")
        }
    }

    @Test func missingDataSectionIsAnError() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("nodata.arff", "@relation r\n@attribute x numeric\n")
        #expect(expectDatasetError { _ = try ARFF.read(path: path) }?.reason.contains("no @data") == true)
    }
}
