/// The embedded store: one SQLite file (default `./nzs.db`, WAL) holding bars, instrument
/// metadata and saved runs (live state later). Opening it applies any schema migrations it is missing, each in its
/// own transaction, so an older store is upgraded in place and nothing stored is lost.
public final class Store {
    /// The schema, as the list of migrations that build it: the schema version is the number
    /// applied. Append new migrations; never edit a released one.
    static let migrations: [String] = [
        // 1: runs with their trades and per-bar series.
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at INTEGER NOT NULL,
            strategy TEXT NOT NULL,
            script_path TEXT NOT NULL,
            script_hash TEXT NOT NULL,
            data_path TEXT NOT NULL,
            data_hash TEXT NOT NULL,
            mode TEXT NOT NULL,
            bars INTEGER NOT NULL,
            params TEXT NOT NULL,
            settings TEXT NOT NULL,
            metrics TEXT NOT NULL,
            trades_count INTEGER NOT NULL,
            final_equity REAL,
            total_return REAL,
            sharpe REAL,
            max_drawdown REAL
        );
        CREATE TABLE run_trades (
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            side TEXT NOT NULL,
            entry_time INTEGER NOT NULL,
            entry_price REAL NOT NULL,
            exit_time INTEGER NOT NULL,
            exit_price REAL NOT NULL,
            quantity REAL NOT NULL,
            pnl REAL NOT NULL,
            fees REAL NOT NULL,
            funding REAL NOT NULL,
            exit_reason TEXT NOT NULL,
            ambiguous INTEGER NOT NULL,
            PRIMARY KEY (run_id, seq)
        );
        CREATE TABLE run_series (
            run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            times BLOB NOT NULL,
            equity BLOB NOT NULL,
            close BLOB NOT NULL
        );
        """,
        // 2: bars keyed by (symbol, timeframe, time), and instrument metadata.
        """
        CREATE TABLE bars (
            symbol TEXT NOT NULL,
            timeframe TEXT NOT NULL,
            time INTEGER NOT NULL,
            open REAL NOT NULL,
            high REAL NOT NULL,
            low REAL NOT NULL,
            close REAL NOT NULL,
            volume REAL,
            PRIMARY KEY (symbol, timeframe, time)
        ) WITHOUT ROWID;
        CREATE TABLE instruments (
            symbol TEXT PRIMARY KEY,
            point REAL,
            tick_size REAL,
            lot_step REAL,
            currency TEXT
        );
        """,
        // 3: the funding rate per bar (null where the data has none).
        """
        ALTER TABLE bars ADD COLUMN funding REAL;
        """,
        // 4: research studies (optimize, walk-forward, Monte Carlo) and a ledger of their trials.
        """
        CREATE TABLE studies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at INTEGER NOT NULL,
            kind TEXT NOT NULL,
            strategy TEXT NOT NULL,
            script_path TEXT NOT NULL,
            script_hash TEXT NOT NULL,
            data_path TEXT NOT NULL,
            data_hash TEXT NOT NULL,
            bars INTEGER NOT NULL,
            options TEXT NOT NULL,
            summary TEXT NOT NULL,
            trials_count INTEGER NOT NULL,
            interrupted INTEGER NOT NULL
        );
        CREATE TABLE study_trials (
            study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            part TEXT NOT NULL,
            params TEXT NOT NULL,
            metrics TEXT,
            objective REAL,
            error TEXT,
            PRIMARY KEY (study_id, seq)
        );
        """,
    ]

    static var schemaVersion: Int { migrations.count }

    let database: SQLiteDatabase
    public var path: String { database.path }

    /// Opens or creates the store and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        database = try SQLiteDatabase(path: path)
        try database.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        let current = try version()
        guard current <= Self.schemaVersion else {
            throw StoreError(path: path, reason: "the store has schema version \(current), newer than this nzs understands (\(Self.schemaVersion))")
        }
        for number in current..<Self.schemaVersion {
            try database.transaction { () throws(StoreError) in
                try database.execute(Self.migrations[number])
                try database.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)")
                    .bind([.text(String(number + 1))]).run()
            }
        }
    }

    /// The schema version recorded in the file (0 for a new one).
    public func version() throws(StoreError) -> Int {
        let statement = try database.prepare("SELECT value FROM meta WHERE key = 'schema_version'")
        guard try statement.step() else { return 0 }
        return Int(statement.text(0)) ?? 0
    }
}
