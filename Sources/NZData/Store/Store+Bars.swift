/// Bars and instruments in the store.
extension Store {
    /// What an import changed.
    public struct BarWrite: Sendable {
        public let inserted: Int
        public let updated: Int
        public let unchanged: Int
    }

    /// One stored data set: a symbol at a timeframe.
    public struct DataSet: Sendable, Hashable {
        public let symbol: String
        public let timeframe: String
        public let bars: Int
        public let first: Int64
        public let last: Int64
    }

    /// Instrument metadata (any field may be unknown).
    public struct Instrument: Sendable, Hashable {
        public var point: Double?
        public var tickSize: Double?
        public var lotStep: Double?
        public var currency: String?

        public init(point: Double? = nil, tickSize: Double? = nil, lotStep: Double? = nil, currency: String? = nil) {
            self.point = point
            self.tickSize = tickSize
            self.lotStep = lotStep
            self.currency = currency
        }
    }

    /// Writes bars in one transaction: new times are inserted, stored times with other values
    /// are updated, equal ones left alone, so importing the same file twice changes nothing.
    public func write(_ series: BarSeries, symbol: String, timeframe: String) throws(StoreError) -> BarWrite {
        try database.transaction { () throws(StoreError) -> BarWrite in
            let before = try count(symbol: symbol, timeframe: timeframe)
            let changesBefore = database.totalChanges
            let upsert = try database.prepare("""
                INSERT INTO bars (symbol, timeframe, time, open, high, low, close, volume, funding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (symbol, timeframe, time) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
                    close = excluded.close, volume = excluded.volume, funding = excluded.funding
                WHERE open IS NOT excluded.open OR high IS NOT excluded.high OR low IS NOT excluded.low
                    OR close IS NOT excluded.close OR volume IS NOT excluded.volume OR funding IS NOT excluded.funding
                """)
            let hasFunding = series.funding.count == series.count
            for index in 0..<series.count {
                try upsert.bind([.text(symbol), .text(timeframe), .integer(series.time[index]), .real(series.open[index]),
                                 .real(series.high[index]), .real(series.low[index]), .real(series.close[index]),
                                 .real(series.volume[index]), hasFunding ? .real(series.funding[index]) : .null]).run()
            }
            let inserted = try count(symbol: symbol, timeframe: timeframe) - before
            let changed = Int(database.totalChanges - changesBefore)
            return BarWrite(inserted: inserted, updated: changed - inserted, unchanged: series.count - changed)
        }
    }

    public func count(symbol: String, timeframe: String) throws(StoreError) -> Int {
        let statement = try database.prepare("SELECT count(*) FROM bars WHERE symbol = ? AND timeframe = ?")
            .bind([.text(symbol), .text(timeframe)])
        return try statement.step() ? Int(statement.int(0)) : 0
    }

    /// The bars of a symbol and timeframe with `from ≤ time ≤ to`, in time order.
    public func bars(symbol: String, timeframe: String, from: Int64? = nil, to: Int64? = nil) throws(StoreError) -> BarSeries {
        let statement = try database.prepare("""
            SELECT time, open, high, low, close, volume, funding FROM bars
            WHERE symbol = ? AND timeframe = ? AND time >= ? AND time <= ? ORDER BY time
            """).bind([.text(symbol), .text(timeframe), .integer(from ?? .min), .integer(to ?? .max)])
        var series = BarSeries(source: "\(symbol) \(timeframe)")
        var funding: [Double] = []
        var anyFunding = false
        while try statement.step() {
            let rate = statement.double(6)
            anyFunding = anyFunding || !rate.isNaN
            funding.append(rate)
            let time = statement.int(0)
            series.time.append(time)
            series.timeText.append(TimeParsing.iso8601(time))
            series.open.append(statement.double(1))
            series.high.append(statement.double(2))
            series.low.append(statement.double(3))
            series.close.append(statement.double(4))
            series.volume.append(statement.double(5))
        }
        if anyFunding { series.funding = funding }
        return series
    }

    /// Every stored symbol and timeframe.
    public func dataSets() throws(StoreError) -> [DataSet] {
        let statement = try database.prepare("""
            SELECT symbol, timeframe, count(*), min(time), max(time) FROM bars GROUP BY symbol, timeframe ORDER BY symbol, timeframe
            """)
        var sets: [DataSet] = []
        while try statement.step() {
            sets.append(DataSet(symbol: statement.text(0), timeframe: statement.text(1), bars: Int(statement.int(2)),
                                first: statement.int(3), last: statement.int(4)))
        }
        return sets
    }

    /// Deletes a symbol's bars at one timeframe; returns how many there were.
    public func deleteBars(symbol: String, timeframe: String) throws(StoreError) -> Int {
        try database.transaction { () throws(StoreError) -> Int in
            let existing = try count(symbol: symbol, timeframe: timeframe)
            try database.prepare("DELETE FROM bars WHERE symbol = ? AND timeframe = ?").bind([.text(symbol), .text(timeframe)]).run()
            return existing
        }
    }

    /// Sets the known fields of an instrument (unknown ones keep their stored values).
    public func setInstrument(_ symbol: String, _ instrument: Instrument) throws(StoreError) {
        func value(_ number: Double?) -> SQLiteValue { number.map { .real($0) } ?? .null }
        try database.prepare("""
            INSERT INTO instruments (symbol, point, tick_size, lot_step, currency) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (symbol) DO UPDATE SET point = coalesce(excluded.point, point),
                tick_size = coalesce(excluded.tick_size, tick_size), lot_step = coalesce(excluded.lot_step, lot_step),
                currency = coalesce(excluded.currency, currency)
            """).bind([.text(symbol), value(instrument.point), value(instrument.tickSize), value(instrument.lotStep),
                      instrument.currency.map { .text($0) } ?? .null]).run()
    }

    public func instrument(_ symbol: String) throws(StoreError) -> Instrument? {
        let statement = try database.prepare("SELECT point, tick_size, lot_step, currency FROM instruments WHERE symbol = ?")
            .bind([.text(symbol)])
        guard try statement.step() else { return nil }
        func optional(_ value: Double) -> Double? { value.isNaN ? nil : value }
        let currency = statement.text(3)
        return Instrument(point: optional(statement.double(0)), tickSize: optional(statement.double(1)),
                          lotStep: optional(statement.double(2)), currency: currency.isEmpty ? nil : currency)
    }
}
