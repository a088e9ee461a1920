/// The names closest to a misspelt one, for messages such as `nn has no layer 'MaxPool3D'`: edit
/// distance ignoring case, nearest first, at most `limit`, and only names close enough to be the
/// one meant (within a third of the name's length, at least 2 edits).
func nearestNames(to word: String, among names: [String], limit: Int = 3) -> [String] {
    let target = Array(word.lowercased())
    let allowed = Swift.max(2, target.count / 3)
    let scored = names.map { (name: $0, distance: editDistance(target, Array($0.lowercased()))) }
    return scored.filter { $0.distance <= allowed }
        .sorted { ($0.distance, $0.name) < ($1.distance, $1.name) }
        .prefix(limit).map(\.name)
}

/// Levenshtein distance: insertions, deletions and substitutions, one row at a time.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, ca) in a.enumerated() {
        var current = [i + 1]
        for (j, cb) in b.enumerated() {
            current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
        }
        previous = current
    }
    return previous[b.count]
}
