/// Saving and reading runs.
extension Store {
    /// Saves a run with its trades and series in one transaction; returns its id.
    @discardableResult
    public func save(_ run: StoredRun) throws(StoreError) -> Int64 {
        try database.transaction { () throws(StoreError) -> Int64 in
            try database.prepare("""
                INSERT INTO runs (created_at, strategy, script_path, script_hash, data_path, data_hash, mode, bars, params, settings,
                                  metrics, trades_count, final_equity, total_return, sharpe, max_drawdown)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).bind([
                    .integer(run.createdAt), .text(run.strategy), .text(run.scriptPath), .text(run.scriptHash), .text(run.dataPath),
                    .text(run.dataHash), .text(run.mode), .integer(Int64(run.equity.count)), .text(run.paramsJSON),
                    .text(run.settingsJSON), .text(run.metricsJSON), .integer(Int64(run.trades.count)), .real(run.finalEquity),
                    .real(run.totalReturn), .real(run.sharpe), .real(run.maxDrawdown),
                ]).run()
            let id = database.lastInsertID
            let insert = try database.prepare("""
                INSERT INTO run_trades (run_id, seq, side, entry_time, entry_price, exit_time, exit_price, quantity, pnl, fees, funding,
                                        exit_reason, ambiguous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (seq, trade) in run.trades.enumerated() {
                try insert.bind([
                    .integer(id), .integer(Int64(seq)), .text(trade.side), .integer(trade.entryTime), .real(trade.entryPrice),
                    .integer(trade.exitTime), .real(trade.exitPrice), .real(trade.quantity), .real(trade.pnl), .real(trade.fees),
                    .real(trade.funding), .text(trade.exitReason), .integer(trade.ambiguous ? 1 : 0),
                ]).run()
            }
            try database.prepare("INSERT INTO run_series (run_id, times, equity, close) VALUES (?, ?, ?, ?)")
                .bind([.integer(id), .blob(Self.bytes(run.times)), .blob(Self.bytes(run.equity)), .blob(Self.bytes(run.close))]).run()
            return id
        }
    }

    /// Every saved run, newest first.
    public func runs() throws(StoreError) -> [RunSummary] {
        let statement = try database.prepare("""
            SELECT id, created_at, strategy, data_path, mode, bars, trades_count, final_equity, total_return, sharpe, max_drawdown
            FROM runs ORDER BY id DESC
            """)
        var summaries: [RunSummary] = []
        while try statement.step() {
            summaries.append(RunSummary(id: statement.int(0), createdAt: statement.int(1), strategy: statement.text(2),
                                        dataPath: statement.text(3), mode: statement.text(4), bars: Int(statement.int(5)),
                                        trades: Int(statement.int(6)), finalEquity: statement.double(7),
                                        totalReturn: statement.double(8), sharpe: statement.double(9), maxDrawdown: statement.double(10)))
        }
        return summaries
    }

    /// One run with its trades and series; nil when there is no run with that id.
    public func run(id: Int64) throws(StoreError) -> StoredRun? {
        let statement = try database.prepare("""
            SELECT created_at, strategy, script_path, script_hash, data_path, data_hash, mode, params, settings, metrics,
                   final_equity, total_return, sharpe, max_drawdown FROM runs WHERE id = ?
            """).bind([.integer(id)])
        guard try statement.step() else { return nil }
        var run = StoredRun(createdAt: statement.int(0), strategy: statement.text(1), scriptPath: statement.text(2),
                            scriptHash: statement.text(3), dataPath: statement.text(4), dataHash: statement.text(5),
                            mode: statement.text(6), paramsJSON: statement.text(7), settingsJSON: statement.text(8),
                            metricsJSON: statement.text(9), finalEquity: statement.double(10), totalReturn: statement.double(11),
                            sharpe: statement.double(12), maxDrawdown: statement.double(13), trades: [], times: [], equity: [], close: [])
        run.id = id
        let trades = try database.prepare("""
            SELECT side, entry_time, entry_price, exit_time, exit_price, quantity, pnl, fees, funding, exit_reason, ambiguous
            FROM run_trades WHERE run_id = ? ORDER BY seq
            """).bind([.integer(id)])
        while try trades.step() {
            run.trades.append(StoredTrade(side: trades.text(0), entryTime: trades.int(1), entryPrice: trades.double(2),
                                          exitTime: trades.int(3), exitPrice: trades.double(4), quantity: trades.double(5),
                                          pnl: trades.double(6), fees: trades.double(7), funding: trades.double(8),
                                          exitReason: trades.text(9), ambiguous: trades.int(10) != 0))
        }
        let series = try database.prepare("SELECT times, equity, close FROM run_series WHERE run_id = ?").bind([.integer(id)])
        if try series.step() {
            run.times = Self.values(series.blob(0), as: Int64.self)
            run.equity = Self.values(series.blob(1), as: Double.self)
            run.close = Self.values(series.blob(2), as: Double.self)
        }
        return run
    }

    /// Values as little-endian bytes (the machine's order on every platform NZS supports).
    static func bytes<T: BitwiseCopyable>(_ values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }

    static func values<T: BitwiseCopyable>(_ bytes: [UInt8], as: T.Type) -> [T] {
        let count = bytes.count / MemoryLayout<T>.stride
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                _ = raw.prefix(count * MemoryLayout<T>.stride).copyBytes(to: UnsafeMutableRawBufferPointer(buffer))
            }
            initialized = count
        }
    }
}
