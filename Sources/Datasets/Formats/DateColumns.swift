/// A calendar date and time of day read from text such as "2000-06-05 13:30:00".
public struct DateTimeParts: Sendable, Equatable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int

    /// ISO 8601's weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let days = DateTimeParts.daysSince1970(year: year, month: month, day: day)
        return ((days % 7 + 7) % 7 + 3) % 7 + 1
    }

    /// Days from 1970-01-01 in the proleptic Gregorian calendar: whole 400-year cycles of 146,097
    /// days, with March as the first month so that the leap day falls at the end of a year.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    /// Parses YYYY-MM-DD (or YYYY/MM/DD), optionally followed by a space or T and HH:MM or HH:MM:SS
    /// (fractions of a second and a final Z are allowed and ignored). Nil when the text is not such a
    /// date or names an impossible one (month 13, February 30, hour 24).
    public init?(parsing text: Substring) {
        var rest = text.utf8[...]
        func number(digits: Int) -> Int? {
            let part = rest.prefix(digits)
            guard part.count == digits, part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            rest = rest.dropFirst(digits)
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        func skip(_ byte: UInt8) -> Bool {
            guard rest.first == byte else { return false }
            rest = rest.dropFirst()
            return true
        }
        guard let year = number(digits: 4), let separator = rest.first, separator == 0x2D || separator == 0x2F,
              skip(separator), let month = number(digits: 2), skip(separator), let day = number(digits: 2) else { return nil }
        var hour = 0, minute = 0, second = 0
        if skip(0x20) || skip(0x54) {   // space or T
            guard let h = number(digits: 2), skip(0x3A), let m = number(digits: 2) else { return nil }
            (hour, minute) = (h, m)
            if skip(0x3A) {
                guard let s = number(digits: 2) else { return nil }
                second = s
                if skip(0x2E) { rest = rest.drop { $0 >= 0x30 && $0 <= 0x39 } }
            }
            _ = skip(0x5A)   // Z
        }
        guard rest.isEmpty, (1...12).contains(month), (1...DateTimeParts.daysInMonth(year: year, month: month)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }
}

extension Table {
    /// The parts a date column is split into, in the order they are added.
    public static let dateParts = ["year", "month", "day", "hour", "minute", "weekday"]

    /// Adds, after each chosen text column NAME, numeric columns NAME_year, NAME_month, NAME_day,
    /// NAME_hour, NAME_minute and NAME_weekday (1 = Monday ... 7 = Sunday); empty values give NaN.
    /// The text column stays. A value that is not a date is an error naming its column and data row.
    public func expandingDates(_ selectors: [ColumnSelector], operation: String) throws -> Table {
        let chosen = Set(try selectors.map { try position(of: $0, operation: operation) })
        var names: [String] = [], columns: [Column] = []
        for (position, (name, column)) in zip(self.names.indices, zip(self.names, self.columns)) {
            names.append(name); columns.append(column)
            guard chosen.contains(position) else { continue }
            guard case .text(let values) = column else {
                throw DatasetError(operation, file: source,
                                   "column '\(name)' holds numbers, not dates written like 2000-06-05 or 2000-06-05 13:30")
            }
            var parts = [[Float]](repeating: [Float](repeating: .nan, count: values.count), count: Table.dateParts.count)
            for (row, value) in values.enumerated() {
                let trimmed = value.trimmingSpaces
                if trimmed.isEmpty || trimmed == "NA" { continue }
                guard let date = DateTimeParts(parsing: trimmed[...]) else {
                    throw DatasetError(operation, file: source,
                                       "column '\(name)', data row \(row + 1): '\(value)' is not a date (expected YYYY-MM-DD, optionally with HH:MM or HH:MM:SS after a space or T)")
                }
                for (slot, part) in [date.year, date.month, date.day, date.hour, date.minute, date.weekday].enumerated() {
                    parts[slot][row] = Float(part)
                }
            }
            for (slot, part) in Table.dateParts.enumerated() {
                let partName = "\(name)_\(part)"
                guard !self.names.contains(partName) else {
                    throw DatasetError(operation, file: source, "the file already has a column '\(partName)'; rename it to split '\(name)' into dates")
                }
                names.append(partName); columns.append(.numeric(parts[slot]))
            }
        }
        return Table(names: names, columns: columns, rowCount: rowCount, source: source)
    }
}
