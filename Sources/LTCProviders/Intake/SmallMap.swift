/// A map for a handful of entries (a person's weeks and months, the months
/// of a submission): looked up by scanning, which for a few keys is quicker
/// than hashing them.
struct SmallMap<Key: Equatable, Value>: Sequence {
    private var keys: [Key] = []
    private var values: [Value] = []

    init() {}

    var isEmpty: Bool { keys.isEmpty }

    subscript(key: Key) -> Value? {
        get {
            guard let index = keys.firstIndex(of: key) else { return nil }
            return values[index]
        }
        set {
            if let index = keys.firstIndex(of: key) {
                if let newValue {
                    values[index] = newValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue)
            }
        }
    }

    subscript(key: Key, default fallback: @autoclosure () -> Value) -> Value {
        get { self[key] ?? fallback() }
        set { self[key] = newValue }
    }

    func makeIterator() -> Zip2Sequence<[Key], [Value]>.Iterator {
        zip(keys, values).makeIterator()
    }
}

/// A map from integers (person ids) to values, with a cheap multiplicative
/// hash instead of the standard library's seeded one: the intake looks up
/// people several times per log.
struct IntMap<Value> {
    private var keys: [Int]
    private var values: [Value?]
    private var used = [Bool]()
    private(set) var count = 0
    private var mask: Int

    init() {
        mask = 63
        keys = [Int](repeating: 0, count: 64)
        values = [Value?](repeating: nil, count: 64)
        used = [Bool](repeating: false, count: 64)
    }

    private func slot(_ key: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    subscript(key: Int) -> Value? {
        get {
            var index = slot(key)
            while used[index] {
                if keys[index] == key { return values[index] }
                index = (index + 1) & mask
            }
            return nil
        }
        set {
            guard let newValue else { preconditionFailure("IntMap does not remove single entries; clear it") }
            var index = slot(key)
            while used[index] {
                if keys[index] == key {
                    values[index] = newValue
                    return
                }
                index = (index + 1) & mask
            }
            used[index] = true
            keys[index] = key
            values[index] = newValue
            count += 1
            if count * 2 > mask { grow() }
        }
    }

    private mutating func grow() {
        let old = zip(keys, values).enumerated().filter { used[$0.offset] }.map { ($0.element.0, $0.element.1!) }
        let capacity = (mask + 1) * 2
        mask = capacity - 1
        keys = [Int](repeating: 0, count: capacity)
        values = [Value?](repeating: nil, count: capacity)
        used = [Bool](repeating: false, count: capacity)
        count = 0
        for (key, value) in old { self[key] = value }
    }
}
