import Foundation
import Testing
@testable import Datasets

@Suite("Dates in CSV columns")
struct DateColumnsTests {
    @Test func weekdaysAgreeWithFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let day = Int.random(in: -40_000...60_000, using: &generator)
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let text = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let parsed = try #require(DateTimeParts(parsing: text[...]), "\(text) was not parsed")
            #expect(DateTimeParts.daysSince1970(year: parsed.year, month: parsed.month, day: parsed.day) == day)
            // Foundation counts 1 = Sunday ... 7 = Saturday; ISO 1 = Monday ... 7 = Sunday.
            #expect(parsed.weekday == (parts.weekday! + 5) % 7 + 1, "\(text)")
        }
    }

    @Test func acceptsTheUsualSpellingsAndRefusesImpossibleDates() {
        let good = ["2000-06-05", "2000/06/05", "2000-06-05 13:30", "2000-06-05T13:30:15", "2000-06-05T13:30:15.250Z", "2024-02-29"]
        for text in good { #expect(DateTimeParts(parsing: text[...]) != nil, "\(text)") }
        let bad = ["2000-13-01", "2001-02-29", "1900-02-29", "2000-06-31", "2000-06-05 24:00", "2000-06-05 12:60",
                   "2000-6-5", "05.06.2000", "2000-06-05 13", "2000-06/05", "2000-06-05x", "today", ""]
        for text in bad { #expect(DateTimeParts(parsing: text[...]) == nil, "\(text)") }
        let parts = DateTimeParts(parsing: "1999-12-31 23:59:58"[...])
        #expect(parts.map { [$0.year, $0.month, $0.day, $0.hour, $0.minute, $0.second] } == [1999, 12, 31, 23, 59, 58])
    }

    @Test func readCSVSplitsDateColumns() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("demand.csv", "when,load\n2000-06-05 00:30,1.5\n2000-06-11T23:00:00,2\n,3\n")
        let table = try CSV.read(path: path, options: CSVOptions(dates: ["when"]))
        #expect(table.names == ["when", "when_year", "when_month", "when_day", "when_hour", "when_minute", "when_weekday", "load"])
        let matrix = try table.numericMatrix()
        #expect(matrix.shape == [3, 7])
        #expect(Array(matrix.values[0..<7]) == [2000, 6, 5, 0, 30, 1, 1.5])   // a Monday
        #expect(Array(matrix.values[7..<14]) == [2000, 6, 11, 23, 0, 7, 2])   // the Sunday after
        #expect(matrix.values[14..<20].allSatisfy(\.isNaN) && matrix.values[20] == 3)
    }

    @Test func badDatesNameTheColumnAndRow() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.csv", "when,load\n2000-06-05,1\n2000-02-30,2\n")
        #expect(throws: DatasetError.self) { try CSV.read(path: path, options: CSVOptions(dates: ["when"])) }
        do {
            _ = try CSV.read(path: path, options: CSVOptions(dates: ["when"]))
        } catch let error as DatasetError {
            #expect(error.description.contains("column 'when', data row 2: '2000-02-30' is not a date"))
        }
        do {
            _ = try CSV.read(path: path, options: CSVOptions(dates: ["load"]))
            Issue.record("a numeric column was split as dates")
        } catch let error as DatasetError {
            #expect(error.description.contains("column 'load' holds numbers, not dates"))
        }
    }
}
